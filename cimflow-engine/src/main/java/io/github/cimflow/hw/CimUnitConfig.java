package io.github.cimflow.hw;

/**
 * The CIM compute unit of one core: K macro groups of T macros ({@code cim_unit_config}).
 *
 * @param macroTotalCount T·K, macros per core
 * @param macroGroupSize  T, macros per group; the macros of a group share one input vector
 * @param macro           geometry of each macro
 * @param ipu             input processing unit (one bit-serial step per cycle), one per group
 * @param adderTree       adder tree, per element column per macro
 * @param shiftAdder      shift adder, per element column per macro
 * @param resultAdder     result adder, per element column per macro
 * @param sram            the macros' SRAM array
 */
public record CimUnitConfig(int macroTotalCount, int macroGroupSize, MacroGeometry macro, PipelineUnit ipu,
                            PipelineUnit adderTree, PipelineUnit shiftAdder, PipelineUnit resultAdder, CimSram sram) {

    /** K, macro groups per core. */
    public int macroGroupCount() {
        return macroTotalCount / macroGroupSize;
    }

    /** Bytes of weights one core holds: bytes per macro · T · K. */
    public int bytesPerCore() {
        return macro.bytes() * macroTotalCount;
    }

    /** Output channels one macro group computes for 8-bit weights: W·n/8·T. */
    public int outputChannelsPerGroup() {
        return macro.elementsPerCompartment() * macro.bitsPerRow() / 8 * macroGroupSize;
    }

    /** Weights of one output channel one group holds: H·m (512 at the defaults). */
    public int reductionLengthPerGroup() {
        return macro.compartments() * macro.rowsPerElement();
    }

    /** Largest reduction length (Kh·Kw·Cin) a core holds: H·m·K (8,192 at the defaults). */
    public int maxReductionLengthPerCore() {
        return reductionLengthPerGroup() * macroGroupCount();
    }

    /** Peak multiply-accumulates per cycle of one core with 8-bit inputs: H·W·T·K / 8 bit-serial steps. */
    public long peakMacsPerCycle() {
        return (long) macro.compartments() * macro.elementsPerCompartment() * macroTotalCount / 8;
    }
}
