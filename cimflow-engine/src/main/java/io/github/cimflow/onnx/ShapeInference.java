package io.github.cimflow.onnx;

import io.github.cimflow.model.Node;
import io.github.cimflow.model.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Infers every tensor's type and shape in topological order with the operators' own rules, never
 * from shapes declared in the file, and folds nodes whose inputs are all constants into constant
 * tensors (removing those nodes).
 */
final class ShapeInference {
    private ShapeInference() {
    }

    static void run(ImportState state) {
        List<Node> kept = new ArrayList<>(state.nodes.size());
        for (Node node : state.nodes) {
            Operator operator = Operator.forOnnxName(node.opType());
            NodeContext context = new NodeContext(state, node);
            operator.rule().infer(context);

            boolean folded = ConstantFolder.fold(context, operator);
            Tensor[] outputs = context.outputs();
            for (int i = 0; i < outputs.length; i++) {
                if (outputs[i] != null) {
                    state.tensors.put(outputs[i].name(), outputs[i]);
                } else if (context.hasOutput(i)) {
                    throw context.invalid("has output " + i + " '" + node.outputs().get(i)
                            + "' that the operator does not define");
                }
            }
            if (!folded) {
                kept.add(context.node());
            }
        }
        state.nodes = kept;
    }
}
