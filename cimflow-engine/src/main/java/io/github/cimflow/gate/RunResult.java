package io.github.cimflow.gate;

import java.util.Map;

/**
 * One run of a {@code summary.json}.
 *
 * @param name    the run name
 * @param ok      whether the run finished ({@code status} "ok")
 * @param error   the error message of a failed run, or null
 * @param metrics the metric values the run reported; a failed run has none
 */
public record RunResult(String name, boolean ok, String error, Map<Metric, Double> metrics) {
    public RunResult {
        metrics = Map.copyOf(metrics);
    }
}
