package io.github.cimflow.op;

import java.util.List;

/**
 * What global memory must contain before the programs start, and where each compiled tensor lives
 * there. The programs only move these bytes, so the caller fills the weights, quantization
 * parameters and input features (the simulator in data mode, or a test).
 *
 * @param entries every placed tensor, in address order
 */
public record GlobalImage(List<Entry> entries) {
    public GlobalImage {
        entries = List.copyOf(entries);
    }

    /** The kinds of global tensors. */
    public enum Kind {
        /** A feature map of one image, HWC: byte (y·W + x)·C + c. */
        FEATURE,
        /** A weight slice in the compact macro image of its {@link MacroLayout}. */
        WEIGHTS,
        /** Per output column a 64-bit VEC_QUANTIZE parameter (bias, multiplier, shift, relu). */
        QUANTIZATION
    }

    /**
     * The mapping from the columns and reduction indexes of a weight image to the layer's weights.
     */
    public enum Pattern {
        /** conv and fc: index (kh·Kw + kw)·Cin + c contains W[column][c][kh][kw]. */
        DENSE,
        /** depthwise conv: index (kh·Kw + kw)·C + c contains W[column][0][kh][kw] when c = column, else 0. */
        DEPTHWISE,
        /** average pooling: index t·C + c contains 1 when c = column, else 0 (t counts window taps or pixels). */
        ONES_DIAGONAL,
        /** not a weight image. */
        NONE
    }

    /**
     * One tensor in global memory.
     *
     * @param kind    what it holds
     * @param name    tensor name and image ({@code /layer1/relu_out#3}) or weight key
     * @param address first byte address
     * @param bytes   length
     * @param shape   FEATURE: [H, W, C]; WEIGHTS: the layer's weight shape; QUANTIZATION: [columns]
     * @param pattern how a weight image is filled
     * @param layout  the macro layout of a weight image, else null
     */
    public record Entry(Kind kind, String name, long address, long bytes, List<Integer> shape, Pattern pattern,
                        MacroLayout layout) {
        public Entry {
            shape = List.copyOf(shape);
        }
    }
}
