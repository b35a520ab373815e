package io.github.cimflow.explore;

import java.util.Map;
import java.util.TreeMap;

/**
 * The output of a finished run.
 *
 * @param metrics    the compared figures
 * @param files      files written into the output folder, by role ({@code report}, {@code report_json},
 *                   {@code cg_ir}, {@code isa}, {@code asm}, {@code log}, {@code profiling}) → file name
 * @param stageTimes wall-clock seconds per stage
 * @param timestamp  local start time as CIMFlow formats it, {@code yyyyMMdd_HHmmss}
 */
public record RunOutcome(RunMetrics metrics, Map<String, String> files, StageTimes stageTimes, String timestamp) {
    public RunOutcome {
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }
}
