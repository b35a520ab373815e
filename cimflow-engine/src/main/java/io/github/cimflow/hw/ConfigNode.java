package io.github.cimflow.hw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cimflow.CimflowException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object of a hardware configuration being read, with its path for error messages. Creating it
 * rejects keys outside the object's known set (keys starting with '_' are comments). Its getters reject
 * missing required keys and values of the wrong type, each error naming the file, the JSON path, the
 * value and the fix.
 */
final class ConfigNode {
    /** Keys of the older cim-sim 2024dac layout, which placed each memory by hand; cimflow reads the newer one. */
    private static final Set<String> OLDER_LAYOUT_KEYS = Set.of("local_memory_list", "addressing", "address_space",
            "hardware_config");
    private static final String OLDER_LAYOUT_FIX = "this key belongs to the older layout with per-memory "
            + "addressing, which cimflow does not read; list local memories in local_memory_unit_config.memory_list, "
            + "the global memory in global_memory_config.global_memory_unit_config.memory_list and the regions in "
            + "chip_config.address_space_config";

    private final String source;
    private final String path;
    private final String sourcePath;
    private final ObjectNode node;
    private final Map<String, String> provenance;

    private ConfigNode(String source, String path, String sourcePath, ObjectNode node, Map<String, String> provenance) {
        this.source = source;
        this.path = path;
        this.sourcePath = sourcePath;
        this.node = node;
        this.provenance = provenance;
    }

    /**
     * Wraps the root object and checks its keys.
     *
     * @param provenance receives the text of every {@code _source} comment key met while reading
     */
    static ConfigNode root(String source, JsonNode node, Map<String, String> provenance, Set<String> knownKeys) {
        if (node == null || !node.isObject()) {
            throw new CimflowException(source + ": the hardware configuration must be a JSON object; found "
                    + describe(node));
        }
        ConfigNode root = new ConfigNode(source, "", "", (ObjectNode) node, provenance);
        root.checkKeys(knownKeys);
        return root;
    }

    String path() {
        return path;
    }

    String source() {
        return source;
    }

    /** Path of a key of this object, as error messages print it. */
    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Returns the required object under key, after checking its keys. */
    ConfigNode object(String key, Set<String> knownKeys) {
        return wrap(required(key), pathOf(key), sourcePathOf(key), knownKeys);
    }

    /** Returns the object under key, or null when the key is absent. */
    ConfigNode optionalObject(String key, Set<String> knownKeys) {
        return has(key) ? object(key, knownKeys) : null;
    }

