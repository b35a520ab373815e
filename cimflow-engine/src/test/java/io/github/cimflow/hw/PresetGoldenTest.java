package io.github.cimflow.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The golden JSON of the default preset (T=8, K=16, B=16, C=64), checked field by field against the
 * figures the CIMFlow reference material gives (the docs' example configuration and the predecessor
 * simulator's 2024dac and 2025paper files). The expected numbers are written here, not taken from
 * {@link HardwarePresets}, and the JSON is walked with plain Jackson, not with our reader.
 */
class PresetGoldenTest {
    private static final String GOLDEN = "preset-T8_K16_B16_C64.json";
    private static String text;
    private static JsonNode root;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = PresetGoldenTest.class.getResourceAsStream(GOLDEN)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        root = new ObjectMapper().readTree(text);
    }

    private static JsonNode core() {
        return root.path("chip_config").path("core_config");
    }

    private static JsonNode cim() {
        return core().path("cim_unit_config");
    }

    private static JsonNode memory(String name) {
        for (JsonNode memory : core().path("local_memory_unit_config").path("memory_list")) {
            if (memory.path("name").asText().equals(name)) {
                return memory;
            }
        }
        throw new AssertionError("no memory " + name + " in " + GOLDEN);
    }

    private static JsonNode simdFunctor(String name) {
        for (JsonNode functor : core().path("simd_unit_config").path("functor_list")) {
            if (functor.path("name").asText().equals(name)) {
                return functor;
            }
        }
        throw new AssertionError("no SIMD functor " + name + " in " + GOLDEN);
    }

    @Test
    void presetWritesGoldenBytes() {
        assertEquals(text, HardwareConfigJson.write(HardwarePresets.preset(new ArchParams(8, 16, 16, 64))));
    }

    @Test
    void goldenReadsBackToPreset() {
        assertEquals(HardwarePresets.preset(ArchParams.DEFAULT), HardwareConfigJson.read(text, GOLDEN, null));
    }

    @Test
    void macroGeometryMatchesDocs() {
        JsonNode size = cim().path("macro_size");
        assertEquals(32, size.path("compartment_cnt_per_macro").intValue());
        assertEquals(8, size.path("element_cnt_per_compartment").intValue());
        assertEquals(16, size.path("row_cnt_per_element").intValue());
        assertEquals(8, size.path("bit_width_per_row").intValue());
        assertEquals(128, cim().path("macro_total_cnt").intValue());
        assertEquals(8, cim().path("macro_group_size").intValue());
    }

    @Test
    void cimUnitsMatch2024dac() {
        assertUnit("ipu", 1, 6.05e-5, 0.008715);
        assertUnit("adder_tree", 1, 4.80e-5, 0.113);
        assertUnit("shift_adder", 1, 2.96e-5, 0.102);
        assertUnit("result_adder", 1, 5.55e-5, 0.0184);
        JsonNode sram = cim().path("sram");
        assertEquals(1, sram.path("write_latency_cycle").intValue());
        assertEquals(1, sram.path("read_latency_cycle").intValue());
        assertEquals(0.017165088, sram.path("static_power_mW").doubleValue());
        assertEquals(0.04382, sram.path("write_dynamic_power_per_bit_mW").doubleValue());
        assertEquals(0.006041917, sram.path("read_dynamic_power_per_bit_mW").doubleValue());
    }

    private static void assertUnit(String name, int latency, double staticPower, double dynamicPower) {
        JsonNode unit = cim().path(name);
        assertEquals(latency, unit.path("latency_cycle").intValue(), name);
        assertEquals(staticPower, unit.path("static_power_mW").doubleValue(), name);
        assertEquals(dynamicPower, unit.path("dynamic_power_mW").doubleValue(), name);
    }

    @Test
    void featureMemoriesMatchDocsExample() {
        for (String name : new String[] {"input_memory", "output_memory"}) {
            JsonNode memory = memory(name);
            JsonNode hardware = memory.path("hardware_config");
            assertEquals("ram", memory.path("type").asText(), name);
            assertEquals(262_144, hardware.path("size_byte").intValue(), name);
            assertEquals(128, hardware.path("width_byte").intValue(), name);
            assertEquals(1, hardware.path("read_latency_cycle").intValue(), name);
            assertEquals(1, hardware.path("write_latency_cycle").intValue(), name);
            assertEquals(2.88, hardware.path("static_power_mW").doubleValue(), name);
            assertEquals(44.17, hardware.path("read_dynamic_power_mW").doubleValue(), name);
            assertEquals(44.17, hardware.path("write_dynamic_power_mW").doubleValue(), name);
        }
    }

    @Test
    void cimInputBufferMatches2024dac() {
        JsonNode hardware = memory("cim_input_reg_buffer").path("hardware_config");
        assertEquals("reg_buffer", memory("cim_input_reg_buffer").path("type").asText());
        assertEquals(1_024, hardware.path("size_byte").intValue());
        assertEquals(128, hardware.path("read_max_width_byte").intValue());
        assertEquals(128, hardware.path("write_max_width_byte").intValue());
        assertEquals(128, hardware.path("rw_min_unit_byte").intValue());
        assertEquals(0.003404, hardware.path("static_power_mW").doubleValue());
        assertEquals(0.363, hardware.path("rw_dynamic_power_per_unit_mW").doubleValue());
    }

    @Test
    void cimOutputBufferMatches2025paperWithDac25Size() {
        JsonNode hardware = memory("cim_output_reg_buffer").path("hardware_config");
        assertEquals(8_192, hardware.path("size_byte").intValue());
        assertEquals(128, hardware.path("read_max_width_byte").intValue());
        assertEquals(4_096, hardware.path("write_max_width_byte").intValue());
        assertEquals(4, hardware.path("rw_min_unit_byte").intValue());
        assertEquals(0.0, hardware.path("static_power_mW").doubleValue());
        assertEquals(0.0, hardware.path("rw_dynamic_power_per_unit_mW").doubleValue());
    }

    @Test
    void simdFunctorsMatch2025paper() {
        assertFunctor("adder-32", 4.17e-3, 0.027136);
        assertFunctor("adder-8", 0.0010695, 0.0269707);
        assertFunctor("multiply-8", 0.0026045, 0.049674);
        assertFunctor("quantify", 0.0247493, 0.6187);
        assertFunctor("quantify-resadd", 0.1967493, 0.8277);
        assertEquals(64, simdFunctor("quantify").path("data_bit_width").path("input2").intValue());
        assertEquals(4, simdFunctor("quantify-resadd").path("input_cnt").intValue());
    }

    private static void assertFunctor(String name, double staticPower, double dynamicPower) {
        JsonNode functor = simdFunctor(name);
        assertEquals(32, functor.path("functor_cnt").intValue(), name);
        assertEquals(1, functor.path("latency_cycle").intValue(), name);
        assertEquals(staticPower, functor.path("static_power_per_functor_mW").doubleValue(), name);
        assertEquals(dynamicPower, functor.path("dynamic_power_per_functor_mW").doubleValue(), name);
    }

    @Test
    void simdInstructionTableMatchesPredecessor() {
        JsonNode instructions = core().path("simd_unit_config").path("instruction_list");
        String[][] expected = {
            {"add", "0x00", "adder-32"}, {"add-scalar", "0x01", "adder-8"}, {"multiply", "0x02", "multiply-8"},
            {"quantify", "0x03", "quantify"}, {"quantify-resadd", "0x04", "quantify-resadd"},
            {"quantify-multiply", "0x05", "quantify"}};
        for (int i = 0; i < expected.length; i++) {
            JsonNode instruction = instructions.get(i);
            assertEquals(expected[i][0], instruction.path("name").asText());
            assertEquals(expected[i][1], instruction.path("opcode").asText(), expected[i][0]);
            assertEquals(expected[i][2], instruction.path("functor_binding_list").get(0).path("functor_name").asText(),
                    expected[i][0]);
        }
        assertEquals("adder-8", instructions.get(0).path("functor_binding_list").get(1).path("functor_name").asText());
        assertEquals("scalar", instructions.get(3).path("input3_type").asText());
    }

    @Test
    void globalMemoryMatches2024dacPlusCalibratedEnergy() {
        JsonNode global = root.path("chip_config").path("global_memory_config").path("global_memory_unit_config")
                .path("memory_list").get(0).path("hardware_config");
        assertEquals(33_554_432, global.path("size_byte").intValue());
        assertEquals(64, global.path("width_byte").intValue());
        assertEquals(1, global.path("read_latency_cycle").intValue());
        assertEquals(1, global.path("write_latency_cycle").intValue());
        assertEquals(0.0, global.path("static_power_mW").doubleValue());
        // Calibration estimate, not from 2024dac: 160 pJ per byte × 64 bytes per access / 2 ns = 5120 mW.
        assertEquals(160.0 * 64 / 2.0, global.path("read_dynamic_power_mW").doubleValue());
        assertEquals(160.0 * 64 / 2.0, global.path("write_dynamic_power_mW").doubleValue());
    }

    @Test
    void networkMatchesFlit16dim8() {
        JsonNode network = root.path("chip_config").path("network_config");
        assertEquals(16, network.path("bus_width_byte").intValue());
        assertEquals(20.37, network.path("hop_energy_pJ").doubleValue());
        // 0→1 in the table takes 3 cycles: 2 fixed plus 1 per hop.
        assertEquals(3, network.path("router_latency_cycle").intValue() + network.path("hop_latency_cycle").intValue());
        assertEquals(27, network.path("global_memory_core").intValue());
    }

    @Test
    void addressSpaceMatchesDac25Layout() {
        HardwareConfig config = HardwareConfigJson.read(text, GOLDEN, null);
        String[] names = {"macro", "input_memory", "output_memory", "cim_input_reg_buffer", "cim_output_reg_buffer",
            "global"};
        int[] bases = {0, 524_288, 786_432, 1_048_576, 1_049_600, 1_057_792};
        int[] sizes = {524_288, 262_144, 262_144, 1_024, 8_192, 33_554_432};
        for (int i = 0; i < names.length; i++) {
            assertEquals(names[i], config.addressSpace().get(i).name());
            assertEquals(bases[i], config.addressSpace().get(i).baseAddress(), names[i]);
            assertEquals(sizes[i], config.addressSpace().get(i).sizeBytes(), names[i]);
        }
    }

    @Test
    void clockMatchesDocs() {
        assertEquals(2.0, root.path("sim_config").path("period_ns").doubleValue());
    }

    @Test
    void everyFigureCarriesASource() {
        assertTrue(text.contains("\"_source_period_ns\": \"cimflow-docs: 2.0 ns (500 MHz)\""));
        assertTrue(cim().path("ipu").path("_source").asText().startsWith("cim-sim-2024dac"));
        assertTrue(memory("input_memory").path("_source").asText().startsWith("cimflow-docs"));
        assertTrue(core().path("reduce_unit_config").path("_source_functor_list").asText().startsWith("assumed: "));
        assertTrue(root.path("chip_config").path("network_config").path("_source").asText().startsWith("flit16dim8"));
    }
}
