package io.github.cimflow.hw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cimflow.CimflowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds a {@link HardwareConfig} from the JSON tree of a CIMFlow hardware configuration. Keys CIMFlow
 * defines but cimflow does not model (sparsity, memory images, duplicated memories, control-unit power) are
 * accepted only with the value that makes them irrelevant, so that no file is simulated with a figure
 * silently dropped.
 */
final class HardwareConfigReader {
    /** Name CIMFlow gives the CIM array's memory when {@code name_as_memory} is absent. */
    static final String DEFAULT_CIM_MEMORY_NAME = "cim_unit";

    private static final Set<String> ROOT = Set.of("chip_config", "sim_config");
    private static final Set<String> CHIP = Set.of("core_cnt", "core_config", "global_memory_config",
            "network_config", "address_space_config");
    private static final Set<String> CORE = Set.of("control_unit_config", "register_unit_config",
            "scalar_unit_config", "simd_unit_config", "reduce_unit_config", "cim_unit_config",
            "local_memory_unit_config", "transfer_unit_config", "instruction_memory_byte");
    private static final Set<String> CONTROL = Set.of("controller_static_power_mW", "controller_dynamic_power_mW",
            "fetch_static_power_mW", "fetch_dynamic_power_mW", "decode_static_power_mW", "decode_dynamic_power_mW");
    private static final Set<String> REGISTER = Set.of("static_power_mW", "dynamic_power_mW",
            "special_register_binding");
    private static final Set<String> SCALAR = Set.of("default_functor_static_power_mW",
            "default_functor_dynamic_power_mW", "functor_list");
    private static final Set<String> SIMD = Set.of("pipeline", "functor_list", "instruction_list");
    private static final Set<String> SIMD_FUNCTOR = Set.of("name", "input_cnt", "data_bit_width", "functor_cnt",
            "latency_cycle", "pipeline_stage_cnt", "static_power_per_functor_mW", "dynamic_power_per_functor_mW");
    private static final Set<String> BIT_WIDTHS = Set.of("input1", "input2", "input3", "input4", "output");
    private static final Set<String> INPUT_WIDTHS = Set.of("input1", "input2", "input3", "input4");
    private static final Set<String> SIMD_INSTRUCTION = Set.of("name", "input_cnt", "opcode", "input1_type",
            "input2_type", "input3_type", "input4_type", "functor_binding_list");
    private static final Set<String> BINDING = Set.of("input_bit_width", "functor_name");
    private static final Set<String> REDUCE = Set.of("pipeline", "functor_list");
    private static final Set<String> REDUCE_FUNCTOR = Set.of("name", "funct", "input_bit_width", "output_bit_width",
            "reduce_input_cnt", "latency_cycle", "pipeline_stage_cnt", "static_power_mW", "dynamic_power_mW");
    private static final Set<String> CIM = Set.of("macro_total_cnt", "macro_group_size", "macro_size",
            "name_as_memory", "identifier", "ipu", "adder_tree", "shift_adder", "result_adder", "sram",
            "value_sparse", "value_sparse_config", "bit_sparse", "bit_sparse_config", "input_bit_sparse");
    private static final Set<String> MACRO_SIZE = Set.of("compartment_cnt_per_macro", "element_cnt_per_compartment",
            "row_cnt_per_element", "bit_width_per_row");
    private static final Set<String> PIPELINE_UNIT = Set.of("latency_cycle", "pipeline_stage_cnt", "static_power_mW",
            "dynamic_power_mW");
    private static final Set<String> SRAM = Set.of("as_mode", "write_latency_cycle", "read_latency_cycle",
            "static_power_mW", "write_dynamic_power_per_bit_mW", "read_dynamic_power_per_bit_mW");
    private static final Set<String> MEMORY_UNIT = Set.of("memory_list");
    private static final Set<String> MEMORY = Set.of("name", "type", "identifier", "duplicate_cnt", "hardware_config");
    private static final Set<String> RAM = Set.of("size_byte", "width_byte", "write_latency_cycle",
            "read_latency_cycle", "static_power_mW", "write_dynamic_power_mW", "read_dynamic_power_mW", "has_image",
            "image_file");
    private static final Set<String> REG_BUFFER = Set.of("size_byte", "read_max_width_byte", "write_max_width_byte",
            "rw_min_unit_byte", "static_power_mW", "rw_dynamic_power_per_unit_mW");
    private static final Set<String> TRANSFER = Set.of("pipeline", "local_dedicated_data_path_list");
    private static final Set<String> GLOBAL = Set.of("global_memory_unit_config", "global_memory_switch_id");
    private static final Set<String> NETWORK = Set.of("bus_width_byte", "network_config_file_path",
            "hop_latency_cycle", "router_latency_cycle", "hop_energy_pJ", "global_memory_core");
    private static final Set<String> REGION = Set.of("name", "size");
    private static final Set<String> SIM = Set.of("period_ns", "sim_mode", "data_mode", "sim_time_ms");
    private static final Set<String> NOC_TABLE = Set.of("latency", "energy");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HardwareConfigReader() {
    }

