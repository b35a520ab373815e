package io.github.cimflow.onnx;

import io.github.cimflow.model.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes Identity and inference-time Dropout nodes by letting their consumers read the input
 * directly. PyTorch's exporter routes shared weights and biases through Identity nodes. A node whose
 * output is a graph output stays, so the graph keeps its output names; so does a Dropout whose mask
 * output is read.
 */
final class IdentityBypass {
    private IdentityBypass() {
    }

    static void run(ImportState state) {
        Set<String> graphOutputs = new HashSet<>(state.outputs);
        Set<String> read = new HashSet<>();
        for (Node node : state.nodes) {
            read.addAll(node.inputs());
        }

        Map<String, String> replacement = new HashMap<>();
        List<Node> kept = new ArrayList<>(state.nodes.size());
        for (Node node : state.nodes) {
            if (isBypassable(node, graphOutputs, read)) {
                replacement.put(node.outputs().get(0), node.inputs().get(0));
            } else {
                kept.add(node);
            }
        }
        if (replacement.isEmpty()) {
            return;
        }

        List<Node> rewired = new ArrayList<>(kept.size());
        for (Node node : kept) {
            List<String> inputs = new ArrayList<>(node.inputs().size());
            for (String input : node.inputs()) {
                inputs.add(resolve(input, replacement));
            }
            rewired.add(new Node(node.name(), node.opType(), inputs, node.outputs(), node.attributes()));
        }
        state.nodes = rewired;
    }

    private static boolean isBypassable(Node node, Set<String> graphOutputs, Set<String> read) {
        boolean identity = node.opType().equals("Identity");
        boolean dropout = node.opType().equals("Dropout");
        if (!identity && !dropout) {
            return false;
        }
        if (node.inputs().isEmpty() || node.inputs().get(0).isEmpty() || node.outputs().isEmpty()) {
            return false;
        }
        if (graphOutputs.contains(node.outputs().get(0))) {
            return false;
        }
        for (int i = 1; i < node.outputs().size(); i++) {
            String extra = node.outputs().get(i);
            if (!extra.isEmpty() && (read.contains(extra) || graphOutputs.contains(extra))) {
                return false;
            }
        }
        return true;
    }

    /** Follows chains of bypassed nodes (Identity after Identity) to the first real tensor. */
    private static String resolve(String name, Map<String, String> replacement) {
        String current = name;
        int steps = 0;
        while (replacement.containsKey(current) && steps++ <= replacement.size()) {
            current = replacement.get(current);
        }
        return current;
    }
}
