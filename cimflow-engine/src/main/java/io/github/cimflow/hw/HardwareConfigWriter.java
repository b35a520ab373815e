package io.github.cimflow.hw;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cimflow.CimflowException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link HardwareConfig} into CIMFlow's hardware JSON with a fixed key order. Every provenance
 * entry becomes a comment key: {@code _source} inside the object its path names, or {@code _source_<key>}
 * just before the value or array it names.
 */
final class HardwareConfigWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HardwareConfigWriter() {
    }

    /** Formats the JSON text with two-space indentation, '\n' line ends and a final newline. */
    static String write(HardwareConfig config) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        try {
            return MAPPER.writer(printer).writeValueAsString(toTree(config)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serializes", e);
        }
    }

    static ObjectNode toTree(HardwareConfig config) {
        ObjectNode root = NODES.objectNode();
        ObjectNode chip = root.putObject("chip_config");
        chip.put("core_cnt", config.coreCount());
        chip.set("core_config", core(config.core()));

        ObjectNode global = chip.putObject("global_memory_config");
        global.putObject("global_memory_unit_config").putArray("memory_list").add(memory(config.globalMemory()));
        global.put("global_memory_switch_id", -1);

        NetworkConfig network = config.network();
        ObjectNode networkNode = chip.putObject("network_config");
        networkNode.put("bus_width_byte", network.flitBytes());
        if (network.tableFile() != null) {
            networkNode.put("network_config_file_path", network.tableFile());
        }
        networkNode.put("hop_latency_cycle", network.hopLatencyCycles());
        networkNode.put("router_latency_cycle", network.routerLatencyCycles());
        networkNode.put("hop_energy_pJ", network.hopEnergyPicojoules());
        networkNode.put("global_memory_core", network.globalMemoryCore());

        // A region as large as its memory gets size -1 ("the memory's size"), so that an override of the
        // memory's size_byte moves the regions after it.
        ArrayNode regions = chip.putArray("address_space_config");
        for (AddressRegion region : config.addressSpace()) {
            boolean cim = region.name().equals(config.cimRegionName());
            String name = cim ? HardwareConfigReader.DEFAULT_CIM_MEMORY_NAME : region.name();
            MemoryConfig memory = region.name().equals(config.globalMemory().name())
                    ? config.globalMemory() : config.core().memory(region.name());
            int memorySize = -1;
            if (cim) {
                memorySize = config.core().cim().bytesPerCore();
            } else if (memory != null) {
                memorySize = memory.sizeBytes();
            }
            regions.addObject().put("name", name).put("size", region.sizeBytes() == memorySize ? -1
                    : region.sizeBytes());
        }

        ObjectNode sim = root.putObject("sim_config");
        sim.put("period_ns", config.periodNanoseconds());
        sim.put("sim_mode", "run_one_round");
        sim.put("data_mode", "not_real_data");

        for (Map.Entry<String, String> source : config.provenance().entrySet()) {
            placeSource(root, source.getKey(), source.getValue());
        }
        return root;
    }

    private static ObjectNode core(CoreConfig core) {
        ObjectNode node = NODES.objectNode();
        ObjectNode scalar = node.putObject("scalar_unit_config");
        scalar.put("default_functor_static_power_mW", core.scalarStaticPowerMilliwatts());
        scalar.put("default_functor_dynamic_power_mW", core.scalarDynamicPowerMilliwatts());

        ObjectNode simd = node.putObject("simd_unit_config");
        simd.put("pipeline", core.simdPipeline());
        ArrayNode functors = simd.putArray("functor_list");
        for (SimdFunctor functor : core.simdFunctors()) {
            ObjectNode entry = functors.addObject();
            entry.put("name", functor.name());
            entry.put("input_cnt", functor.inputBitWidths().size());
            ObjectNode widths = inputWidths(functor.inputBitWidths());
            widths.put("output", functor.outputBitWidth());
            entry.set("data_bit_width", widths);
            entry.put("functor_cnt", functor.functorCount());
            entry.put("latency_cycle", functor.latencyCycles());
            entry.put("pipeline_stage_cnt", functor.pipelineStages());
            entry.put("static_power_per_functor_mW", functor.staticPowerPerFunctorMilliwatts());
            entry.put("dynamic_power_per_functor_mW", functor.dynamicPowerPerFunctorMilliwatts());
        }
        ArrayNode instructions = simd.putArray("instruction_list");
        for (SimdInstruction instruction : core.simdInstructions()) {
            ObjectNode entry = instructions.addObject();
            entry.put("name", instruction.name());
            entry.put("input_cnt", instruction.inputCount());
            entry.put("opcode", String.format(java.util.Locale.ROOT, "0x%02x", instruction.funct()));
            for (int i = 0; i < instruction.inputKinds().size(); i++) {
                entry.put("input" + (i + 1) + "_type", instruction.inputKinds().get(i));
            }
            ArrayNode bindings = entry.putArray("functor_binding_list");
            for (SimdInstruction.Binding binding : instruction.bindings()) {
                ObjectNode bindingNode = bindings.addObject();
                bindingNode.set("input_bit_width", inputWidths(binding.inputBitWidths()));
                bindingNode.put("functor_name", binding.functorName());
            }
        }

        ObjectNode reduce = node.putObject("reduce_unit_config");
        reduce.put("pipeline", core.reducePipeline());
        ArrayNode reduceFunctors = reduce.putArray("functor_list");
        for (ReduceFunctor functor : core.reduceFunctors()) {
            ObjectNode entry = reduceFunctors.addObject();
            entry.put("name", functor.name());
            entry.put("funct", functor.funct());
            entry.put("input_bit_width", functor.inputBitWidth());
            entry.put("output_bit_width", functor.outputBitWidth());
            entry.put("reduce_input_cnt", functor.reduceInputCount());
            entry.put("latency_cycle", functor.latencyCycles());
            entry.put("pipeline_stage_cnt", functor.pipelineStages());
            entry.put("static_power_mW", functor.staticPowerMilliwatts());
            entry.put("dynamic_power_mW", functor.dynamicPowerMilliwatts());
        }

        node.set("cim_unit_config", cim(core.cim()));
        ArrayNode memories = node.putObject("local_memory_unit_config").putArray("memory_list");
        for (MemoryConfig memory : core.localMemories()) {
            memories.add(memory(memory));
        }
        node.putObject("transfer_unit_config").put("pipeline", core.transferPipeline());
        node.put("instruction_memory_byte", core.instructionMemoryBytes());
        return node;
    }

    private static ObjectNode cim(CimUnitConfig cim) {
        ObjectNode node = NODES.objectNode();
        node.put("macro_total_cnt", cim.macroTotalCount());
        node.put("macro_group_size", cim.macroGroupSize());
        ObjectNode size = node.putObject("macro_size");
        size.put("compartment_cnt_per_macro", cim.macro().compartments());
        size.put("element_cnt_per_compartment", cim.macro().elementsPerCompartment());
        size.put("row_cnt_per_element", cim.macro().rowsPerElement());
        size.put("bit_width_per_row", cim.macro().bitsPerRow());
        node.put("name_as_memory", HardwareConfigReader.DEFAULT_CIM_MEMORY_NAME);
        node.put("identifier", "macro");
        node.set("ipu", pipelineUnit(cim.ipu()));
        node.set("adder_tree", pipelineUnit(cim.adderTree()));
        node.set("shift_adder", pipelineUnit(cim.shiftAdder()));
        node.set("result_adder", pipelineUnit(cim.resultAdder()));
        ObjectNode sram = node.putObject("sram");
        sram.put("as_mode", "intergroup");
        sram.put("write_latency_cycle", cim.sram().writeLatencyCycles());
        sram.put("read_latency_cycle", cim.sram().readLatencyCycles());
        sram.put("static_power_mW", cim.sram().staticPowerMilliwatts());
        sram.put("write_dynamic_power_per_bit_mW", cim.sram().writeDynamicPowerPerBitMilliwatts());
        sram.put("read_dynamic_power_per_bit_mW", cim.sram().readDynamicPowerPerBitMilliwatts());
        node.put("value_sparse", false);
        node.put("bit_sparse", false);
        node.put("input_bit_sparse", false);
        return node;
    }

    private static ObjectNode pipelineUnit(PipelineUnit unit) {
        ObjectNode node = NODES.objectNode();
        node.put("latency_cycle", unit.latencyCycles());
        node.put("pipeline_stage_cnt", unit.pipelineStages());
        node.put("static_power_mW", unit.staticPowerMilliwatts());
        node.put("dynamic_power_mW", unit.dynamicPowerMilliwatts());
        return node;
    }

    private static ObjectNode inputWidths(List<Integer> widths) {
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < widths.size(); i++) {
            node.put("input" + (i + 1), widths.get(i));
        }
        return node;
    }

    private static ObjectNode memory(MemoryConfig memory) {
        ObjectNode node = NODES.objectNode();
        node.put("name", memory.name());
        node.put("type", memory.type() == MemoryType.RAM ? "ram" : "reg_buffer");
        node.put("identifier", memory.role());
        ObjectNode hardware = node.putObject("hardware_config");
        hardware.put("size_byte", memory.sizeBytes());
        if (memory.type() == MemoryType.RAM) {
            if (memory.writeWidthBytes() != memory.widthBytes() || memory.unitBytes() != memory.widthBytes()) {
                throw new CimflowException("memory '" + memory.name() + "': a ram has one access width, but width "
                        + memory.widthBytes() + ", write width " + memory.writeWidthBytes() + " and unit "
                        + memory.unitBytes() + " differ; make them equal or use a reg_buffer");
            }
            hardware.put("width_byte", memory.widthBytes());
            hardware.put("write_latency_cycle", memory.writeLatencyCycles());
            hardware.put("read_latency_cycle", memory.readLatencyCycles());
            hardware.put("static_power_mW", memory.staticPowerMilliwatts());
            hardware.put("write_dynamic_power_mW", memory.writeDynamicPowerMilliwatts());
            hardware.put("read_dynamic_power_mW", memory.readDynamicPowerMilliwatts());
        } else {
            if (memory.readLatencyCycles() != 0 || memory.writeLatencyCycles() != 1
                    || memory.readDynamicPowerMilliwatts() != memory.writeDynamicPowerMilliwatts()) {
                throw new CimflowException("memory '" + memory.name() + "': a reg_buffer reads in 0 cycles, writes "
                        + "in 1 and has one power per access unit, but it has read/write latency "
                        + memory.readLatencyCycles() + "/" + memory.writeLatencyCycles() + " and power "
                        + memory.readDynamicPowerMilliwatts() + "/" + memory.writeDynamicPowerMilliwatts()
                        + " mW; use those values or a ram");
            }
            hardware.put("read_max_width_byte", memory.widthBytes());
            hardware.put("write_max_width_byte", memory.writeWidthBytes());
            hardware.put("rw_min_unit_byte", memory.unitBytes());
            hardware.put("static_power_mW", memory.staticPowerMilliwatts());
            hardware.put("rw_dynamic_power_per_unit_mW", memory.readDynamicPowerMilliwatts());
        }
        return node;
    }

    /**
     * Puts one provenance text next to what its dotted path names. A segment after an array selects the
     * entry with that {@code name}. A path that names nothing in the tree is kept at the top level as
     * {@code _source_<path>}, which reads back to the same path.
     */
    private static void placeSource(ObjectNode root, String path, String text) {
        ObjectNode parent = root;
        JsonNode current = root;
        String lastKey = null;
        for (String segment : path.split("\\.")) {
            JsonNode next = null;
            if (current instanceof ObjectNode object) {
                parent = object;
                lastKey = segment;
                next = object.get(segment);
            } else if (current instanceof ArrayNode array) {
                for (JsonNode entry : array) {
                    if (entry.path("name").asText("").equals(segment)) {
                        next = entry;
                    }
                }
            }
            if (next == null) {
                insertBefore(root, firstKey(root), "_source_" + path, text);
                return;
            }
            current = next;
        }
        if (current instanceof ObjectNode object) {
            insertBefore(object, firstKey(object), "_source", text);
        } else {
            insertBefore(parent, lastKey, "_source_" + lastKey, text);
        }
    }

    private static String firstKey(ObjectNode object) {
        return object.isEmpty() ? null : object.fieldNames().next();
    }

    /** Inserts key just before anchor (at the end when anchor is null), keeping the other keys' order. */
    private static void insertBefore(ObjectNode object, String anchor, String key, String value) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        object.properties().forEach(fields::add);
        object.removeAll();
        for (Map.Entry<String, JsonNode> field : fields) {
            if (field.getKey().equals(anchor)) {
                object.put(key, value);
            }
            if (!field.getKey().equals(key)) {
                object.set(field.getKey(), field.getValue());
            }
        }
        if (anchor == null) {
            object.put(key, value);
        }
    }
}
