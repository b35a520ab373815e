package io.github.cimflow.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KilledBatchTest {
    @TempDir
    Path folder;

    @Test
    void killedBatchResumesWithMissingRuns() throws Exception {
        Path model = folder.resolve("resnet18.onnx");
        Files.write(model, new byte[] {1, 2, 3});
        Path out = folder.resolve("out");

        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(javaBinary, "-cp", System.getProperty("java.class.path"),
                SlowBatchMain.class.getName(), out.toString(), model.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.startsWith("[1/4]"));
            assertTrue(line != null, "the child process ended before finishing its first run");
            // SIGTERM while the second run is in progress.
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the child process did not stop on SIGTERM");
        } finally {
            process.destroyForcibly();
        }
        assertTrue(Files.exists(out.resolve("simulation_report_B8_batch1.txt")));
        assertFalse(Files.exists(out.resolve("summary.json")));

        TableExecutor executor = new TableExecutor(ExplorerTest.TABLE, 0);
        List<String> log = new ArrayList<>();
        BatchSpec batch = new BatchSpec(null, out, false, "killed", SlowBatchMain.runs(model));
        new Explorer(executor, "engine-1").execute(batch, new ExploreOptions(1, false), log::add);

        assertEquals(List.of("B8_batch8", "B16_batch1", "B16_batch8"), executor.executed);
        assertEquals(1, log.stream().filter(line -> line.contains("B8_batch1") && line.contains("(cached")).count());
        assertTrue(Files.exists(out.resolve("summary.json")));
    }

}
