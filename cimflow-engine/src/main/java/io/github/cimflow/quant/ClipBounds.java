package io.github.cimflow.quant;

import io.github.cimflow.CimflowException;
import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Tensor;

/**
 * The bounds of a Clip node: inputs 1 and 2 (opset 11 and later) or the {@code min} and {@code max}
 * attributes (earlier opsets); an absent bound is infinite.
 *
 * @param min lower bound, or -∞
 * @param max upper bound, or +∞
 */
public record ClipBounds(float min, float max) {

    /** Reads the bounds of a Clip node; a bound input must be a constant with one value. */
    public static ClipBounds of(Node node, Graph graph) {
        float min = bound(node, graph, 1, "min", Float.NEGATIVE_INFINITY);
        float max = bound(node, graph, 2, "max", Float.POSITIVE_INFINITY);
        return new ClipBounds(min, max);
    }

    private static float bound(Node node, Graph graph, int index, String attribute, float absent) {
        if (node.inputs().size() <= index || node.inputs().get(index).isEmpty()) {
            return node.floatAttribute(attribute, absent);
        }
        Tensor tensor = graph.tensor(node.inputs().get(index));
        if (tensor.values() != null && tensor.values().length == 1) {
            return tensor.values()[0];
        }
        if (tensor.longValues() != null && tensor.longValues().length == 1) {
            return tensor.longValues()[0];
        }
        throw new CimflowException(node.describe() + ": the " + attribute + " input '" + tensor.name()
                + "' must be a constant with one value; export the model with constant clip bounds");
    }
}
