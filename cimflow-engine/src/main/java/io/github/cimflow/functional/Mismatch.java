package io.github.cimflow.functional;

import java.util.Locale;

/**
 * The first element where a compiled program's values differ from the expected ones.
 *
 * @param node         the ONNX node that produces the tensor (the layer)
 * @param tensor       the feature tensor
 * @param core         the core that computed the differing slice, or -1 when no slice table names one
 * @param image        the image of the batch
 * @param elementIndex the element's NCHW index in the tensor of one image
 * @param expected     the expected int8 value
 * @param actual       the value the program computed
 */
public record Mismatch(String node, String tensor, int core, int image, long elementIndex, int expected,
                       int actual) {

    /** Formats the mismatch as one line that names the layer, core, element and both values. */
    public String describe() {
        return String.format(Locale.ROOT, "layer '%s' (tensor '%s', image %d) on %s: element %d is %d, expected %d",
                node, tensor, image, core < 0 ? "an unknown core" : "core " + core, elementIndex, actual, expected);
    }
}
