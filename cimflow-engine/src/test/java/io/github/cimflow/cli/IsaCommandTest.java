package io.github.cimflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfigJson;
import io.github.cimflow.hw.HardwarePresets;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IsaCommandTest {
    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = CimflowCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    private Path write(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void convertAsmToJson() throws IOException {
        Path input = write("p.asm", "# Core 0\nG_LI r0, 0x102E00\n");
        Path output = directory.resolve("p.json");
        assertEquals(0, run("isa", "convert", "--from", "asm", "--to", "json", input.toString(), output.toString()));
        assertEquals("{\n  \"metadata\": {\"op_count\": 0},\n  \"0\": [\n    {\"opcode\": 44, \"rd\": 0, \"imm\": 1060352}"
                + "\n  ]\n}\n", Files.readString(output));
    }

    @Test
    void convertFormsFromExtensions() throws IOException {
        Path input = write("p.asm", "# Core 0\nTAG r1\n# Core 1\nJMP 0\n");
        Path binary = directory.resolve("p.bin");
        Path back = directory.resolve("back.asm");
        assertEquals(0, run("isa", "convert", input.toString(), binary.toString()));
        assertEquals(0, run("isa", "convert", binary.toString(), back.toString()));
        assertEquals("# metadata {\"op_count\": 0}\n# Core 0\nTAG r1\n# Core 1\nJMP 0\n", Files.readString(back));
    }

    @Test
    void convertParseErrorExitsOne() throws IOException {
        Path input = write("p.asm", "G_LI r1, 1\nG_LI r1\n");
        assertEquals(1, run("isa", "convert", input.toString(), directory.resolve("p.json").toString()));
        assertTrue(err.toString().startsWith("Error: " + input + " line 2 (core 0 instruction 1): G_LI expects rd, imm,"
                + " got 1 operand"), err.toString());
    }

    @Test
    void convertUnknownFormExitsTwo() {
        assertEquals(2, run("isa", "convert", "--from", "elf", "a", "b"));
    }

    @Test
    void verifyCleanProgram() throws IOException {
        Path input = write("ok.asm", "G_LI r1, 786432\nG_LI r2, 7\nSC_ST r2, 0(r1)\n");
        assertEquals(0, run("isa", "verify", input.toString()));
        assertEquals(input + ": OK, 1 cores, 3 instructions\n", out.toString());
    }

    @Test
    void verifyListsProblemsAndExitsOne() throws IOException {
        Path input = write("bad.asm", "TAG r4\n");
        assertEquals(1, run("isa", "verify", input.toString()));
        assertEquals("core 0 instruction 0 (TAG r4): register written before read: reads r4 (field rs), which is not "
                + "written on every path from the program start; load it with G_LI or compute it first\n"
                + "Error: " + input + ": 1 verification problem (listed above)\n", err.toString());
    }

    @Test
    void verifyAgainstConfigFile() throws IOException {
        // A C=4 configuration has cores 0..3, so a SEND to core 5 is out of range.
        Path config = directory.resolve("hw.json");
        HardwareConfigJson.write(HardwarePresets.preset(new ArchParams(8, 16, 16, 4)), config);
        Path input = write("send.asm", "G_LI r0, 786432\nG_LI r1, 5\nG_LI r2, 16\nSEND r0, r1, r0, r2, r2\n");
        assertEquals(1, run("isa", "verify", "-cf", config.toString(), input.toString()));
        assertTrue(err.toString().startsWith("core 0 instruction 3 (SEND r0, r1, r0, r2, r2): operand value within "
                + "the hardware's limits: destination core 5 must be 0..3\n"), err.toString());
    }
    @Test
    void verifyMissingProgramIsUsageError() {
        Path missing = directory.resolve("absent.json");
        assertEquals(2, run("isa", "verify", missing.toString()));
        assertTrue(err.toString().startsWith("FILE: file " + missing + " not found; check the path"), err.toString());
    }

    @Test
    void convertMissingInputIsUsageError() {
        Path missing = directory.resolve("absent.asm");
        assertEquals(2, run("isa", "convert", missing.toString(), directory.resolve("out.json").toString()));
        assertTrue(err.toString().startsWith("IN: file " + missing + " not found; check the path"), err.toString());
    }
}
