package io.github.cimflow.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cimflow.CimflowException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HardwareValidatorTest {
    private static final String MEMORY0 =
            "chip_config.core_config.local_memory_unit_config.memory_list[0].hardware_config.";

    private static HardwareConfig defaults() {
        return HardwarePresets.preset(ArchParams.DEFAULT);
    }

    private static HardwareConfig with(String path, Object value) {
        return HardwareConfigJson.applyOverrides(defaults(), Map.of(path, value));
    }

    @Test
    void presetsOfAllKnownKnobsAreValid() {
        for (int t : HardwarePresets.KNOWN_GROUP_SIZES) {
            for (int b : HardwarePresets.KNOWN_FLIT_BYTES) {
                assertEquals(List.of(), HardwareValidator.problems(HardwarePresets.preset(new ArchParams(t, 16, b, 64))),
                        "T=" + t + " B=" + b);
            }
        }
    }

    @Test
    void singleCoreIsValid() {
        assertEquals(List.of(), HardwareValidator.problems(HardwarePresets.preset(new ArchParams(8, 16, 16, 1))));
    }

    @Test
    void coreCountNotSquareMentionsDocs() {
        HardwareConfig config = HardwarePresets.preset(new ArchParams(8, 16, 16, 128));

        assertEquals(List.of("chip_config.core_cnt: 128 is not a perfect square, but the cores sit on a √C×√C mesh; "
                + "use 121 or 144 (CIMFlow's docs show -c 128, which its partitioner cannot place either)"),
                HardwareValidator.problems(config));
    }

    @Test
    void validateThrowsWithSourceFirst() {
        HardwareConfig config = HardwarePresets.preset(new ArchParams(8, 16, 16, 128));

        CimflowException error = assertThrows(CimflowException.class,
                () -> HardwareValidator.validate(config, "hw.json"));

        assertEquals("hw.json: chip_config.core_cnt: 128 is not a perfect square, but the cores sit on a √C×√C "
                + "mesh; use 121 or 144 (CIMFlow's docs show -c 128, which its partitioner cannot place either)",
                error.getMessage());
    }

    @Test
    void groupSizeNotDividingMacroCount() {
        HardwareConfig config = with("chip_config.core_config.cim_unit_config.macro_total_cnt", 100);

        assertEquals("chip_config.core_config.cim_unit_config.macro_total_cnt: 100 macros do not split into groups "
                + "of macro_group_size 8; use a multiple of 8 (T·K)", HardwareValidator.problems(config).get(0));
    }

    @Test
    void zeroSizeIsRejected() {
        List<String> problems = HardwareValidator.problems(with(MEMORY0 + "size_byte", 0));

        assertEquals(MEMORY0 + "size_byte: 0 must be at least 1", problems.get(0));
    }

    @Test
    void negativeLatencyIsRejected() {
        List<String> problems = HardwareValidator.problems(with(MEMORY0 + "read_latency_cycle", -1));

        assertEquals(List.of(MEMORY0 + "read_latency_cycle: -1 is negative; use 0 or more"), problems);
    }

    @Test
    void zeroPipelineLatencyIsRejected() {
        List<String> problems = HardwareValidator.problems(
                with("chip_config.core_config.cim_unit_config.ipu.latency_cycle", 0));

        assertEquals("chip_config.core_config.cim_unit_config.ipu.latency_cycle: 0 must be at least 1",
                problems.get(0));
    }

    @Test
    void negativePowerIsRejected() {
        List<String> problems = HardwareValidator.problems(with(MEMORY0 + "static_power_mW", -2.5));

        assertEquals(List.of(MEMORY0 + "static_power_mW: -2.5 is not a power or energy; use a finite value of 0 "
                + "or more"), problems);
    }

    @Test
    void sizeNotMultipleOfWidth() {
        List<String> problems = HardwareValidator.problems(with(MEMORY0 + "size_byte", 1000));

        assertEquals(List.of(MEMORY0 + "size_byte: 1000 is not a multiple of width_byte 128; round it to a whole "
                + "number of rows"), problems);
    }

    @Test
    void simdWidthOutsideAllowedSet() {
        String path = "chip_config.core_config.simd_unit_config.functor_list[0].data_bit_width.output";

        List<String> problems = HardwareValidator.problems(with(path, 12));

        assertEquals(List.of(path + ": 12 bits is not a supported element width; use 1, 2, 4, 8, 16, 32 or 64"),
                problems);
    }

    @Test
    void localMemoriesBeyondGliReach() {
        // T=16, K=32: 2 MiB of CIM array alone fills G_LI's reach, so input_memory ends at 2,359,296.
        HardwareConfig config = HardwarePresets.preset(new ArchParams(16, 32, 16, 64));

        assertEquals("chip_config.address_space_config: local region \"input_memory\" ends at byte 2359296, beyond "
                + "2,097,152, the reach of G_LI's 21-bit immediate; shrink the local memories or reduce T·K (the CIM "
                + "array takes 2097152 bytes)", HardwareValidator.problems(config).get(0));
    }

    @Test
    void largestPresetWithinGliReach() {
        // T=16, K=16: 1,048,576 + 2·262,144 + 1,024 + 8,192 = 1,582,080 bytes of local regions.
        HardwareConfig config = HardwarePresets.preset(new ArchParams(16, 16, 16, 64));

        assertEquals(1_582_080, config.region("global").baseAddress());
        assertEquals(List.of(), HardwareValidator.problems(config));
    }

    @Test
    void regionSizeDifferentFromMemory() {
        HardwareConfig config = with("chip_config.address_space_config[1].size", 4096);

        assertEquals(List.of("chip_config.address_space_config: region \"input_memory\" has size 4096 but its memory "
                + "has 262144 bytes; use -1 (the memory's size) or 262144"), HardwareValidator.problems(config));
    }

    @Test
    void missingRoleIsReported() {
        HardwareConfig config = with(
                "chip_config.core_config.local_memory_unit_config.memory_list[1].identifier", "spare");

        assertEquals(List.of("chip_config.core_config.local_memory_unit_config.memory_list: no memory with role "
                + "\"output_memory\", which the operator-level compiler places feature maps in; name one memory "
                + "\"output_memory\" or give it \"identifier\": \"output_memory\""), HardwareValidator.problems(config));
    }

    @Test
    void bindingToUnknownFunctor() {
        String path = "chip_config.core_config.simd_unit_config.instruction_list[2].functor_binding_list[0]"
                + ".functor_name";

        List<String> problems = HardwareValidator.problems(with(path, "multiply-16"));

        assertEquals(List.of(path + ": no functor \"multiply-16\"; did you mean \"multiply-8\"?"), problems);
    }

    @Test
    void nonPositivePeriod() {
        assertEquals(List.of("sim_config.period_ns: 0.0 is not a positive clock period; use for example 2.0 "
                + "(500 MHz)"), HardwareValidator.problems(with("sim_config.period_ns", 0.0)));
    }

    @Test
    void globalMemoryCoreOutsideMesh() {
        assertEquals(List.of("chip_config.network_config.global_memory_core: 64 is not a core id; use 0 to 63"),
                HardwareValidator.problems(with("chip_config.network_config.global_memory_core", 64)));
    }

    @Test
    void validateCountsFurtherProblems() {
        HardwareConfig config = HardwareConfigJson.applyOverrides(defaults(),
                Map.of("sim_config.period_ns", -1.0, MEMORY0 + "static_power_mW", -1.0));

        CimflowException error = assertThrows(CimflowException.class,
                () -> HardwareValidator.validate(config, "hw.json"));

        assertEquals("hw.json: " + MEMORY0 + "static_power_mW: -1.0 is not a power or energy; use a finite value of "
                + "0 or more (and 1 more problem; 'cimflow config check' lists them all)", error.getMessage());
    }
}
