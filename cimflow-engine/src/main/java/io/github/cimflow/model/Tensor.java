package io.github.cimflow.model;

import java.util.Objects;

/**
 * A named tensor of the model IR.
 *
 * @param name   the ONNX value name
 * @param type   element type
 * @param shape  static shape, inferred by cimflow (never taken on trust from the file)
 * @param origin where the tensor comes from
 * @param values the real values as float32 in row-major order, or null when the model carries none
 *               (activations, weights exported with {@code export_params=False}); integer tensors
 *               such as shapes are stored in {@code longValues} instead
 * @param longValues integer values for INT64/INT32 constants (shape arithmetic), or null
 */
public record Tensor(String name, DataType type, Shape shape, TensorOrigin origin, float[] values, long[] longValues) {
    public Tensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(origin, "origin");
    }

    /** A tensor without values (activation or shape-only weight). */
    public static Tensor withoutData(String name, DataType type, Shape shape, TensorOrigin origin) {
        return new Tensor(name, type, shape, origin, null, null);
    }

    /** True when real values are present (float or integer). */
    public boolean hasData() {
        return values != null || longValues != null;
    }

    /** True for weights and constants: anything that is not computed at run time. */
    public boolean isStatic() {
        return origin == TensorOrigin.INITIALIZER || origin == TensorOrigin.CONSTANT
                || origin == TensorOrigin.WEIGHT_WITHOUT_DATA;
    }
}
