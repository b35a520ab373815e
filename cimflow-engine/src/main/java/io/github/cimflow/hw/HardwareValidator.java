package io.github.cimflow.hw;

import io.github.cimflow.CimflowException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks that a configuration describes hardware the compiler and simulator can use. Each problem names
 * the JSON path, the value and the fix. Reading a file already rejects malformed JSON; this checks the
 * numbers and how the parts fit together.
 */
public final class HardwareValidator {
    /** Element widths, in bits, that the vector and reduce units accept (the simulator's set). */
    public static final Set<Integer> DATA_BIT_WIDTHS = Set.of(1, 2, 4, 8, 16, 32, 64);
    /** One past the largest value of G_LI's 21-bit unsigned immediate (0 to 2,097,151). */
    public static final int G_LI_LIMIT = 1 << 21;

    private static final String CHIP = "chip_config.";
    private static final String CORE = CHIP + "core_config.";
    private static final String CIM = CORE + "cim_unit_config.";
    private static final String MEMORY_LIST = CORE + "local_memory_unit_config.memory_list";
    private static final String SIMD = CORE + "simd_unit_config.";
    private static final String REDUCE = CORE + "reduce_unit_config.";
    private static final String NETWORK = CHIP + "network_config.";

    private HardwareValidator() {
    }

