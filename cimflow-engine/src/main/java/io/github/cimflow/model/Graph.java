package io.github.cimflow.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A shape-inferred, simplified dataflow graph: a DAG of nodes in topological order.
 *
 * <p>Every tensor that a node reads or writes has an entry in {@link #tensors()} with its inferred
 * shape. {@link #inputs()} lists only the run-time inputs (images), never weights.
 *
 * @param nodes   nodes in a topological order (producers before consumers); ties keep file order
 * @param tensors every tensor by name, in insertion order
 * @param inputs  names of the run-time graph inputs
 * @param outputs names of the graph outputs
 */
public record Graph(List<Node> nodes, Map<String, Tensor> tensors, List<String> inputs, List<String> outputs) {

    public Graph {
        nodes = List.copyOf(nodes);
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** Returns the tensor of that name; throws when the graph has none, because callers name only known tensors. */
    public Tensor tensor(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("tensor '" + name + "' is not in the graph");
        }
        return tensor;
    }

    /** Returns the node that writes the tensor, or null for inputs, weights and constants. */
    public Node producer(String tensorName) {
        return ProducerIndex.of(this).producers.get(tensorName);
    }

    /** Returns the nodes that read the tensor, in topological order. */
    public List<Node> consumers(String tensorName) {
        return ProducerIndex.of(this).consumers.getOrDefault(tensorName, List.of());
    }

    /** Returns the node of that name, or null. */
    public Node node(String name) {
        return ProducerIndex.of(this).byName.get(name);
    }

    /** Lazily built lookup tables; a graph is immutable, so they are computed once per instance. */
    private static final class ProducerIndex {
        private static final Map<Graph, ProducerIndex> CACHE = Collections.synchronizedMap(new java.util.WeakHashMap<>());

        final Map<String, Node> producers = new HashMap<>();
        final Map<String, List<Node>> consumers = new HashMap<>();
        final Map<String, Node> byName = new HashMap<>();

        static ProducerIndex of(Graph graph) {
            return CACHE.computeIfAbsent(graph, ProducerIndex::new);
        }

        private ProducerIndex(Graph graph) {
            for (Node node : graph.nodes()) {
                byName.put(node.name(), node);
                for (String output : node.outputs()) {
                    producers.put(output, node);
                }
                for (String input : node.inputs()) {
                    if (!input.isEmpty()) {
                        consumers.computeIfAbsent(input, key -> new ArrayList<>()).add(node);
                    }
                }
            }
        }
    }

    /**
     * Compares by identity, so that the lookup tables cached per graph in a weak map are found
     * without hashing every node; two graphs built separately are never equal.
     */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** Number of nodes. */
    public int size() {
        return nodes.size();
    }
}
