package io.github.cimflow.onnx;

import io.github.cimflow.model.Node;
import io.github.cimflow.model.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable graph that the import passes rewrite, before it is frozen into a {@link io.github.cimflow.model.Graph}.
 * Nodes are immutable and replaced as a whole; {@link #tensors} grows as shapes are inferred.
 */
final class ImportState {
    final Path file;
    final int opsetVersion;
    /** True when the caller overrode the input shape, so shapes declared in the file need not match. */
    final boolean inputShapeOverridden;

    /** Nodes in file order until {@link TopologicalOrder} sorts them. */
    List<Node> nodes = new ArrayList<>();
    /** Every tensor whose shape is known: weights, constants, graph inputs, then inferred values. */
    final Map<String, Tensor> tensors = new LinkedHashMap<>();
    /** Run-time graph inputs (images), in file order. */
    final List<String> inputs = new ArrayList<>();
    final List<String> outputs = new ArrayList<>();
    /** Shapes declared in value_info and graph outputs; -1 marks a dimension without a static value. */
    final Map<String, long[]> declaredShapes = new LinkedHashMap<>();

    ImportState(Path file, int opsetVersion, boolean inputShapeOverridden) {
        this.file = file;
        this.opsetVersion = opsetVersion;
        this.inputShapeOverridden = inputShapeOverridden;
    }

    /** The producing node of every tensor written by a node. */
    Map<String, Node> producers() {
        Map<String, Node> producers = new LinkedHashMap<>();
        for (Node node : nodes) {
            for (String output : node.outputs()) {
                if (!output.isEmpty()) {
                    producers.put(output, node);
                }
            }
        }
        return producers;
    }

    /** How many nodes read each tensor, plus one for each graph output that names it. */
    Map<String, Integer> useCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Node node : nodes) {
            for (String input : node.inputs()) {
                if (!input.isEmpty()) {
                    counts.merge(input, 1, Integer::sum);
                }
            }
        }
        for (String output : outputs) {
            counts.merge(output, 1, Integer::sum);
        }
        return counts;
    }
}
