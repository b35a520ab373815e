package io.github.cimflow.hw;

import java.util.List;

/**
 * One core of the chip ({@code chip_config.core_config}); every core is identical.
 *
 * @param cim               the CIM compute unit
 * @param localMemories     local memories except the CIM array, in address-space order
 * @param simdPipeline      whether consecutive vector batches overlap ({@code simd_unit_config.pipeline})
 * @param simdFunctors      vector unit functors
 * @param simdInstructions  VEC_OP bindings
 * @param reducePipeline    whether consecutive reduce batches overlap
 * @param reduceFunctors    reduce unit functors
 * @param scalarStaticPowerMilliwatts  scalar unit leakage
 * @param scalarDynamicPowerMilliwatts scalar unit power per executed instruction cycle
 * @param transferPipeline  whether MEM_CPY overlaps the read of beat i+1 with the write of beat i
 * @param instructionMemoryBytes instruction memory per core; a program larger than it is rejected
 */
public record CoreConfig(CimUnitConfig cim, List<MemoryConfig> localMemories, boolean simdPipeline,
                         List<SimdFunctor> simdFunctors, List<SimdInstruction> simdInstructions,
                         boolean reducePipeline, List<ReduceFunctor> reduceFunctors,
                         double scalarStaticPowerMilliwatts, double scalarDynamicPowerMilliwatts,
                         boolean transferPipeline, int instructionMemoryBytes) {
    public CoreConfig {
        localMemories = List.copyOf(localMemories);
        simdFunctors = List.copyOf(simdFunctors);
        simdInstructions = List.copyOf(simdInstructions);
        reduceFunctors = List.copyOf(reduceFunctors);
    }

    /** The local memory with that role or name, or null. */
    public MemoryConfig memory(String roleOrName) {
        for (MemoryConfig memory : localMemories) {
            if (memory.role().equals(roleOrName) || memory.name().equals(roleOrName)) {
                return memory;
            }
        }
        return null;
    }
}
