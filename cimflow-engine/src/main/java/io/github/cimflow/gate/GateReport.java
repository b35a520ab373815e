package io.github.cimflow.gate;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a gate: every rule, one row per rule and run, and the text forms shared by the
 * Maven goal and the command line.
 *
 * @param rules the rules in the order given
 * @param rows  the rows, grouped by rule in that order
 */
public record GateReport(List<Rule> rules, List<GateRow> rows) {
    private static final String[] HEADER = {"run", "metric", "baseline", "actual", "change", "limit", "verdict"};

    public GateReport {
        rules = List.copyOf(rules);
        rows = List.copyOf(rows);
    }

    /** Whether no row failed; WARN rows do not fail the gate. */
    public boolean passed() {
        return rows.stream().noneMatch(row -> row.verdict() == Verdict.FAIL);
    }

    /** The rows that violated their rule, of level ERROR or WARN. */
    public List<GateRow> violations() {
        return rows.stream().filter(row -> row.verdict() != Verdict.PASS).toList();
    }

    /** The rows of one rule. */
    public List<GateRow> rowsOf(Rule rule) {
        return rows.stream().filter(row -> row.rule() == rule).toList();
    }

    /** The rules with at least one FAIL row. */
    public List<Rule> failedRules() {
        return rules.stream().filter(rule -> rowsOf(rule).stream().anyMatch(row -> row.verdict() == Verdict.FAIL))
                .toList();
    }

    /** One line: {@code cimflow check passed: 2 rules, 4 rows, 0 failed, 1 warning}. */
    public String summaryLine() {
        long failed = rows.stream().filter(row -> row.verdict() == Verdict.FAIL).count();
        long warned = rows.stream().filter(row -> row.verdict() == Verdict.WARN).count();
        return "cimflow check " + (passed() ? "passed" : "failed") + ": " + rules.size()
                + (rules.size() == 1 ? " rule, " : " rules, ") + rows.size() + (rows.size() == 1 ? " row, " : " rows, ")
                + failed + " failed, " + warned + (warned == 1 ? " warning" : " warnings");
    }

    /**
     * The message of a failed gate: how many rules failed, then each failing row's sentence on its
     * own line.
     */
    public String failureMessage() {
        StringBuilder message = new StringBuilder();
        message.append("cimflow check failed: ").append(failedRules().size()).append(" of ").append(rules.size())
                .append(rules.size() == 1 ? " rule" : " rules").append(" failed");
        for (GateRow row : rows) {
            if (row.verdict() == Verdict.FAIL) {
                message.append("\n").append("  - ").append(row.message());
            }
        }
        return message.toString();
    }

    /** The table as plain text lines, columns padded with spaces. */
    public List<String> tableLines() {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (GateRow row : rows) {
            cells.add(cells(row));
        }
        int[] widths = new int[HEADER.length];
        for (String[] line : cells) {
            for (int column = 0; column < line.length; column++) {
                widths[column] = Math.max(widths[column], line[column].length());
            }
        }

        List<String> lines = new ArrayList<>();
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder();
            for (int column = 0; column < line.length; column++) {
                if (column > 0) {
                    text.append("  ");
                }
                String cell = line[column];
                text.append(cell);
                if (column < line.length - 1) {
                    text.append(" ".repeat(widths[column] - cell.length()));
                }
            }
            lines.add(text.toString());
        }
        return lines;
    }

    /** The cells of one row as the table and the Markdown summary print them. */
    static String[] cells(GateRow row) {
        return new String[] {
            row.run(),
            row.metric().ruleName() + " (" + row.metric().unit() + ")",
            row.baseline() == null ? "-" : GateNumbers.format(row.baseline()),
            row.actual() == null ? "-" : GateNumbers.format(row.actual()),
            row.change() == null ? "-" : GateNumbers.formatChange(row.change()),
            row.limit(),
            row.verdict().name()
        };
    }

    static String[] header() {
        return HEADER.clone();
    }
}
