package io.github.cimflow.explore;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A 2-D chart of labelled point series, drawn on any {@link ChartCanvas}.
 *
 * @param title        heading
 * @param xLabel       x axis title
 * @param yLabel       y axis title
 * @param xCategories  names of the x positions 0, 1, 2, ... for a categorical axis, or null for a numeric one
 * @param series       the series, drawn in order
 */
record Chart(String title, String xLabel, String yLabel, List<String> xCategories, List<Series> series) {
    static final int WIDTH = 760;
    static final int HEIGHT = 480;
    private static final double LEFT = 90;
    private static final double RIGHT = 200;
    private static final double TOP = 40;
    private static final double BOTTOM = 60;
    private static final int AXIS = 0x333333;
    private static final int GRID = 0xdddddd;
    /** Colors that stay distinguishable in print and for common color-vision deficiencies (Okabe–Ito). */
    static final int[] PALETTE = {0x0072b2, 0xe69f00, 0x009e73, 0xd55e00, 0xcc79a7, 0x56b4e9, 0xf0e442, 0x000000};

    /**
     * One series.
     *
     * @param label   legend text
     * @param rgb     color
     * @param points  points, drawn in this order
     * @param connect join consecutive points with lines
     * @param labels  print each point's label next to it
     */
    record Series(String label, int rgb, List<Point> points, boolean connect, boolean labels) {
    }

    record Point(double x, double y, String label) {
    }

    void draw(ChartCanvas canvas) {
        double plotWidth = WIDTH - LEFT - RIGHT;
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

        double legendY = TOP + 4;
        for (Series one : series) {
            double previousX = Double.NaN;
            double previousY = Double.NaN;
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
                previousX = x;
                previousY = y;
            }
            if (one.label() != null && legendY < TOP + plotHeight) {
                canvas.dot(LEFT + plotWidth + 16, legendY, 4, one.rgb());
                canvas.text(LEFT + plotWidth + 26, legendY + 4, one.label(), 11, ChartCanvas.Anchor.START, AXIS, false);
                legendY += 18;
            }
        }
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
