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
        assertTrue(err.toString().contains("raise -c/--core-num or -t/--mg-size"), err.toString());
    }
}
