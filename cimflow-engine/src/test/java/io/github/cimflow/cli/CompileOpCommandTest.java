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
        int exit = run(new StringWriter(), err, "compile", "op", "-i", directory.resolve("none.json").toString(),
                "-o", directory.toString());
        assertEquals(1, exit);
        assertTrue(err.toString().startsWith("Error: "), err.toString());
    }
}
