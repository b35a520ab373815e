package io.github.cimflow.hw;

/**
 * A functor of the reduce unit ({@code reduce_unit_config.functor_list} entry).
 *
 * @param name             functor name ({@code reduce_max}, {@code reduce_sum})
 * @param funct            REDUCE funct code it executes
 * @param inputBitWidth    element width read
 * @param outputBitWidth   element width written
 * @param reduceInputCount elements consumed per batch
 * @param latencyCycles    cycles per batch
 * @param pipelineStages   stages the latency is split into
 * @param staticPowerMilliwatts  leakage
 * @param dynamicPowerMilliwatts power while active
 */
public record ReduceFunctor(String name, int funct, int inputBitWidth, int outputBitWidth, int reduceInputCount,
                            int latencyCycles, int pipelineStages, double staticPowerMilliwatts,
                            double dynamicPowerMilliwatts) {
}