    /**
     * Reads a configuration tree.
     *
     * @param baseDirectory folder that a relative {@code network_config_file_path} is resolved against
     * @param knownTable    a table already loaded for the same {@code network_config_file_path}, reused
     *                      instead of reading the file again (null to always read)
     */
    static HardwareConfig read(JsonNode json, String source, Path baseDirectory, NetworkConfig knownTable) {
        Map<String, String> provenance = new TreeMap<>();
        ConfigNode root = ConfigNode.root(source, json, provenance, ROOT);
        ConfigNode chip = root.object("chip_config", CHIP);
        int coreCount = chip.requiredInt("core_cnt");

        ConfigNode coreNode = chip.object("core_config", CORE);
        ConfigNode cimNode = coreNode.object("cim_unit_config", CIM);
        CimUnitConfig cim = readCim(cimNode);
        CoreConfig core = readCore(coreNode, cim);

        ConfigNode globalNode = chip.object("global_memory_config", GLOBAL);
        globalNode.requireAbsentOr("global_memory_switch_id", -1, "cimflow gives the global memory node id -1");
        List<ConfigNode> globalList = globalNode.object("global_memory_unit_config", MEMORY_UNIT)
                .objectList("memory_list", true, MEMORY);
        if (globalList.size() != 1) {
            throw globalNode.error(globalNode.pathOf("global_memory_unit_config.memory_list"), "found "
                    + globalList.size() + " memories; list exactly one global memory");
        }
        MemoryConfig global = readMemory(globalList.get(0));
        if (global.type() != MemoryType.RAM) {
            throw globalList.get(0).error(globalList.get(0).pathOf("type"), "\"reg_buffer\" is not supported for "
                    + "the global memory; use \"ram\"");
        }

        NetworkConfig network = readNetwork(chip.object("network_config", NETWORK), coreCount, baseDirectory,
                knownTable);
        String cimMemoryName = cimNode.optionalString("name_as_memory", DEFAULT_CIM_MEMORY_NAME);
        List<AddressRegion> regions = readAddressSpace(chip, cimMemoryName, cim, core.localMemories(), global);

        ConfigNode sim = root.object("sim_config", SIM);
        double periodNanoseconds = sim.requiredDouble("period_ns");
        sim.requireAbsentOr("sim_mode", "run_one_round", "cimflow always runs until every core has finished");
        String dataMode = sim.optionalString("data_mode", "not_real_data");
        if (!Set.of("real_data", "not_real_data", "no_real_data").contains(dataMode)) {
            throw sim.error(sim.pathOf("data_mode"), "unknown value \"" + dataMode
                    + "\"; use \"real_data\" or \"not_real_data\"");
        }
        sim.optionalDouble("sim_time_ms", 1.0);

        return new HardwareConfig(coreCount, core, global, network, regions, periodNanoseconds, provenance);
    }

    /** Reads a configuration file; a relative NoC table path is resolved against the file's folder. */
    static HardwareConfig read(Path file) {
        JsonNode json = parse(file);
        Path folder = file.toAbsolutePath().getParent();
        return read(json, file.toString(), folder, null);
    }

