package io.github.cimflow.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One operator of the model IR.
 *
 * @param name       the ONNX node name (unique in a graph; the importer names unnamed nodes
 *                   {@code <op_type>_<index>})
 * @param opType     ONNX operator type ({@code Conv}, {@code Relu}, ...)
 * @param inputs     input tensor names in ONNX order; an empty string marks an omitted optional input
 * @param outputs    output tensor names
 * @param attributes attributes by name, sorted
 */
public record Node(String name, String opType, List<String> inputs, List<String> outputs,
                   Map<String, Attribute> attributes) {
    public Node {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(opType, "opType");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    public Attribute attribute(String attributeName) {
        return attributes.get(attributeName);
    }

    /** INT attribute value, or the given default when absent. */
    public long intAttribute(String attributeName, long defaultValue) {
        Attribute attribute = attributes.get(attributeName);
        return attribute == null ? defaultValue : attribute.intValue();
    }

    /** INTS attribute values, or the given default when absent. */
    public int[] intsAttribute(String attributeName, int[] defaultValue) {
        Attribute attribute = attributes.get(attributeName);
        return attribute == null ? defaultValue : attribute.intArray();
    }

    /** FLOAT attribute value, or the given default when absent. */
    public float floatAttribute(String attributeName, float defaultValue) {
        Attribute attribute = attributes.get(attributeName);
        return attribute == null ? defaultValue : attribute.floatValue();
    }

    /** STRING attribute value, or the given default when absent. */
    public String stringAttribute(String attributeName, String defaultValue) {
        Attribute attribute = attributes.get(attributeName);
        return attribute == null ? defaultValue : attribute.stringValue();
    }

    /** Formats as {@code node '/layer1/Conv' (Conv)}, the subject of error messages. */
    public String describe() {
        return "node '" + name + "' (" + opType + ")";
    }
}
