package io.github.cimflow.cg;

import io.github.cimflow.model.Shape;
import java.util.List;

/**
 * A tensor a cluster produces that leaves it. Core j of a replica owns output channels
 * [a, b) of the layer and, of this tensor, dimension-1 entries [a·ratio, b·ratio).
 *
 * @param tensor      tensor name
 * @param shape       per-image shape
 * @param ratio       dimension 1 of the tensor divided by the layer's Cout (1 for a feature map, H·W after
 *                    flattening [1, C, H, W])
 * @param consumers   indices of the layers that read it, ascending
 * @param graphOutput true when it is a graph output
 */
public record LayerOutput(String tensor, Shape shape, int ratio, List<Integer> consumers, boolean graphOutput) {
    public LayerOutput {
        consumers = List.copyOf(consumers);
    }

    public long bytes() {
        return shape.elementCount();
    }
}
