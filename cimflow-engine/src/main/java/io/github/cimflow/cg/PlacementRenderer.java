package io.github.cimflow.cg;

import io.github.cimflow.CimflowException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws each stage's placement on the core grid as PNG (Java2D, headless) and SVG: one square per
 * core, coloured by layer, labelled with the layer's position in the stage and the replica.
 * Colours come from the layer index, so the same compilation always gives the same pictures.
 */
public final class PlacementRenderer {
    private static final int CELL = 56;
    private static final int MARGIN = 20;
    private static final int LEGEND_LINE = 16;
    /** Pixels from a legend line's colour square to the start of its text. */
    private static final int SWATCH_ADVANCE = 14;
    /**
     * Width of one character in the SVG, whose font the viewer picks. Monospaced fonts such as DejaVu Sans
     * Mono and Courier New advance 0.6 em, 6.6 pixels at the 11-pixel size used here.
     */
    private static final int SVG_CHARACTER_WIDTH = 7;
    private static final Font LABEL_FONT = new Font(Font.MONOSPACED, Font.PLAIN, 11);

    private PlacementRenderer() {
    }

    /** Writes {@code <stem>_stage<s>.png} and {@code .svg} for every stage; returns the files written. */
    public static List<Path> write(CgCompilation compilation, Path directory, String stem) {
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, byte[]> picture : render(compilation, stem).entrySet()) {
            Path file = directory.resolve(picture.getKey());
            try {
                Files.write(file, picture.getValue());
            } catch (IOException e) {
                throw new CimflowException("cannot write placement picture " + file + ": " + e.getMessage(), e);
            }
            files.add(file);
        }
        return files;
    }

    /**
     * Renders every stage without writing anything, for callers that write files their own way.
     *
     * @return file name ({@code <stem>_stage<s>.png}, then {@code .svg}, stage by stage) to its bytes
     */
    public static Map<String, byte[]> render(CgCompilation compilation, String stem) {
        System.setProperty("java.awt.headless", "true");
        Map<String, byte[]> pictures = new LinkedHashMap<>();
        for (int s = 0; s < compilation.partition().stages().size(); s++) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            try {
                ImageIO.write(png(compilation, s), "png", png);
            } catch (IOException e) {
                throw new CimflowException("cannot encode placement picture " + stem + "_stage" + s + ".png: "
                        + e.getMessage(), e);
            }
            pictures.put(stem + "_stage" + s + ".png", png.toByteArray());
            pictures.put(stem + "_stage" + s + ".svg", svg(compilation, s).getBytes(StandardCharsets.UTF_8));
        }
        return pictures;
    }

    /** One cell of the grid: which layer (position in the stage) and replica, or -1 for an idle core. */
    private record Cell(int position, int replica) {
    }

    private static Cell[] cells(StagePlan plan, int coreCount) {
        Cell[] cells = new Cell[coreCount];
        for (int i = 0; i < coreCount; i++) {
            cells[i] = new Cell(-1, -1);
        }
        for (int i = 0; i < plan.layers().length; i++) {
            for (int r = 0; r < plan.replicas()[i]; r++) {
                for (int core : plan.cores()[i][r]) {
                    cells[core] = new Cell(i, r);
                }
            }
        }
        return cells;
    }

    private static Color color(int layerIndex) {
        float hue = (layerIndex * 0.618034f) % 1f;
        return Color.getHSBColor(hue, 0.45f, 0.95f);
    }

    private static int side(CgCompilation compilation) {
        return (int) Math.round(Math.sqrt(compilation.program().metadata().arch().coreCount()));
    }

    static BufferedImage png(CgCompilation compilation, int stage) {
        return png(compilation, stage, LABEL_FONT);
    }

    /**
     * Draws one stage with {@code font}. The picture is sized to the text as this font measures it, because
     * Java maps {@link Font#MONOSPACED} to whatever font the machine has, and its width varies.
     */
    static BufferedImage png(CgCompilation compilation, int stage, Font font) {
        StagePlan plan = compilation.partition().stages().get(stage);
        int side = side(compilation);
        Cell[] cells = cells(plan, side * side);
        int gridSize = side * CELL;
        String title = title(compilation, stage);
        List<String> legend = legend(compilation, plan);

        FontMetrics metrics = metrics(font);
        int textWidth = metrics.stringWidth(title);
        for (String line : legend) {
            textWidth = Math.max(textWidth, SWATCH_ADVANCE + metrics.stringWidth(line));
        }
        int lineHeight = Math.max(LEGEND_LINE, metrics.getHeight());
        int titleBaseline = MARGIN + gridSize + 4 + lineHeight;
        int width = Math.max(gridSize, textWidth) + 2 * MARGIN;
        int height = titleBaseline + legend.size() * lineHeight + metrics.getDescent() + MARGIN;

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(font);
        for (int core = 0; core < cells.length; core++) {
            int x = MARGIN + (core % side) * CELL;
            int y = MARGIN + (core / side) * CELL;
            Cell cell = cells[core];
            g.setColor(cell.position() < 0 ? new Color(235, 235, 235) : color(plan.layers()[cell.position()]));
            g.fillRect(x, y, CELL, CELL);
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(x, y, CELL, CELL);
            if (cell.position() >= 0) {
                g.setColor(Color.BLACK);
                g.drawString("L" + cell.position(), x + 4, y + 18);
                g.drawString("r" + cell.replica(), x + 4, y + 34);
            }
        }
        g.setColor(Color.BLACK);
        int y = titleBaseline;
        g.drawString(title, MARGIN, y);
        for (int i = 0; i < legend.size(); i++) {
            y += lineHeight;
            g.setColor(color(plan.layers()[i]));
            g.fillRect(MARGIN, y - 10, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(legend.get(i), MARGIN + SWATCH_ADVANCE, y);
        }
        g.dispose();
        return image;
    }

    private static FontMetrics metrics(Font font) {
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        scratch.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        FontMetrics metrics = scratch.getFontMetrics(font);
        scratch.dispose();
        return metrics;
    }

    private static String title(CgCompilation compilation, int stage) {
        StagePlan plan = compilation.partition().stages().get(stage);
        return String.format(Locale.ROOT, "stage %d: %s, %d idle, cost %d cycles", stage,
                plan.pattern().displayName(), side(compilation) * side(compilation) - plan.usedCores(),
                plan.costCycles());
    }

    /** Builds one legend line per layer of the stage: position, layer name, replicas x cores per replica. */
    private static List<String> legend(CgCompilation compilation, StagePlan plan) {
        List<String> lines = new ArrayList<>();
        for (int position = 0; position < plan.layers().length; position++) {
            Layer layer = compilation.layers().layer(plan.layers()[position]);
            lines.add("L" + position + " " + layer.name() + " " + plan.replicas()[position] + "x"
                    + layer.capacity().coresPerReplica());
        }
        return lines;
    }

    static String svg(CgCompilation compilation, int stage) {
        StagePlan plan = compilation.partition().stages().get(stage);
        int side = side(compilation);
        Cell[] cells = cells(plan, side * side);
        int gridSize = side * CELL;
        String title = title(compilation, stage);
        List<String> legend = legend(compilation, plan);
        int textWidth = title.length() * SVG_CHARACTER_WIDTH;
        for (String line : legend) {
            textWidth = Math.max(textWidth, SWATCH_ADVANCE + line.length() * SVG_CHARACTER_WIDTH);
        }
        int width = Math.max(gridSize, textWidth) + 2 * MARGIN;
        int height = gridSize + 2 * MARGIN + 24 + legend.size() * LEGEND_LINE;
        StringBuilder out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" font-family=\"monospace\" font-size=\"11\">\n");
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        for (int core = 0; core < cells.length; core++) {
            int x = MARGIN + (core % side) * CELL;
            int y = MARGIN + (core / side) * CELL;
            Cell cell = cells[core];
            String fill = cell.position() < 0 ? "#ebebeb" : hex(color(plan.layers()[cell.position()]));
            out.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(CELL)
                    .append("\" height=\"").append(CELL).append("\" fill=\"").append(fill)
                    .append("\" stroke=\"#404040\"/>\n");
            if (cell.position() >= 0) {
                out.append("<text x=\"").append(x + 4).append("\" y=\"").append(y + 18).append("\">L")
                        .append(cell.position()).append("</text>\n");
                out.append("<text x=\"").append(x + 4).append("\" y=\"").append(y + 34).append("\">r")
                        .append(cell.replica()).append("</text>\n");
            }
        }
        int y = MARGIN + gridSize + 20;
        out.append("<text x=\"").append(MARGIN).append("\" y=\"").append(y).append("\">")
                .append(escape(title)).append("</text>\n");
        for (int i = 0; i < legend.size(); i++) {
            y += LEGEND_LINE;
            out.append("<rect x=\"").append(MARGIN).append("\" y=\"").append(y - 10)
                    .append("\" width=\"10\" height=\"10\" fill=\"").append(hex(color(plan.layers()[i])))
                    .append("\"/>\n");
            out.append("<text x=\"").append(MARGIN + SWATCH_ADVANCE).append("\" y=\"").append(y).append("\">")
                    .append(escape(legend.get(i))).append("</text>\n");
        }
        out.append("</svg>\n");
        return out.toString();
    }

    private static String hex(Color color) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", color.getRed(), color.getGreen(), color.getBlue());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
