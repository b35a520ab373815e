package io.github.cimflow.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cimflow.CimflowException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Checks that a {@code summary.json} was written for the configuration that the current build
 * would explore, so that a gate does not judge results that an earlier build with other parameters
 * left behind. Only the parameters the caller lists are compared.
 *
 * <p>The expected values are given per run parameter, keyed as in the summary's {@code params}
 * ({@code t}, {@code k}, {@code b}, {@code c}, {@code batch_size}, {@code strategy}) or
 * {@code model} (the model's file name). Every run of the summary must carry one of the listed
 * values for each key. Keys absent from the map are not checked.
 */
public final class SummaryConfiguration {

    private SummaryConfiguration() {
    }

    /**
     * Fails when a run of {@code summary} has a parameter outside the expected values.
     *
     * @param summary  the summary.json to check
     * @param expected parameter key to the allowed values, as text ("4", "dp", "resnet18_cifar.onnx")
     * @param labels   parameter key to the name of the setting that fixes it, for example
     *                 "property cimflow.c"; used in the message
     * @param hint     the last sentence of the message, saying how to produce a matching summary
     */
    public static void requireMatch(Path summary, Map<String, List<String>> expected, Map<String, String> labels,
                                    String hint) {
        JsonNode root = Results.readJson(summary, "rerun cimflow:explore to write it again");
        JsonNode runs = root.path("runs");
        for (int index = 0; index < runs.size(); index++) {
            JsonNode run = runs.get(index);
            String name = run.path("name").asText("runs[" + index + "]");
            for (Map.Entry<String, List<String>> entry : expected.entrySet()) {
                String key = entry.getKey();
                String actual = actualValue(run, key);
                if (actual == null || entry.getValue().contains(actual)) {
                    continue;
                }
                String label = labels.getOrDefault(key, key);
                throw new CimflowException("summary.json in " + summary.toAbsolutePath().getParent()
                        + " was written for a different configuration (run " + name + ": " + key + "=" + actual
                        + ", configured " + key + "=" + String.join(",", entry.getValue()) + " by " + label
                        + "); " + hint);
            }
        }
    }

    /** Returns the run's value for {@code key}, or null when the summary does not record it. */
    private static String actualValue(JsonNode run, String key) {
        JsonNode node = key.equals("model") ? run.get("model") : run.path("params").get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (key.equals("model")) {
            Path fileName = Path.of(node.asText()).getFileName();
            return fileName == null ? node.asText() : fileName.toString();
        }
        return node.asText();
    }
}
