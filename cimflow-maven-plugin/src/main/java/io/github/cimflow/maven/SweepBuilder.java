package io.github.cimflow.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cimflow.CimflowException;
import io.github.cimflow.cg.Strategy;
import io.github.cimflow.explore.BatchFileReader;
import io.github.cimflow.explore.BatchSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns the sweep declared in a POM into a CIMFlow batch: checks every value against the rules the
 * engine applies, naming the POM element on error, writes the batch as JSON beside the results
 * (so the same sweep can be rerun with {@code cimflow run from-file}) and reads it back with the
 * engine's batch reader, which expands the matrices and names the runs.
 */
final class SweepBuilder {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** POM element name to batch JSON key. */
    private static final Map<String, String> JSON_KEYS = Map.of("model", "model_path", "t", "t", "k", "k", "b", "b",
            "c", "c", "batchSize", "batch_size", "strategy", "strategy");

    private final Path baseDir;
    private final Run defaults;
    private final List<Run> runs;
    private final Map<String, String> axisOverrides;

    /**
     * @param baseDir       the project folder that relative paths are resolved against
     * @param defaults      the fields at the top of the configuration, inherited by every run
     * @param runs          the {@code <runs>}; empty means one run made of the defaults
     * @param axisOverrides axis element name to comma-separated values from {@code -Dcimflow.<axis>}
     */
    SweepBuilder(Path baseDir, Run defaults, List<Run> runs, Map<String, String> axisOverrides) {
        this.baseDir = baseDir;
        this.defaults = defaults;
        this.runs = runs == null ? List.of() : runs;
        this.axisOverrides = axisOverrides;
    }

    /** Builds the batch, writing its JSON to {@code batchJson}; results go to {@code outputDir}. */
    BatchSpec build(Path outputDir, String runName, boolean keepIr, Path batchJson, Consumer<String> info) {
        ObjectNode batch = JSON.objectNode();
        batch.put("output_dir", outputDir.toAbsolutePath().toString());
        batch.put("keep_ir", keepIr);
        batch.put("run_name", runName);
        ArrayNode runsNode = batch.putArray("runs");
        if (runs.isEmpty()) {
            runsNode.add(runJson(new Run(), ""));
        } else {
            for (int index = 0; index < runs.size(); index++) {
                Run run = runs.get(index);
                if (run == null) {
                    throw new CimflowException("<runs>/<run>[" + (index + 1) + "] is empty; give at least <model> "
                            + "or remove the element");
                }
                runsNode.add(runJson(run, "<runs>/<run>[" + (index + 1) + "]/"));
            }
        }

        try {
            Files.createDirectories(batchJson.toAbsolutePath().getParent());
            Files.writeString(batchJson, MAPPER.writeValueAsString(batch) + "\n");
        } catch (IOException e) {
            throw new CimflowException("cannot write the sweep as a batch file " + batchJson + ": " + e.getMessage(), e);
        }
        return BatchFileReader.read(batchJson, info);
    }

    private ObjectNode runJson(Run run, String where) {
        ObjectNode json = JSON.objectNode();
        String name = run.name != null ? run.name : (runs.isEmpty() ? defaults.name : null);
        if (name != null && !name.isBlank()) {
            json.put("_name", name);
        }

        Map<String, String> matrixAxes = matrixAxes(run, where);
        ObjectNode matrix = JSON.objectNode();
        for (Map.Entry<String, String> axis : matrixAxes.entrySet()) {
            matrix.set(JSON_KEYS.get(axis.getKey()), axisValues(axis.getKey(), axis.getValue(), label(axis.getKey(), where)));
        }

        File model = run.model != null ? run.model : defaults.model;
        if (!matrixAxes.containsKey("model")) {
            if (model == null) {
                throw new CimflowException(where + "<model> is not set; set <model> to an "
                        + "ONNX file at the top of the configuration or in each <run>, or list models in <matrix>/<model>");
            }
            json.put("model_path", existingFile(model, (run.model != null ? where : "") + "<model>").toString());
        }
        File config = run.config != null ? run.config : defaults.config;
        if (config != null) {
            json.put("config_path", existingFile(config, (run.config != null ? where : "") + "<config>").toString());
        }
        putKnob(json, "t", run.t, defaults.t, where, matrixAxes);
        putKnob(json, "k", run.k, defaults.k, where, matrixAxes);
        putKnob(json, "b", run.b, defaults.b, where, matrixAxes);
        putKnob(json, "c", run.c, defaults.c, where, matrixAxes);
        putKnob(json, "batchSize", run.batchSize, defaults.batchSize, where, matrixAxes);
        String strategy = run.strategy != null ? run.strategy : defaults.strategy;
        if (strategy != null && !matrixAxes.containsKey("strategy")) {
            json.put("strategy", strategy(strategy, (run.strategy != null ? where : "") + "<strategy>"));
        }
        String inputShape = run.inputShape != null ? run.inputShape : defaults.inputShape;
        if (inputShape != null) {
            json.set("input_shape", inputShape(inputShape, (run.inputShape != null ? where : "") + "<inputShape>"));
        }
        Map<String, String> hardware = new TreeMap<>();
        if (defaults.hardware != null) {
            hardware.putAll(defaults.hardware);
        }
        if (run.hardware != null) {
            hardware.putAll(run.hardware);
        }
        if (!hardware.isEmpty()) {
            ObjectNode hardwareNode = json.putObject("hardware");
            hardware.forEach((path, value) -> hardwareNode.set(path, scalar(value)));
        }
        if (!matrix.isEmpty()) {
            json.set("matrix", matrix);
        }
        return json;
    }

