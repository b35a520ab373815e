package io.github.cimflow.gate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cimflow.CimflowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runs of a {@code summary.json} as the explorer writes it, or of a baseline file of the same
 * shape: {@code {"runs": [{"name", "status", "error", "metrics": {...}}], ...}}.
 *
 * @param source the file read
 * @param runs   the runs in file order
 */
public record Results(Path source, List<RunResult> runs) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Results {
        runs = List.copyOf(runs);
    }

    /** Finds a run by name. */
    public Optional<RunResult> run(String name) {
        return runs.stream().filter(run -> run.name().equals(name)).findFirst();
    }

    /** The run names in file order, comma separated. */
    public String runNames() {
        return String.join(", ", runs.stream().map(RunResult::name).toList());
    }

    /**
     * Reads a summary or baseline file. The caller checks that the file exists, so that it can say
     * how to create it; a missing file here is reported with its path only.
     */
    public static Results read(Path file) {
        return read(file, "rerun cimflow:explore (or cimflow run from-file) to write it again");
    }

    /**
     * Reads a summary or baseline file. The {@code remedy} ends the message for an empty, truncated
     * or corrupted file, for example "rerun cimflow:explore to write it again".
     */
    public static Results read(Path file, String remedy) {
        JsonNode root = readJson(file, remedy);
        JsonNode runsNode = root.get("runs");
        if (runsNode == null || !runsNode.isArray()) {
            throw new CimflowException(file + ": no \"runs\" array; expected a summary.json written by "
                    + "cimflow explore or a baseline of the same shape");
        }

        List<RunResult> runs = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int index = 0; index < runsNode.size(); index++) {
            RunResult run = readRun(file, index, runsNode.get(index));
            Integer previous = seen.put(run.name(), index);
            if (previous != null) {
                throw new CimflowException(file + ": runs[" + index + "] repeats the name '" + run.name()
                        + "' of runs[" + previous + "]; run names must be unique");
            }
            runs.add(run);
        }
        return new Results(file, runs);
    }

    /** Parses the file as JSON, reporting an empty or broken file with its line and column. */
    static JsonNode readJson(Path file, String remedy) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CimflowException(file + ": file not found");
        } catch (IOException e) {
            throw new CimflowException(file + ": cannot read (" + e.getMessage() + ")");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String position = location == null ? ""
                    : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new CimflowException(file + ": invalid JSON" + position
                    + " (the file is truncated or corrupted); " + remedy);
        } catch (IOException e) {
            throw new CimflowException(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (root == null || root.isMissingNode()) {
            throw new CimflowException(file + ": the file is empty; " + remedy);
        }
        return root;
    }

    private static RunResult readRun(Path file, int index, JsonNode node) {
        String where = file + ": runs[" + index + "]";
        JsonNode name = node.get("name");
        if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            throw new CimflowException(where + " has no \"name\"");
        }
        boolean ok = "ok".equals(node.path("status").asText());
        JsonNode errorNode = node.get("error");
        String error = errorNode == null || errorNode.isNull() ? null : errorNode.asText();

        Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
        JsonNode metricsNode = node.get("metrics");
        if (ok && metricsNode != null && metricsNode.isObject()) {
            for (Metric metric : Metric.values()) {
                JsonNode value = metricsNode.get(metric.summaryKey());
                if (value == null || value.isNull()) {
                    continue;
                }
                if (!value.isNumber()) {
                    throw new CimflowException(where + " (" + name.asText() + ") metric " + metric.summaryKey()
                            + " is " + value + ", not a number");
                }
                metrics.put(metric, value.asDouble());
            }
        }
        return new RunResult(name.asText(), ok, error, metrics);
    }
}
