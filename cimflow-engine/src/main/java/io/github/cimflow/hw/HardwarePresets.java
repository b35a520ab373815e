package io.github.cimflow.hw;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Built-in configurations generated from the four knobs, the equivalent of CIMFlow's
 * {@code config-mg{T}-b{B}.json} with K and C free.
 *
 * <p>Sources, recorded per number in {@link HardwareConfig#provenance()}:
 * <ul>
 *   <li>"cimflow-docs": the CIMFlow documentation's example configuration (256 KiB {@code input_memory}:
 *       2.88 mW static, 44.17 mW read and write, 2 ns clock, 32×8×16×8 macros).</li>
 *   <li>"cim-sim-2024dac": {@code config/2024dac/config.json} of the predecessor simulator cim-sim by a
 *       CIMFlow author, whose geometry equals CIMFlow's default (64 cores, 128 macros, T=8, B=16).</li>
 *   <li>"cim-sim-2025paper": {@code config/2025paper/config_*_base.json} of the same simulator.</li>
 *   <li>"flit16dim8": the predecessor's NoC table for an 8×8 mesh with 16-byte flits (20.37 pJ per flit
 *       per hop; 0→1 takes 3 cycles).</li>
 *   <li>"assumed": no published source; the reason is given with the number.</li>
 * </ul>
 */
public final class HardwarePresets {
    /** Macro-group sizes with a CIMFlow configuration file. */
    public static final List<Integer> KNOWN_GROUP_SIZES = List.of(4, 8, 12, 16);
    /** Flit sizes with a CIMFlow configuration file. */
    public static final List<Integer> KNOWN_FLIT_BYTES = List.of(8, 16);

    static final String DOCS = "cimflow-docs";
    static final String DAC24 = "cim-sim-2024dac";
    static final String PAPER25 = "cim-sim-2025paper";
    static final String NOC = "flit16dim8";

    /** Instruction memory per core: 65,536 instructions of 4 bytes (assumed, see the provenance text). */
    static final int INSTRUCTION_MEMORY_BYTES = 262_144;
    /** Cycles per hop per flit of the mesh model. */
    static final int HOP_LATENCY_CYCLES = 1;
    /** Fixed cycles per flit of the mesh model (injection and ejection). */
    static final int ROUTER_LATENCY_CYCLES = 2;
    /** Energy per flit per hop of the mesh model. */
    static final double HOP_ENERGY_PICOJOULES = 20.37;

    /**
     * Global memory read and write power during one 64-byte access cycle of 2 ns: 160 pJ per byte.
     * An estimate (assumed, see the provenance text), not a published figure.
     */
    static final double GLOBAL_ACCESS_POWER_MILLIWATTS = 5120.0;

    private HardwarePresets() {
    }

    /**
     * Returns the core where the presets attach the global memory: row ⌊(√C−1)/2⌋, column ⌊(√C−1)/2⌋, so
     * core 27 on an 8×8 mesh and core 0 for C=1. C need not be a perfect square here, because the
     * validator rejects that later.
     */
    public static int centreCore(int coreCount) {
        int side = Math.max(1, (int) Math.round(Math.sqrt(Math.max(1, coreCount))));
        int middle = (side - 1) / 2;
        return middle * side + middle;
    }

