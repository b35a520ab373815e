package io.github.cimflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompileCgCommandTest {
    private static final String MODEL = Path.of("..", "examples", "models", "tinynet_trained.onnx").toString();

    @TempDir
    Path output;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = CimflowCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void writesCgIrSummaryAndPictures() throws Exception {
        int exit = run("compile", "cg", "-m", MODEL, "-o", output.toString(), "-c", "16", "--batch-size", "2",
                "--verify", "--visualize");
        assertEquals(0, exit, err.toString());
        String stem = "instructions_tinynet_trained_dp_T8_K16_B16_C16_batch2";
        assertTrue(Files.exists(output.resolve(stem + ".json")));
        assertTrue(Files.exists(output.resolve(stem + "_summary.txt")));
        assertTrue(Files.exists(output.resolve(stem + "_stage0.png")));
        assertTrue(Files.exists(output.resolve(stem + "_stage0.svg")));
        assertTrue(out.toString().contains("verify: ok"), out.toString());
    }

    @Test
    void repeatedRunsGiveIdenticalFiles() throws Exception {
        Path second = output.resolve("again");
        assertEquals(0, run("compile", "cg", "-m", MODEL, "-o", output.toString(), "--visualize"));
        assertEquals(0, run("compile", "cg", "-m", MODEL, "-o", second.toString(), "--visualize"));
        String stem = "instructions_tinynet_trained_dp_T8_K16_B16_C64_batch8";
        for (String suffix : new String[] {".json", "_stage0.png", "_stage0.svg"}) {
            assertArrayEquals(Files.readAllBytes(output.resolve(stem + suffix)),
                    Files.readAllBytes(second.resolve(stem + suffix)), suffix);
        }
    }

    @Test
    void unknownStrategyIsUsageError() {
        assertEquals(2, run("compile", "cg", "-m", MODEL, "-o", output.toString(), "--strategy", "greedy"));
        assertTrue(err.toString().contains("known strategies: dp, baseline1"), err.toString());
    }

    @Test
    void batchSizeZeroIsUsageError() {
        assertEquals(2, run("compile", "cg", "-m", MODEL, "-o", output.toString(), "--batch-size", "0"));
    }

    @Test
    void modelTooLargeIsRuntimeError() {
        String resnet = Path.of("..", "examples", "models", "resnet18_cifar.onnx").toString();
        assertEquals(1, run("compile", "cg", "-m", resnet, "-o", output.toString(), "-c", "4"));
        assertTrue(err.toString().startsWith("Error: layer '"), err.toString());
        assertTrue(err.toString().contains("raise the core count C or the macro group size T"), err.toString());
    }
    @Test
    void logLevelAfterCommandHidesInfoLines() {
        assertEquals(0, run("compile", "cg", "-m", MODEL, "-o", output.toString(), "--compiler-bin", "cim-compiler",
                "-l", "warning"));
        assertTrue(!out.toString().contains("INFO:"), out.toString());
    }

    @Test
    void unknownLogLevelIsUsageError() {
        assertEquals(2, run("compile", "cg", "-m", MODEL, "-o", output.toString(), "-l", "LOUD"));
        assertTrue(err.toString().contains("unknown log level 'LOUD'"), err.toString());
    }

    @Test
    void toolPathOptionsAreIgnoredWithInfoLines() {
        assertEquals(0, run("compile", "cg", "-m", MODEL, "-o", output.toString(), "--compiler-bin",
                "/opt/cim-compiler", "--paths-cfg", "config/tool_paths.json"));
        String[] lines = out.toString().split("\\R");
        assertEquals("INFO: --compiler-bin /opt/cim-compiler is ignored: cimflow runs no external compiler or "
                + "simulator binaries", lines[0]);
        assertEquals("INFO: --paths-cfg config/tool_paths.json is ignored: cimflow runs no external compiler or "
                + "simulator binaries", lines[1]);
    }

    @Test
    void noVisualizeWritesNoPictures() throws Exception {
        assertEquals(0, run("compile", "cg", "-m", MODEL, "-o", output.toString(), "--no-visualize"));
        try (var files = Files.list(output)) {
            assertEquals(0, files.filter(file -> file.toString().endsWith(".png")).count());
        }
    }

    @Test
    void missingModelIsUsageError() {
        Path missing = output.resolve("missing.onnx");
        assertEquals(2, run("compile", "cg", "-m", missing.toString(), "-o", output.toString()));
        assertTrue(err.toString().startsWith("-m/--model: file " + missing + " not found; check the path"),
                err.toString());
    }

    @Test
    void missingConfigIsUsageError() {
        Path missing = output.resolve("missing.json");
        assertEquals(2, run("compile", "cg", "-m", MODEL, "-o", output.toString(), "-cf", missing.toString()));
        assertTrue(err.toString().startsWith("-cf/--config: file " + missing + " not found; check the path"),
                err.toString());
    }

    @Test
    void oversizedBatchRejectedBeforeCompile() {
        int exit = run("compile", "cg", "-m", MODEL, "-o", output.toString(), "--input-shape", "1,3,16,16",
                "--batch-size", "41944");

        assertEquals(1, exit);
        // 41,944 images of 800 bytes (768 input bytes plus the 10 logits aligned to 32) exceed 33,554,432 bytes.
        assertTrue(err.toString().startsWith("Error: batch size 41944 does not fit global memory 'global': the input "
                + "and output feature maps alone need 33,555,200 bytes (800 per image)"), err.toString());
        assertEquals("", out.toString(), "nothing written");
    }
}
