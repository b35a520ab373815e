package io.github.cimflow.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartTest {
    @Test
    void tickLabelsPlainInMiddleRange() {
        assertEquals("0.47", Chart.tickLabel(0.47));
        assertEquals("2500", Chart.tickLabel(2500));
        assertEquals("0", Chart.tickLabel(0));
        assertEquals("-12.5", Chart.tickLabel(-12.5));
    }

    @Test
    void tickLabelsUseExponentForLargeAndSmall() {
        assertEquals("3e10", Chart.tickLabel(3e10));
        assertEquals("2.5e10", Chart.tickLabel(2.5e10));
        assertEquals("1.235e5", Chart.tickLabel(123_456));
        assertEquals("5e-4", Chart.tickLabel(0.0005));
    }

    @Test
    void ticksStepByOneTwoOrFive() {
        // Span 10 over 5 ticks wants a step of 2: 0, 2, ..., 10.
        assertEquals(List.of(0.0, 2.0, 4.0, 6.0, 8.0, 10.0), Chart.ticks(new double[] {0, 10}));
        // Span 0.7 wants 0.14, rounded up to 0.2: the multiples of 0.2 in [0.1, 0.8].
        List<Double> ticks = Chart.ticks(new double[] {0.1, 0.8});
        double[] expected = {0.2, 0.4, 0.6, 0.8};
        assertEquals(expected.length, ticks.size(), ticks.toString());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], ticks.get(i), 1e-12);
        }
    }

    @Test
    void paretoFrontDropsDominatedPoints() {
        Chart.Point fast = new Chart.Point(0.47, 2.0e9, "fast");
        Chart.Point cheap = new Chart.Point(2.09, 1.0e9, "cheap");
        Chart.Point dominated = new Chart.Point(0.52, 2.2e9, "dominated");
        Chart.Point tie = new Chart.Point(0.47, 2.0e9, "tie");
        List<Chart.Point> front = PlotWriter.paretoFront(List.of(dominated, cheap, fast, tie));
        assertEquals(List.of("fast", "tie", "cheap"), front.stream().map(Chart.Point::label).toList());
    }
    private static Chart chartOf(int seriesCount) {
        List<Chart.Series> series = new ArrayList<>();
        for (int i = 0; i < seriesCount; i++) {
            series.add(new Chart.Series("b=8, batch_size=" + i + ", c=16", Chart.PALETTE[i % Chart.PALETTE.length],
                    List.of(new Chart.Point(4, i, null), new Chart.Point(16, 2 * i, null)), true, false));
        }
        return new Chart("latency vs t", "t", "latency (ms)", null, series);
    }

    private static String svgOf(Chart chart) {
        SvgCanvas canvas = new SvgCanvas(chart.width(), chart.height());
        chart.draw(canvas);
        return canvas.document();
    }

    @Test
    void fewSeriesKeepSideLegend() {
        Chart chart = chartOf(4);
        assertEquals(Chart.HEIGHT, chart.height());
        assertTrue(svgOf(chart).contains(">b=8, batch_size=3, c=16</text>"));
    }

    @Test
    void manySeriesListEveryEntryNumbered() {
        Chart chart = chartOf(24);
        String svg = svgOf(chart);
        for (int i = 0; i < 24; i++) {
            assertTrue(svg.contains(">" + (i + 1) + "  b=8, batch_size=" + i + ", c=16</text>"), "entry " + i);
        }
        // The longest entry, "24  b=8, batch_size=23, c=16", has 28 characters: 28 × 6.5 + 36 = 218 pixels a
        // column, so 3 columns fit in 760 − 40 pixels and 24 entries take 8 rows of 18 pixels, plus a 12-pixel gap.
        assertEquals(Chart.HEIGHT + 8 * 18 + 12, chart.height());
    }

    @Test
    void notesAddLinesBelowChart() {
        Chart chart = new Chart("pareto", "latency (ms)", "energy (pJ)", null, List.of(), List.of("a", "b"));
        assertEquals(Chart.HEIGHT + 2 * 15 + 12, chart.height());
        assertTrue(svgOf(chart).contains(">b</text>"));
    }
}
