package io.github.cimflow.functional;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one functional check.
 *
 * @param outputElements   graph output elements compared, over all images
 * @param layerElements    layer output elements compared (0 unless layers were traced)
 * @param layerSlices      layer output slices compared (0 unless layers were traced)
 * @param mismatch         the first difference (the earliest layer in the graph's order), or null when every
 *                         compared element is equal
 * @param outputs          the graph outputs the programs computed: per output tensor, NCHW int8 per image
 */
public record FunctionalResult(long outputElements, long layerElements, int layerSlices, Mismatch mismatch,
                               Map<String, List<byte[]>> outputs) {

    public boolean bitExact() {
        return mismatch == null;
    }
}
