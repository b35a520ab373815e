package io.github.cimflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfigJson;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.isa.Instruction;
import io.github.cimflow.isa.IsaJson;
import io.github.cimflow.isa.IsaProgram;
import io.github.cimflow.isa.Opcode;
import io.github.cimflow.isa.ProgramMetadata;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimCommandTest {
    static final ArchParams ONE_CORE = new ArchParams(8, 16, 16, 1);

    @TempDir
    Path directory;

    Path writeProgram() {
        List<Instruction> core = List.of(new Instruction(Opcode.G_LI, 0, 0, 1, 0, 0, 0, 5, 0),
                new Instruction(Opcode.SC_RI, 1, 0, 1, 0, 0, 0, 1, 0));
        Path file = directory.resolve("isa_tiny.json");
        IsaJson.write(new IsaProgram(new ProgramMetadata(100, 1, ONE_CORE, null, "tiny", "dp"), List.of(core)), file);
        return file;
    }

    int run(StringWriter err, String... args) {
        CommandLine commandLine = CimflowCli.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter()));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void writesTextAndJsonReports() throws Exception {
        Path program = writeProgram();
        Path out = directory.resolve("out");
        assertEquals(0, run(new StringWriter(), "sim", "-i", program.toString(), "-o", out.toString()));
        String text = Files.readString(out.resolve("simulation_isa_tiny.txt"));
        assertTrue(text.contains("  - latency:            4e-06 ms\n"), text);
        assertTrue(Files.readString(out.resolve("simulation_isa_tiny.json")).contains("\"TOPS_\""));
    }

    @Test
    void rejectsConfigurationWithOtherGroupSize() throws Exception {
        Path program = writeProgram();
        Path config = directory.resolve("config-mg4-b16.json");
        HardwareConfigJson.write(HardwarePresets.preset(new ArchParams(4, 16, 16, 1)), config);
        StringWriter err = new StringWriter();
        assertEquals(1, run(err, "sim", "-i", program.toString(), "-o", directory.toString(), "-cf",
                config.toString()));
        assertEquals("Error: hardware configuration " + config + " has macro group size T = 4 but " + program
                + " was compiled for macro group size T = 8; simulate with the configuration the program was "
                + "compiled for", err.toString().trim());
    }

    @Test
    void profileFromConfigWritesProfilingJson() throws Exception {
        Path program = writeProgram();
        Path out = directory.resolve("profiled");
        assertEquals(0, run(new StringWriter(), "sim", "-i", program.toString(), "-o", out.toString(), "-p",
                "from-config"));
        assertTrue(Files.readString(out.resolve("simulation_isa_tiny.txt")).contains("\nProfiling:\nHardware Profiling:\n"));
        assertTrue(Files.readString(out.resolve("profiling.json")).contains("\"Chip.Core Overview.scalar\""));
    }
    @Test
    void logLevelAfterCommandAccepted() {
        Path program = writeProgram();
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "sim", "-i", program.toString(), "-o", directory.toString(), "-l", "DEBUG"),
                err.toString());
    }

    @Test
    void everyCoreAddsPerCoreTable() throws Exception {
        Path program = writeProgram();
        assertEquals(0, run(new StringWriter(), "sim", "-i", program.toString(), "-o", directory.toString(),
                "--every-core"));
        assertTrue(Files.readString(directory.resolve("simulation_isa_tiny.txt")).contains("Every core energy form:"));
    }

    @Test
    void instFileIsAliasOfInst() {
        Path program = writeProgram();
        assertEquals(0, run(new StringWriter(), "sim", "--inst-file", program.toString(), "-o",
                directory.toString()));
    }

    @Test
    void simulatorBinIgnoredWithInfoLine() {
        Path program = writeProgram();
        CommandLine commandLine = CimflowCli.commandLine();
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(new StringWriter()));
        assertEquals(0, commandLine.execute("sim", "-i", program.toString(), "-o", directory.toString(),
                "--simulator-bin", "cim-simulator"));
        assertTrue(out.toString().startsWith("INFO: --simulator-bin cim-simulator is ignored: cimflow runs no "
                + "external compiler or simulator binaries\n"), out.toString());
    }

    @Test
    void emptyProfileDisablesProfiling() throws Exception {
        Path program = writeProgram();
        assertEquals(0, run(new StringWriter(), "sim", "-i", program.toString(), "-o", directory.toString(), "-p",
                ""));
        assertTrue(!Files.readString(directory.resolve("simulation_isa_tiny.txt")).contains("Profiling:"));
    }

    @Test
    void missingProfileIsUsageError() {
        Path program = writeProgram();
        Path missing = directory.resolve("profiler.json");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "sim", "-i", program.toString(), "-o", directory.toString(), "-p",
                missing.toString()));
        assertTrue(err.toString().startsWith("-p/--profile: file " + missing + " not found; check the path"),
                err.toString());
    }

    @Test
    void missingInstructionFileIsUsageError() {
        Path missing = directory.resolve("isa_none.json");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "sim", "-i", missing.toString(), "-o", directory.toString()));
        assertTrue(err.toString().startsWith("-i/--inst-file: file " + missing + " not found; check the path"),
                err.toString());
    }

    @Test
    void mgSizeOtherThanProgramIsRejected() {
        Path program = writeProgram();
        StringWriter err = new StringWriter();
        assertEquals(1, run(err, "sim", "-i", program.toString(), "-o", directory.toString(), "-t", "4"));
        assertEquals("Error: " + program + " was compiled for T = 8 but -t/--mg-size is 4; drop the option or pass "
                + "-t 8", err.toString().trim());
    }

    @Test
    void mgSizeAndBandwidthPickConfigWithoutMetadata() throws Exception {
        List<Instruction> core = List.of(new Instruction(Opcode.G_LI, 0, 0, 1, 0, 0, 0, 5, 0));
        Path program = directory.resolve("isa_bare.json");
        IsaJson.write(new IsaProgram(new ProgramMetadata(100, 1, null, null, "bare", "dp"), List.of(core)), program);
        Path configs = Files.createDirectories(directory.resolve("configs"));
        HardwareConfigJson.write(HardwarePresets.preset(ONE_CORE), configs.resolve("config-mg8-b16.json"));
        Path out = directory.resolve("out");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "sim", "-i", program.toString(), "-o", out.toString(), "-cd", configs.toString(),
                "-t", "8", "-b", "16"), err.toString());
        assertTrue(Files.readString(out.resolve("simulation_isa_bare.txt")).contains("config-mg8-b16.json"));
    }
    @Test
    void configFileWinsOverConfigDir() throws Exception {
        Path program = writeProgram();
        Path config = directory.resolve("chosen.json");
        HardwareConfigJson.write(HardwarePresets.preset(ONE_CORE), config);
        Path emptyDirectory = Files.createDirectories(directory.resolve("configs"));
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "sim", "-i", program.toString(), "-o", directory.toString(), "-cf",
                config.toString(), "-cd", emptyDirectory.toString()), err.toString());
        assertTrue(Files.readString(directory.resolve("simulation_isa_tiny.txt")).contains("chosen.json"));
    }
}
