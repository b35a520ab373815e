package io.github.cimflow.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes small summary.json files in the explorer's shape for gate tests. */
final class SummaryFiles {
    private SummaryFiles() {
    }

    /** A run with status ok and the given latency (ms) and TOPS/W; the other metrics are fixed. */
    static String okRun(String name, double latencyMs, double topsPerW) {
        return String.format(Locale.ROOT, """
                {"error": null, "metrics": {"average_power_mw": 150.0, "latency_ms": %s,
                 "latency_per_image_ms": %s, "tops": 1.25, "tops_per_w": %s, "total_energy_pj": 600000000.0},
                 "model": "tiny.onnx", "name": "%s", "params": {"b": 16, "batch_size": 1, "c": 16, "k": 16,
                 "strategy": "dp", "t": 8}, "status": "ok"}""",
                Double.toString(latencyMs), Double.toString(latencyMs), Double.toString(topsPerW), name);
    }

    static String failedRun(String name, String error) {
        return "{\"error\": \"" + error + "\", \"metrics\": null, \"model\": \"tiny.onnx\", \"name\": \"" + name
                + "\", \"params\": {}, \"status\": \"failed\"}";
    }

    static Path write(Path folder, String fileName, String... runs) {
        Path file = folder.resolve(fileName);
        try {
            Files.writeString(file, "{\"best\": {}, \"runs\": [" + String.join(",\n", runs) + "]}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
