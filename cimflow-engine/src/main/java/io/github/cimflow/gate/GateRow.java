package io.github.cimflow.gate;

/**
 * One line of the gate table: one rule applied to one run.
 *
 * @param rule     the rule
 * @param run      the run name, or "-" when the rule names a run the results do not contain
 * @param baseline the baseline value, or null for bounds rules and missing baselines
 * @param actual   the value in the results, or null when the run failed or reported none
 * @param change   (actual - baseline) / baseline, or null when either is missing or the baseline is 0
 * @param limit    the limit as shown in the table ({@code >= 1.995}), or "-" when none could be computed
 * @param verdict  the outcome
 * @param message  one sentence on the violation with its values, or null when the row passed
 */
public record GateRow(Rule rule, String run, Double baseline, Double actual, Double change, String limit,
                      Verdict verdict, String message) {

    public Metric metric() {
        return rule.metric();
    }
}
