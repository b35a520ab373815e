package io.github.cimflow.hw;

/**
 * Timing and power of one pipelined hardware stage (CIM ipu, adder tree, shift adder, result adder).
 *
 * @param latencyCycles          cycles from input to output
 * @param pipelineStages         stages the latency is split into
 * @param staticPowerMilliwatts  leakage power of one instance
 * @param dynamicPowerMilliwatts power while active, of one instance (per element column for the adders)
 */
public record PipelineUnit(int latencyCycles, int pipelineStages, double staticPowerMilliwatts,
                           double dynamicPowerMilliwatts) {
}
