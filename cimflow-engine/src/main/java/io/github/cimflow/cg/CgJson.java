package io.github.cimflow.cg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.ArchParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the CG IR in CIMFlow's {@code instructions_*.json} layout:
 * {@code metadata} first, then {@code core_<row>_<col>} in row-major order, each with
 * {@code stages} → {@code "<id>"} → {@code cluster_id}, {@code weight_replica_id}, {@code instructions}
 * [{@code {"op", "attr"}}]. Attribute keys are sorted; the output is byte-identical for equal programs.
 *
 * <p>cimflow's metadata keys next to CIMFlow's {@code op_count}: {@code model}, {@code strategy},
 * {@code arch} ({@code T}, {@code K}, {@code B}, {@code C}), {@code batch_size}, {@code config_digest},
 * {@code input_shape}.
 */
public final class CgJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern CORE_KEY = Pattern.compile("core_(\\d+)_(\\d+)");

    private CgJson() {
    }

    /** CIMFlow's file name: {@code instructions_<model>_<strategy>_T<T>_K<K>_B<B>_C<C>_batch<N>.json}. */
    public static String fileName(CgMetadata metadata) {
        return "instructions_" + metadata.model() + "_" + metadata.strategy() + "_" + metadata.arch().fileFragment()
                + "_batch" + metadata.batchSize() + ".json";
    }

    /** The JSON text, with a final newline. */
    public static String write(CgProgram program) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("metadata", metadata(program.metadata()));
        for (CgCore core : program.cores()) {
            ObjectNode stages = JsonNodeFactory.instance.objectNode();
            for (CgStage stage : core.stages()) {
                ObjectNode entry = stages.putObject(Integer.toString(stage.stage()));
                if (stage.clusterId().equals("-1")) {
                    entry.put("cluster_id", -1);
                } else {
                    entry.put("cluster_id", stage.clusterId());
                }
                entry.put("weight_replica_id", stage.weightReplicaId());
                ArrayNode instructions = entry.putArray("instructions");
                for (CgOp op : stage.instructions()) {
                    ObjectNode item = instructions.addObject();
                    item.put("op", op.op());
                    item.set("attr", MAPPER.valueToTree(op.attr()));
                }
            }
            root.putObject(core.key()).set("stages", stages);
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CG IR attributes are plain values and always serialize", e);
        }
    }

    /** Writes the program to a file. */
    public static void write(CgProgram program, Path file) {
        try {
            Files.writeString(file, write(program), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CimflowException("cannot write CG IR file " + file + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode metadata(CgMetadata metadata) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("op_count", metadata.opCount());
        node.put("model", metadata.model());
        node.put("strategy", metadata.strategy());
        ObjectNode arch = node.putObject("arch");
        arch.put("T", metadata.arch().macroGroupSize());
        arch.put("K", metadata.arch().macroGroupCount());
        arch.put("B", metadata.arch().flitBytes());
        arch.put("C", metadata.arch().coreCount());
        node.put("batch_size", metadata.batchSize());
        node.put("config_digest", metadata.configDigest());
        ArrayNode shape = node.putArray("input_shape");
        metadata.inputShape().forEach(shape::add);
        return node;
    }

    /** Reads a CG IR file. */
    public static CgProgram read(Path file) {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new CimflowException("cannot read CG IR file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses CG IR JSON text; {@code source} names it in error messages. */
    public static CgProgram read(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CimflowException(source + ": invalid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new CimflowException(source + ": a CG IR file is a JSON object with metadata and core_<row>_<col>");
        }
        CgMetadata metadata = readMetadata(root.path("metadata"), source);
        List<CgCore> cores = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("metadata")) {
                continue;
            }
            Matcher matcher = CORE_KEY.matcher(field.getKey());
            if (!matcher.matches()) {
                throw new CimflowException(source + ": unknown key '" + field.getKey()
                        + "'; expected metadata or core_<row>_<col>");
            }
            cores.add(readCore(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                    field.getValue(), source));
        }
        int side = cores.stream().mapToInt(core -> Math.max(core.row(), core.col()) + 1).max().orElse(0);
        cores.sort((a, b) -> Integer.compare(a.row() * side + a.col(), b.row() * side + b.col()));
        return new CgProgram(metadata, cores);
    }

    private static CgMetadata readMetadata(JsonNode node, String source) {
        if (!node.isObject() || !node.path("op_count").canConvertToLong()) {
            throw new CimflowException(source + ": metadata.op_count is missing; it is the operation count of "
                    + "one image");
        }
        JsonNode arch = node.path("arch");
        ArchParams params = new ArchParams(arch.path("T").asInt(0), arch.path("K").asInt(0), arch.path("B").asInt(0),
                arch.path("C").asInt(0));
        List<Integer> shape = new ArrayList<>();
        node.path("input_shape").forEach(value -> shape.add(value.asInt()));
        return new CgMetadata(node.path("op_count").asLong(), node.path("model").asText(""),
                node.path("strategy").asText(""), params, node.path("batch_size").asInt(0),
                node.path("config_digest").asText(""), List.copyOf(shape));
    }

    private static CgCore readCore(int row, int col, JsonNode node, String source) {
        String subject = source + ": core_" + row + "_" + col;
        JsonNode stages = node.path("stages");
        if (!stages.isObject()) {
            throw new CimflowException(subject + " has no stages object");
        }
        List<CgStage> result = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = stages.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            int stage;
            try {
                stage = Integer.parseInt(field.getKey());
            } catch (NumberFormatException e) {
                throw new CimflowException(subject + " stage key '" + field.getKey() + "' is not a stage number");
            }
            JsonNode entry = field.getValue();
            List<CgOp> ops = new ArrayList<>();
            int index = 0;
            for (JsonNode item : entry.path("instructions")) {
                if (!item.path("op").isTextual()) {
                    throw new CimflowException(subject + " stage " + stage + " instruction " + index
                            + " has no op name");
                }
                ops.add(new CgOp(item.get("op").asText(), readAttributes(item.path("attr"))));
                index++;
            }
            result.add(new CgStage(stage, entry.path("cluster_id").asText("-1"),
                    entry.path("weight_replica_id").asInt(-1), ops));
        }
        result.sort((a, b) -> Integer.compare(a.stage(), b.stage()));
        return new CgCore(row, col, result);
    }

    private static Map<String, Object> readAttributes(JsonNode node) {
        Map<String, Object> attr = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            attr.put(field.getKey(), value(field.getValue()));
        }
        return attr;
    }

    private static Object value(JsonNode node) {
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(value(item)));
            return list;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? (Object) node.intValue() : (Object) node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.isNull() ? null : node.asText();
    }
}