    static JsonNode parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CimflowException(file + ": hardware configuration not found; check the path");
        }
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw invalidJson(file.toString(), e);
        }
    }

    /**
     * Builds the error for a file that is not valid JSON: the parser's first message line and, when
     * the parser knows it, the line and column, without Jackson's source description.
     */
    static CimflowException invalidJson(String source, IOException e) {
        String where = "";
        String reason = e.getMessage();
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException parseError) {
            reason = parseError.getOriginalMessage();
            com.fasterxml.jackson.core.JsonLocation location = parseError.getLocation();
            if (location != null) {
                where = " line " + location.getLineNr() + ", column " + location.getColumnNr();
            }
        }
        String firstLine = reason == null ? "" : reason.lines().findFirst().orElse("");
        return new CimflowException(source + where + ": not valid JSON: " + firstLine + "; fix the syntax there", e);
    }

    private static CimUnitConfig readCim(ConfigNode cimNode) {
        cimNode.requireAbsentOr("identifier", "macro", "the CIM array always has the role 'macro'");
        cimNode.requireAbsentOr("value_sparse", false, "cimflow does not model value sparsity");
        cimNode.requireAbsentOr("bit_sparse", false, "cimflow does not model bit sparsity");
        cimNode.requireAbsentOr("input_bit_sparse", false, "cimflow does not model input bit sparsity");
        ConfigNode size = cimNode.object("macro_size", MACRO_SIZE);
        MacroGeometry macro = new MacroGeometry(size.requiredInt("compartment_cnt_per_macro"),
                size.requiredInt("element_cnt_per_compartment"), size.requiredInt("row_cnt_per_element"),
                size.requiredInt("bit_width_per_row"));
        ConfigNode sramNode = cimNode.object("sram", SRAM);
        sramNode.requireAbsentOr("as_mode", "intergroup", "cimflow writes the CIM array across all groups at once");
        CimSram sram = new CimSram(sramNode.optionalInt("write_latency_cycle", 1),
                sramNode.optionalInt("read_latency_cycle", 1), sramNode.requiredDouble("static_power_mW"),
                sramNode.requiredDouble("write_dynamic_power_per_bit_mW"),
                sramNode.requiredDouble("read_dynamic_power_per_bit_mW"));
        return new CimUnitConfig(cimNode.requiredInt("macro_total_cnt"), cimNode.requiredInt("macro_group_size"),
                macro, readPipelineUnit(cimNode.object("ipu", PIPELINE_UNIT)),
                readPipelineUnit(cimNode.object("adder_tree", PIPELINE_UNIT)),
                readPipelineUnit(cimNode.object("shift_adder", PIPELINE_UNIT)),
                readPipelineUnit(cimNode.object("result_adder", PIPELINE_UNIT)), sram);
    }

    private static PipelineUnit readPipelineUnit(ConfigNode unit) {
        return new PipelineUnit(unit.optionalInt("latency_cycle", 1), unit.optionalInt("pipeline_stage_cnt", 1),
                unit.requiredDouble("static_power_mW"), unit.requiredDouble("dynamic_power_mW"));
    }

    private static CoreConfig readCore(ConfigNode coreNode, CimUnitConfig cim) {
        ConfigNode control = coreNode.optionalObject("control_unit_config", CONTROL);
        if (control != null) {
            for (String key : CONTROL.stream().sorted().toList()) {
                control.requireAbsentOr(key, 0, "cimflow does not model control unit power");
            }
        }
        ConfigNode register = coreNode.optionalObject("register_unit_config", REGISTER);
        if (register != null) {
            register.requireAbsentOr("static_power_mW", 0, "cimflow does not model register file power");
            register.requireAbsentOr("dynamic_power_mW", 0, "cimflow does not model register file power");
            register.requireEmptyList("special_register_binding", "cimflow keeps special and general registers apart");
        }

        ConfigNode scalar = coreNode.optionalObject("scalar_unit_config", SCALAR);
        double scalarStatic = scalar == null ? 0.0 : scalar.optionalDouble("default_functor_static_power_mW", 0.0);
        double scalarDynamic = scalar == null ? 0.0 : scalar.optionalDouble("default_functor_dynamic_power_mW", 0.0);
        if (scalar != null) {
            scalar.requireEmptyList("functor_list", "cimflow charges every scalar instruction the default power");
        }

        ConfigNode simd = coreNode.object("simd_unit_config", SIMD);
        List<SimdFunctor> functors = new ArrayList<>();
        for (ConfigNode functor : simd.objectList("functor_list", true, SIMD_FUNCTOR)) {
            functors.add(readSimdFunctor(functor));
        }
        List<SimdInstruction> instructions = new ArrayList<>();
        for (ConfigNode instruction : simd.objectList("instruction_list", true, SIMD_INSTRUCTION)) {
            instructions.add(readSimdInstruction(instruction));
        }

        ConfigNode reduce = coreNode.optionalObject("reduce_unit_config", REDUCE);
        List<ReduceFunctor> reduceFunctors = new ArrayList<>();
        if (reduce != null) {
            for (ConfigNode functor : reduce.objectList("functor_list", false, REDUCE_FUNCTOR)) {
                reduceFunctors.add(new ReduceFunctor(functor.requiredString("name"), functor.requiredInt("funct"),
                        functor.requiredInt("input_bit_width"), functor.requiredInt("output_bit_width"),
                        functor.optionalInt("reduce_input_cnt", 32), functor.optionalInt("latency_cycle", 1),
                        functor.optionalInt("pipeline_stage_cnt", 1), functor.requiredDouble("static_power_mW"),
                        functor.requiredDouble("dynamic_power_mW")));
            }
        }

        List<MemoryConfig> memories = new ArrayList<>();
        for (ConfigNode memory : coreNode.object("local_memory_unit_config", MEMORY_UNIT)
                .objectList("memory_list", true, MEMORY)) {
            memories.add(readMemory(memory));
        }

        ConfigNode transfer = coreNode.optionalObject("transfer_unit_config", TRANSFER);
        boolean transferPipeline = transfer != null && transfer.optionalBoolean("pipeline", false);
        if (transfer != null) {
            transfer.requireEmptyList("local_dedicated_data_path_list",
                    "cimflow moves all local data through the transfer unit");
        }
        return new CoreConfig(cim, memories, simd.optionalBoolean("pipeline", false), functors, instructions,
                reduce != null && reduce.optionalBoolean("pipeline", false), reduceFunctors, scalarStatic,
                scalarDynamic, transferPipeline,
                coreNode.optionalInt("instruction_memory_byte", HardwarePresets.INSTRUCTION_MEMORY_BYTES));
    }

    private static SimdFunctor readSimdFunctor(ConfigNode functor) {
        int inputCount = functor.optionalInt("input_cnt", 2);
        if (inputCount < 1 || inputCount > 4) {
            throw functor.error(functor.pathOf("input_cnt"), inputCount + " is out of range; use 1 to 4");
        }
        ConfigNode widths = functor.object("data_bit_width", BIT_WIDTHS);
        List<Integer> inputWidths = readInputWidths(widths, inputCount);
        return new SimdFunctor(functor.requiredString("name"), inputWidths, widths.requiredInt("output"),
                functor.optionalInt("functor_cnt", 32), functor.optionalInt("latency_cycle", 1),
                functor.optionalInt("pipeline_stage_cnt", 1), functor.requiredDouble("static_power_per_functor_mW"),
                functor.requiredDouble("dynamic_power_per_functor_mW"));
    }

    /** Reads input1..inputN and rejects widths given for inputs beyond the count. */
    private static List<Integer> readInputWidths(ConfigNode widths, int inputCount) {
        List<Integer> values = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            String key = "input" + i;
            if (i <= inputCount) {
                values.add(widths.requiredInt(key));
            } else if (widths.has(key)) {
                throw widths.error(widths.pathOf(key), "width of input " + i + " given for " + inputCount
                        + " inputs; remove it or raise input_cnt");
            }
        }
        return values;
    }

    private static SimdInstruction readSimdInstruction(ConfigNode instruction) {
        int inputCount = instruction.requiredInt("input_cnt");
        if (inputCount < 1 || inputCount > 4) {
            throw instruction.error(instruction.pathOf("input_cnt"), inputCount + " is out of range; use 1 to 4");
        }
        String opcode = instruction.requiredString("opcode");
        int funct;
        try {
            funct = opcode.startsWith("0x") || opcode.startsWith("0X")
                    ? Integer.parseInt(opcode.substring(2), 16) : Integer.parseInt(opcode);
        } catch (NumberFormatException e) {
            throw instruction.error(instruction.pathOf("opcode"), "\"" + opcode
                    + "\" is not a funct code; write it in hex like \"0x03\"");
        }
        List<String> kinds = new ArrayList<>();
        for (int i = 1; i <= inputCount; i++) {
            String kind = instruction.requiredString("input" + i + "_type");
            if (!kind.equals("vector") && !kind.equals("scalar")) {
                throw instruction.error(instruction.pathOf("input" + i + "_type"), "unknown input type \"" + kind
                        + "\"; use \"vector\" or \"scalar\"");
            }
            kinds.add(kind);
        }
        List<SimdInstruction.Binding> bindings = new ArrayList<>();
        for (ConfigNode binding : instruction.objectList("functor_binding_list", true, BINDING)) {
            List<Integer> widths = readInputWidths(binding.object("input_bit_width", INPUT_WIDTHS), inputCount);
            bindings.add(new SimdInstruction.Binding(widths, binding.requiredString("functor_name")));
        }
        return new SimdInstruction(instruction.requiredString("name"), inputCount, funct, kinds, bindings);
    }

    private static MemoryConfig readMemory(ConfigNode memory) {
        String name = memory.requiredString("name");
        String typeName = memory.requiredString("type");
        String role = memory.optionalString("identifier", name);
        memory.requireAbsentOr("duplicate_cnt", 1, "cimflow instantiates each memory once");
        if (typeName.equals("ram")) {
            ConfigNode ram = memory.object("hardware_config", RAM);
            ram.requireAbsentOr("has_image", false, "cimflow starts every memory empty");
            ram.optionalString("image_file", "");
            int width = ram.requiredInt("width_byte");
            return new MemoryConfig(name, MemoryType.RAM, role, ram.requiredInt("size_byte"), width, width, width,
                    ram.optionalInt("read_latency_cycle", 1), ram.optionalInt("write_latency_cycle", 1),
                    ram.requiredDouble("static_power_mW"), ram.requiredDouble("read_dynamic_power_mW"),
                    ram.requiredDouble("write_dynamic_power_mW"));
        }
        if (typeName.equals("reg_buffer")) {
            ConfigNode buffer = memory.object("hardware_config", REG_BUFFER);
            double unitPower = buffer.requiredDouble("rw_dynamic_power_per_unit_mW");
            return new MemoryConfig(name, MemoryType.REG_BUFFER, role, buffer.requiredInt("size_byte"),
                    buffer.requiredInt("read_max_width_byte"), buffer.requiredInt("write_max_width_byte"),
                    buffer.requiredInt("rw_min_unit_byte"), 0, 1, buffer.requiredDouble("static_power_mW"),
                    unitPower, unitPower);
        }
        throw memory.error(memory.pathOf("type"), "unknown memory type \"" + typeName + "\"; did you mean \""
                + NearestName.of(typeName, List.of("ram", "reg_buffer")) + "\"? (types: ram, reg_buffer)");
    }

    private static NetworkConfig readNetwork(ConfigNode network, int coreCount, Path baseDirectory,
                                             NetworkConfig knownTable) {
        String tableFile = network.optionalString("network_config_file_path", null);
        NocTable table = null;
        if (tableFile != null) {
            if (knownTable != null && tableFile.equals(knownTable.tableFile()) && knownTable.table() != null) {
                table = knownTable.table();
            } else {
                Path base = baseDirectory == null ? Path.of("") : baseDirectory;
                table = readTable(base.resolve(tableFile), network.pathOf("network_config_file_path"),
                        network.source());
            }
        }
        return new NetworkConfig(network.requiredInt("bus_width_byte"),
                network.optionalInt("hop_latency_cycle", HardwarePresets.HOP_LATENCY_CYCLES),
                network.optionalInt("router_latency_cycle", HardwarePresets.ROUTER_LATENCY_CYCLES),
                network.optionalDouble("hop_energy_pJ", HardwarePresets.HOP_ENERGY_PICOJOULES),
                network.optionalInt("global_memory_core", HardwarePresets.centreCore(coreCount)), tableFile, table);
    }

    /** Reads a NoC table file: {"latency": {src: {dst: cycles}}, "energy": {src: {dst: pJ}}}. */
    static NocTable readTable(Path file, String configPath, String configSource) {
        if (!Files.isRegularFile(file)) {
            throw new CimflowException(configSource + ": " + configPath + ": NoC table " + file
                    + " not found; the path is relative to the configuration file's folder");
        }
        String source = file.toString();
        ConfigNode root = ConfigNode.root(source, parse(file), new LinkedHashMap<>(), NOC_TABLE);
        Map<Integer, Map<Integer, Integer>> latency = new TreeMap<>();
        readTableRows(root, "latency", (row, dst, value, at) -> {
            boolean whole = value.isIntegralNumber()
                    || (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue()));
            if (!whole) {
                throw root.error(at, "expected whole cycles per flit, found " + ConfigNode.describe(value)
                        + "; round it to an integer");
            }
            latency.computeIfAbsent(row, key -> new TreeMap<>()).put(dst, value.intValue());
        });
        Map<Integer, Map<Integer, Double>> energy = new TreeMap<>();
        readTableRows(root, "energy", (row, dst, value, at) -> {
            if (!value.isNumber()) {
                throw root.error(at, "expected picojoules per flit, found " + ConfigNode.describe(value));
            }
            energy.computeIfAbsent(row, key -> new TreeMap<>()).put(dst, value.doubleValue());
        });
        return new NocTable(latency, energy);
    }

    private interface TableEntry {
        void accept(int src, int dst, JsonNode value, String path);
    }

    private static void readTableRows(ConfigNode root, String key, TableEntry entries) {
        JsonNode rows = root.rawObject(key);
        for (Map.Entry<String, JsonNode> row : rows.properties()) {
            String rowPath = key + "." + row.getKey();
            int src = nodeId(root, row.getKey(), rowPath);
            if (!row.getValue().isObject()) {
                throw root.error(rowPath, "expected an object of destinations, found "
                        + ConfigNode.describe(row.getValue()));
            }
            for (Map.Entry<String, JsonNode> cell : row.getValue().properties()) {
                String cellPath = rowPath + "." + cell.getKey();
                entries.accept(src, nodeId(root, cell.getKey(), cellPath), cell.getValue(), cellPath);
            }
        }
    }

    private static int nodeId(ConfigNode at, String text, String path) {
        try {
            int id = Integer.parseInt(text);
            if (id >= -1) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw at.error(path, "\"" + text + "\" is not a node id; use a core id or -1 for the global memory");
    }

    private static List<AddressRegion> readAddressSpace(ConfigNode chip, String cimMemoryName, CimUnitConfig cim,
                                                        List<MemoryConfig> local, MemoryConfig global) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put(cimMemoryName, cim.bytesPerCore());
        for (MemoryConfig memory : local) {
            sizes.put(memory.name(), memory.sizeBytes());
        }
        sizes.put(global.name(), global.sizeBytes());

        List<AddressRegion> regions = new ArrayList<>();
        long base = 0;
        for (ConfigNode entry : chip.objectList("address_space_config", true, REGION)) {
            String name = entry.requiredString("name");
            Integer memorySize = sizes.get(name);
            if (memorySize == null) {
                throw entry.error(entry.pathOf("name"), "no memory named \"" + name + "\"; did you mean \""
                        + NearestName.of(name, sizes.keySet()) + "\"?");
            }
            int size = entry.optionalInt("size", -1);
            if (size < 0) {
                size = memorySize;
            }
            if (base + size > Integer.MAX_VALUE) {
                throw entry.error(entry.pathOf("size"), "region ends at byte " + (base + size)
                        + ", beyond the 31-bit address space; shrink the memories");
            }
            String regionName = name.equals(cimMemoryName) ? "macro" : name;
            regions.add(new AddressRegion(regionName, (int) base, size));
            base += size;
        }
        return regions;
    }
}
