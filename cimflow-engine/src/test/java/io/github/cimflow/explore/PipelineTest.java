package io.github.cimflow.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.isa.IsaJson;
import io.github.cimflow.isa.IsaProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real pipeline on a one-convolution model from Debian's libonnx-testdata (5×5 input, 3×3 kernel, pad 1). */
class PipelineTest {
    static final Path CONV = Path.of("/usr/share/libonnx-testdata/data/node/test_basic_conv_with_padding/model.onnx");

    @TempDir
    Path folder;

    private static RunSpec conv(String name, int batchSize, Map<String, Object> hardware) {
        return new RunSpec(name, CONV, 8, 16, 16, 64, batchSize, "dp", null, List.of(1, 1, 5, 5), hardware, "",
                false, null);
    }

    private static RunLog quiet(String level) {
        return new RunLog(level, "conv", line -> { });
    }

    private static RunSpec conv(String name, boolean visualize, String logLevel) {
        return new RunSpec(name, CONV, 8, 16, 16, 64, 1, "dp", null, List.of(1, 1, 5, 5), Map.of(), "", visualize,
                logLevel);
    }

    @Test
    void visualizeWritesPlacementPictures() throws IOException {
        RunOutcome outcome = new Pipeline().execute(conv("conv", true, null), "conv", folder, false, quiet("INFO"));
        // One convolution is one layer, so the CG compiler makes one stage.
        assertEquals("placement_conv_stage0.png", outcome.files().get("placement_stage0_png"));
        assertEquals("placement_conv_stage0.svg", outcome.files().get("placement_stage0_svg"));
        assertEquals(4, outcome.files().size(), outcome.files().toString());
        byte[] png = Files.readAllBytes(folder.resolve("placement_conv_stage0.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        assertTrue(Files.readString(folder.resolve("placement_conv_stage0.svg")).startsWith("<svg "));
    }

    @Test
    void debugRunLogKeepsStageDetails() throws IOException {
        List<String> console = new ArrayList<>();
        new Pipeline().execute(conv("conv", false, "DEBUG"), "conv", folder, true,
                new RunLog("DEBUG", "conv", console::add));
        List<String> lines = Files.readAllLines(folder.resolve("run_conv.log"));
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("INFO: simulation: ")), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("VERBOSE: graph-level: stage 0: 1 layers")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("DEBUG: graph-level: ")), lines.toString());
        assertFalse(lines.stream().anyMatch(line -> line.startsWith("TRACE: ")), lines.toString());
        assertEquals(lines.size(), console.size());
        assertTrue(console.get(0).startsWith("INFO: conv: hardware: T8_K16_B16_C64"), console.get(0));
    }

    @Test
    void warningRunLogFileIsEmpty() throws IOException {
        new Pipeline().execute(conv("conv", false, "WARNING"), "conv", folder, true, quiet("WARNING"));
        assertEquals("", Files.readString(folder.resolve("run_conv.log")));
    }

    @Test
    void keepIrWritesReadableIsa() throws IOException {
        RunOutcome outcome = new Pipeline().execute(conv("conv", 1, Map.of()), "conv", folder, true, quiet("INFO"));
        assertEquals(Map.of("asm", "isa_instructions_conv.asm", "cg_ir", "instructions_conv.json",
                "isa", "isa_instructions_conv.json", "log", "run_conv.log",
                "report", "simulation_report_conv.txt", "report_json", "simulation_report_conv.json"),
                outcome.files());
        IsaProgram program = IsaJson.read(folder.resolve("isa_instructions_conv.json"));
        // 5×5 outputs × 3×3 taps × 1 channel = 225 MACs, 2 operations each.
        assertEquals(450, program.metadata().opCount());
    }

    @Test
    void textReportHasTutorialLines() throws IOException {
        new Pipeline().execute(conv("conv", 1, Map.of()), "conv", folder, false, quiet("INFO"));
        List<String> grepped = Files.readAllLines(folder.resolve("simulation_report_conv.txt")).stream()
                .filter(line -> line.matches(".*(latency:|TOPS:|TOPS/W:).*")).toList();
        assertEquals(3, grepped.size(), grepped.toString());
        assertTrue(grepped.get(0).startsWith("  - latency:            "), grepped.get(0));
    }

    @Test
    void halvedClockPeriodHalvesLatency() {
        RunMetrics slow = Pipeline.write(conv("slow", 1, Map.of()), "slow", folder, false,
                Pipeline.compute(conv("slow", 1, Map.of("sim_config.period_ns", 2.0))), "t").metrics();
        RunMetrics fast = Pipeline.write(conv("fast", 1, Map.of()), "fast", folder, false,
                Pipeline.compute(conv("fast", 1, Map.of("sim_config.period_ns", 1.0))), "t").metrics();
        // Cycle counts do not depend on the period, so the latency scales with it exactly.
        assertEquals(slow.latencyMilliseconds(), 2 * fast.latencyMilliseconds(), 1e-12);
    }

    @Test
    void configurationKeyFollowsSettings() {
        Pipeline pipeline = new Pipeline();
        String base = pipeline.configurationKey(conv("a", 1, Map.of()));
        assertEquals(base, pipeline.configurationKey(conv("b", 1, Map.of())));
        assertTrue(!base.equals(pipeline.configurationKey(conv("a", 2, Map.of()))), "batch size");
        assertTrue(!base.equals(pipeline.configurationKey(conv("a", 1, Map.of("sim_config.period_ns", 1.0)))),
                "override");
        RunSpec otherShape = new RunSpec("a", CONV, 8, 16, 16, 64, 1, "dp", null, List.of(1, 1, 6, 6), Map.of(), "",
                false, null);
        assertTrue(!base.equals(pipeline.configurationKey(otherShape)), "input shape");
        assertTrue(!base.equals(pipeline.configurationKey(conv("a", true, null))), "visualize");
    }

    @Test
    void realBatchRerunIsCached() {
        BatchSpec batch = new BatchSpec(null, folder.resolve("out"), false, "conv", List.of(
                conv("batch1", 1, Map.of()), conv("batch2", 2, Map.of())));
        List<String> log = new ArrayList<>();
        Explorer.ExplorationResult first = Explorer.explore(batch, new ExploreOptions(2, false), log::add);
        assertEquals(0, first.failedCount());
        log.clear();
        Explorer.explore(batch, new ExploreOptions(2, false), log::add);
        assertEquals(2, log.stream().filter(line -> line.contains("(cached:")).count(), log.toString());
    }

    @Test
    void realParallelOutputEqualsSerial() throws IOException {
        List<RunSpec> runs = List.of(conv("batch1", 1, Map.of()), conv("batch2", 2, Map.of()),
                conv("batch3", 3, Map.of()), conv("batch4", 4, Map.of()));
        Explorer.explore(new BatchSpec(null, folder.resolve("serial"), true, "conv", runs),
                new ExploreOptions(1, false), line -> { });
        Explorer.explore(new BatchSpec(null, folder.resolve("parallel"), true, "conv", runs),
                new ExploreOptions(4, false), line -> { });
        for (String file : List.of("summary.json", "summary.csv", "summary.md", "simulation_report_batch3.txt",
                "simulation_report_batch3.json", "isa_instructions_batch4.json", "instructions_batch2.json")) {
            assertEquals(Files.readString(folder.resolve("serial").resolve(file)),
                    Files.readString(folder.resolve("parallel").resolve(file)), file);
        }
    }

    @Test
    void unknownHardwarePathStopsBatchBeforeAnyRun() {
        BatchSpec batch = new BatchSpec(null, folder.resolve("out"), false, "conv", List.of(
                conv("good", 1, Map.of()), conv("bad", 1, Map.of("sim_config.period", 1.0))));
        InvalidBatchException error = assertThrows(InvalidBatchException.class,
                () -> Explorer.explore(batch, new ExploreOptions(1, false), line -> { }));
        assertTrue(error.getMessage().contains("did you mean 'sim_config.period_ns'?"), error.getMessage());
        assertFalse(Files.exists(folder.resolve("out/simulation_report_good.txt")));
    }
}
