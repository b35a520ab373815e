package io.github.cimflow.explore;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cimflow.CimflowException;
import io.github.cimflow.cg.Strategy;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import io.github.cimflow.hw.NearestName;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads CIMFlow's batch JSON ({@code run from-file}) into a {@link BatchSpec}.
 *
 * <p>CIMFlow's fields and defaults: batch level {@code output_dir} (required), {@code keep_ir}
 * (false), {@code run_name} ("batch"), {@code paths_cfg} (accepted, ignored) and {@code runs}
 * (required, non-empty); run level {@code model_path} (required), {@code config_path} (null),
 * {@code t}, {@code k}, {@code b}, {@code c} (8, 16, 16, 64), {@code batch_size} (8),
 * {@code strategy} ("dp"), {@code visualize} (false), {@code log_level} (null) and {@code profile}
 * (""). Paths are relative to the batch file's folder. Keys starting with {@code _} are comments,
 * except {@code _name}, which names the run's files and summary rows.
 *
 * <p>cimflow's additions per run: {@code input_shape} ([N, C, H, W]), {@code hardware} (dotted
 * paths into the hardware JSON with the values to set) and {@code matrix}, whose lists expand the
 * run into the cartesian product of their values, with names generated from the varied values.
 *
 * <p>Unlike CIMFlow, which ignores unknown keys, an unknown key without {@code _} is an error
 * naming its JSON path and the nearest known key, because a misspelt knob would otherwise run the
 * default silently.
 */
public final class BatchFileReader {
    private static final List<String> BATCH_KEYS = List.of("output_dir", "keep_ir", "run_name", "paths_cfg", "runs");
    private static final List<String> RUN_KEYS = List.of("model_path", "config_path", "t", "k", "b", "c",
            "batch_size", "strategy", "visualize", "log_level", "profile", "input_shape", "hardware", "matrix",
            "_name");
    /** Run fields a matrix may vary. */
    private static final List<String> MATRIX_KEYS = List.of("model_path", "config_path", "t", "k", "b", "c",
            "batch_size", "strategy", "input_shape", "hardware");

    private final Path file;
    private final Path folder;

    private BatchFileReader(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.folder = this.file.getParent();
    }

    /**
     * Reads and checks a batch file.
     *
     * @param file batch JSON
     * @param info receives the decisions taken while reading (the ignored {@code paths_cfg})
     * @return the batch with absolute paths and expanded matrices
     * @throws InvalidBatchException naming the file, the JSON path, the value and the fix
     */
    public static BatchSpec read(Path file, Consumer<String> info) {
        try {
            return new BatchFileReader(file).read(info);
        } catch (InvalidBatchException e) {
            throw e;
        } catch (CimflowException e) {
            throw new InvalidBatchException(e.getMessage(), e);
        }
    }

