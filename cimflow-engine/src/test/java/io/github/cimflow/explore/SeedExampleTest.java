package io.github.cimflow.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cimflow.cli.CimflowCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The design-exploration example, run as its README says, on the real pipeline. */
class SeedExampleTest {
    static final Path EXAMPLE = Path.of("../examples/design-exploration");

    @TempDir
    Path folder;

    private Path copyExample() throws IOException {
        Files.createDirectories(folder.resolve("data/models"));
        Files.copy(EXAMPLE.resolve("exploration.json"), folder.resolve("exploration.json"));
        Files.copy(EXAMPLE.resolve("data/models/resnet18.onnx"), folder.resolve("data/models/resnet18.onnx"));
        return folder.resolve("exploration.json");
    }

    @Test
    void tutorialGrepLoopReadsEveryRun() throws Exception {
        Path batch = copyExample();
        assertEquals(0, CimflowCli.execute("run", "from-file", batch.toString()));

        Process loop = new ProcessBuilder("bash", "-c", "for report in output/exploration/simulation_report_*.txt; "
                + "do grep -E \"latency:|TOPS:|TOPS/W:\" \"$report\"; done")
                .directory(folder.toFile()).redirectErrorStream(true).start();
        List<String> lines = new String(loop.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(loop.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, loop.exitValue());

        // The shell sorts the reports by name: B16_batch1, B16_batch8, B8_batch1, B8_batch8.
        assertEquals(12, lines.size(), lines.toString());
        JsonNode summary = Json.MAPPER.readTree(folder.resolve("output/exploration/summary.json").toFile());
        List<String> order = List.of("B16_batch1", "B16_batch8", "B8_batch1", "B8_batch8");
        for (int i = 0; i < order.size(); i++) {
            JsonNode metrics = metricsOf(summary, order.get(i));
            String[] latency = lines.get(3 * i).trim().split("\\s+");
            assertEquals("latency:", latency[1]);
            assertEquals(metrics.get("latency_ms").asDouble(), Double.parseDouble(latency[2]),
                    metrics.get("latency_ms").asDouble() * 1e-5, order.get(i));
            String[] tops = lines.get(3 * i + 1).trim().split("\\s+");
            assertEquals("TOPS:", tops[1]);
            assertEquals(metrics.get("tops").asDouble(), Double.parseDouble(tops[2]), 5e-5, order.get(i));
            String[] topsPerWatt = lines.get(3 * i + 2).trim().split("\\s+");
            assertEquals("TOPS/W:", topsPerWatt[1]);
            assertEquals(metrics.get("tops_per_w").asDouble(), Double.parseDouble(topsPerWatt[2]), 5e-5, order.get(i));
        }
    }

    @Test
    void brokenModelLeavesOtherThreeRuns() throws IOException {
        Path batch = copyExample();
        Files.write(folder.resolve("data/models/broken.onnx"), "not a protobuf".getBytes(StandardCharsets.UTF_8));
        String json = Files.readString(batch);
        int second = json.indexOf("\"_name\": \"B8_batch8\"");
        int modelPath = json.indexOf("data/models/resnet18.onnx", second);
        Files.writeString(batch, json.substring(0, modelPath) + "data/models/broken.onnx"
                + json.substring(modelPath + "data/models/resnet18.onnx".length()));

        assertEquals(1, CimflowCli.execute("run", "from-file", batch.toString()));
        Path out = folder.resolve("output/exploration");
        for (String name : List.of("B8_batch1", "B16_batch1", "B16_batch8")) {
            assertTrue(Files.exists(out.resolve("simulation_report_" + name + ".txt")), name);
        }
        JsonNode broken = Json.MAPPER.readTree(out.resolve("summary.json").toFile()).get("runs").get(1);
        assertEquals("B8_batch8", broken.get("name").asText());
        assertEquals("failed", broken.get("status").asText());
        assertTrue(broken.get("error").asText().contains("broken.onnx"), broken.get("error").asText());
    }

    private static JsonNode metricsOf(JsonNode summary, String name) {
        for (JsonNode run : summary.get("runs")) {
            if (run.get("name").asText().equals(name)) {
                return run.get("metrics");
            }
        }
        throw new AssertionError("no run " + name + " in summary.json");
    }
}
