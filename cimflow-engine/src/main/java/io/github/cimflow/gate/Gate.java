package io.github.cimflow.gate;

import io.github.cimflow.CimflowException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The metric gate: applies rules to the results of a sweep, against absolute bounds or a committed
 * baseline. The Maven goal {@code check} and the command {@code cimflow check} both call it, so they
 * print the same table and messages.
 */
public final class Gate {
    private Gate() {
    }

    /** Reads the results to check, failing with advice on how to produce them when the file is missing. */
    public static Results readResults(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CimflowException(missingResultsMessage(file));
        }
        return Results.read(file);
    }

    /** Reads the baseline, failing with advice on how to record one when the file is missing. */
    public static Results readBaseline(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CimflowException(missingBaselineMessage(file));
        }
        return Results.read(file, "restore it from version control or record it again with "
                + "mvn cimflow:update-baseline");
    }

    /** The message for a results file that does not exist. */
    public static String missingResultsMessage(Path file) {
        return "results file " + file + " not found; run the sweep first (mvn cimflow:explore, or cimflow run "
                + "from-file BATCH) or point the check at the summary.json the sweep wrote";
    }

    /** The message for a baseline file that does not exist. */
    public static String missingBaselineMessage(Path file) {
        return "baseline file " + file + " not found; record the current results as the baseline with mvn "
                + "cimflow:update-baseline (or cimflow check --results SUMMARY --baseline " + file
                + " --update-baseline), review it and commit it";
    }

    /**
     * Applies every rule to the runs it names, or to every run of the results.
     *
     * @param rules    the rules, in the order they are reported
     * @param results  the results to check
     * @param baseline the baseline, or null when no rule needs one
     * @return one row per rule and run
     */
    public static GateReport evaluate(List<Rule> rules, Results results, Results baseline) {
        List<GateRow> rows = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.needsBaseline() && baseline == null) {
                throw new IllegalArgumentException("rule '" + rule.describe() + "' needs a baseline");
            }
            rows.addAll(evaluate(rule, results, baseline));
        }
        return new GateReport(rules, rows);
    }

    private static List<GateRow> evaluate(Rule rule, Results results, Results baseline) {
        String metricName = rule.metric().ruleName();
        if (rule.run() != null) {
            return results.run(rule.run())
                    .map(run -> List.of(evaluate(rule, run, baseline)))
                    .orElseGet(() -> List.of(failure(rule, rule.run(), null, null, "-",
                            metricName + " of run " + rule.run() + ": no such run in " + results.source()
                                    + " (runs: " + results.runNames() + ")")));
        }
        if (results.runs().isEmpty()) {
            return List.of(failure(rule, "-", null, null, "-",
                    metricName + " of every run: " + results.source() + " contains no runs"));
        }
        return results.runs().stream().map(run -> evaluate(rule, run, baseline)).toList();
    }

    private static GateRow evaluate(Rule rule, RunResult run, Results baseline) {
        Metric metric = rule.metric();
        String subject = metric.ruleName() + " of run " + run.name();
        if (!run.ok()) {
            return failure(rule, run.name(), null, null, "-", subject + ": the run failed ("
                    + (run.error() == null ? "no error message" : run.error()) + ")");
        }
        Double actual = run.metrics().get(metric);
        if (actual == null) {
            return failure(rule, run.name(), null, null, "-", subject + ": the results contain no "
                    + metric.summaryKey());
        }
        if (rule.needsBaseline()) {
            return againstBaseline(rule, run.name(), actual, baseline);
        }
        return againstBounds(rule, run.name(), actual);
    }

    private static GateRow againstBaseline(Rule rule, String runName, double actual, Results baseline) {
        Metric metric = rule.metric();
        String subject = metric.ruleName() + " of run " + runName;
        Double base = baseline.run(runName).map(run -> run.metrics().get(metric)).orElse(null);
        if (base == null) {
            return failure(rule, runName, null, actual, "-", subject + ": " + baseline.source()
                    + " has no value for this run; record it with update-baseline");
        }

        // Decimal arithmetic on the shortest decimal form of each double, so that a value exactly at
        // the limit (2.1 with baseline 2.0 and tolerance 5%) passes as its printed digits suggest.
        BigDecimal baseDecimal = BigDecimal.valueOf(base);
        BigDecimal actualDecimal = BigDecimal.valueOf(actual);
        boolean higherIsBetter = metric.direction() == Direction.HIGHER_IS_BETTER;
        BigDecimal factor = higherIsBetter
                ? BigDecimal.ONE.subtract(rule.tolerance().ratio())
                : BigDecimal.ONE.add(rule.tolerance().ratio());
        BigDecimal limit = baseDecimal.multiply(factor);
        boolean violated = higherIsBetter ? actualDecimal.compareTo(limit) < 0 : actualDecimal.compareTo(limit) > 0;

        Double change = base == 0 ? null : (actual - base) / base;
        String unit = " " + metric.unit();
        String limitText = (higherIsBetter ? ">= " : "<= ") + GateNumbers.format(limit.doubleValue());
        if (!violated) {
            return new GateRow(rule, runName, base, actual, change, limitText, Verdict.PASS, null);
        }
        String message = subject + (higherIsBetter ? " dropped to " : " rose to ") + GateNumbers.format(actual) + unit
                + (higherIsBetter ? ", below the limit " : ", above the limit ")
                + GateNumbers.format(limit.doubleValue()) + unit
                + " (baseline " + GateNumbers.format(base) + unit
                + (change == null ? "" : ", change " + GateNumbers.formatChange(change))
                + ", tolerance " + rule.tolerance().text() + ")";
        return new GateRow(rule, runName, base, actual, change, limitText, violation(rule), message);
    }

    private static GateRow againstBounds(Rule rule, String runName, double actual) {
        Metric metric = rule.metric();
        String unit = " " + metric.unit();
        String subject = metric.ruleName() + " of run " + runName + " is " + GateNumbers.format(actual) + unit;
        BigDecimal actualDecimal = BigDecimal.valueOf(actual);

        List<String> limits = new ArrayList<>();
        String message = null;
        if (rule.minimum() != null) {
            limits.add(">= " + GateNumbers.format(rule.minimum()));
            if (actualDecimal.compareTo(BigDecimal.valueOf(rule.minimum())) < 0) {
                message = subject + ", below the minimum " + GateNumbers.format(rule.minimum()) + unit;
            }
        }
        if (rule.maximum() != null) {
            limits.add("<= " + GateNumbers.format(rule.maximum()));
            if (actualDecimal.compareTo(BigDecimal.valueOf(rule.maximum())) > 0) {
                message = subject + ", above the maximum " + GateNumbers.format(rule.maximum()) + unit;
            }
        }
        Verdict verdict = message == null ? Verdict.PASS : violation(rule);
        return new GateRow(rule, runName, null, actual, null, String.join(", ", limits), verdict, message);
    }

    private static GateRow failure(Rule rule, String runName, Double baseline, Double actual, String limit,
                                   String message) {
        return new GateRow(rule, runName, baseline, actual, null, limit, violation(rule), message);
    }

    private static Verdict violation(Rule rule) {
        return rule.level() == Level.ERROR ? Verdict.FAIL : Verdict.WARN;
    }
}
