package io.github.cimflow.explore;

import java.util.Locale;

/** Builds an SVG document; coordinates are written with 2 decimals so the text is deterministic. */
final class SvgCanvas implements ChartCanvas {
    private final StringBuilder body = new StringBuilder();
    private final int width;
    private final int height;

    SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double lineWidth) {
        body.append(String.format(Locale.ROOT,
                "  <line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" stroke-width=\"%.2f\"/>\n",
                x1, y1, x2, y2, color(rgb), lineWidth));
    }

    @Override
    public void dot(double x, double y, double radius, int rgb) {
        body.append(String.format(Locale.ROOT, "  <circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" fill=\"%s\"/>\n",
                x, y, radius, color(rgb)));
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, int rgb, boolean vertical) {
        String textAnchor = switch (anchor) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        String rotation = vertical ? String.format(Locale.ROOT, " transform=\"rotate(-90 %.2f %.2f)\"", x, y) : "";
        body.append(String.format(Locale.ROOT,
                "  <text x=\"%.2f\" y=\"%.2f\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"%.1f\" "
                        + "text-anchor=\"%s\" fill=\"%s\"%s>%s</text>\n",
                x, y, size, textAnchor, color(rgb), rotation, escape(text)));
    }

    String document() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\">\n", width, height, width, height)
                + String.format(Locale.ROOT, "  <rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", width, height)
                + body + "</svg>\n";
    }

    private static String color(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xffffff);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