    /**
     * Returns the objects of the array under key (an empty list for an absent key unless {@code required}).
     * Provenance paths name each entry by its {@code name} field when it has one, so that
     * {@code memory_list.input_memory} stays valid when entries are reordered.
     */
    List<ConfigNode> objectList(String key, boolean required, Set<String> knownKeys) {
        if (!has(key)) {
            if (required) {
                required(key);
            }
            return List.of();
        }
        JsonNode array = node.get(key);
        if (!array.isArray()) {
            throw error(pathOf(key), "expected a JSON array, found " + describe(array));
        }
        List<ConfigNode> entries = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode entry = array.get(i);
            String entryPath = pathOf(key) + "[" + i + "]";
            JsonNode name = entry.get("name");
            String entrySourcePath = sourcePathOf(key) + "." + (name != null && name.isTextual() ? name.asText() : i);
            entries.add(wrap(entry, entryPath, entrySourcePath, knownKeys));
        }
        return entries;
    }

    /** Returns the required object under key as a plain tree, for maps keyed by data (NoC tables). */
    JsonNode rawObject(String key) {
        JsonNode value = required(key);
        if (!value.isObject()) {
            throw error(pathOf(key), "expected a JSON object, found " + describe(value));
        }
        return value;
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    int requiredInt(String key) {
        return toInt(key, required(key));
    }

    int optionalInt(String key, int defaultValue) {
        return has(key) ? toInt(key, node.get(key)) : defaultValue;
    }

    double requiredDouble(String key) {
        return toDouble(key, required(key));
    }

    double optionalDouble(String key, double defaultValue) {
        return has(key) ? toDouble(key, node.get(key)) : defaultValue;
    }

    String requiredString(String key) {
        return toText(key, required(key));
    }

    String optionalString(String key, String defaultValue) {
        return has(key) ? toText(key, node.get(key)) : defaultValue;
    }

    boolean optionalBoolean(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        JsonNode value = node.get(key);
        if (!value.isBoolean()) {
            throw error(pathOf(key), "expected true or false, found " + describe(value));
        }
        return value.booleanValue();
    }

    /** Rejects a present key whose value cimflow cannot model unless it equals the value cimflow assumes. */
    void requireAbsentOr(String key, Object supportedValue, String reason) {
        if (!has(key)) {
            return;
        }
        JsonNode value = node.get(key);
        boolean supported = supportedValue instanceof Number number
                ? value.isNumber() && value.doubleValue() == number.doubleValue()
                : supportedValue instanceof Boolean flag
                ? value.isBoolean() && value.booleanValue() == flag
                : value.isTextual() && value.asText().equals(supportedValue);
        if (!supported) {
            throw error(pathOf(key), describe(value) + " is not supported: " + reason + "; set it to "
                    + supportedValue + " or remove the key");
        }
    }

    /** Rejects a present, non-empty array under key, because cimflow has no model for its entries. */
    void requireEmptyList(String key, String reason) {
        if (has(key) && !(node.get(key).isArray() && node.get(key).isEmpty())) {
            throw error(pathOf(key), "entries are not supported: " + reason + "; remove them");
        }
    }

    CimflowException error(String at, String problem) {
        return new CimflowException(source + ": " + at + ": " + problem);
    }

    private JsonNode required(String key) {
        if (!has(key)) {
            throw error(pathOf(key), "missing required field; add it to "
                    + (path.isEmpty() ? "the top-level object" : path));
        }
        return node.get(key);
    }

    private String sourcePathOf(String key) {
        return sourcePath.isEmpty() ? key : sourcePath + "." + key;
    }

    private ConfigNode wrap(JsonNode child, String childPath, String childSourcePath, Set<String> knownKeys) {
        if (!child.isObject()) {
            throw error(childPath, "expected a JSON object, found " + describe(child));
        }
        ConfigNode wrapped = new ConfigNode(source, childPath, childSourcePath, (ObjectNode) child, provenance);
        wrapped.checkKeys(knownKeys);
        return wrapped;
    }

    /** Rejects unknown keys and records the {@code _source} comments of this object as provenance. */
    private void checkKeys(Set<String> knownKeys) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            if (key.equals("_source") && field.getValue().isTextual()) {
                provenance.put(sourcePath, field.getValue().asText());
            } else if (key.startsWith("_source_") && field.getValue().isTextual()) {
                provenance.put(sourcePathOf(key.substring("_source_".length())), field.getValue().asText());
            } else if (!key.startsWith("_") && !knownKeys.contains(key) && OLDER_LAYOUT_KEYS.contains(key)) {
                throw error(pathOf(key), OLDER_LAYOUT_FIX);
            } else if (!key.startsWith("_") && !knownKeys.contains(key)) {
                throw error(pathOf(key), "unknown key; did you mean '" + NearestName.of(key, knownKeys)
                        + "'? (keys starting with '_' are comments)");
            }
        }
    }

    private int toInt(String key, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw error(pathOf(key), "expected an integer, found " + describe(value));
        }
        return value.intValue();
    }

    private double toDouble(String key, JsonNode value) {
        if (!value.isNumber()) {
            throw error(pathOf(key), "expected a number, found " + describe(value));
        }
        return value.doubleValue();
    }

    private String toText(String key, JsonNode value) {
        if (!value.isTextual()) {
            throw error(pathOf(key), "expected a string, found " + describe(value));
        }
        return value.asText();
    }

    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
