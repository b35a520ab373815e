package io.github.cimflow.explore;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The comparison table of a batch: one row per run in batch order, and the best run per metric.
 * Contains no wall-clock times, so equal inputs give byte-identical summary files.
 */
public final class Summary {
    private final List<RunRecord> runs;

    Summary(List<RunRecord> runs) {
        this.runs = List.copyOf(runs);
    }

    public List<RunRecord> runs() {
        return runs;
    }

    /**
     * Returns the parameters of a run as summaries list them, sorted by key: {@code b}, {@code batch_size},
     * {@code c}, {@code k}, {@code strategy}, {@code t}, plus {@code hardware.<path>} per override and
     * {@code input_shape} when the run sets one.
     */
    public static Map<String, Object> parameters(RunSpec run) {
        Map<String, Object> params = new TreeMap<>();
        params.put("b", run.b());
        params.put("batch_size", run.batchSize());
        params.put("c", run.c());
        params.put("k", run.k());
        params.put("strategy", run.strategy());
        params.put("t", run.t());
        if (run.inputShape() != null) {
            params.put("input_shape", run.inputShape());
        }
        if (run.hardware() != null) {
            run.hardware().forEach((path, value) -> params.put("hardware." + path, value));
        }
        return params;
    }

    /** Returns the model's file name, as the summaries show it. */
    public static String model(RunSpec run) {
        return run.modelPath().getFileName().toString();
    }

    /** Parameter keys in first-seen order over all runs (the fixed knobs first, then overrides). */
    List<String> parameterKeys() {
        Set<String> keys = new LinkedHashSet<>(List.of("t", "k", "b", "c", "batch_size", "strategy"));
        for (RunRecord run : runs) {
            keys.addAll(parameters(run.spec()).keySet());
        }
        return new ArrayList<>(keys);
    }

    /** Parameters, {@code model} included, that take more than one value over the runs. */
    List<String> variedParameters() {
        List<String> varied = new ArrayList<>();
        if (runs.stream().map(run -> model(run.spec())).distinct().count() > 1) {
            varied.add("model");
        }
        for (String key : parameterKeys()) {
            long distinct = runs.stream().map(run -> Objects.toString(parameters(run.spec()).get(key))).distinct().count();
            if (distinct > 1) {
                varied.add(key);
            }
        }
        return varied;
    }

    /** Value of a parameter ({@code model} included) of a run, or null when the run does not set it. */
    static Object parameter(RunRecord run, String key) {
        return key.equals("model") ? model(run.spec()) : parameters(run.spec()).get(key);
    }

    /** Finds the best successful run per metric; a tie goes to the run listed first. Empty when every run failed. */
    public Map<Metric, RunRecord> best() {
        Map<Metric, RunRecord> best = new LinkedHashMap<>();
        for (Metric metric : Metric.values()) {
            RunRecord winner = null;
            for (RunRecord run : runs) {
                if (!run.ok() || !Double.isFinite(metric.of(run.outcome().metrics()))) {
                    continue;
                }
                if (winner == null || metric.better(metric.of(run.outcome().metrics()),
                        metric.of(winner.outcome().metrics()))) {
                    winner = run;
                }
            }
            if (winner != null) {
                best.put(metric, winner);
            }
        }
        return best;
    }