    /**
     * Builds the preset for the knobs. Checks only what a preset itself needs (positive values);
     * the validator of this package checks the rest (C a perfect square, sizes fitting the address space).
     */
    public static HardwareConfig preset(ArchParams params) {
        int t = params.macroGroupSize();
        int k = params.macroGroupCount();
        Map<String, String> provenance = new LinkedHashMap<>();
        String cimPath = "chip_config.core_config.cim_unit_config.";

        MacroGeometry macro = new MacroGeometry(32, 8, 16, 8);
        provenance.put(cimPath + "macro_size", DOCS + ": 32 compartments × 8 elements × 16 rows × 8 bits");
        PipelineUnit ipu = new PipelineUnit(1, 1, 6.05e-5, 0.008715);
        PipelineUnit adderTree = new PipelineUnit(1, 1, 4.80e-5, 0.113);
        PipelineUnit shiftAdder = new PipelineUnit(1, 1, 2.96e-5, 0.102);
        PipelineUnit resultAdder = new PipelineUnit(1, 1, 5.55e-5, 0.0184);
        CimSram sram = new CimSram(1, 1, 0.017165088, 0.04382, 0.006041917);
        for (String unit : List.of("ipu", "adder_tree", "shift_adder", "result_adder", "sram")) {
            provenance.put(cimPath + unit, DAC24 + ": CIM " + unit + " latency and power");
        }
        CimUnitConfig cim = new CimUnitConfig(t * k, t, macro, ipu, adderTree, shiftAdder, resultAdder, sram);

        List<MemoryConfig> local = new ArrayList<>();
        String memPath = "chip_config.core_config.local_memory_unit_config.memory_list.";
        local.add(new MemoryConfig("input_memory", MemoryType.RAM, "input_memory", 262_144, 128, 128, 128, 1, 1,
                2.88, 44.17, 44.17));
        provenance.put(memPath + "input_memory", DOCS + ": 256 KiB ram, width 128 B, 1/1 cycle, 2.88 mW static, "
                + "44.17 mW read and write");
        local.add(new MemoryConfig("output_memory", MemoryType.RAM, "output_memory", 262_144, 128, 128, 128, 1, 1,
                2.88, 44.17, 44.17));
        provenance.put(memPath + "output_memory", "assumed: the " + DOCS + " figures of input_memory, which has "
                + "the same size and width; " + PAPER25 + " gives 2.8825576 mW static and 44.17 mW for its 256 KiB "
                + "output_memory");
        local.add(new MemoryConfig("cim_input_reg_buffer", MemoryType.REG_BUFFER, "cim_input_reg_buffer", 1_024,
                128, 128, 128, 0, 1, 0.003404, 0.363, 0.363));
        provenance.put(memPath + "cim_input_reg_buffer", DAC24 + ": 1 KiB, 128 B max width and unit, "
                + "0.003404 mW static, 0.363 mW per unit");
        local.add(new MemoryConfig("cim_output_reg_buffer", MemoryType.REG_BUFFER, "cim_output_reg_buffer", 8_192,
                128, 4_096, 4, 0, 1, 0.0, 0.0, 0.0));
        provenance.put(memPath + "cim_output_reg_buffer", PAPER25 + ": read 128 B, write 4,096 B, unit 4 B, no power; "
                + "size 8 KiB from the DAC'25 compiler layout");

        List<SimdFunctor> functors = List.of(
                new SimdFunctor("adder-32", List.of(32, 32), 32, 32, 1, 1, 4.17e-3, 0.027136),
                new SimdFunctor("adder-8", List.of(8, 8), 8, 32, 1, 1, 0.0010695, 0.0269707),
                new SimdFunctor("multiply-8", List.of(8, 8), 8, 32, 1, 1, 0.0026045, 0.049674),
                new SimdFunctor("quantify", List.of(32, 64, 8), 8, 32, 1, 1, 0.0247493, 0.6187),
                new SimdFunctor("quantify-resadd", List.of(32, 32, 64, 8), 8, 32, 1, 1, 0.1967493, 0.8277),
                new SimdFunctor("max-8", List.of(8, 8), 8, 32, 1, 1, 0.0010695, 0.0269707));
        provenance.put("chip_config.core_config.simd_unit_config.functor_list", PAPER25 + ": 32 lanes, 1 cycle, "
                + "per-lane power of adder-32, adder-8, multiply-8, quantify, quantify-resadd (" + DAC24 + " gives "
                + "0 mW for all but adder-32, so it would make vector work free); max-8 assumed equal "
                + "to adder-8 because a comparator costs about what an adder of the same width costs");
        List<SimdInstruction> instructions = List.of(
                new SimdInstruction("add", 2, 0x00, List.of("vector", "vector"), List.of(
                        new SimdInstruction.Binding(List.of(32, 32), "adder-32"),
                        new SimdInstruction.Binding(List.of(8, 8), "adder-8"))),
                new SimdInstruction("add-scalar", 2, 0x01, List.of("vector", "scalar"), List.of(
                        new SimdInstruction.Binding(List.of(8, 8), "adder-8"))),
                new SimdInstruction("multiply", 2, 0x02, List.of("vector", "vector"), List.of(
                        new SimdInstruction.Binding(List.of(8, 8), "multiply-8"))),
                new SimdInstruction("quantify", 3, 0x03, List.of("vector", "vector", "scalar"), List.of(
                        new SimdInstruction.Binding(List.of(32, 64, 8), "quantify"))),
                new SimdInstruction("quantify-resadd", 4, 0x04, List.of("vector", "vector", "vector", "scalar"),
                        List.of(new SimdInstruction.Binding(List.of(32, 32, 64, 8), "quantify-resadd"))),
                new SimdInstruction("quantify-multiply", 3, 0x05, List.of("vector", "vector", "scalar"), List.of(
                        new SimdInstruction.Binding(List.of(32, 64, 8), "quantify"))),
                new SimdInstruction("vvmax", 2, 0x06, List.of("vector", "vector"), List.of(
                        new SimdInstruction.Binding(List.of(8, 8), "max-8"))),
                new SimdInstruction("multiply-shift", 3, 0x07, List.of("vector", "vector", "scalar"), List.of(
                        new SimdInstruction.Binding(List.of(8, 8, 8), "multiply-8"))),
                new SimdInstruction("table-lookup", 2, 0x09, List.of("vector", "vector"), List.of(
                        new SimdInstruction.Binding(List.of(8, 8), "adder-8"))));
        provenance.put("chip_config.core_config.simd_unit_config.instruction_list", PAPER25
                + ": funct 0x00 to 0x05 bindings; vvmax (0x06) bound to max-8 by cimflow for max pooling and ReLU; "
                + "cimflow's multiply-shift (0x07, VEC_VSMUL, 3 inputs) bound to multiply-8 and table lookup (0x09, VEC_VSET) "
                + "to adder-8, assumed because a 256-entry byte table read costs about an 8-bit add per lane");

        List<ReduceFunctor> reduce = List.of(
                new ReduceFunctor("reduce_max", 0, 8, 8, 32, 1, 1, 0.0010695, 0.0269707),
                new ReduceFunctor("reduce_sum", 1, 32, 32, 32, 1, 1, 4.17e-3, 0.027136));
        provenance.put("chip_config.core_config.reduce_unit_config.functor_list", "assumed: 32 inputs per cycle "
                + "and the per-lane power of the 8-bit and 32-bit SIMD adders, because no published "
                + "configuration gives reduce functor figures; funct 0 = max, 1 = sum as the CIMFlow docs number them");

        CoreConfig core = new CoreConfig(cim, local, true, functors, instructions, true, reduce, 0.0, 0.0, true,
                INSTRUCTION_MEMORY_BYTES);
        provenance.put("chip_config.core_config.scalar_unit_config", DAC24 + ": the file has no "
                + "scalar_unit_config, so the simulator's default of 0 mW applies");
        provenance.put("chip_config.core_config.simd_unit_config.pipeline", DAC24 + ": true, vector batches overlap");
        provenance.put("chip_config.core_config.reduce_unit_config.pipeline", "assumed: true, like the SIMD unit, "
                + "because no published configuration has a reduce unit");
        provenance.put("chip_config.core_config.transfer_unit_config.pipeline", DAC24 + ": true, MEM_CPY beats "
                + "overlap between different memories");
        provenance.put("chip_config.core_config.instruction_memory_byte", "assumed: 256 KiB (65,536 instructions), "
                + "the size of one local memory, because CIMFlow's configuration has no instruction memory size");

        MemoryConfig global = new MemoryConfig("global", MemoryType.RAM, "global", 33_554_432, 64, 64, 64, 1, 1,
                0.0, GLOBAL_ACCESS_POWER_MILLIWATTS, GLOBAL_ACCESS_POWER_MILLIWATTS);
        provenance.put("chip_config.global_memory_config", DAC24 + ": 32 MiB, width 64 B (the 64 B/cycle global "
                + "bandwidth of CIMFlow's partitioner cost model), 1/1 cycle, no static power; read and write "
                + "power 5120 mW per 64-byte access cycle (160 pJ per byte, 20 pJ per bit) is assumed: a calibration estimate for "
                + "off-chip DRAM traffic, which the 2024dac file leaves at 0 mW, chosen so that CIFAR ResNet18 at "
                + "the defaults lands near CIMFlow's published 4420 mW");

        NetworkConfig network = new NetworkConfig(params.flitBytes(), HOP_LATENCY_CYCLES, ROUTER_LATENCY_CYCLES,
                HOP_ENERGY_PICOJOULES, centreCore(params.coreCount()), null);
        provenance.put("chip_config.network_config", NOC + ": 20.37 pJ per flit per hop; 2 + hops cycles per flit "
                + "(1 hop: 3 cycles, as 0→1 in the table, whose mean over 1-hop pairs is 2.47); global memory "
                + "beside the core nearest the mesh centre (core 27 of 8×8, the core with the table's cheapest "
                + "path to global memory: 6 cycles, 82.77 pJ)");

        List<AddressRegion> regions = new ArrayList<>();
        int base = 0;
        int cimBytes = cim.bytesPerCore();
        regions.add(new AddressRegion("macro", base, cimBytes));
        base += cimBytes;
        for (MemoryConfig memory : local) {
            regions.add(new AddressRegion(memory.name(), base, memory.sizeBytes()));
            base += memory.sizeBytes();
        }
        regions.add(new AddressRegion(global.name(), base, global.sizeBytes()));
        provenance.put("chip_config.address_space_config", "DAC'25 compiler layout (PolyCIM config_gs_{T}.json): "
                + "macro, input_memory, output_memory, cim_input_reg_buffer, cim_output_reg_buffer, global; global "
                + "starts at 1,057,792 for T=8, K=16, 2,560 bytes below the 1,060,352 of the CIMFlow docs' sample "
                + "program, whose extra regions are unknown");
        provenance.put("sim_config.period_ns", DOCS + ": 2.0 ns (500 MHz)");

        return new HardwareConfig(params.coreCount(), core, global, network, regions, 2.0, provenance);
    }
}
