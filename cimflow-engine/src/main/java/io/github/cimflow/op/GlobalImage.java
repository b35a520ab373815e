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
     * One tensor in global memory. The name is unique and readable. The components after
     * {@code layout} name the model values that fill the entry, so callers never parse the name.
     *
     * @param kind                what it contains
     * @param name                tensor name and image ({@code /layer1/relu_out#3}) or weight key
     * @param address             first byte address
     * @param bytes               length
     * @param shape               FEATURE: [H, W, C]; WEIGHTS: the weight shape of the slice; QUANTIZATION: [columns]
     * @param pattern             how a weight image is filled; for QUANTIZATION the pattern of the weights its
     *                            parameters belong to; NONE for FEATURE
     * @param layout              the macro layout of a weight image, else null
     * @param tensor              FEATURE: the feature tensor; WEIGHTS and QUANTIZATION: the ONNX weight tensor
     *                            (null for the constant blocks of averages)
     * @param image               FEATURE: the image of the batch, else 0
     * @param outputChannelOffset WEIGHTS and QUANTIZATION: the layer's output channel of column 0
     * @param inputChannelOffset  WEIGHTS and QUANTIZATION of DENSE slices: the layer's input channel of the
     *                            slice's first input channel (a reduction split over cores), else 0
     * @param averageCount        ONES_DIAGONAL: the number of values each average divides by, else 0
     */
    public record Entry(Kind kind, String name, long address, long bytes, List<Integer> shape, Pattern pattern,
                        MacroLayout layout, String tensor, int image, int outputChannelOffset,
                        int inputChannelOffset, int averageCount) {
        public Entry {
            shape = List.copyOf(shape);
        }
    }
}
