package io.github.cimflow.quant;

import io.github.cimflow.CimflowException;
import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Tensor;

/** Checks and look-ups on a graph that both executors and the calibrator share, with their error messages. */
public final class GraphChecks {
    private GraphChecks() {
    }

    /** Returns the name of the graph's only run-time input. */
    public static String singleInput(Graph graph) {
        if (graph.inputs().size() != 1) {
            throw new CimflowException("the graph has " + graph.inputs().size() + " run-time inputs "
                    + graph.inputs() + "; the executors need exactly one image input");
        }
        return graph.inputs().get(0);
    }

    /** Checks that an input array has the element count of the tensor's inferred shape. */
    public static void checkLength(Graph graph, String tensor, int length) {
        long expected = graph.tensor(tensor).shape().elementCount();
        if (length != expected) {
            throw new CimflowException("input '" + tensor + "' has shape " + graph.tensor(tensor).shape() + " ("
                    + expected + " values), got " + length + " values; pass one value per element, NCHW order");
        }
    }

    /** Checks that every value of an input is finite, because NaN and infinity have no int8 form. */
    public static void checkFinite(String tensor, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new CimflowException("input '" + tensor + "' element " + i + " is " + values[i]
                        + "; pass finite values only");
            }
        }
    }

    /** Returns the values of a weight or constant that a node reads; fails when the model carries none. */
    public static float[] constantValues(Graph graph, Node node, String name) {
        Tensor tensor = graph.tensor(name);
        if (tensor.values() != null) {
            return tensor.values();
        }
        if (tensor.longValues() != null) {
            float[] values = new float[tensor.longValues().length];
            for (int i = 0; i < values.length; i++) {
                values[i] = tensor.longValues()[i];
            }
            return values;
        }
        throw new CimflowException(node.describe() + ": tensor '" + name + "' has no values because the model "
                + "was exported without weights; export it with its parameters, or fill the weights with seeded "
                + "random values first");
    }

    /** Returns the error for an operator the executors do not evaluate. */
    public static CimflowException unsupported(Node node) {
        return new CimflowException(node.describe() + ": operator " + node.opType()
                + " has no reference semantics (supported: " + String.join(", ", FloatExecutor.OPERATORS)
                + "); remove it from the model or use the timing simulation only");
    }

    /** Returns the non-negative axis of a Concat node over outputs of the given rank. */
    public static int concatAxis(Node node, int rank) {
        int axis = (int) node.intAttribute("axis", 1);
        return axis < 0 ? axis + rank : axis;
    }
}
