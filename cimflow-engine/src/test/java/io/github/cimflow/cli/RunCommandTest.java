package io.github.cimflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {
    @TempDir
    Path folder;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine commandLine = CimflowCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void helpExitsZeroOnEveryRunCommand() {
        assertEquals(0, execute("run", "--help"));
        assertEquals(0, execute("run", "pipeline", "--help"));
        assertEquals(0, execute("run", "from-file", "--help"));
        assertTrue(out.toString().contains("--threads"), out.toString());
    }

    @Test
    void malformedBatchExitsTwoWithPosition() throws IOException {
        Path batch = folder.resolve("batch.json");
        Files.writeString(batch, "{\n  \"output_dir\": \"out\"\n  \"runs\": []\n}\n");
        assertEquals(2, execute("run", "from-file", batch.toString()));
        assertTrue(err.toString().startsWith("Error: " + batch + " line 3, column 3: invalid JSON"), err.toString());
        assertTrue(!err.toString().contains("\tat "), "no stack trace without --debug");
    }

    @Test
    void debugShowsStackTrace() throws IOException {
        Path batch = folder.resolve("batch.json");
        Files.writeString(batch, "{");
        assertEquals(2, execute("--debug", "run", "from-file", batch.toString()));
        assertTrue(err.toString().contains("\tat io.github.cimflow."), err.toString());
    }

    @Test
    void unknownStrategyIsUsageError() {
        assertEquals(2, execute("run", "pipeline", "-m", "m.onnx", "-o", "out", "--strategy", "fastest"));
        assertTrue(err.toString().contains("unknown strategy 'fastest'"), err.toString());
    }

    @Test
    void nonSquareCoreCountIsUsageError() {
        assertEquals(2, execute("run", "pipeline", "-m", "m.onnx", "-o", "out", "-c", "128"));
        assertTrue(err.toString().contains("-c/--core-num must be a perfect square because the cores form a square "
                + "mesh, not 128; use 121 or 144"), err.toString());
    }

    @Test
    void knobsWithoutValidPresetAreUsageError() {
        // T=64 puts the CIM array (64·16 macros) beyond the reach of G_LI's 21-bit immediate.
        assertEquals(2, execute("run", "pipeline", "-m", "m.onnx", "-o", "out", "-t", "64"));
        assertTrue(err.toString().contains("-t 64 -k 16 -b 16 -c 64 give no valid hardware preset: preset "
                + "T64_K16_B16_C64:"), err.toString());
    }

    @Test
    void missingModelOptionIsUsageError() {
        assertEquals(2, execute("run", "pipeline", "-o", "out"));
    }

    @Test
    void zeroThreadsIsUsageError() throws IOException {
        Path batch = folder.resolve("batch.json");
        Files.writeString(batch, "{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\"}]}");
        assertEquals(2, execute("run", "from-file", batch.toString(), "--threads", "-1"));
        assertEquals(2, execute("run", "from-file", batch.toString(), "--threads", "0"));
        assertTrue(err.toString().contains("--threads must be at least 1, not 0"), err.toString());
    }

    @Test
    void unknownLogLevelIsUsageError() {
        assertEquals(2, execute("run", "from-file", "x.json", "-l", "LOUD"));
        assertTrue(err.toString().contains("unknown log level 'LOUD'"), err.toString());
    }

    @Test
    void logLevelErrorHidesInfoLines() throws IOException {
        Path batch = folder.resolve("batch.json");
        Files.writeString(batch, "{\"paths_cfg\": \"tools.json\", \"output_dir\": \"out\", "
                + "\"runs\": [{\"model_path\": \"missing.onnx\"}]}");
        execute("run", "from-file", batch.toString(), "-l", "ERROR");
        assertTrue(!out.toString().contains("paths_cfg"), out.toString());
        execute("run", "from-file", batch.toString(), "-l", "info");
        assertTrue(out.toString().contains("INFO: paths_cfg 'tools.json'"), out.toString());
    }

    @Test
    void brokenModelRunFailsBatchWithExitOne() throws IOException {
        Path batch = folder.resolve("batch.json");
        Files.writeString(folder.resolve("broken.onnx"), "not a protobuf");
        Files.writeString(batch, "{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"broken.onnx\"}]}");
        assertEquals(1, execute("run", "from-file", batch.toString(), "--threads", "1"));
        assertTrue(out.toString().contains("[1/1] broken_dp_T8_K16_B16_C64_batch8  FAILED"), out.toString());
        assertTrue(out.toString().contains("1 of 1 runs failed"), out.toString());
        String summary = Files.readString(folder.resolve("out/summary.json"));
        assertTrue(summary.contains("\"status\": \"failed\""), summary);
    }

    @Test
    void failedRunShownAtErrorLevel() throws IOException {
        Path batch = folder.resolve("batch.json");
        Files.writeString(folder.resolve("broken.onnx"), "not a protobuf");
        Files.writeString(batch, "{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"broken.onnx\"}]}");
        assertEquals(1, execute("run", "from-file", batch.toString(), "-l", "ERROR"));
        assertTrue(out.toString().contains("[1/1] broken_dp_T8_K16_B16_C64_batch8  FAILED"), out.toString());
    }

    @Test
    void invalidCoreCountExitsTwoBeforeAnyRun() throws IOException {
        Path batch = folder.resolve("batch.json");
        Files.writeString(folder.resolve("m.onnx"), "not read before the check");
        Files.writeString(batch, "{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\"}, "
                + "{\"_name\": \"big\", \"model_path\": \"m.onnx\", \"c\": 128}]}");
        assertEquals(2, execute("run", "from-file", batch.toString()));
        assertTrue(err.toString().startsWith("Error: " + batch + ": $.runs[1].c = 128 (run 'big'): "
                + "chip_config.core_cnt: 128 is not a perfect square"), err.toString());
        assertTrue(err.toString().contains("use 121 or 144"), err.toString());
        assertTrue(!Files.exists(folder.resolve("out")), "no output folder before the check passes");
        assertEquals("", out.toString());
    }

    @Test
    void missingModelExitsTwo() throws IOException {
        Path batch = folder.resolve("batch.json");
        Files.writeString(batch, "{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"missing.onnx\"}]}");
        assertEquals(2, execute("run", "from-file", batch.toString()));
        assertTrue(err.toString().startsWith("Error: " + batch + ": $.runs[0].model_path (run "
                + "'missing_dp_T8_K16_B16_C64_batch8'): model file " + folder.resolve("missing.onnx")
                + " not found"), err.toString());
    }
    @Test
    void missingConfigFileExitsTwo() {
        Path missing = folder.resolve("missing.json");
        assertEquals(2, execute("run", "pipeline", "-m", "../examples/models/tinynet_trained.onnx", "-o",
                folder.resolve("out").toString(), "-cf", missing.toString()));
        assertTrue(err.toString().startsWith("-cf/--config: file " + missing + " not found; check the path"),
                err.toString());
    }

    @Test
    void configFolderGivenAsFileExitsTwo() throws IOException {
        Path file = Files.writeString(folder.resolve("configs"), "{}");
        assertEquals(2, execute("run", "pipeline", "-m", "../examples/models/tinynet_trained.onnx", "-o",
                folder.resolve("out").toString(), "-cd", file.toString()));
        assertTrue(err.toString().startsWith("-cd/--config-dir: " + file + " is not a folder"), err.toString());
    }

    @Test
    void missingProfileExitsTwo() {
        Path missing = folder.resolve("profiler.json");
        assertEquals(2, execute("run", "pipeline", "-m", "../examples/models/tinynet_trained.onnx", "-o",
                folder.resolve("out").toString(), "-p", missing.toString()));
        assertTrue(err.toString().startsWith("-p/--profile: file " + missing + " not found; check the path"),
                err.toString());
    }

    @Test
    void missingModelPathExitsTwo() {
        Path missing = folder.resolve("missing.onnx");
        assertEquals(2, execute("run", "pipeline", "-m", missing.toString(), "-o", folder.resolve("out").toString()));
        assertTrue(err.toString().startsWith("-m/--model-path: file " + missing + " not found; check the path"),
                err.toString());
    }
    @Test
    void pathsCfgIgnoredWithInfoLine() {
        assertEquals(0, execute("run", "pipeline", "-m", "../examples/models/tinynet_trained.onnx", "-o",
                folder.resolve("out").toString(), "-c", "16", "--batch-size", "1", "--paths-cfg",
                "config/tool_paths.json"), err.toString());
        assertTrue(out.toString().startsWith("INFO: --paths-cfg config/tool_paths.json is ignored: cimflow runs no "
                + "external compiler or simulator binaries" + System.lineSeparator()), out.toString());
    }
}
