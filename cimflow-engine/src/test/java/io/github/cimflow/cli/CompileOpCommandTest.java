package io.github.cimflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.cg.CgCore;
import io.github.cimflow.cg.CgJson;
import io.github.cimflow.cg.CgMetadata;
import io.github.cimflow.cg.CgOp;
import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.cg.CgStage;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.isa.IsaJson;
import io.github.cimflow.isa.IsaProgram;
import io.github.cimflow.op.OperatorCompiler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompileOpCommandTest {
    private static final ArchParams ONE_CORE = new ArchParams(8, 16, 16, 1);

    private static CgProgram tinyProgram() {
        CgOp read = new CgOp("read", Map.of("tensor_type", "feature", "tensor", "x", "image", 0, "channel_offset", 0,
                "shape", List.of(1, 8, 2, 2)));
        CgOp relu = new CgOp("relu", Map.of("shape", List.of(1, 8, 2, 2), "inputs", List.of("x"), "output", "y",
                "image", 0, "channel_offset", 0));
        CgOp write = new CgOp("write", Map.of("tensor_type", "feature", "tensor", "y", "image", 0,
                "channel_offset", 0, "shape", List.of(1, 8, 2, 2), "write_id", "y0"));
        CgStage stage = new CgStage(0, "cluster", 0, List.of(read, relu, write));
        CgMetadata metadata = new CgMetadata(0, "tiny", "dp", ONE_CORE, 1, "unused", List.of(1, 8, 2, 2));
        return new CgProgram(metadata, List.of(new CgCore(0, 0, List.of(stage))));
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine commandLine = CimflowCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void compileOpWritesJsonAndAsm(@TempDir Path directory) throws Exception {
        Path cgFile = directory.resolve("cg.json");
        CgJson.write(tinyProgram(), cgFile);
        Path outDir = directory.resolve("out");
        StringWriter out = new StringWriter();
        int exit = run(out, new StringWriter(), "compile", "op", "-i", cgFile.toString(), "-o", outDir.toString(),
                "--asm", "--verify");
        assertEquals(0, exit, out.toString());
        Path json = outDir.resolve("isa_instructions_tiny_dp_T8_K16_B16_C1_batch1.json");
        assertTrue(Files.exists(json), out.toString());
        assertTrue(Files.exists(outDir.resolve("isa_instructions_tiny_dp_T8_K16_B16_C1_batch1.asm")));
        IsaProgram expected = OperatorCompiler.compile(CgJson.read(cgFile), HardwarePresets.preset(ONE_CORE));
        assertEquals(expected.cores(), IsaJson.read(json).cores());
    }

    @Test
    void compileOpRecordsKnobsInMetadata(@TempDir Path directory) throws Exception {
        Path cgFile = directory.resolve("cg.json");
        CgJson.write(tinyProgram(), cgFile);
        run(new StringWriter(), new StringWriter(), "compile", "op", "-i", cgFile.toString(), "-o",
                directory.toString());
        IsaProgram written = IsaJson.read(directory.resolve("isa_instructions_tiny_dp_T8_K16_B16_C1_batch1.json"));
        assertEquals(ONE_CORE, written.metadata().arch());
        assertEquals(1, written.metadata().batchSize());
        assertEquals("tiny", written.metadata().model());
    }

    @Test
    void compileOpRejectsMissingInput(@TempDir Path directory) {
        StringWriter err = new StringWriter();
        Path missing = directory.resolve("none.json");
        int exit = run(new StringWriter(), err, "compile", "op", "-i", missing.toString(), "-o", directory.toString());
        assertEquals(2, exit);
        assertTrue(err.toString().startsWith("-i/--input: file " + missing + " not found; check the path"),
                err.toString());
    }
    @Test
    void instructionFileIsAliasOfInput(@TempDir Path directory) throws Exception {
        Path cgFile = directory.resolve("cg.json");
        CgJson.write(tinyProgram(), cgFile);
        assertEquals(0, run(new StringWriter(), new StringWriter(), "compile", "op", "--instruction-file",
                cgFile.toString(), "-o", directory.toString()));
        assertTrue(Files.exists(directory.resolve("isa_instructions_tiny_dp_T8_K16_B16_C1_batch1.json")));
    }

    @Test
    void matchingMgSizeAndBandwidthAccepted(@TempDir Path directory) throws Exception {
        Path cgFile = directory.resolve("cg.json");
        CgJson.write(tinyProgram(), cgFile);
        StringWriter err = new StringWriter();
        assertEquals(0, run(new StringWriter(), err, "compile", "op", "-i", cgFile.toString(), "-o",
                directory.toString(), "-t", "8", "-b", "16"), err.toString());
    }

    @Test
    void mgSizeOtherThanCgIrIsRejected(@TempDir Path directory) throws Exception {
        Path cgFile = directory.resolve("cg.json");
        CgJson.write(tinyProgram(), cgFile);
        StringWriter err = new StringWriter();
        assertEquals(1, run(new StringWriter(), err, "compile", "op", "-i", cgFile.toString(), "-o",
                directory.toString(), "-t", "4"));
        assertEquals("Error: " + cgFile + " was compiled for T = 8 but -t/--mg-size is 4; drop the option or pass "
                + "-t 8", err.toString().trim());
    }

    @Test
    void bandwidthOtherThanCgIrIsRejected(@TempDir Path directory) throws Exception {
        Path cgFile = directory.resolve("cg.json");
        CgJson.write(tinyProgram(), cgFile);
        StringWriter err = new StringWriter();
        assertEquals(1, run(new StringWriter(), err, "compile", "op", "-i", cgFile.toString(), "-o",
                directory.toString(), "-b", "8"));
        assertEquals("Error: " + cgFile + " was compiled for B = 16 but -b/--bandwidth is 8; drop the option or "
                + "pass -b 16", err.toString().trim());
    }

    @Test
    void compilerBinIgnoredWithInfoLine(@TempDir Path directory) throws Exception {
        Path cgFile = directory.resolve("cg.json");
        CgJson.write(tinyProgram(), cgFile);
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, new StringWriter(), "compile", "op", "-i", cgFile.toString(), "-o",
                directory.toString(), "--compiler-bin", "cim-compiler", "-l", "INFO"));
        assertTrue(out.toString().startsWith("INFO: --compiler-bin cim-compiler is ignored: cimflow runs no "
                + "external compiler or simulator binaries\n"), out.toString());
    }

    @Test
    void logLevelErrorHidesInfoLine(@TempDir Path directory) throws Exception {
        Path cgFile = directory.resolve("cg.json");
        CgJson.write(tinyProgram(), cgFile);
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, new StringWriter(), "compile", "op", "-i", cgFile.toString(), "-o",
                directory.toString(), "--paths-cfg", "tool_paths.json", "-l", "Error"));
        assertTrue(!out.toString().contains("INFO:"), out.toString());
    }

    @Test
    void missingConfigDirIsUsageError(@TempDir Path directory) throws Exception {
        Path cgFile = directory.resolve("cg.json");
        CgJson.write(tinyProgram(), cgFile);
        Path missing = directory.resolve("configs");
        StringWriter err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err, "compile", "op", "-i", cgFile.toString(), "-o",
                directory.toString(), "-cd", missing.toString()));
        assertTrue(err.toString().startsWith("-cd/--config-dir: folder " + missing + " not found; check the path"),
                err.toString());
    }
}
