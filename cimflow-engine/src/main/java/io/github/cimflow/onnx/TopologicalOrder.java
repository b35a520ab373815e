package io.github.cimflow.onnx;

import io.github.cimflow.CimflowException;
import io.github.cimflow.model.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Sorts the nodes so that producers come before consumers, keeping file order among nodes that are
 * ready at the same time, and reports tensors that nothing provides.
 */
final class TopologicalOrder {
    private TopologicalOrder() {
    }

    static void sort(ImportState state) {
        List<Node> nodes = state.nodes;
        Map<String, Integer> producerIndex = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String output : nodes.get(i).outputs()) {
                if (!output.isEmpty()) {
                    producerIndex.put(output, i);
                }
            }
        }

        int[] pending = new int[nodes.size()];
        List<List<Integer>> consumers = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            consumers.add(new ArrayList<>());
        }
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            for (String input : node.inputs()) {
                if (input.isEmpty() || state.tensors.containsKey(input)) {
                    continue;
                }
                Integer producer = producerIndex.get(input);
                if (producer == null) {
                    throw new CimflowException(state.file + ": " + node.describe() + ": input '" + input
                            + "' is not produced by any node and is neither an initializer nor a graph input; "
                            + "export the model again with its weights or declare it as a graph input");
                }
                pending[i]++;
                consumers.get(producer).add(i);
            }
        }

        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        List<Node> sorted = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            int next = ready.poll();
            sorted.add(nodes.get(next));
            for (int consumer : consumers.get(next)) {
                if (--pending[consumer] == 0) {
                    ready.add(consumer);
                }
            }
        }
        if (sorted.size() != nodes.size()) {
            for (int i = 0; i < nodes.size(); i++) {
                if (pending[i] > 0) {
                    throw new CimflowException(state.file + ": " + nodes.get(i).describe()
                            + ": is part of a cycle; an ONNX graph must be acyclic");
                }
            }
        }
        state.nodes = sorted;
    }
}
