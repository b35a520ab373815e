package io.github.cimflow.explore;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A 2-D chart of labelled point series, drawn on any {@link ChartCanvas}.
 *
 * <p>Up to {@link #SIDE_LEGEND_ENTRIES} named series get a legend to the right of the plot. More
 * go into a legend of columns below it, and the chart grows taller instead of dropping entries.
 * When there are more series than palette colors, so that colors repeat, every legend entry is
 * numbered and the rightmost point of each series carries its number.
 *
 * @param title        heading
 * @param xLabel       x axis title
 * @param yLabel       y axis title
 * @param xCategories  names of the x positions 0, 1, 2, ... for a categorical axis, or null for a numeric one
 * @param series       the series, drawn in order
 * @param notes        lines of text under the chart and its legend, such as a table of the labelled points
 */
record Chart(String title, String xLabel, String yLabel, List<String> xCategories, List<Series> series,
             List<String> notes) {
    static final int WIDTH = 760;
    static final int HEIGHT = 480;
    /** Named series that fit in the legend beside the plot, at {@link #LEGEND_LINE} pixels each. */
    static final int SIDE_LEGEND_ENTRIES = 20;
    private static final double LEFT = 90;
    private static final double SIDE_LEGEND_WIDTH = 200;
    private static final double NARROW_RIGHT = 30;
    private static final double TOP = 40;
    private static final double BOTTOM = 60;
    private static final double LEGEND_LINE = 18;
    private static final double NOTE_LINE = 15;
    /** Estimated width of one character of 11-pixel sans-serif text, for laying out legend columns. */
    private static final double CHARACTER_WIDTH = 6.5;
    private static final int AXIS = 0x333333;
    private static final int GRID = 0xdddddd;
    /** Colors that stay distinguishable in print and for common color-vision deficiencies (Okabe–Ito). */
    static final int[] PALETTE = {0x0072b2, 0xe69f00, 0x009e73, 0xd55e00, 0xcc79a7, 0x56b4e9, 0xf0e442, 0x000000};

    Chart {
        series = List.copyOf(series);
        notes = List.copyOf(notes);
    }

    Chart(String title, String xLabel, String yLabel, List<String> xCategories, List<Series> series) {
        this(title, xLabel, yLabel, xCategories, series, List.of());
    }

    /**
     * One series.
     *
     * @param label   legend text, or null for a series without a legend entry
     * @param rgb     color
     * @param points  points, drawn in this order
     * @param connect join consecutive points with lines
     * @param labels  print each point's label next to it
     */
    record Series(String label, int rgb, List<Point> points, boolean connect, boolean labels) {
    }

    record Point(double x, double y, String label) {
    }

    /** Returns the picture width in pixels. */
    int width() {
        return WIDTH;
    }

    /** Returns the picture height in pixels: the plot, plus a legend below it and the notes. */
    int height() {
        double height = HEIGHT;
        if (!sideLegend()) {
            height += legendRows() * LEGEND_LINE + 12;
        }
        if (!notes.isEmpty()) {
            height += notes.size() * NOTE_LINE + 12;
        }
        return (int) Math.ceil(height);
    }

    private List<Series> named() {
        return series.stream().filter(one -> one.label() != null).toList();
    }

    private boolean sideLegend() {
        return named().size() <= SIDE_LEGEND_ENTRIES;
    }

    /** True when colors repeat, so legend entries and series ends carry numbers. */
    private boolean numbered() {
        return named().size() > PALETTE.length;
    }

    private String legendText(int index, Series one) {
        return numbered() ? (index + 1) + "  " + one.label() : one.label();
    }

    private double legendColumnWidth() {
        int longest = 0;
        List<Series> named = named();
        for (int i = 0; i < named.size(); i++) {
            longest = Math.max(longest, legendText(i, named.get(i)).length());
        }
        return longest * CHARACTER_WIDTH + 36;
    }

    private int legendColumns() {
        return Math.max(1, (int) ((WIDTH - 2 * 20) / legendColumnWidth()));
    }

    private int legendRows() {
        int named = named().size();
        return named == 0 ? 0 : (named + legendColumns() - 1) / legendColumns();
    }

    void draw(ChartCanvas canvas) {
        double plotWidth = WIDTH - LEFT - (sideLegend() ? SIDE_LEGEND_WIDTH : NARROW_RIGHT);
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double[] xRange = range(true);
        double[] yRange = range(false);
        List<Double> xTicks = xCategories == null ? ticks(xRange) : categoryTicks();
        List<Double> yTicks = ticks(yRange);

        canvas.text(LEFT + plotWidth / 2, TOP - 16, title, 15, ChartCanvas.Anchor.MIDDLE, AXIS, false);
        for (double tick : yTicks) {
            double y = TOP + plotHeight * (1 - (tick - yRange[0]) / (yRange[1] - yRange[0]));
            canvas.line(LEFT, y, LEFT + plotWidth, y, GRID, 1);
            canvas.text(LEFT - 6, y + 4, tickLabel(tick), 11, ChartCanvas.Anchor.END, AXIS, false);
        }
        for (double tick : xTicks) {
            double x = LEFT + plotWidth * (tick - xRange[0]) / (xRange[1] - xRange[0]);
            canvas.line(x, TOP, x, TOP + plotHeight, GRID, 1);
            String label = xCategories == null ? tickLabel(tick) : xCategories.get((int) Math.round(tick));
            canvas.text(x, TOP + plotHeight + 16, label, 11, ChartCanvas.Anchor.MIDDLE, AXIS, false);
        }
        canvas.line(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight, AXIS, 1.5);
        canvas.line(LEFT, TOP, LEFT, TOP + plotHeight, AXIS, 1.5);
        canvas.text(LEFT + plotWidth / 2, HEIGHT - 16, xLabel, 13, ChartCanvas.Anchor.MIDDLE, AXIS, false);
        canvas.text(22, TOP + plotHeight / 2, yLabel, 13, ChartCanvas.Anchor.MIDDLE, AXIS, true);

        int namedIndex = 0;
        for (Series one : series) {
            double previousX = Double.NaN;
            double previousY = Double.NaN;
            double lastX = Double.NEGATIVE_INFINITY;
            double lastY = 0;
            for (Point point : one.points()) {
                double x = LEFT + plotWidth * (point.x() - xRange[0]) / (xRange[1] - xRange[0]);
                double y = TOP + plotHeight * (1 - (point.y() - yRange[0]) / (yRange[1] - yRange[0]));
                if (one.connect() && !Double.isNaN(previousX)) {
                    canvas.line(previousX, previousY, x, y, one.rgb(), 2);
                }
                canvas.dot(x, y, 4, one.rgb());
                if (one.labels() && point.label() != null) {
                    canvas.text(x + 6, y - 6, point.label(), 10, ChartCanvas.Anchor.START, one.rgb(), false);
                }
                if (x >= lastX) {
                    lastX = x;
                    lastY = y;
                }
                previousX = x;
                previousY = y;
            }
            if (one.label() == null) {
                continue;
            }
            if (numbered() && !one.labels() && lastX > Double.NEGATIVE_INFINITY) {
                canvas.text(lastX + 6, lastY + 4, String.valueOf(namedIndex + 1), 10, ChartCanvas.Anchor.START,
                        one.rgb(), false);
            }
            drawLegendEntry(canvas, namedIndex, one, plotWidth);
            namedIndex++;
        }

        double noteY = sideLegend() ? HEIGHT + 4 : HEIGHT + legendRows() * LEGEND_LINE + 16;
        for (String note : notes) {
            noteY += NOTE_LINE;
            canvas.text(20, noteY - 4, note, 11, ChartCanvas.Anchor.START, AXIS, false);
        }
    }

    private void drawLegendEntry(ChartCanvas canvas, int index, Series one, double plotWidth) {
        double x;
        double y;
        if (sideLegend()) {
            x = LEFT + plotWidth + 16;
            y = TOP + 4 + index * LEGEND_LINE;
        } else {
            int row = index / legendColumns();
            int column = index % legendColumns();
            x = 20 + 6 + column * legendColumnWidth();
            y = HEIGHT + 8 + row * LEGEND_LINE;
        }
        canvas.dot(x, y, 4, one.rgb());
        canvas.text(x + 10, y + 4, legendText(index, one), 11, ChartCanvas.Anchor.START, AXIS, false);
    }

    /** Data range with 5% padding on each side; a single value gets ±10% (or ±1 around zero). */
    private double[] range(boolean xAxis) {
        if (xAxis && xCategories != null) {
            return new double[] {-0.5, xCategories.size() - 0.5};
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series one : series) {
            for (Point point : one.points()) {
                double value = xAxis ? point.x() : point.y();
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            return new double[] {0, 1};
        }
        if (min == max) {
            double half = min == 0 ? 1 : Math.abs(min) * 0.1;
            return new double[] {min - half, max + half};
        }
        double pad = (max - min) * 0.05;
        return new double[] {min - pad, max + pad};
    }

    private List<Double> categoryTicks() {
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; i < xCategories.size(); i++) {
            ticks.add((double) i);
        }
        return ticks;
    }

    /** About five ticks at 1, 2 or 5 times a power of ten inside the range. */
    static List<Double> ticks(double[] range) {
        double span = range[1] - range[0];
        double rawStep = span / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rawStep)));
        double step = magnitude;
        for (double factor : new double[] {1, 2, 5, 10}) {
            step = factor * magnitude;
            if (step >= rawStep) {
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        long first = (long) Math.ceil(range[0] / step - 1e-9);
        long last = (long) Math.floor(range[1] / step + 1e-9);
        for (long index = first; index <= last; index++) {
            ticks.add(index * step);
        }
        return ticks;
    }

    /**
     * Four significant digits without trailing zeros, in the ROOT locale; with an exponent
     * ({@code 2.5e10}) below 0.001 and from 100000 on, so labels stay short.
     */
    static String tickLabel(double value) {
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros();
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-3 && magnitude < 1e5) {
            return rounded.toPlainString();
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + "e" + exponent;
    }
}
