package io.github.cimflow.hw;

import java.util.List;

/**
 * A functor type of the vector (SIMD) unit ({@code simd_unit_config.functor_list} entry).
 *
 * @param name            functor name ({@code adder-32}, {@code quantify}, ...)
 * @param inputBitWidths  element width of each input, in input order
 * @param outputBitWidth  element width of the output
 * @param functorCount    lanes: elements processed per batch
 * @param latencyCycles   cycles per batch
 * @param pipelineStages  stages the latency is split into
 * @param staticPowerPerFunctorMilliwatts  leakage per lane
 * @param dynamicPowerPerFunctorMilliwatts power per active lane
 */
public record SimdFunctor(String name, List<Integer> inputBitWidths, int outputBitWidth, int functorCount,
                          int latencyCycles, int pipelineStages, double staticPowerPerFunctorMilliwatts,
                          double dynamicPowerPerFunctorMilliwatts) {
    public SimdFunctor {
        inputBitWidths = List.copyOf(inputBitWidths);
    }
}
