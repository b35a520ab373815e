package io.github.cimflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfigJson;
import io.github.cimflow.hw.HardwarePresets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigCommandTest {
    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = CimflowCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void exportWritesPresetFile() {
        Path file = folder.resolve("hw.json");

        assertEquals(0, run("config", "export", "-t", "4", "-k", "16", "-b", "8", "-c", "16", "-o", file.toString()));

        assertEquals(HardwarePresets.preset(new ArchParams(4, 16, 8, 16)), HardwareConfigJson.read(file));
        assertEquals("Wrote " + file + "\n", out.toString());
    }

    @Test
    void exportDefaultsAreCimflowDefaults() {
        assertEquals(0, run("config", "export"));

        assertEquals(HardwareConfigJson.write(HardwarePresets.preset(new ArchParams(8, 16, 16, 64))), out.toString());
    }

    @Test
    void exportSummaryPrintsDerivedFigures() {
        assertEquals(0, run("config", "export", "--summary", "-o", folder.resolve("hw.json").toString()));

        // 128 macros · 4,096 B; 8·T = 64 channels; H·m·K = 32·16·16; H·W·T·K/8 = 4,096 MACs per cycle;
        // 4,096 · 64 cores · 500 MHz · 2 = 262.144 TOPS.
        assertEquals(String.join("\n",
                "Wrote " + folder.resolve("hw.json"),
                "configuration: T8_K16_B16_C64",
                "macros per core: 128 (16 groups of 8)",
                "CIM bytes per core: 524,288 (512 KiB)",
                "output channels per group: 64 (8-bit weights)",
                "largest reduction length per core: 8,192 (H·m·K = 32·16·16)",
                "peak MACs per cycle: 4,096 per core, 262,144 per chip (8-bit inputs)",
                "clock: 500 MHz (2 ns)",
                "peak TOPS: 262.144 (2 operations per MAC)", ""), out.toString());
    }

    @Test
    void exportOfNonSquareCoreCountFails() {
        assertEquals(1, run("config", "export", "-c", "128"));

        assertEquals("Error: preset T8_K16_B16_C128: chip_config.core_cnt: 128 is not a perfect square, but the "
                + "cores sit on a √C×√C mesh; use 121 or 144 (CIMFlow's docs show -c 128, which its partitioner "
                + "cannot place either)\n", err.toString());
    }

    @Test
    void checkAcceptsExportedFile() {
        Path file = folder.resolve("hw.json");
        HardwareConfigJson.write(HardwarePresets.preset(ArchParams.DEFAULT), file);

        assertEquals(0, run("config", "check", file.toString(), "-t", "8", "-k", "16", "-b", "16", "-c", "64"));

        assertEquals(file + ": valid (T8_K16_B16_C64)\n", out.toString());
    }

    @Test
    void checkReportsKnobMismatch() {
        Path file = folder.resolve("hw.json");
        HardwareConfigJson.write(HardwarePresets.preset(ArchParams.DEFAULT), file);

        assertEquals(1, run("config", "check", file.toString(), "-b", "8"));

        assertEquals("Error: " + file + ": chip_config.network_config.bus_width_byte is 16 but -b/--bandwidth is 8; "
                + "pass -b 16 to match the file, or edit the file\n", err.toString());
    }

    @Test
    void checkListsEveryProblem() throws Exception {
        Path file = folder.resolve("bad.json");
        String json = HardwareConfigJson.write(HardwarePresets.preset(ArchParams.DEFAULT))
                .replace("\"period_ns\": 2.0", "\"period_ns\": -2.0")
                .replace("\"macro_total_cnt\": 128", "\"macro_total_cnt\": 100");
        Files.writeString(file, json);

        assertEquals(1, run("config", "check", file.toString()));

        assertEquals(file + ": chip_config.core_config.cim_unit_config.macro_total_cnt: 100 macros do not split into "
                + "groups of macro_group_size 8; use a multiple of 8 (T·K)\n"
                + file + ": sim_config.period_ns: -2.0 is not a positive clock period; use for example 2.0 (500 MHz)\n"
                + "Error: " + file + ": 2 problems found; fix them and run the check again\n", err.toString());
    }

    @Test
    void badKnobValueIsUsageError() {
        assertEquals(2, run("config", "export", "-t", "x"));
    }
    @Test
    void checkMissingFileIsUsageError() {
        Path missing = folder.resolve("absent.json");
        assertEquals(2, run("config", "check", missing.toString()));
        assertTrue(err.toString().startsWith("FILE: file " + missing + " not found; check the path"), err.toString());
    }
}
