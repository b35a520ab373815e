package io.github.cimflow.explore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Plots of a batch, each as SVG and PNG in the output folder: every metric against every varied
 * parameter ({@code plot_<metric>_vs_<parameter>}), one series per combination of the other varied
 * parameters, and the latency-energy Pareto front ({@code plot_pareto_latency_energy}).
 */
final class PlotWriter {
    private static final List<Metric> PLOTTED = List.of(Metric.LATENCY_MS, Metric.AVERAGE_POWER_MW,
            Metric.TOTAL_ENERGY_PJ, Metric.TOPS, Metric.TOPS_PER_W);

    private PlotWriter() {
    }

    /**
     * Writes the plots.
     *
     * @param summaryUnchanged the summary equals the previous one in this folder, so existing plots are current
     */
    static void write(Summary summary, Path outputDir, boolean summaryUnchanged, Consumer<String> log) {
        List<RunRecord> ok = summary.runs().stream().filter(RunRecord::ok).toList();
        if (ok.isEmpty()) {
            return;
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        List<String> varied = summary.variedParameters();
        Map<String, Chart> charts = new LinkedHashMap<>();
        for (String parameter : varied) {
            for (Metric metric : PLOTTED) {
                charts.put("plot_" + metric.key() + "_vs_" + fileSafe(parameter),
                        metricChart(ok, metric, parameter, varied));
            }
        }
        charts.put("plot_pareto_latency_energy", paretoChart(ok));
        if (summaryUnchanged && charts.keySet().stream().allMatch(stem -> Files.isRegularFile(
                outputDir.resolve(stem + ".svg")) && Files.isRegularFile(outputDir.resolve(stem + ".png")))) {
            log.accept("INFO: plots kept, the summary is unchanged");
            return;
        }

        boolean pngFailed = false;
        for (Map.Entry<String, Chart> entry : charts.entrySet()) {
            SvgCanvas svg = new SvgCanvas(entry.getValue().width(), entry.getValue().height());
            entry.getValue().draw(svg);
            AtomicFiles.writeString(outputDir.resolve(entry.getKey() + ".svg"), svg.document());
            if (pngFailed) {
                continue;
            }
            try {
                PngCanvas png = new PngCanvas(entry.getValue().width(), entry.getValue().height());
                entry.getValue().draw(png);
                AtomicFiles.write(outputDir.resolve(entry.getKey() + ".png"), png.png());
            } catch (RuntimeException | LinkageError | InternalError | java.awt.AWTError e) {
                // Java 2D needs fonts from the system; without them the SVG files are still complete.
                log.accept("WARNING: PNG plots skipped, Java 2D could not render text: " + e
                        + "; install a font package (for example fonts-dejavu-core) or use the SVG plots");
                pngFailed = true;
            }
        }
    }

    private static Chart metricChart(List<RunRecord> runs, Metric metric, String parameter, List<String> varied) {
        List<String> others = varied.stream().filter(key -> !key.equals(parameter)).toList();
        boolean numeric = runs.stream().allMatch(run -> Summary.parameter(run, parameter) instanceof Number);
        List<String> categories = numeric ? null : runs.stream()
                .map(run -> Summary.cellText(Summary.parameter(run, parameter))).distinct().toList();

        Map<String, List<Chart.Point>> groups = new LinkedHashMap<>();
        for (RunRecord run : runs) {
            String group = others.stream().map(key -> key + "=" + Summary.cellText(Summary.parameter(run, key)))
                    .collect(Collectors.joining(", "));
            Object value = Summary.parameter(run, parameter);
            double x = numeric ? ((Number) value).doubleValue() : categories.indexOf(Summary.cellText(value));
            groups.computeIfAbsent(group, key -> new ArrayList<>())
                    .add(new Chart.Point(x, metric.of(run.outcome().metrics()), run.name()));
        }
        List<Chart.Series> series = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, List<Chart.Point>> group : groups.entrySet()) {
            List<Chart.Point> points = new ArrayList<>(group.getValue());
            points.sort(Comparator.comparingDouble(Chart.Point::x));
            String label = group.getKey().isEmpty() ? null : group.getKey();
            series.add(new Chart.Series(label, Chart.PALETTE[index % Chart.PALETTE.length], points, true, false));
            index++;
        }
        String unit = metric.unit().equals(metric.label()) ? "" : " (" + metric.unit() + ")";
        return new Chart(metric.label() + " vs " + parameter, parameter, metric.label() + unit, categories, series);
    }

    /**
     * Draws all runs in grey and, in color, the runs no other run beats in both latency and energy.
     * Front points are numbered in order of latency, and a table under the chart names them with
     * their figures, so the names stay readable however close the points lie.
     */
    private static Chart paretoChart(List<RunRecord> runs) {
        List<Chart.Point> all = new ArrayList<>();
        for (RunRecord run : runs) {
            all.add(new Chart.Point(Metric.LATENCY_MS.of(run.outcome().metrics()),
                    Metric.TOTAL_ENERGY_PJ.of(run.outcome().metrics()), run.name()));
        }
        List<Chart.Point> front = paretoFront(all);
        List<Chart.Point> numbered = new ArrayList<>();
        List<String> table = new ArrayList<>();
        table.add("Pareto front, by latency (no other run has both lower latency and lower energy):");
        for (int i = 0; i < front.size(); i++) {
            Chart.Point point = front.get(i);
            numbered.add(new Chart.Point(point.x(), point.y(), String.valueOf(i + 1)));
            table.add((i + 1) + "  " + point.label() + ": latency " + Chart.tickLabel(point.x()) + " ms, energy "
                    + Chart.tickLabel(point.y()) + " pJ");
        }
        return new Chart("latency-energy Pareto front", "latency (ms)", "total energy (pJ)", null, List.of(
                new Chart.Series("all runs", 0x999999, all, false, false),
                new Chart.Series("Pareto front", Chart.PALETTE[3], numbered, true, true)), table);
    }

    /** Points no other point matches or beats in both x and y (lower is better), sorted by x. */
    static List<Chart.Point> paretoFront(List<Chart.Point> points) {
        List<Chart.Point> front = new ArrayList<>();
        for (Chart.Point candidate : points) {
            boolean dominated = false;
            for (Chart.Point other : points) {
                boolean noWorse = other.x() <= candidate.x() && other.y() <= candidate.y();
                boolean better = other.x() < candidate.x() || other.y() < candidate.y();
                if (other != candidate && noWorse && better) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(candidate);
            }
        }
        front.sort(Comparator.comparingDouble(Chart.Point::x).thenComparing(point -> Objects.toString(point.label())));
        return front;
    }

    private static String fileSafe(String parameter) {
        return parameter.replaceAll("[^A-Za-z0-9_]+", "_");
    }
}
