package io.github.cimflow.cg;

import io.github.cimflow.model.Shape;

/**
 * A tensor a layer's cluster reads from outside: an edge of the reduced DAG, or a graph input.
 *
 * @param tensor      tensor name
 * @param shape       per-image shape (dimension 0 is 1)
 * @param sourceLayer index of the producing layer, or -1 for a graph input
 * @param gather      true when every core of a replica needs the whole tensor (input of the weight node
 *                    or of a pre-op); false when each core needs only its own output-channel slice
 *                    (input of a channel-wise post-op, such as the residual of an Add)
 */
public record LayerInput(String tensor, Shape shape, int sourceLayer, boolean gather) {

    /** Bytes of one image at 8-bit features. */
    public long bytes() {
        return shape.elementCount();
    }

    public boolean fromGraphInput() {
        return sourceLayer < 0;
    }
}
