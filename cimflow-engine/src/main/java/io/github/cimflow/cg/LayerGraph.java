package io.github.cimflow.cg;

import io.github.cimflow.model.Graph;
import java.util.BitSet;
import java.util.List;

/**
 * The reduced DAG over weight layers. There is an edge i→j when a node of cluster j reads a tensor
 * that cluster i produces; layers are indexed in a topological order of these edges.
 *
 * @param graph        the model graph the layers come from
 * @param layers       weight layers by index
 * @param predecessors per layer, the layers it reads from
 * @param successors   per layer, the layers that read from it
 */
public record LayerGraph(Graph graph, List<Layer> layers, List<BitSet> predecessors, List<BitSet> successors) {
    public LayerGraph {
        layers = List.copyOf(layers);
        predecessors = predecessors.stream().map(set -> (BitSet) set.clone()).toList();
        successors = successors.stream().map(set -> (BitSet) set.clone()).toList();
    }

    public int size() {
        return layers.size();
    }

    public Layer layer(int index) {
        return layers.get(index);
    }

    /** True when layer {@code to} reads a tensor of layer {@code from}. */
    public boolean hasEdge(int from, int to) {
        return successors.get(from).get(to);
    }
}
