package io.github.cimflow.maven;

import io.github.cimflow.explore.Metric;
import io.github.cimflow.explore.RunRecord;
import io.github.cimflow.explore.Summary;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/** The summary of a sweep as a plain-text table for the build log: one row per run, in batch order. */
final class SummaryTable {
    private static final List<Metric> COLUMNS = List.of(Metric.LATENCY_MS, Metric.AVERAGE_POWER_MW,
            Metric.TOTAL_ENERGY_PJ, Metric.TOPS, Metric.TOPS_PER_W);
    private static final MathContext SIGNIFICANT = new MathContext(5);

    private SummaryTable() {
    }

    /** Formats the table: a header, then one line per run with its status and metrics. */
    static List<String> lines(Summary summary) {
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("run", "status"));
        for (Metric metric : COLUMNS) {
            header.add(metric.label().equals(metric.unit()) ? metric.unit() : metric.label() + " (" + metric.unit() + ")");
        }
        rows.add(header.toArray(String[]::new));
        for (RunRecord run : summary.runs()) {
            List<String> cells = new ArrayList<>(List.of(run.name(), run.ok() ? (run.cached() ? "ok (cached)" : "ok")
                    : "FAILED"));
            for (Metric metric : COLUMNS) {
                cells.add(run.ok() ? format(metric.of(run.outcome().metrics())) : "-");
            }
            rows.add(cells.toArray(String[]::new));
        }

        int[] widths = new int[header.size()];
        for (String[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.length; column++) {
                if (column > 0) {
                    line.append("  ");
                }
                // Names and status left-aligned, numbers right-aligned.
                String padding = " ".repeat(widths[column] - row[column].length());
                line.append(column < 2 ? row[column] + padding : padding + row[column]);
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** Five significant digits without exponent: 0.47218, 2090.5, 1234600000. */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
    }
}
