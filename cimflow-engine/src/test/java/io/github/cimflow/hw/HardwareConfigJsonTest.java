package io.github.cimflow.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.CimflowException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HardwareConfigJsonTest {
    @TempDir
    Path folder;

    @ParameterizedTest
    @CsvSource({"4,8", "4,16", "8,8", "8,16", "12,8", "12,16", "16,8", "16,16"})
    void presetRoundTripsThroughJson(int t, int b) {
        HardwareConfig preset = HardwarePresets.preset(new ArchParams(t, 16, b, 64));

        HardwareConfig read = HardwareConfigJson.read(HardwareConfigJson.write(preset), "preset.json", null);

        assertEquals(preset, read);
        assertEquals(HardwareConfigs.digest(preset), HardwareConfigs.digest(read));
    }

    @Test
    void writingTwiceGivesIdenticalText() {
        HardwareConfig preset = HardwarePresets.preset(ArchParams.DEFAULT);
        String first = HardwareConfigJson.write(preset);
        String second = HardwareConfigJson.write(HardwareConfigJson.read(first, "first.json", null));

        assertEquals(first, second);
    }

    @Test
    void provenanceIsWrittenAsSourceComments() {
        String json = HardwareConfigJson.write(HardwarePresets.preset(ArchParams.DEFAULT));

        assertTrue(json.contains("\"_source_period_ns\": \"cimflow-docs: 2.0 ns (500 MHz)\""), json);
        assertTrue(json.contains("\"_source\": \"cim-sim-2024dac: CIM ipu latency and power\""), json);
    }

    @Test
    void fileRoundTripResolvesNothingRelative() {
        HardwareConfig preset = HardwarePresets.preset(new ArchParams(4, 8, 8, 16));
        Path file = folder.resolve("sub/hw.json");

        HardwareConfigJson.write(preset, file);

        assertEquals(preset, HardwareConfigJson.read(file));
    }

    @Test
    void overrideChangesPeriod() {
        HardwareConfig preset = HardwarePresets.preset(ArchParams.DEFAULT);

        HardwareConfig changed = HardwareConfigJson.applyOverrides(preset, Map.of("sim_config.period_ns", 1.0));

        assertEquals(1.0, changed.periodNanoseconds());
        assertEquals("override: 1.0", changed.provenance().get("sim_config.period_ns"));
    }

    @Test
    void overrideChangesMemorySizeByIndex() {
        HardwareConfig preset = HardwarePresets.preset(ArchParams.DEFAULT);
        String path = "chip_config.core_config.local_memory_unit_config.memory_list[0].hardware_config.size_byte";

        HardwareConfig changed = HardwareConfigJson.applyOverrides(preset, Map.of(path, 131_072));

        assertEquals(131_072, changed.core().memory("input_memory").sizeBytes());
        // The address space follows: output_memory now starts 128 KiB earlier.
        assertEquals(524_288 + 131_072, changed.region("output_memory").baseAddress());
    }

    @Test
    void overrideWithUnknownPathNamesNearest() {
        HardwareConfig preset = HardwarePresets.preset(ArchParams.DEFAULT);

        CimflowException error = assertThrows(CimflowException.class,
                () -> HardwareConfigJson.applyOverrides(preset, Map.of("sim_config.perod_ns", 1.0)));

        assertEquals("hardware override 'sim_config.perod_ns': no such value in the hardware configuration; "
                + "did you mean 'sim_config.period_ns'?", error.getMessage());
    }

    @Test
    void overrideWithIndexOutOfRangeSaysCount() {
        HardwareConfig preset = HardwarePresets.preset(ArchParams.DEFAULT);
        String path = "chip_config.core_config.local_memory_unit_config.memory_list[9].hardware_config.size_byte";

        CimflowException error = assertThrows(CimflowException.class,
                () -> HardwareConfigJson.applyOverrides(preset, Map.of(path, 1)));

        assertEquals("hardware override '" + path + "': index 9 is out of range; "
                + "chip_config.core_config.local_memory_unit_config.memory_list has 4 entries (indices from 0)",
                error.getMessage());
    }

    @Test
    void overrideWithWrongTypeNamesPath() {
        HardwareConfig preset = HardwarePresets.preset(ArchParams.DEFAULT);

        CimflowException error = assertThrows(CimflowException.class,
                () -> HardwareConfigJson.applyOverrides(preset, Map.of("chip_config.core_cnt", "many")));

        assertEquals("hardware override: chip_config.core_cnt: expected an integer, found \"many\"",
                error.getMessage());
    }

    @Test
    void invalidJsonSyntaxNamesFile() throws Exception {
        Path file = folder.resolve("broken.json");
        Files.writeString(file, "{\"chip_config\": ");

        CimflowException error = assertThrows(CimflowException.class, () -> HardwareConfigJson.read(file));

        // The 16 characters end on line 1, so the parser stops at column 17.
        assertTrue(error.getMessage().startsWith(file + " line 1, column 17: not valid JSON: "), error.getMessage());
    }

    @Test
    void missingFileIsNotFound() {
        Path file = folder.resolve("absent.json");

        CimflowException error = assertThrows(CimflowException.class, () -> HardwareConfigJson.read(file));

        assertEquals(file + ": hardware configuration not found; check the path", error.getMessage());
    }
}
