package io.github.cimflow.quant;

import io.github.cimflow.CimflowException;
import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Model;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Shape;
import io.github.cimflow.model.Tensor;
import io.github.cimflow.model.TensorOrigin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Stand-in weights for a model exported without them ({@code export_params=False}): He-normal weights
 * (normal with standard deviation sqrt(2 / fan-in)) from one {@link Random} seeded once, and zero
 * biases. The caller decides whether to use them and announces it, because results on such weights do
 * not describe the trained network.
 */
public final class SeededWeights {
    private SeededWeights() {
    }

    /** True when some tensor that a node reads is a weight without data. */
    public static boolean isNeeded(Model model) {
        Graph graph = model.graph();
        for (Node node : graph.nodes()) {
            for (String input : node.inputs()) {
                if (!input.isEmpty() && graph.tensor(input).origin() == TensorOrigin.WEIGHT_WITHOUT_DATA
                        && !graph.tensor(input).hasData()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Returns the model with every weight without data filled: input 1 of a Conv, Gemm or MatMul gets
     * He-normal values, input 2 (the bias) zeros. Weights that carry data stay as they are. Values are
     * drawn in node order, then input order, then row-major element order, so a seed always gives the
     * same weights.
     *
     * @throws CimflowException when a tensor without data is read by another operator or input position
     */
    public static Model fill(Model model, long seed) {
        Graph graph = model.graph();
        Random random = new Random(seed);
        Map<String, Tensor> tensors = new LinkedHashMap<>(graph.tensors());
        for (Node node : graph.nodes()) {
            for (int index = 0; index < node.inputs().size(); index++) {
                String name = node.inputs().get(index);
                if (name.isEmpty() || tensors.get(name).hasData()
                        || tensors.get(name).origin() != TensorOrigin.WEIGHT_WITHOUT_DATA) {
                    continue;
                }
                Tensor tensor = tensors.get(name);
                float[] values = new float[Math.toIntExact(tensor.shape().elementCount())];
                if (index == 1 && isWeighted(node)) {
                    double deviation = Math.sqrt(2.0 / fanIn(node, tensor.shape()));
                    for (int i = 0; i < values.length; i++) {
                        values[i] = (float) (random.nextGaussian() * deviation);
                    }
                } else if (!(index == 2 && isWeighted(node))) {
                    throw new CimflowException(node.describe() + ": input " + index + " '" + name
                            + "' has no values and is neither a weight nor a bias, so no seeded value fits; "
                            + "export the model with its parameters");
                }
                tensors.put(name, new Tensor(name, tensor.type(), tensor.shape(), TensorOrigin.CONSTANT, values, null));
            }
        }
        Graph filled = new Graph(graph.nodes(), tensors, graph.inputs(), graph.outputs());
        return new Model(model.name(), model.source(), model.opsetVersion(), model.producer(), filled);
    }

    private static boolean isWeighted(Node node) {
        return switch (node.opType()) {
            case "Conv", "Gemm", "MatMul" -> true;
            default -> false;
        };
    }

    /** Inputs that feed one output: Cin/group·Kh·Kw for a Conv weight [Cout, Cin/group, Kh, Kw], else K. */
    private static int fanIn(Node node, Shape weight) {
        if (node.opType().equals("Conv")) {
            return weight.dim(1) * weight.dim(2) * weight.dim(3);
        }
        boolean transposed = node.opType().equals("Gemm") && node.intAttribute("transB", 0) != 0;
        return transposed ? weight.dim(1) : weight.dim(0);
    }
}