    /**
     * Throws when the configuration has a problem: the message gives the first problem and how many
     * more there are ({@link #problems} lists them all).
     *
     * @param source the file name or "preset T8_K16_B16_C64", first in the message
     */
    public static void validate(HardwareConfig config, String source) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more problem"
                    + (problems.size() == 2 ? "" : "s") + "; 'cimflow config check' lists them all)";
            throw new CimflowException(source + ": " + problems.get(0) + more);
        }
    }

    /** Lists every problem of the configuration, one line each, in a fixed order; empty when it is valid. */
    public static List<String> problems(HardwareConfig config) {
        List<String> problems = new ArrayList<>();
        checkCoreCount(config.coreCount(), problems);
        checkCim(config.core().cim(), problems);
        checkMemories(config, problems);
        checkAddressSpace(config, problems);
        checkSimd(config.core(), problems);
        checkReduce(config.core(), problems);
        checkScalarAndInstructionMemory(config.core(), problems);
        checkNetwork(config, problems);
        if (!(config.periodNanoseconds() > 0) || Double.isInfinite(config.periodNanoseconds())) {
            problems.add("sim_config.period_ns: " + number(config.periodNanoseconds())
                    + " is not a positive clock period; use for example 2.0 (500 MHz)");
        }
        return problems;
    }

    private static void checkCoreCount(int coreCount, List<String> problems) {
        if (coreCount < 1) {
            problems.add(CHIP + "core_cnt: " + coreCount + " cores; use at least 1");
            return;
        }
        int side = (int) Math.sqrt(coreCount);
        if (side * side != coreCount) {
            int below = side * side;
            int above = (side + 1) * (side + 1);
            problems.add(CHIP + "core_cnt: " + coreCount + " is not a perfect square, but the cores sit on a "
                    + "√C×√C mesh; use " + below + " or " + above + " (CIMFlow's docs show -c 128, which its "
                    + "partitioner cannot place either)");
        }
    }

    private static void checkCim(CimUnitConfig cim, List<String> problems) {
        MacroGeometry macro = cim.macro();
        positive(CIM + "macro_size.compartment_cnt_per_macro", macro.compartments(), problems);
        positive(CIM + "macro_size.element_cnt_per_compartment", macro.elementsPerCompartment(), problems);
        positive(CIM + "macro_size.row_cnt_per_element", macro.rowsPerElement(), problems);
        positive(CIM + "macro_size.bit_width_per_row", macro.bitsPerRow(), problems);
        if (macro.bitsPerRow() > 0 && macro.bitsPerRow() % 8 != 0) {
            problems.add(CIM + "macro_size.bit_width_per_row: " + macro.bitsPerRow() + " bits is not whole bytes; "
                    + "use a multiple of 8 (8 holds one 8-bit weight per row)");
        }
        if (positive(CIM + "macro_group_size", cim.macroGroupSize(), problems)
                && positive(CIM + "macro_total_cnt", cim.macroTotalCount(), problems)
                && cim.macroTotalCount() % cim.macroGroupSize() != 0) {
            problems.add(CIM + "macro_total_cnt: " + cim.macroTotalCount() + " macros do not split into groups of "
                    + "macro_group_size " + cim.macroGroupSize() + "; use a multiple of " + cim.macroGroupSize()
                    + " (T·K)");
        }
        checkPipelineUnit(CIM + "ipu", cim.ipu(), problems);
        checkPipelineUnit(CIM + "adder_tree", cim.adderTree(), problems);
        checkPipelineUnit(CIM + "shift_adder", cim.shiftAdder(), problems);
        checkPipelineUnit(CIM + "result_adder", cim.resultAdder(), problems);
        CimSram sram = cim.sram();
        positive(CIM + "sram.write_latency_cycle", sram.writeLatencyCycles(), problems);
        positive(CIM + "sram.read_latency_cycle", sram.readLatencyCycles(), problems);
        power(CIM + "sram.static_power_mW", sram.staticPowerMilliwatts(), problems);
        power(CIM + "sram.write_dynamic_power_per_bit_mW", sram.writeDynamicPowerPerBitMilliwatts(), problems);
        power(CIM + "sram.read_dynamic_power_per_bit_mW", sram.readDynamicPowerPerBitMilliwatts(), problems);
    }

    private static void checkPipelineUnit(String path, PipelineUnit unit, List<String> problems) {
        positive(path + ".latency_cycle", unit.latencyCycles(), problems);
        stages(path, unit.latencyCycles(), unit.pipelineStages(), problems);
        power(path + ".static_power_mW", unit.staticPowerMilliwatts(), problems);
        power(path + ".dynamic_power_mW", unit.dynamicPowerMilliwatts(), problems);
    }

    private static void stages(String path, int latencyCycles, int stages, List<String> problems) {
        if (stages < 1 || (latencyCycles >= 1 && stages > latencyCycles)) {
            problems.add(path + ".pipeline_stage_cnt: " + stages + " stages for a latency of " + latencyCycles
                    + " cycles; use 1 to " + Math.max(1, latencyCycles));
        }
    }

    private static void checkMemories(HardwareConfig config, List<String> problems) {
        List<MemoryConfig> local = config.core().localMemories();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < local.size(); i++) {
            MemoryConfig memory = local.get(i);
            String path = MEMORY_LIST + "[" + i + "]";
            checkMemory(path, memory, problems);
            if (!names.add(memory.name()) || memory.name().equals(config.cimRegionName())
                    || memory.name().equals(config.globalMemory().name())) {
                problems.add(path + ".name: \"" + memory.name() + "\" is used twice (names of memories, the CIM "
                        + "array's \"macro\" and the global memory are one namespace); rename it");
            }
        }
        checkMemory(CHIP + "global_memory_config.global_memory_unit_config.memory_list[0]", config.globalMemory(),
                problems);
        for (String role : List.of("input_memory", "output_memory")) {
            if (local.stream().noneMatch(memory -> memory.role().equals(role))) {
                problems.add(MEMORY_LIST + ": no memory with role \"" + role + "\", which the operator-level "
                        + "compiler places feature maps in; name one memory \"" + role + "\" or give it "
                        + "\"identifier\": \"" + role + "\"");
            }
        }
    }

    private static void checkMemory(String path, MemoryConfig memory, List<String> problems) {
        String hardware = path + ".hardware_config.";
        positive(hardware + "size_byte", memory.sizeBytes(), problems);
        power(hardware + "static_power_mW", memory.staticPowerMilliwatts(), problems);
        if (memory.type() == MemoryType.RAM) {
            if (positive(hardware + "width_byte", memory.widthBytes(), problems) && memory.sizeBytes() > 0
                    && memory.sizeBytes() % memory.widthBytes() != 0) {
                problems.add(hardware + "size_byte: " + memory.sizeBytes() + " is not a multiple of width_byte "
                        + memory.widthBytes() + "; round it to a whole number of rows");
            }
            nonNegative(hardware + "read_latency_cycle", memory.readLatencyCycles(), problems);
            nonNegative(hardware + "write_latency_cycle", memory.writeLatencyCycles(), problems);
            power(hardware + "read_dynamic_power_mW", memory.readDynamicPowerMilliwatts(), problems);
            power(hardware + "write_dynamic_power_mW", memory.writeDynamicPowerMilliwatts(), problems);
        } else {
            positive(hardware + "read_max_width_byte", memory.widthBytes(), problems);
            positive(hardware + "write_max_width_byte", memory.writeWidthBytes(), problems);
            if (positive(hardware + "rw_min_unit_byte", memory.unitBytes(), problems)
                    && memory.unitBytes() > Math.min(memory.widthBytes(), memory.writeWidthBytes())) {
                problems.add(hardware + "rw_min_unit_byte: " + memory.unitBytes() + " is wider than the read or "
                        + "write width; use at most " + Math.min(memory.widthBytes(), memory.writeWidthBytes()));
            }
            power(hardware + "rw_dynamic_power_per_unit_mW", memory.readDynamicPowerMilliwatts(), problems);
        }
    }

    private static void checkAddressSpace(HardwareConfig config, List<String> problems) {
        String path = CHIP + "address_space_config";
        List<String> expected = new ArrayList<>();
        expected.add(config.cimRegionName());
        config.core().localMemories().forEach(memory -> expected.add(memory.name()));
        expected.add(config.globalMemory().name());

        Set<String> seen = new HashSet<>();
        long previousEnd = 0;
        for (AddressRegion region : config.addressSpace()) {
            if (!seen.add(region.name())) {
                problems.add(path + ": region \"" + region.name() + "\" appears twice; list each memory once");
            }
            if (region.baseAddress() < previousEnd) {
                problems.add(path + ": region \"" + region.name() + "\" starts at " + region.baseAddress()
                        + ", inside the region before it (which ends at " + previousEnd + "); regions must not "
                        + "overlap");
            }
            previousEnd = (long) region.baseAddress() + region.sizeBytes();
            int memorySize = memorySize(config, region.name());
            if (memorySize >= 0 && region.sizeBytes() != memorySize) {
                problems.add(path + ": region \"" + region.name() + "\" has size " + region.sizeBytes()
                        + " but its memory has " + memorySize + " bytes; use -1 (the memory's size) or "
                        + memorySize);
            }
            boolean global = region.name().equals(config.globalMemory().name());
            if (global && region.baseAddress() >= G_LI_LIMIT) {
                problems.add(path + ": the global memory starts at " + region.baseAddress() + ", which G_LI's 21-bit "
                        + "immediate (at most 2,097,151) cannot load; shrink the local memories or reduce T·K");
            } else if (!global && previousEnd > G_LI_LIMIT) {
                problems.add(path + ": local region \"" + region.name() + "\" ends at byte " + previousEnd
                        + ", beyond 2,097,152, the reach of G_LI's 21-bit immediate; shrink the local memories "
                        + "or reduce T·K (the CIM array takes " + config.core().cim().bytesPerCore() + " bytes)");
            }
        }
        for (String name : expected) {
            if (!seen.contains(name)) {
                problems.add(path + ": memory \"" + name + "\" has no region; add {\"name\": \""
                        + (name.equals(config.cimRegionName()) ? HardwareConfigReader.DEFAULT_CIM_MEMORY_NAME : name)
                        + "\", \"size\": -1}");
            }
        }
    }

    private static int memorySize(HardwareConfig config, String regionName) {
        if (regionName.equals(config.cimRegionName())) {
            return config.core().cim().bytesPerCore();
        }
        if (regionName.equals(config.globalMemory().name())) {
            return config.globalMemory().sizeBytes();
        }
        for (MemoryConfig memory : config.core().localMemories()) {
            if (memory.name().equals(regionName)) {
                return memory.sizeBytes();
            }
        }
        return -1;
    }

    private static void checkSimd(CoreConfig core, List<String> problems) {
        Set<String> functorNames = new HashSet<>();
        for (int i = 0; i < core.simdFunctors().size(); i++) {
            SimdFunctor functor = core.simdFunctors().get(i);
            String path = SIMD + "functor_list[" + i + "]";
            if (!functorNames.add(functor.name())) {
                problems.add(path + ".name: \"" + functor.name() + "\" is used twice; give each functor its own name");
            }
            for (int input = 0; input < functor.inputBitWidths().size(); input++) {
                width(path + ".data_bit_width.input" + (input + 1), functor.inputBitWidths().get(input), problems);
            }
            width(path + ".data_bit_width.output", functor.outputBitWidth(), problems);
            positive(path + ".functor_cnt", functor.functorCount(), problems);
            positive(path + ".latency_cycle", functor.latencyCycles(), problems);
            stages(path, functor.latencyCycles(), functor.pipelineStages(), problems);
            power(path + ".static_power_per_functor_mW", functor.staticPowerPerFunctorMilliwatts(), problems);
            power(path + ".dynamic_power_per_functor_mW", functor.dynamicPowerPerFunctorMilliwatts(), problems);
        }
        Set<Integer> functs = new HashSet<>();
        for (int i = 0; i < core.simdInstructions().size(); i++) {
            SimdInstruction instruction = core.simdInstructions().get(i);
            String path = SIMD + "instruction_list[" + i + "]";
            if (!functs.add(instruction.funct())) {
                problems.add(path + ".opcode: funct " + hex(instruction.funct()) + " is bound twice; give each "
                        + "instruction its own funct");
            }
            for (int b = 0; b < instruction.bindings().size(); b++) {
                SimdInstruction.Binding binding = instruction.bindings().get(b);
                String bindingPath = path + ".functor_binding_list[" + b + "]";
                if (!functorNames.contains(binding.functorName())) {
                    problems.add(bindingPath + ".functor_name: no functor \"" + binding.functorName() + "\"; did you "
                            + "mean \"" + NearestName.of(binding.functorName(), functorNames.stream().sorted().toList())
                            + "\"?");
                }
                for (int input = 0; input < binding.inputBitWidths().size(); input++) {
                    width(bindingPath + ".input_bit_width.input" + (input + 1), binding.inputBitWidths().get(input),
                            problems);
                }
            }
        }
    }

    private static void checkReduce(CoreConfig core, List<String> problems) {
        Set<Integer> functs = new HashSet<>();
        for (int i = 0; i < core.reduceFunctors().size(); i++) {
            ReduceFunctor functor = core.reduceFunctors().get(i);
            String path = REDUCE + "functor_list[" + i + "]";
            if (!functs.add(functor.funct())) {
                problems.add(path + ".funct: " + functor.funct() + " is used twice; give each functor its own funct");
            }
            width(path + ".input_bit_width", functor.inputBitWidth(), problems);
            width(path + ".output_bit_width", functor.outputBitWidth(), problems);
            positive(path + ".reduce_input_cnt", functor.reduceInputCount(), problems);
            positive(path + ".latency_cycle", functor.latencyCycles(), problems);
            stages(path, functor.latencyCycles(), functor.pipelineStages(), problems);
            power(path + ".static_power_mW", functor.staticPowerMilliwatts(), problems);
            power(path + ".dynamic_power_mW", functor.dynamicPowerMilliwatts(), problems);
        }
    }

    private static void checkScalarAndInstructionMemory(CoreConfig core, List<String> problems) {
        power(CORE + "scalar_unit_config.default_functor_static_power_mW", core.scalarStaticPowerMilliwatts(),
                problems);
        power(CORE + "scalar_unit_config.default_functor_dynamic_power_mW", core.scalarDynamicPowerMilliwatts(),
                problems);
        if (positive(CORE + "instruction_memory_byte", core.instructionMemoryBytes(), problems)
                && core.instructionMemoryBytes() % 4 != 0) {
            problems.add(CORE + "instruction_memory_byte: " + core.instructionMemoryBytes() + " is not a whole "
                    + "number of 4-byte instructions; use a multiple of 4");
        }
    }

    private static void checkNetwork(HardwareConfig config, List<String> problems) {
        NetworkConfig network = config.network();
        positive(NETWORK + "bus_width_byte", network.flitBytes(), problems);
        nonNegative(NETWORK + "hop_latency_cycle", network.hopLatencyCycles(), problems);
        nonNegative(NETWORK + "router_latency_cycle", network.routerLatencyCycles(), problems);
        if (network.hopLatencyCycles() == 0 && network.routerLatencyCycles() == 0) {
            problems.add(NETWORK + "router_latency_cycle: 0 together with hop_latency_cycle 0 makes transfers "
                    + "free; give one of them at least 1 cycle");
        }
        power(NETWORK + "hop_energy_pJ", network.hopEnergyPicojoules(), problems);
        if (config.coreCount() >= 1 && (network.globalMemoryCore() < 0
                || network.globalMemoryCore() >= config.coreCount())) {
            problems.add(NETWORK + "global_memory_core: " + network.globalMemoryCore() + " is not a core id; use 0 to "
                    + (config.coreCount() - 1));
        }
        NocTable table = network.table();
        if (table == null) {
            return;
        }
        for (int src = -1; src < config.coreCount(); src++) {
            for (int dst = -1; dst < config.coreCount(); dst++) {
                if (src == -1 && dst == -1) {
                    continue;
                }
                String pair = "[" + src + "][" + dst + "]";
                if (table.latencyCycles(src, dst) < 0) {
                    problems.add(NETWORK + "network_config_file_path: table " + network.tableFile() + " has no "
                            + "latency" + pair + " although core_cnt is " + config.coreCount() + "; give every "
                            + "pair of cores and -1 (global memory)");
                    return;
                }
                if (!(table.energyPicojoules(src, dst) >= 0)) {
                    problems.add(NETWORK + "network_config_file_path: table " + network.tableFile() + " has no "
                            + "non-negative energy" + pair + "; give every pair of cores and -1 (global memory)");
                    return;
                }
            }
        }
    }

    private static boolean positive(String path, int value, List<String> problems) {
        if (value < 1) {
            problems.add(path + ": " + value + " must be at least 1");
            return false;
        }
        return true;
    }

    private static void nonNegative(String path, int value, List<String> problems) {
        if (value < 0) {
            problems.add(path + ": " + value + " is negative; use 0 or more");
        }
    }

    private static void power(String path, double value, List<String> problems) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            problems.add(path + ": " + number(value) + " is not a power or energy; use a finite value of 0 or more");
        }
    }

    private static void width(String path, int bits, List<String> problems) {
        if (!DATA_BIT_WIDTHS.contains(bits)) {
            problems.add(path + ": " + bits + " bits is not a supported element width; use 1, 2, 4, 8, 16, 32 "
                    + "or 64");
        }
    }

    private static String hex(int value) {
        return String.format(Locale.ROOT, "0x%02x", value);
    }

    private static String number(double value) {
        return Double.toString(value);
    }
}
