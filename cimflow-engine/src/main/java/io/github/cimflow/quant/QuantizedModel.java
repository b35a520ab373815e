package io.github.cimflow.quant;

import io.github.cimflow.model.Model;

/**
 * A simplified model in the integer form the hardware computes (docs/quantization.md): one symmetric
 * int8 scale per feature tensor, int8 weights per output channel, and a {@link Requantizer} per output
 * channel of every layer that accumulates. Feature tensors are NCHW, batch 1, as in the model.
 */
public interface QuantizedModel {

    /** The simplified model this was computed from (with the weights used, real or seeded). */
    Model model();

    /** The scale of a feature tensor: real value = scale · int8 value. */
    double scale(String tensor);

    /**
     * Returns the int8 weights of a Conv, Gemm or MatMul node in the ONNX order of its weight tensor.
     * For Conv that is [Cout][Cin/group][Kh][Kw]; for Gemm and MatMul it is the stored order, transposed or not.
     */
    byte[] weights(String node);

    /** The requantizer of output channel {@code channel} of a Conv, Gemm or MatMul node. */
    Requantizer requantizer(String node, int channel);

    /**
     * The requantizer of an average over {@code taps} values (AveragePool, GlobalAveragePool): the
     * scale stays the same, so it only divides, and it is the same for every layer.
     */
    Requantizer averageRequantizer(int taps);

    /** Quantizes a float NCHW input of the graph's (single) input tensor. */
    byte[] quantizeInput(float[] input);

    /** Converts int8 values of a feature tensor back to real values. */
    float[] dequantize(String tensor, byte[] values);
}
