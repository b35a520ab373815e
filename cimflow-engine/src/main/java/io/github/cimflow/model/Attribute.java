package io.github.cimflow.model;

import java.util.List;
import java.util.Objects;

/**
 * A typed ONNX node attribute. Exactly one of the value fields is meaningful, chosen by {@link #kind()}.
 *
 * @param name   attribute name ({@code kernel_shape}, {@code strides}, ...)
 * @param kind   which value field is set
 * @param intValue   INT value
 * @param floatValue FLOAT value
 * @param stringValue STRING value
 * @param ints   INTS values (immutable)
 * @param floats FLOATS values (immutable)
 * @param tensor TENSOR value (for example the value of a Constant node)
 */
public record Attribute(String name, Kind kind, long intValue, float floatValue, String stringValue,
                        List<Long> ints, List<Float> floats, Tensor tensor) {

    /** Attribute value kinds of the ONNX specification that the IR keeps. */
    public enum Kind { INT, FLOAT, STRING, INTS, FLOATS, TENSOR }

    public Attribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        ints = ints == null ? List.of() : List.copyOf(ints);
        floats = floats == null ? List.of() : List.copyOf(floats);
    }

    public static Attribute ofInt(String name, long value) {
        return new Attribute(name, Kind.INT, value, 0f, null, null, null, null);
    }

    public static Attribute ofFloat(String name, float value) {
        return new Attribute(name, Kind.FLOAT, 0, value, null, null, null, null);
    }

    public static Attribute ofString(String name, String value) {
        return new Attribute(name, Kind.STRING, 0, 0f, value, null, null, null);
    }

    public static Attribute ofInts(String name, List<Long> values) {
        return new Attribute(name, Kind.INTS, 0, 0f, null, values, null, null);
    }

    public static Attribute ofFloats(String name, List<Float> values) {
        return new Attribute(name, Kind.FLOATS, 0, 0f, null, null, values, null);
    }

    public static Attribute ofTensor(String name, Tensor value) {
        return new Attribute(name, Kind.TENSOR, 0, 0f, null, null, null, value);
    }

    /** INTS values as an int array (attribute values of CNN operators fit in int). */
    public int[] intArray() {
        int[] result = new int[ints.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = Math.toIntExact(ints.get(i));
        }
        return result;
    }
}
