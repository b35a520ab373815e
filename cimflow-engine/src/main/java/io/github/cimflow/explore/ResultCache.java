package io.github.cimflow.explore;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cimflow.CimflowException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finished runs of an output folder, one JSON entry per run name under {@code .cimflow-cache/}.
 * An entry is valid when its key equals the run's current key and every file it lists still
 * exists. The key is the SHA-256 of the model bytes' SHA-256, the effective configuration, the
 * engine fingerprint, keep_ir and the run name.
 */
final class ResultCache {
    static final String FOLDER = ".cimflow-cache";

    private final Path outputDir;
    private final Path folder;

    ResultCache(Path outputDir) {
        this.outputDir = outputDir;
        this.folder = outputDir.resolve(FOLDER);
    }

    static String key(String modelSha256, String configurationKey, String engineFingerprint, boolean keepIr,
                      String name) {
        String text = "model_sha256=" + modelSha256 + "\nconfiguration=" + configurationKey + "\nengine="
                + engineFingerprint + "\nkeep_ir=" + keepIr + "\nname=" + name + "\n";
        MessageDigest sha256 = EngineFingerprint.sha256();
        return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** SHA-256 of a file's bytes. */
    static String fileSha256(Path file) {
        try {
            return HexFormat.of().formatHex(EngineFingerprint.sha256().digest(Files.readAllBytes(file)));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CimflowException("model file " + file + " not found; check model_path");
        } catch (IOException e) {
            throw new CimflowException("could not read model file " + file + ": " + e);
        }
    }

    /** Looks up the cached outcome of a run: null when there is none, its key differs or a file is missing. */
    RunOutcome lookup(String name, String key) {
        Path entry = entry(name);
        if (!Files.isRegularFile(entry)) {
            return null;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(entry.toFile());
            if (!key.equals(root.path("key").asText())) {
                return null;
            }
            Map<String, String> files = new TreeMap<>();
            root.path("files").fields().forEachRemaining(file -> files.put(file.getKey(), file.getValue().asText()));
            for (String file : files.values()) {
                if (!Files.isRegularFile(outputDir.resolve(file))) {
                    return null;
                }
            }
            JsonNode metrics = root.path("metrics");
            JsonNode times = root.path("stage_times");
            return new RunOutcome(
                    new RunMetrics(metrics.path("latency_ms").asDouble(), metrics.path("latency_per_image_ms").asDouble(),
                            metrics.path("average_power_mw").asDouble(), metrics.path("total_energy_pj").asDouble(),
                            metrics.path("tops").asDouble(), metrics.path("tops_per_w").asDouble()),
                    files,
                    new StageTimes(times.path("compilation").asDouble(), times.path("simulation").asDouble(),
                            times.path("total").asDouble()),
                    root.path("timestamp").asText());
        } catch (IOException e) {
            // A damaged entry (for example from an older cimflow) is treated as absent, so the run is recomputed.
            return null;
        }
    }

    /** Records a finished run; written last, after all of the run's files. */
    void store(String name, String key, RunOutcome outcome) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        RunMetrics m = outcome.metrics();
        metrics.put("latency_ms", m.latencyMilliseconds());
        metrics.put("latency_per_image_ms", m.latencyPerImageMilliseconds());
        metrics.put("average_power_mw", m.averagePowerMilliwatts());
        metrics.put("total_energy_pj", m.totalEnergyPicojoules());
        metrics.put("tops", m.tops());
        metrics.put("tops_per_w", m.topsPerWatt());
        Map<String, Object> times = new LinkedHashMap<>();
        times.put("compilation", outcome.stageTimes().compilationSeconds());
        times.put("simulation", outcome.stageTimes().simulationSeconds());
        times.put("total", outcome.stageTimes().totalSeconds());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("key", key);
        root.put("metrics", metrics);
        root.put("files", outcome.files());
        root.put("stage_times", times);
        root.put("timestamp", outcome.timestamp());
        AtomicFiles.writeString(entry(name), Json.write(root));
    }

    /** Forgets a run, so that a failed recomputation cannot leave an older valid entry behind. */
    void remove(String name) {
        try {
            Files.deleteIfExists(entry(name));
        } catch (IOException e) {
            throw new CimflowException("could not delete cache entry " + entry(name) + ": " + e);
        }
    }

    private Path entry(String name) {
        return folder.resolve(name + ".json");
    }
}