    /** The matrix axes of a run: the top-level matrix, the run's own, then the command-line overrides. */
    private Map<String, String> matrixAxes(Run run, String where) {
        Map<String, String> axes = new LinkedHashMap<>();
        for (String axis : CimflowProperties.AXES) {
            String value = null;
            if (defaults.matrix != null && defaults.matrix.axis(axis) != null) {
                value = defaults.matrix.axis(axis);
            }
            if (run.matrix != null && run.matrix.axis(axis) != null) {
                value = run.matrix.axis(axis);
            }
            if (axisOverrides.containsKey(axis)) {
                value = axisOverrides.get(axis);
            }
            if (value != null) {
                axes.put(axis, value);
            }
        }
        return axes;
    }

    /** Names where an axis's values came from, for messages. */
    private String label(String axis, String where) {
        if (axisOverrides.containsKey(axis)) {
            return "property " + CimflowProperties.AXIS_PREFIX + axis;
        }
        return where + "<matrix>/<" + axis + ">";
    }

    private ArrayNode axisValues(String axis, String list, String label) {
        String example = axis.equals("strategy") ? "dp,baseline1" : axis.equals("model") ? "a.onnx,b.onnx" : "8,16";
        String removal = axisOverrides.containsKey(axis) ? "or drop the property" : "or remove the element";
        if (list.isBlank()) {
            throw new CimflowException(label + " has no values; list them comma separated, for example "
                    + example + ", " + removal);
        }
        List<String> values = new ArrayList<>();
        for (String value : list.split(",", -1)) {
            if (value.isBlank()) {
                throw new CimflowException(label + " = '" + list + "' has an empty item; list the values comma "
                        + "separated without empty items, for example " + example);
            }
            values.add(value.trim());
        }
        ArrayNode array = JSON.arrayNode();
        for (String value : values) {
            switch (axis) {
                case "model" -> array.add(existingFile(new File(value), label).toString());
                case "strategy" -> array.add(strategy(value, label));
                default -> array.add(knob(axis, value, label));
            }
        }
        return array;
    }

    private void putKnob(ObjectNode json, String axis, Integer runValue, Integer defaultValue, String where,
                         Map<String, String> matrixAxes) {
        Integer value = runValue != null ? runValue : defaultValue;
        if (value == null || matrixAxes.containsKey(axis)) {
            return;
        }
        String label = (runValue != null ? where : "") + "<" + axis + ">";
        json.put(JSON_KEYS.get(axis), knob(axis, Integer.toString(value), label));
    }

    /** Checks one value of T, K, B, C or the batch size. */
    private static int knob(String axis, String text, String label) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new CimflowException(label + " = '" + text + "' is not a whole number; write for example "
                    + (axis.equals("c") ? "16" : "8"));
        }
        if (value < 1) {
            throw new CimflowException(label + " = " + value + " is invalid; it must be at least 1");
        }
        if (axis.equals("c")) {
            int side = (int) Math.round(Math.sqrt(value));
            if (side * side != value) {
                int lower = (int) Math.floor(Math.sqrt(value));
                throw new CimflowException(label + " = " + value + " is invalid: the core count must be a perfect "
                        + "square because the cores form a square mesh; use " + (lower * lower) + " or "
                        + ((lower + 1) * (lower + 1)));
            }
        }
        return value;
    }

    private static String strategy(String text, String label) {
        try {
            return Strategy.parse(text.trim()).cliName();
        } catch (CimflowException e) {
            throw new CimflowException(label + " = '" + text + "' is invalid: " + e.getMessage());
        }
    }

    private static ArrayNode inputShape(String text, String label) {
        String[] parts = text.split("[,x]");
        ArrayNode shape = JSON.arrayNode();
        for (String part : parts) {
            try {
                int dimension = Integer.parseInt(part.trim());
                if (dimension < 1) {
                    throw new NumberFormatException();
                }
                shape.add(dimension);
            } catch (NumberFormatException e) {
                shape = null;
                break;
            }
        }
        if (shape == null || shape.size() != 4) {
            throw new CimflowException(label + " = '" + text + "' is invalid; write four positive whole numbers "
                    + "N,C,H,W such as 1,3,32,32");
        }
        return shape;
    }

    private Path existingFile(File file, String label) {
        Path path = file.isAbsolute() ? file.toPath() : baseDir.resolve(file.getPath());
        path = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new CimflowException(label + " = '" + file + "': file " + path + " not found; give a path "
                    + "relative to the project folder " + baseDir);
        }
        return path;
    }

    /** A hardware override value as JSON: a number or boolean when it reads as one, else a string. */
    private static com.fasterxml.jackson.databind.JsonNode scalar(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.equals("true") || trimmed.equals("false")) {
            return JSON.booleanNode(Boolean.parseBoolean(trimmed));
        }
        try {
            if (trimmed.matches("-?\\d+")) {
                return JSON.numberNode(Long.parseLong(trimmed));
            }
            if (trimmed.matches("-?\\d*\\.\\d+([eE][-+]?\\d+)?|-?\\d+[eE][-+]?\\d+")) {
                return JSON.numberNode(Double.parseDouble(trimmed));
            }
        } catch (NumberFormatException e) {
            return JSON.textNode(trimmed);
        }
        return JSON.textNode(trimmed);
    }
}
