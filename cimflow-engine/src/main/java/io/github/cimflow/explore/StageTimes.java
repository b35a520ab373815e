package io.github.cimflow.explore;

/**
 * Wall-clock seconds a run spent per stage, as CIMFlow's {@code run_info.json} records them.
 * Kept out of summaries, which must not change between identical reruns.
 */
public record StageTimes(double compilationSeconds, double simulationSeconds, double totalSeconds) {
}
