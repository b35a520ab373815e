package io.github.cimflow.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplorerTest {
    /** Figures shaped like CIMFlow's design-exploration table; the double returns them by run name. */
    static final Map<String, RunMetrics> TABLE = Map.of(
            "B8_batch1", new RunMetrics(0.52, 0.52, 4380.0, 2.2776e9, 0.21, 0.048),
            "B8_batch8", new RunMetrics(2.89, 0.36125, 4420.0, 1.277380e10, 0.38, 0.086),
            "B16_batch1", new RunMetrics(0.47, 0.47, 4440.0, 2.0868e9, 0.24, 0.054),
            "B16_batch8", new RunMetrics(2.09, 0.26125, 4420.0, 9.2378e9, 0.53, 0.120));

    @TempDir
    Path folder;
    Path model;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void writeModel() throws IOException {
        model = folder.resolve("resnet18.onnx");
        Files.write(model, new byte[] {1, 2, 3});
    }

    private RunSpec run(String name, Path modelPath, int b, int batchSize) {
        return new RunSpec(name, modelPath, 8, 16, b, 64, batchSize, "dp", null, null, Map.of(), "", false, null);
    }

    private BatchSpec sweep(Path output) {
        return new BatchSpec(null, output, false, "design_exploration", List.of(
                run("B8_batch1", model, 8, 1), run("B8_batch8", model, 8, 8),
                run("B16_batch1", model, 16, 1), run("B16_batch8", model, 16, 8)));
    }

    private Explorer.ExplorationResult explore(TableExecutor executor, String fingerprint, BatchSpec batch,
                                               int threads, boolean force) {
        return new Explorer(executor, fingerprint).execute(batch, new ExploreOptions(threads, force), log::add);
    }

    @Test
    void summaryJsonHasFixedShape() throws IOException {
        Path broken = folder.resolve("broken.onnx");
        Files.write(broken, new byte[] {9});
        BatchSpec batch = new BatchSpec(null, folder.resolve("out"), false, "b", List.of(
                run("B8_batch1", model, 8, 1), run("broken", broken, 16, 8)));
        explore(new TableExecutor(TABLE, 0), "engine-1", batch, 1, false);
        String expected = """
                {
                  "best": {
                    "average_power_mw": "B8_batch1",
                    "latency_ms": "B8_batch1",
                    "latency_per_image_ms": "B8_batch1",
                    "tops": "B8_batch1",
                    "tops_per_w": "B8_batch1",
                    "total_energy_pj": "B8_batch1"
                  },
                  "runs": [
                    {
                      "error": null,
                      "metrics": {
                        "average_power_mw": 4380.0000,
                        "latency_ms": 0.520000,
                        "latency_per_image_ms": 0.520000,
                        "tops": 0.210000,
                        "tops_per_w": 0.048000,
                        "total_energy_pj": 2277600000.0000
                      },
                      "model": "resnet18.onnx",
                      "name": "B8_batch1",
                      "params": {
                        "b": 8,
                        "batch_size": 1,
                        "c": 64,
                        "k": 16,
                        "strategy": "dp",
                        "t": 8
                      },
                      "status": "ok"
                    },
                    {
                      "error": "model broken.onnx: no graph found",
                      "metrics": null,
                      "model": "broken.onnx",
                      "name": "broken",
                      "params": {
                        "b": 16,
                        "batch_size": 8,
                        "c": 64,
                        "k": 16,
                        "strategy": "dp",
                        "t": 8
                      },
                      "status": "failed"
                    }
                  ]
                }
                """;
        assertEquals(expected, Files.readString(folder.resolve("out/summary.json")));
    }

    @Test
    void bestRunPerMetric() {
        Summary summary = explore(new TableExecutor(TABLE, 0), "engine-1", sweep(folder.resolve("out")), 2, false)
                .summary();
        assertEquals("Best: latency_ms B16_batch1, latency_per_image_ms B16_batch8, average_power_mw B8_batch1, "
                + "total_energy_pj B16_batch1, tops B16_batch8, tops_per_w B16_batch8", summary.bestLine());
        assertEquals(summary.bestLine(), log.get(log.size() - 1));
    }

    @Test
    void brokenRunLetsOthersFinish() throws IOException {
        Path broken = folder.resolve("broken.onnx");
        Files.write(broken, new byte[] {9});
        BatchSpec batch = new BatchSpec(null, folder.resolve("out"), false, "b", List.of(
                run("B8_batch1", model, 8, 1), run("B8_batch8", broken, 8, 8),
                run("B16_batch1", model, 16, 1), run("B16_batch8", model, 16, 8)));
        Explorer.ExplorationResult result = explore(new TableExecutor(TABLE, 0), "engine-1", batch, 2, false);
        assertEquals(1, result.failedCount());
        assertTrue(Files.exists(folder.resolve("out/simulation_report_B8_batch1.txt")));
        assertFalse(Files.exists(folder.resolve("out/simulation_report_B8_batch8.txt")));
        assertTrue(Files.exists(folder.resolve("out/simulation_report_B16_batch1.txt")));
        assertTrue(Files.exists(folder.resolve("out/simulation_report_B16_batch8.txt")));
        assertEquals("model broken.onnx: no graph found", result.summary().runs().get(1).error());
    }

    @Test
    void internalErrorRecordedWithDebugTrace() throws IOException {
        Path defect = folder.resolve("defect.onnx");
        Files.write(defect, new byte[] {5});
        BatchSpec batch = new BatchSpec(null, folder.resolve("out"), false, "b", List.of(run("x", defect, 8, 1)));
        Explorer.ExplorationResult result = explore(new TableExecutor(TABLE, 0), "engine-1", batch, 1, false);
        assertEquals("internal error: java.lang.IllegalStateException: stage defect",
                result.summary().runs().get(0).error());
        assertTrue(log.get(0).startsWith("DEBUG: run x failed with an internal error:\njava.lang.IllegalStateException"),
                log.get(0));
    }

    @Test
    void csvListsEveryRun() throws IOException {
        explore(new TableExecutor(TABLE, 0), "engine-1", sweep(folder.resolve("out")), 1, false);
        List<String> lines = Files.readAllLines(folder.resolve("out/summary.csv"));
        assertEquals("name,model,t,k,b,c,batch_size,strategy,latency_ms,latency_per_image_ms,average_power_mw,"
                + "total_energy_pj,tops,tops_per_w,status,error", lines.get(0));
        assertEquals("B16_batch8,resnet18.onnx,8,16,16,64,8,dp,2.090000,0.261250,4420.0000,9237800000.0000,"
                + "0.530000,0.120000,ok,", lines.get(4));
        assertEquals(5, lines.size());
    }

    @Test
    void markdownTableHasRowPerRun() throws IOException {
        BatchSpec batch = new BatchSpec(null, folder.resolve("out"), false, "sweep", List.of(
                run("B8_batch1", model, 8, 1), run("B16_batch1", model, 16, 1)));
        explore(new TableExecutor(TABLE, 0), "engine-1", batch, 1, false);
        List<String> lines = Files.readAllLines(folder.resolve("out/summary.md"));
        assertEquals("# sweep", lines.get(0));
        assertEquals("2 runs, 0 failed. Varied: b.", lines.get(2));
        assertEquals("| name | model | t | k | b | c | batch_size | strategy | latency (ms) | average power (mW) "
                + "| total energy (pJ) | TOPS | TOPS/W | status |", lines.get(4));
        assertEquals("| B16_batch1 | resnet18.onnx | 8 | 16 | 16 | 64 | 1 | dp | 0.470000 | 4440.0000 "
                + "| 2086800000.0000 | 0.240000 | 0.054000 | ok |", lines.get(7));
    }

    @Test
    void progressLineShowsLatencyAndTopsPerWatt() {
        BatchSpec batch = new BatchSpec(null, folder.resolve("out"), false, "b", List.of(run("B16_batch1", model, 16, 1)));
        explore(new TableExecutor(TABLE, 0), "engine-1", batch, 1, false);
        assertTrue(log.get(0).startsWith("[1/1] B16_batch1  latency=0.47 ms  TOPS/W=0.054  ("), log.get(0));
        assertTrue(log.get(0).endsWith(" s)"), log.get(0));
    }

    @Test
    void unchangedRerunIsCachedPerRun() {
        TableExecutor executor = new TableExecutor(TABLE, 0);
        explore(executor, "engine-1", sweep(folder.resolve("out")), 2, false);
        log.clear();
        explore(executor, "engine-1", sweep(folder.resolve("out")), 2, false);
        assertEquals(4, executor.executed.size());
        long cachedLines = log.stream().filter(line -> line.contains("(cached: model, configuration and engine "
                + "unchanged)")).count();
        assertEquals(4, cachedLines);
    }

    @Test
    void cachedRerunGivesIdenticalSummaries() throws IOException {
        TableExecutor executor = new TableExecutor(TABLE, 0);
        Path out = folder.resolve("out");
        explore(executor, "engine-1", sweep(out), 2, false);
        byte[] json = Files.readAllBytes(out.resolve("summary.json"));
        byte[] csv = Files.readAllBytes(out.resolve("summary.csv"));
        byte[] md = Files.readAllBytes(out.resolve("summary.md"));
        explore(executor, "engine-1", sweep(out), 2, false);
        assertArrayEquals(json, Files.readAllBytes(out.resolve("summary.json")));
        assertArrayEquals(csv, Files.readAllBytes(out.resolve("summary.csv")));
        assertArrayEquals(md, Files.readAllBytes(out.resolve("summary.md")));
    }

    @Test
    void changedEngineFingerprintMissesCache() {
        TableExecutor executor = new TableExecutor(TABLE, 0);
        explore(executor, "engine-1", sweep(folder.resolve("out")), 2, false);
        explore(executor, "engine-2", sweep(folder.resolve("out")), 2, false);
        assertEquals(8, executor.executed.size());
    }

    @Test
    void changedModelBytesMissCache() throws IOException {
        TableExecutor executor = new TableExecutor(TABLE, 0);
        explore(executor, "engine-1", sweep(folder.resolve("out")), 2, false);
        Files.write(model, new byte[] {1, 2, 4});
        explore(executor, "engine-1", sweep(folder.resolve("out")), 2, false);
        assertEquals(8, executor.executed.size());
    }

    @Test
    void forceRecomputesCachedRuns() {
        TableExecutor executor = new TableExecutor(TABLE, 0);
        explore(executor, "engine-1", sweep(folder.resolve("out")), 2, false);
        explore(executor, "engine-1", sweep(folder.resolve("out")), 2, true);
        assertEquals(8, executor.executed.size());
    }

    @Test
    void deletedReportIsRecomputedAlone() throws IOException {
        TableExecutor executor = new TableExecutor(TABLE, 0);
        Path out = folder.resolve("out");
        explore(executor, "engine-1", sweep(out), 2, false);
        Files.delete(out.resolve("simulation_report_B8_batch8.txt"));
        executor.executed.clear();
        explore(executor, "engine-1", sweep(out), 2, false);
        assertEquals(List.of("B8_batch8"), executor.executed);
    }

    @Test
    void failedRunIsRetriedOnRerun() throws IOException {
        Path broken = folder.resolve("broken.onnx");
        Files.write(broken, new byte[] {9});
        BatchSpec batch = new BatchSpec(null, folder.resolve("out"), false, "b", List.of(
                run("B8_batch1", model, 8, 1), run("B8_batch8", broken, 8, 8)));
        TableExecutor executor = new TableExecutor(TABLE, 0);
        explore(executor, "engine-1", batch, 1, false);
        executor.executed.clear();
        explore(executor, "engine-1", batch, 1, false);
        assertEquals(List.of("B8_batch8"), executor.executed);
    }

    @Test
    void parallelOutputEqualsSerial() throws IOException {
        Path serial = folder.resolve("serial");
        Path parallel = folder.resolve("parallel");
        explore(new TableExecutor(TABLE, 0), "engine-1", sweep(serial), 1, false);
        TableExecutor concurrent = new TableExecutor(TABLE, 50);
        explore(concurrent, "engine-1", sweep(parallel), 4, false);
        assertTrue(concurrent.threads.size() > 1, "runs should spread over several worker threads");
        for (String file : List.of("summary.json", "summary.csv", "summary.md", "run_info.json",
                "simulation_report_B16_batch8.txt", "plot_latency_ms_vs_b.svg", "plot_pareto_latency_energy.svg")) {
            assertArrayEquals(Files.readAllBytes(serial.resolve(file)), Files.readAllBytes(parallel.resolve(file)), file);
        }
    }

    @Test
    void plotsCoverVariedParameters() throws Exception {
        Path out = folder.resolve("out");
        explore(new TableExecutor(TABLE, 0), "engine-1", sweep(out), 2, false);
        for (String parameter : List.of("b", "batch_size")) {
            for (String metric : List.of("latency_ms", "average_power_mw", "total_energy_pj", "tops", "tops_per_w")) {
                String stem = "plot_" + metric + "_vs_" + parameter;
                assertTrue(Files.size(out.resolve(stem + ".png")) > 0, stem);
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve(stem + ".svg").toFile());
            }
        }
        assertFalse(Files.exists(out.resolve("plot_latency_ms_vs_t.svg")));
        String pareto = Files.readString(out.resolve("plot_pareto_latency_energy.svg"));
        // B16_batch1 (0.47 ms, 2.09e9 pJ) and B8_batch1 (0.52 ms, 2.28e9 pJ) are dominated only by ... nothing
        // cheaper: B16_batch1 beats B8_batch1 in both, so B8_batch1 is off the front.
        assertTrue(pareto.contains(">1  B16_batch1: latency 0.47 ms, energy 2.087e9 pJ</text>"), pareto);
        assertFalse(pareto.contains("B8_batch1"));
    }

    @Test
    void runInfoKeepsCimflowFields() throws IOException {
        Path out = folder.resolve("out");
        explore(new TableExecutor(TABLE, 0), "engine-1", sweep(out), 1, false);
        var infos = Json.MAPPER.readTree(out.resolve("run_info.json").toFile());
        assertEquals(4, infos.size());
        var first = infos.get(0);
        assertEquals("20260101_120000", first.get("timestamp").asText());
        assertEquals("simulation_report_B8_batch1.txt", first.get("files").get("report").asText());
        assertEquals(0.75, first.get("stage_times").get("total").asDouble());
        assertEquals(8, first.get("params").get("b").asInt());
        assertNull(first.get("error"));
    }

    @Test
    void leftoverTemporaryFilesAreDeleted() throws IOException {
        Path out = Files.createDirectories(folder.resolve("out"));
        Files.writeString(out.resolve(".summary.json.123" + AtomicFiles.TEMP_SUFFIX), "{");
        explore(new TableExecutor(TABLE, 0), "engine-1", sweep(out), 1, false);
        assertFalse(Files.exists(out.resolve(".summary.json.123" + AtomicFiles.TEMP_SUFFIX)));
    }
    private RunSpec withLogLevel(RunSpec run, String logLevel) {
        return new RunSpec(run.name(), run.modelPath(), run.t(), run.k(), run.b(), run.c(), run.batchSize(),
                run.strategy(), run.configPath(), run.inputShape(), run.hardware(), run.profile(), run.visualize(),
                logLevel);
    }

    @Test
    void invalidRunStopsBatchBeforeAnyWork() {
        TableExecutor executor = new TableExecutor(TABLE, 0);
        RunSpec big = new RunSpec("big", model, 8, 16, 16, 128, 1, "dp", null, null, Map.of(), "", false, null);
        BatchSpec batch = new BatchSpec(null, folder.resolve("out"), false, "b",
                List.of(run("B8_batch1", model, 8, 1), big));
        InvalidBatchException error = assertThrows(InvalidBatchException.class,
                () -> explore(executor, "engine-1", batch, 1, false));
        assertTrue(error.getMessage().startsWith("$.runs[1].c = 128 (run 'big'): "), error.getMessage());
        assertTrue(executor.executed.isEmpty());
        assertFalse(Files.exists(folder.resolve("out")));
    }

    @Test
    void runLogLevelHidesItsProgressLine() {
        BatchSpec batch = new BatchSpec(null, folder.resolve("out"), false, "b", List.of(
                withLogLevel(run("B8_batch1", model, 8, 1), "ERROR"), run("B16_batch1", model, 16, 1)));
        new Explorer(new TableExecutor(TABLE, 0), "engine-1").execute(batch, new ExploreOptions(1, false, "INFO"),
                log::add);
        assertEquals(2, log.size(), log.toString());
        assertTrue(log.get(0).startsWith("[2/2] B16_batch1  latency=0.47 ms"), log.get(0));
        assertTrue(log.get(1).startsWith("Best: "), log.get(1));
    }

    @Test
    void commandLevelHidesBestLine() {
        new Explorer(new TableExecutor(TABLE, 0), "engine-1").execute(sweep(folder.resolve("out")),
                new ExploreOptions(1, false, "WARNING"), log::add);
        assertEquals(List.of(), log);
    }

    @Test
    void keepIrLogLevelIsPartOfCacheKey() {
        Path out = folder.resolve("out");
        BatchSpec batch = sweep(out);
        BatchSpec keepIr = new BatchSpec(null, out, true, batch.runName(), batch.runs());
        TableExecutor executor = new TableExecutor(TABLE, 0);
        Explorer explorer = new Explorer(executor, "engine-1");
        explorer.execute(keepIr, new ExploreOptions(1, false, "INFO"), log::add);
        explorer.execute(keepIr, new ExploreOptions(1, false, "INFO"), log::add);
        assertEquals(4, executor.executed.size());
        explorer.execute(keepIr, new ExploreOptions(1, false, "DEBUG"), log::add);
        assertEquals(8, executor.executed.size());
    }
}