    /** {@code summary.json}: the machine-readable result of the batch. */
    String json() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunRecord run : runs) {
            Map<String, Object> row = new TreeMap<>();
            row.put("name", run.name());
            row.put("status", run.ok() ? "ok" : "failed");
            row.put("error", run.error());
            row.put("model", model(run.spec()));
            row.put("params", parameters(run.spec()));
            row.put("metrics", run.ok() ? metricValues(run.outcome().metrics()) : null);
            rows.add(row);
        }
        Map<String, Object> best = new TreeMap<>();
        best().forEach((metric, run) -> best.put(metric.key(), run.name()));
        Map<String, Object> root = new TreeMap<>();
        root.put("runs", rows);
        root.put("best", best);
        return Json.write(root);
    }

    private static Map<String, Object> metricValues(RunMetrics metrics) {
        Map<String, Object> values = new TreeMap<>();
        for (Metric metric : Metric.values()) {
            values.put(metric.key(), metric.rounded(metrics));
        }
        return values;
    }

    /** {@code summary.csv}: the same rows as a table with one column per parameter (RFC 4180 quoting). */
    String csv() {
        List<String> keys = parameterKeys();
        List<String> header = new ArrayList<>(List.of("name", "model"));
        header.addAll(keys);
        for (Metric metric : Metric.values()) {
            header.add(metric.key());
        }
        header.add("status");
        header.add("error");
        StringBuilder csv = new StringBuilder();
        csv.append(header.stream().map(Summary::csvCell).collect(Collectors.joining(","))).append('\n');
        for (RunRecord run : runs) {
            List<String> cells = new ArrayList<>(List.of(run.name(), model(run.spec())));
            Map<String, Object> params = parameters(run.spec());
            for (String key : keys) {
                cells.add(cellText(params.get(key)));
            }
            for (Metric metric : Metric.values()) {
                cells.add(run.ok() ? cellText(metric.rounded(run.outcome().metrics())) : "");
            }
            cells.add(run.ok() ? "ok" : "failed");
            cells.add(run.ok() ? "" : run.error());
            csv.append(cells.stream().map(Summary::csvCell).collect(Collectors.joining(","))).append('\n');
        }
        return csv.toString();
    }

    /** {@code summary.md}: the table, the best run per metric and the errors of failed runs. */
    String markdown(String title) {
        List<String> varied = variedParameters();
        List<String> columns = new ArrayList<>(List.of("name", "model"));
        for (String key : parameterKeys()) {
            columns.add(key);
        }
        List<String> header = new ArrayList<>(columns);
        for (Metric metric : List.of(Metric.LATENCY_MS, Metric.AVERAGE_POWER_MW, Metric.TOTAL_ENERGY_PJ, Metric.TOPS,
                Metric.TOPS_PER_W)) {
            header.add(metric.label() + (metric.unit().equals(metric.label()) ? "" : " (" + metric.unit() + ")"));
        }
        header.add("status");

        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append(runs.size()).append(" runs, ").append(runs.stream().filter(run -> !run.ok()).count())
                .append(" failed. Varied: ").append(varied.isEmpty() ? "nothing" : String.join(", ", varied))
                .append(".\n\n");
        md.append("| ").append(String.join(" | ", header)).append(" |\n");
        md.append('|').append(header.stream().map(column -> "---").collect(Collectors.joining("|"))).append("|\n");
        for (RunRecord run : runs) {
            List<String> cells = new ArrayList<>();
            for (String column : columns) {
                cells.add(column.equals("name") ? run.name() : cellText(parameter(run, column)));
            }
            for (Metric metric : List.of(Metric.LATENCY_MS, Metric.AVERAGE_POWER_MW, Metric.TOTAL_ENERGY_PJ,
                    Metric.TOPS, Metric.TOPS_PER_W)) {
                cells.add(run.ok() ? cellText(metric.rounded(run.outcome().metrics())) : "");
            }
            cells.add(run.ok() ? "ok" : "failed");
            md.append("| ").append(cells.stream().map(cell -> cell.replace("|", "\\|"))
                    .collect(Collectors.joining(" | "))).append(" |\n");
        }
        md.append('\n').append(bestLine()).append('\n');
        List<RunRecord> failed = runs.stream().filter(run -> !run.ok()).toList();
        if (!failed.isEmpty()) {
            md.append("\nErrors:\n\n");
            for (RunRecord run : failed) {
                md.append("- ").append(run.name()).append(": ").append(run.error()).append('\n');
            }
        }
        return md.toString();
    }

    /** Formats one line naming the best run per metric, or stating that no run succeeded. */
    public String bestLine() {
        Map<Metric, RunRecord> best = best();
        if (best.isEmpty()) {
            return "Best: none, every run failed";
        }
        return "Best: " + best.entrySet().stream()
                .map(entry -> entry.getKey().key() + " " + entry.getValue().name())
                .collect(Collectors.joining(", "));
    }

    static String cellText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining("x"));
        }
        return String.valueOf(value);
    }

    private static String csvCell(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }
}