    private BatchSpec read(Consumer<String> info) {
        JsonNode root = parse();
        if (!root.isObject()) {
            throw error("$", "the batch must be a JSON object with output_dir and runs, not " + describe(root));
        }
        checkKeys((ObjectNode) root, "$", BATCH_KEYS);

        JsonNode outputDir = root.get("output_dir");
        if (outputDir == null || outputDir.isNull()) {
            throw error("$.output_dir", "missing; set the folder for reports and summaries, relative to the batch file");
        }
        Path output = path(outputDir, "$.output_dir");
        boolean keepIr = bool(root.get("keep_ir"), "$.keep_ir", false);
        String runName = text(root.get("run_name"), "$.run_name", "batch");
        JsonNode pathsCfg = root.get("paths_cfg");
        if (pathsCfg != null && !pathsCfg.isNull()) {
            info.accept("INFO: paths_cfg '" + pathsCfg.asText() + "' in " + file.getFileName()
                    + " is ignored: cimflow runs no external compiler or simulator binaries");
        }

        JsonNode runs = root.get("runs");
        if (runs == null || runs.isNull()) {
            throw error("$.runs", "missing; add a list of runs, each with at least model_path");
        }
        if (!runs.isArray()) {
            throw error("$.runs", "must be a list of run objects, not " + describe(runs));
        }
        if (runs.isEmpty()) {
            throw error("$.runs", "No pipeline runs defined; add at least one run with model_path");
        }

        List<RunSpec> specs = new ArrayList<>();
        List<RunOrigin> origins = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            String where = "$.runs[" + i + "]";
            JsonNode run = runs.get(i);
            if (!run.isObject()) {
                throw error(where, "each run must be a JSON object, not " + describe(run));
            }
            expand((ObjectNode) run, where, specs, origins);
        }
        checkUniqueNames(specs, origins);
        return new BatchSpec(file, output, keepIr, runName, specs, origins);
    }

    private JsonNode parse() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CimflowException("batch file " + file + " not found; check the path");
        } catch (IOException e) {
            throw new CimflowException("batch file " + file + " could not be read: " + e.getMessage());
        }
        try {
            JsonNode root = mapper.readTree(bytes);
            if (root == null || root.isMissingNode()) {
                throw new CimflowException(file + ": the file is empty; write a JSON object with output_dir and runs");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String firstLine = e.getOriginalMessage().lines().findFirst().orElse("");
            throw new CimflowException(file + " line " + (location == null ? "?" : location.getLineNr())
                    + ", column " + (location == null ? "?" : location.getColumnNr()) + ": invalid JSON: "
                    + firstLine + "; fix the JSON syntax there");
        } catch (IOException e) {
            throw new CimflowException("batch file " + file + " could not be read: " + e.getMessage());
        }
    }

    /** Adds one run, or the cartesian product of its matrix, to {@code specs}. */
    private void expand(ObjectNode run, String where, List<RunSpec> specs, List<RunOrigin> origins) {
        checkKeys(run, where, RUN_KEYS);
        JsonNode matrix = run.get("matrix");
        if (matrix == null || matrix.isNull()) {
            specs.add(runSpec(run, where, Map.of(), null));
            origins.add(new RunOrigin(where, where, Map.of()));
            return;
        }
        if (!matrix.isObject()) {
            throw error(where + ".matrix", "must be an object of lists ({\"b\": [8, 16]}), not " + describe(matrix));
        }

        List<MatrixAxis> axes = matrixAxes((ObjectNode) matrix, where + ".matrix");
        rejectFieldsSetTwice(run, where, axes);
        int[] index = new int[axes.size()];
        while (true) {
            ObjectNode combined = run.deepCopy();
            combined.remove("matrix");
            Map<String, String> fieldPaths = new LinkedHashMap<>();
            List<String> fragments = new ArrayList<>();
            for (int a = 0; a < axes.size(); a++) {
                MatrixAxis axis = axes.get(a);
                JsonNode value = axis.values().get(index[a]);
                String valuePath = axis.path() + "[" + index[a] + "]";
                if (axis.hardwarePath() == null) {
                    combined.set(axis.key(), value);
                    fieldPaths.put(axis.key(), valuePath);
                } else {
                    JsonNode hardware = combined.get("hardware");
                    ObjectNode merged = hardware != null && hardware.isObject()
                            ? (ObjectNode) hardware : combined.putObject("hardware");
                    merged.set(axis.hardwarePath(), value);
                    fieldPaths.put("hardware." + axis.hardwarePath(), valuePath);
                }
                fragments.add(nameFragment(axis, value));
            }
            String generated = String.join("_", fragments);
            JsonNode ownName = run.get("_name");
            String name = ownName == null || ownName.isNull()
                    ? generated : text(ownName, where + "._name", null) + "_" + generated;
            specs.add(runSpec(combined, where, fieldPaths, name));
            origins.add(new RunOrigin(where, where + " (matrix " + generated + ")", fieldPaths));

            int a = axes.size() - 1;
            while (a >= 0 && ++index[a] == axes.get(a).values().size()) {
                index[a] = 0;
                a--;
            }
            if (a < 0) {
                return;
            }
        }
    }

    /** One varied field: its values in file order; {@code hardwarePath} is set for a hardware path. */
    private record MatrixAxis(String key, String hardwarePath, String path, List<JsonNode> values) {
    }

    /**
     * Rejects a field that the run sets directly and its matrix varies too, because the matrix value would
     * silently replace the direct one.
     */
    private void rejectFieldsSetTwice(ObjectNode run, String where, List<MatrixAxis> axes) {
        JsonNode hardware = run.get("hardware");
        for (MatrixAxis axis : axes) {
            JsonNode direct;
            String directPath;
            if (axis.hardwarePath() == null) {
                direct = run.get(axis.key());
                directPath = where + "." + axis.key();
            } else {
                direct = hardware != null && hardware.isObject() ? hardware.get(axis.hardwarePath()) : null;
                directPath = where + ".hardware." + axis.hardwarePath();
            }
            if (direct != null && !direct.isNull()) {
                throw error(directPath, "is set here and varied by " + axis.path() + " as well; remove one of "
                        + "the two");
            }
        }
    }

    private List<MatrixAxis> matrixAxes(ObjectNode matrix, String where) {
        List<MatrixAxis> axes = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = matrix.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            String keyPath = where + "." + key;
            if (key.startsWith("_")) {
                continue;
            }
            if (!MATRIX_KEYS.contains(key)) {
                throw error(keyPath, "a matrix cannot vary '" + key + "' (nearest: '" + nearest(key, MATRIX_KEYS)
                        + "'); it varies " + String.join(", ", MATRIX_KEYS));
            }
            if (key.equals("hardware")) {
                if (!field.getValue().isObject()) {
                    throw error(keyPath, "must map dotted hardware paths to lists of values "
                            + "({\"sim_config.period_ns\": [1.0, 2.0]}), not " + describe(field.getValue()));
                }
                Iterator<Map.Entry<String, JsonNode>> paths = field.getValue().fields();
                while (paths.hasNext()) {
                    Map.Entry<String, JsonNode> hardwarePath = paths.next();
                    String path = keyPath + "." + hardwarePath.getKey();
                    axes.add(new MatrixAxis(key, hardwarePath.getKey(), path, values(hardwarePath.getValue(), path)));
                }
            } else {
                axes.add(new MatrixAxis(key, null, keyPath, values(field.getValue(), keyPath)));
            }
        }
        if (axes.isEmpty()) {
            throw error(where, "is empty; list at least one field with its values, for example {\"b\": [8, 16]}");
        }
        return axes;
    }

    private List<JsonNode> values(JsonNode node, String where) {
        if (!node.isArray() || node.isEmpty()) {
            throw error(where, "must be a non-empty list of values, not " + describe(node));
        }
        List<JsonNode> values = new ArrayList<>();
        node.forEach(values::add);
        return values;
    }

    /** Name fragment of one varied value: {@code B8}, {@code batch1}, {@code dp}, {@code period_ns1.0}. */
    private static String nameFragment(MatrixAxis axis, JsonNode value) {
        String text = value.isArray() ? joinShape((ArrayNode) value) : value.asText();
        String fragment = switch (axis.key()) {
            case "t" -> "T" + text;
            case "k" -> "K" + text;
            case "b" -> "B" + text;
            case "c" -> "C" + text;
            case "batch_size" -> "batch" + text;
            case "model_path", "config_path" -> RunNames.modelName(Path.of(text));
            case "input_shape" -> "in" + text;
            case "hardware" -> lastSegment(axis.hardwarePath()) + text;
            default -> text;
        };
        return fragment.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    private static String joinShape(ArrayNode shape) {
        List<String> dims = new ArrayList<>();
        shape.forEach(dim -> dims.add(dim.asText()));
        return String.join("x", dims);
    }

    private static String lastSegment(String dottedPath) {
        String last = dottedPath.substring(dottedPath.lastIndexOf('.') + 1);
        return last.replaceAll("\\[\\d+]", "");
    }

    private RunSpec runSpec(ObjectNode run, String where, Map<String, String> fieldPaths, String generatedName) {
        RunOrigin paths = new RunOrigin(where, where, fieldPaths);
        JsonNode modelPath = run.get("model_path");
        if (modelPath == null || modelPath.isNull()) {
            throw error(where + ".model_path", "missing; set the ONNX file of this run, relative to the batch file");
        }
        Path model = path(modelPath, paths.field("model_path"));
        JsonNode configNode = run.get("config_path");
        Path config = configNode == null || configNode.isNull() ? null : path(configNode, paths.field("config_path"));

        int t = positiveInt(run.get("t"), paths.field("t"), 8);
        int k = positiveInt(run.get("k"), paths.field("k"), 16);
        int b = positiveInt(run.get("b"), paths.field("b"), 16);
        int c = positiveInt(run.get("c"), paths.field("c"), 64);
        int batchSize = positiveInt(run.get("batch_size"), paths.field("batch_size"), 8);
        String strategy = text(run.get("strategy"), paths.field("strategy"), "dp");
        try {
            Strategy.parse(strategy);
        } catch (CimflowException e) {
            throw error(paths.field("strategy"), e.getMessage());
        }
        boolean visualize = bool(run.get("visualize"), paths.field("visualize"), false);
        String logLevel = logLevel(run.get("log_level"), paths.field("log_level"));
        String profile = profile(run.get("profile"), paths.field("profile"));
        List<Integer> inputShape = inputShape(run.get("input_shape"), paths.field("input_shape"));
        Map<String, Object> hardware = hardware(run.get("hardware"), where + ".hardware", fieldPaths);

        String name = generatedName;
        JsonNode ownName = run.get("_name");
        if (name == null && ownName != null && !ownName.isNull()) {
            name = text(ownName, where + "._name", null);
        }
        if (name != null) {
            RunNames.checkFileSafe(name, file + ": " + where + "._name");
        }
        return new RunSpec(name, model, t, k, b, c, batchSize, strategy, config, inputShape, hardware, profile,
                visualize, logLevel);
    }

    private void checkUniqueNames(List<RunSpec> specs, List<RunOrigin> origins) {
        Map<String, Integer> firstByName = new TreeMap<>();
        for (int i = 0; i < specs.size(); i++) {
            String name = RunNames.of(specs.get(i));
            Integer first = firstByName.putIfAbsent(name, i);
            if (first != null) {
                throw new CimflowException(file + ": " + origins.get(first).label() + " and " + origins.get(i).label()
                        + " both write " + RunNames.textReport(name) + "; give one of them a different _name");
            }
        }
    }

    private void checkKeys(ObjectNode object, String where, List<String> known) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (known.contains(key) || key.startsWith("_")) {
                continue;
            }
            throw error(where + "." + key, "unknown key; did you mean '" + nearest(key, known)
                    + "'? Prefix a comment key with '_'");
        }
    }

    /** Finds the known key with the smallest edit distance to {@code key}, the first one on a tie. */
    static String nearest(String key, List<String> known) {
        return NearestName.of(key.toLowerCase(Locale.ROOT), known);
    }

    private Path path(JsonNode node, String where) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw error(where, "must be a non-empty path string, not " + describe(node));
        }
        return folder.resolve(node.asText()).normalize();
    }

    private String text(JsonNode node, String where, String fallback) {
        if (node == null || node.isNull()) {
            if (fallback == null) {
                throw error(where, "must be a string, not null");
            }
            return fallback;
        }
        if (!node.isTextual()) {
            throw error(where, "must be a string, not " + describe(node));
        }
        return node.asText();
    }

    /** Reads an integer of at least 1; like CIMFlow's pydantic models, accepts "8" and 8.0 for 8. */
    private int positiveInt(JsonNode node, String where, int fallback) {
        if (node == null) {
            return fallback;
        }
        BigInteger value;
        if (node.isIntegralNumber()) {
            value = node.bigIntegerValue();
        } else if (node.isFloatingPointNumber() && Double.isFinite(node.doubleValue())
                && node.doubleValue() == Math.rint(node.doubleValue())) {
            value = node.decimalValue().toBigInteger();
        } else if (node.isTextual() && node.asText().trim().matches("[+-]?\\d+")) {
            value = new BigInteger(node.asText().trim());
        } else {
            throw error(where, "must be a whole number, not " + describe(node));
        }
        if (value.signum() < 1) {
            throw error(where, "must be at least 1, not " + value);
        }
        if (value.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
            throw error(where, "is too large: " + value + " exceeds the maximum " + Integer.MAX_VALUE);
        }
        return value.intValue();
    }

    /** Reads a boolean; like pydantic, also accepts 0/1 and the strings true/false, yes/no, on/off, 1/0. */
    private boolean bool(JsonNode node, String where, boolean fallback) {
        if (node == null) {
            return fallback;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && (node.longValue() == 0 || node.longValue() == 1)) {
            return node.longValue() == 1;
        }
        if (node.isTextual()) {
            switch (node.asText().trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1", "y", "t":
                    return true;
                case "false", "no", "off", "0", "n", "f":
                    return false;
                default:
                    break;
            }
        }
        throw error(where, "must be true or false, not " + describe(node));
    }

    private String logLevel(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        String level = text(node, where, null).toUpperCase(Locale.ROOT);
        if (!RunLog.LEVELS.contains(level)) {
            throw error(where, "unknown log level '" + node.asText() + "'; use one of " + String.join(", ", RunLog.LEVELS));
        }
        return level;
    }

    /** "" (off), "from-config" (the built-in profiler configuration) or a profiler config path made absolute. */
    private String profile(JsonNode node, String where) {
        String profile = text(node, where, "");
        if (profile.isEmpty() || profile.equals("from-config")) {
            return profile;
        }
        Path config = folder.resolve(profile).normalize();
        if (!Files.isRegularFile(config)) {
            throw error(where, "profiler config " + config + " not found; give a path relative to the batch file, "
                    + "\"from-config\" for the built-in configuration or \"\" for no profiling");
        }
        return config.toString();
    }

    private List<Integer> inputShape(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.size() != 4) {
            throw error(where, "must be a list of 4 whole numbers [N, C, H, W], not " + describe(node));
        }
        List<Integer> shape = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            shape.add(positiveInt(node.get(i), where + "[" + i + "]", 0));
        }
        return List.copyOf(shape);
    }

    private Map<String, Object> hardware(JsonNode node, String where, Map<String, String> fieldPaths) {
        Map<String, Object> overrides = new TreeMap<>();
        if (node == null || node.isNull()) {
            return overrides;
        }
        if (!node.isObject()) {
            throw error(where, "must map dotted hardware paths to values ({\"sim_config.period_ns\": 1.0}), not "
                    + describe(node));
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = fieldPaths.getOrDefault("hardware." + field.getKey(), where + "." + field.getKey());
            overrides.put(field.getKey(), scalar(field.getValue(), path));
        }
        return overrides;
    }

    private Object scalar(JsonNode node, String where) {
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        throw error(where, "must be a number, string or boolean, not " + describe(node));
    }

    private static String describe(JsonNode node) {
        String kind = switch (node.getNodeType()) {
            case ARRAY -> node.isEmpty() ? "an empty list"
                    : node.size() == 1 ? "a list of 1 entry" : "a list of " + node.size() + " entries";
            case OBJECT -> "an object";
            case STRING -> "the string";
            case NUMBER -> "the number";
            case BOOLEAN -> "the boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
        if (node.isValueNode() && !node.isNull()) {
            return kind + " " + node;
        }
        return kind;
    }

    private CimflowException error(String jsonPath, String message) {
        return new CimflowException(file + ": " + jsonPath + ": " + message);
    }
}
