package io.github.cimflow.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Multiply-accumulate counts of a model for one image. A Conv counts
 * {@code Cout·Hout·Wout·Kh·Kw·Cin/group}, a Gemm {@code M·N·K} and a MatMul the product of its
 * output dimensions times K; every other operator counts 0 MACs. Counts for the inferred batch are
 * divided by the batch size (dimension 0 of the first graph input), so the numbers do not grow
 * with {@code --input-shape 8,...}.
 *
 * @param nodes       one entry per node of the graph, in topological order
 * @param batch       batch size the counts were divided by
 * @param macs        total MACs per image
 * @param weightCount elements of the static floating-point inputs (weights and biases) of Conv, Gemm,
 *                    MatMul and BatchNormalization nodes, after BatchNormalization folding. A tensor read
 *                    by two nodes counts twice, because each node keeps its own copy in CIM macros. This
 *                    also keeps the count right when an exporter shares equal-valued tensors between layers.
 */
public record OperationCount(List<NodeCount> nodes, int batch, long macs, long weightCount) {
    private static final Set<String> WEIGHTED_OPERATORS = Set.of("Conv", "Gemm", "MatMul", "BatchNormalization");

    /**
     * MACs of one node for one image.
     *
     * @param name the node name
     * @param opType the ONNX operator
     * @param macs multiply-accumulates per image; 0 for operators without a weight product
     */
    public record NodeCount(String name, String opType, long macs) {
        /** Operations per image: two per MAC (one multiply, one add). */
        public long opCount() {
            return 2 * macs;
        }
    }

    public OperationCount {
        nodes = List.copyOf(nodes);
    }

    /** Operations per image: two per MAC, the convention behind CIMFlow's {@code op_count}. */
    public long opCount() {
        return 2 * macs;
    }

    /** Counts the MACs and weights of a shape-inferred model. */
    public static OperationCount of(Model model) {
        Graph graph = model.graph();
        int batch = batchSize(graph);
        List<NodeCount> counts = new ArrayList<>(graph.size());
        long total = 0;
        for (Node node : graph.nodes()) {
            long macs = batchMacs(node, graph) / batch;
            counts.add(new NodeCount(node.name(), node.opType(), macs));
            total += macs;
        }
        return new OperationCount(counts, batch, total, weightCount(graph));
    }

    private static int batchSize(Graph graph) {
        if (graph.inputs().isEmpty()) {
            return 1;
        }
        Shape input = graph.tensor(graph.inputs().get(0)).shape();
        return input.rank() == 0 ? 1 : input.dim(0);
    }

    /** MACs of one node for the whole inferred batch. */
    static long batchMacs(Node node, Graph graph) {
        switch (node.opType()) {
            case "Conv":
                return ConvGeometry.of(node, graph).macs();
            case "Gemm": {
                Shape a = graph.tensor(node.inputs().get(0)).shape();
                Shape y = graph.tensor(node.outputs().get(0)).shape();
                int k = node.intAttribute("transA", 0) != 0 ? a.dim(0) : a.dim(1);
                return y.elementCount() * k;
            }
            case "MatMul": {
                Shape a = graph.tensor(node.inputs().get(0)).shape();
                Shape y = graph.tensor(node.outputs().get(0)).shape();
                return y.elementCount() * a.dim(a.rank() - 1);
            }
            default:
                return 0;
        }
    }

    private static long weightCount(Graph graph) {
        long count = 0;
        for (Node node : graph.nodes()) {
            if (!WEIGHTED_OPERATORS.contains(node.opType())) {
                continue;
            }
            for (String input : node.inputs()) {
                if (input.isEmpty()) {
                    continue;
                }
                Tensor tensor = graph.tensor(input);
                if (tensor.isStatic() && isFloatingPoint(tensor.type())) {
                    count += tensor.shape().elementCount();
                }
            }
        }
        return count;
    }

    private static boolean isFloatingPoint(DataType type) {
        return type == DataType.FLOAT || type == DataType.DOUBLE || type == DataType.FLOAT16
                || type == DataType.BFLOAT16;
    }
}
