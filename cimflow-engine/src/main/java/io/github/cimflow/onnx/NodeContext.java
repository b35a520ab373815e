package io.github.cimflow.onnx;

import io.github.cimflow.CimflowException;
import io.github.cimflow.model.Attribute;
import io.github.cimflow.model.DataType;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Shape;
import io.github.cimflow.model.Tensor;
import io.github.cimflow.model.TensorOrigin;
import java.util.Arrays;
import java.util.Map;

/**
 * The view of one node that a shape rule works on: its attributes, the inferred input tensors, and
 * the outputs it sets. Every error it builds starts with the file and the node ({@code model.onnx: node 'x' (Conv): ...}).
 */
final class NodeContext {
    private final ImportState state;
    private Node node;
    private final Tensor[] outputs;

    NodeContext(ImportState state, Node node) {
        this.state = state;
        this.node = node;
        this.outputs = new Tensor[node.outputs().size()];
    }

    Node node() {
        return node;
    }

    int opset() {
        return state.opsetVersion;
    }

    /** Replaces the node, for rules that make implicit attributes explicit (auto_pad to pads). */
    void replaceNode(Node replacement) {
        node = replacement;
    }

    Tensor[] outputs() {
        return outputs;
    }

    // ---- inputs

    /** True when input {@code index} is given (present and not the empty name of an omitted optional input). */
    boolean hasInput(int index) {
        return index < node.inputs().size() && !node.inputs().get(index).isEmpty();
    }

    int inputCount() {
        return node.inputs().size();
    }

    Tensor input(int index) {
        if (!hasInput(index)) {
            throw invalid("input " + index + " is missing; the operator needs it");
        }
        return state.tensors.get(node.inputs().get(index));
    }

    Shape inputShape(int index) {
        return input(index).shape();
    }

    /**
     * Returns the integer values of a static input (shape, axes, pads), which cimflow needs at import time.
     * A value that only exists at run time takes the model out of scope.
     */
    long[] constantInts(int index, String role) {
        Tensor tensor = input(index);
        if (tensor.longValues() != null) {
            return tensor.longValues();
        }
        if (tensor.values() != null) {
            long[] converted = new long[tensor.values().length];
            for (int i = 0; i < converted.length; i++) {
                converted[i] = (long) tensor.values()[i];
            }
            return converted;
        }
        throw new OutOfScopeException(OutOfScopeException.Reason.RUNTIME_SHAPE, subject() + ": input " + index
                + " '" + tensor.name() + "' (" + role + ") is not a constant, so the output shape depends on a "
                + "run-time value; cimflow needs static shapes, so export the model with constant " + role);
    }

    // ---- attributes

    boolean hasAttribute(String name) {
        return node.attributes().containsKey(name);
    }

    long intAttribute(String name, long defaultValue) {
        return node.intAttribute(name, defaultValue);
    }

    float floatAttribute(String name, float defaultValue) {
        return node.floatAttribute(name, defaultValue);
    }

    String stringAttribute(String name, String defaultValue) {
        return node.stringAttribute(name, defaultValue);
    }

    long[] longsAttribute(String name) {
        Attribute attribute = node.attribute(name);
        if (attribute == null) {
            return null;
        }
        return attribute.ints().stream().mapToLong(Long::longValue).toArray();
    }

    /** INTS attribute with a default, checked to have the given length. */
    long[] longsAttribute(String name, long[] defaultValue, int length) {
        long[] values = longsAttribute(name);
        if (values == null) {
            return defaultValue;
        }
        if (values.length != length) {
            throw invalid("attribute '" + name + "' has " + values.length + " values " + Arrays.toString(values)
                    + " but needs " + length);
        }
        return values;
    }

    /** Normalizes a possibly negative axis into [0, rank). */
    int axis(long axis, int rank, String what) {
        long normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank) {
            throw invalid(what + " " + axis + " is outside the valid range [" + -rank + ", " + (rank - 1)
                    + "] for rank " + rank);
        }
        return (int) normalized;
    }

    // ---- outputs

    /** Sets an output's type and shape; omitted optional outputs (empty names) are skipped. */
    void output(int index, DataType type, Shape shape) {
        setOutput(index, Tensor.withoutData(outputName(index), type, shape, TensorOrigin.INTERMEDIATE));
    }

    void output(int index, DataType type, long[] dims) {
        output(index, type, shape(dims));
    }

    /** Sets an output with folded constant values. */
    void constantOutput(int index, DataType type, Shape shape, float[] values, long[] longValues) {
        setOutput(index, new Tensor(outputName(index), type, shape, TensorOrigin.CONSTANT, values, longValues));
    }

    int outputCount() {
        return node.outputs().size();
    }

    boolean hasOutput(int index) {
        return index < node.outputs().size() && !node.outputs().get(index).isEmpty();
    }

    private String outputName(int index) {
        return index < node.outputs().size() ? node.outputs().get(index) : "";
    }

    private void setOutput(int index, Tensor tensor) {
        if (hasOutput(index)) {
            outputs[index] = tensor;
        }
    }

    Shape shape(long[] dims) {
        return ShapeChecks.shape(subject(), dims);
    }

    // ---- errors

    String subject() {
        return state.file + ": " + node.describe();
    }

    CimflowException invalid(String detail) {
        return new CimflowException(subject() + ": " + detail);
    }

    OutOfScopeException outOfScope(OutOfScopeException.Reason reason, String detail) {
        return new OutOfScopeException(reason, subject() + ": " + detail);
    }
}
