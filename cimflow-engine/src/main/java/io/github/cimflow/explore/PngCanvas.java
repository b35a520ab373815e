package io.github.cimflow.explore;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Draws into an in-memory image with Java 2D; works without a display (headless). */
final class PngCanvas implements ChartCanvas {
    private final BufferedImage image;
    private final Graphics2D graphics;

    PngCanvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, width, height);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double width) {
        graphics.setColor(new Color(rgb));
        graphics.setStroke(new BasicStroke((float) width));
        graphics.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void dot(double x, double y, double radius, int rgb) {
        graphics.setColor(new Color(rgb));
        graphics.fill(new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius));
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, int rgb, boolean vertical) {
        graphics.setColor(new Color(rgb));
        graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(size)));
        double textWidth = graphics.getFontMetrics().stringWidth(text);
        double shift = switch (anchor) {
            case START -> 0;
            case MIDDLE -> -textWidth / 2;
            case END -> -textWidth;
        };
        AffineTransform saved = graphics.getTransform();
        graphics.translate(x, y);
        if (vertical) {
            graphics.rotate(-Math.PI / 2);
        }
        graphics.drawString(text, (float) shift, 0f);
        graphics.setTransform(saved);
    }

    byte[] png() {
        graphics.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
