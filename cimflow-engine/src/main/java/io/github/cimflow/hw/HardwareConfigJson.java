package io.github.cimflow.hw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cimflow.CimflowException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes CIMFlow's hardware configuration JSON ({@code config-mg{T}-b{B}.json}).
 *
 * <p>Reading rejects unknown keys (naming the nearest known one) and missing required fields, each by
 * JSON path; keys starting with '_' are comments, and {@code _source} / {@code _source_<key>} comments
 * become {@link HardwareConfig#provenance()}. Writing uses a fixed key order, so equal configurations
 * give byte-identical files, and reading a written file gives an equal configuration. The format and
 * cimflow's additions to it ({@code network_config.hop_latency_cycle} and the like) are described in
 * {@code docs/hardware.md}.
 */
public final class HardwareConfigJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)((?:\\[\\d+])*)");

    private HardwareConfigJson() {
    }

    /** Reads a file; a relative {@code network_config_file_path} is resolved against the file's folder. */
    public static HardwareConfig read(Path file) {
        return HardwareConfigReader.read(file);
    }

    /**
     * Reads JSON text.
     *
     * @param source        name used in error messages (a file name)
     * @param baseDirectory folder a relative NoC table path is resolved against (null: the working directory)
     */
    public static HardwareConfig read(String json, String source, Path baseDirectory) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException e) {
            throw HardwareConfigReader.invalidJson(source, e);
        }
        return HardwareConfigReader.read(tree, source, baseDirectory, null);
    }

    /** Formats a configuration as JSON text with a fixed key order, two-space indentation and '\n' line ends. */
    public static String write(HardwareConfig config) {
        return HardwareConfigWriter.write(config);
    }

    /** Writes the JSON text to a file, creating its folder. */
    public static void write(HardwareConfig config, Path file) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            Files.writeString(file, write(config), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CimflowException(file + ": cannot write the hardware configuration: " + e.getMessage()
                    + "; check that the folder is writable", e);
        }
    }

    /**
     * Returns the configuration with some JSON values replaced, as the exploration's per-run
     * {@code hardware} overrides do.
     *
     * @param overrides dotted JSON paths ({@code sim_config.period_ns},
     *                  {@code chip_config.core_config.local_memory_unit_config.memory_list[0]
     *                  .hardware_config.size_byte}) to the new value (a number, string or boolean); applied in path order
     * @throws CimflowException for a path the configuration does not contain (naming the nearest one) or a
     *                          value of the wrong type
     */
    public static HardwareConfig applyOverrides(HardwareConfig config, Map<String, Object> overrides) {
        if (overrides.isEmpty()) {
            return config;
        }
        ObjectNode tree = HardwareConfigWriter.toTree(config);
        for (Map.Entry<String, Object> override : new TreeMap<>(overrides).entrySet()) {
            setValue(tree, override.getKey(), override.getValue());
        }
        return HardwareConfigReader.read(tree, "hardware override", null, config.network());
    }

    private static void setValue(ObjectNode root, String path, Object value) {
        JsonNode current = root;
        ObjectNode parent = null;
        String key = null;
        String[] segments = path.split("\\.", -1);
        for (int s = 0; s < segments.length; s++) {
            Matcher matcher = SEGMENT.matcher(segments[s]);
            if (!matcher.matches() || !(current instanceof ObjectNode object)) {
                throw unknownPath(root, path);
            }
            parent = object;
            key = matcher.group(1);
            boolean last = s == segments.length - 1;
            JsonNode next = object.get(key);
            boolean settableAbsentKey = last && matcher.group(2).isEmpty() && next == null
                    && key.equals("network_config_file_path") && path.equals("chip_config.network_config." + key);
            if (next == null && !settableAbsentKey) {
                throw unknownPath(root, path);
            }
            for (String index : indices(matcher.group(2))) {
                if (!(next instanceof ArrayNode array)) {
                    throw unknownPath(root, path);
                }
                int i = Integer.parseInt(index);
                if (i >= array.size()) {
                    throw new CimflowException("hardware override '" + path + "': index " + i + " is out of range; "
                            + path.substring(0, path.indexOf('[' + index + ']')) + " has " + array.size()
                            + " entries (indices from 0)");
                }
                next = array.get(i);
                if (last && s == segments.length - 1) {
                    key = null;
                }
            }
            current = next;
        }
        if (key == null || (current != null && current.isContainerNode())) {
            throw new CimflowException("hardware override '" + path + "' names an object or array; name one of "
                    + "its values, for example " + NearestName.of(path + ".", leafPaths(root)));
        }
        JsonNode newValue = MAPPER.valueToTree(value);
        if (!newValue.isValueNode()) {
            throw new CimflowException("hardware override '" + path + "': value " + newValue
                    + " is not a number, string or boolean; give a single value");
        }
        parent.set(key, newValue);
        parent.put("_source_" + key, "override: " + newValue);
    }

    private static List<String> indices(String brackets) {
        List<String> result = new ArrayList<>();
        Matcher matcher = Pattern.compile("\\[(\\d+)]").matcher(brackets);
        while (matcher.find()) {
            result.add(matcher.group(1));
        }
        return result;
    }

    private static CimflowException unknownPath(ObjectNode root, String path) {
        return new CimflowException("hardware override '" + path + "': no such value in the hardware "
                + "configuration; did you mean '" + NearestName.of(path, leafPaths(root)) + "'?");
    }

    /** Lists the path of every value (not comments) in the tree, in the override syntax. */
    static List<String> leafPaths(JsonNode root) {
        List<String> paths = new ArrayList<>();
        collectLeafPaths(root, "", paths);
        return paths;
    }

    private static void collectLeafPaths(JsonNode node, String prefix, List<String> paths) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!field.getKey().startsWith("_")) {
                    collectLeafPaths(field.getValue(), prefix.isEmpty() ? field.getKey()
                            : prefix + "." + field.getKey(), paths);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectLeafPaths(node.get(i), String.format(Locale.ROOT, "%s[%d]", prefix, i), paths);
            }
        } else {
            paths.add(prefix);
        }
    }
}
