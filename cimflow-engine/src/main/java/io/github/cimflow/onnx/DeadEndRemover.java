package io.github.cimflow.onnx;

import io.github.cimflow.model.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Removes nodes none of whose outputs reach a graph output. Expects topological order. */
final class DeadEndRemover {
    private DeadEndRemover() {
    }

    static void run(ImportState state) {
        Set<String> live = new HashSet<>(state.outputs);
        List<Node> kept = new ArrayList<>();
        for (int i = state.nodes.size() - 1; i >= 0; i--) {
            Node node = state.nodes.get(i);
            boolean reachesOutput = false;
            for (String output : node.outputs()) {
                reachesOutput |= live.contains(output);
            }
            if (reachesOutput) {
                kept.add(node);
                live.addAll(node.inputs());
            }
        }
        Collections.reverse(kept);
        state.nodes = kept;
    }
}
