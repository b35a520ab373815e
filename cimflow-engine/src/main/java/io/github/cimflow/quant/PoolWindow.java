package io.github.cimflow.quant;

import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Shape;

/**
 * The window geometry of a MaxPool, AveragePool or GlobalAveragePool node over an NCHW map. The
 * output size comes from the graph's inferred shape, so ONNX {@code ceil_mode} is already in it.
 *
 * @param batch        N
 * @param channels     C
 * @param inHeight     H of the input
 * @param inWidth      W of the input
 * @param outHeight    H of the output
 * @param outWidth     W of the output
 * @param kernelHeight window rows
 * @param kernelWidth  window columns
 * @param strideH      vertical stride
 * @param strideW      horizontal stride
 * @param padTop       rows of padding above
 * @param padLeft      columns of padding on the left
 * @param dilationH    vertical dilation
 * @param dilationW    horizontal dilation
 */
public record PoolWindow(int batch, int channels, int inHeight, int inWidth, int outHeight, int outWidth,
                         int kernelHeight, int kernelWidth, int strideH, int strideW, int padTop, int padLeft,
                         int dilationH, int dilationW) {

    /** Reads the window of a pooling node; a GlobalAveragePool's window is the whole map. */
    public static PoolWindow of(Node node, Graph graph) {
        Shape x = graph.tensor(node.inputs().get(0)).shape();
        Shape y = graph.tensor(node.outputs().get(0)).shape();
        if (node.opType().equals("GlobalAveragePool")) {
            return new PoolWindow(x.dim(0), x.dim(1), x.dim(2), x.dim(3), 1, 1, x.dim(2), x.dim(3), 1, 1, 0, 0, 1, 1);
        }
        int[] kernel = node.intsAttribute("kernel_shape", null);
        int[] strides = node.intsAttribute("strides", new int[] {1, 1});
        int[] pads = node.intsAttribute("pads", new int[] {0, 0, 0, 0});
        int[] dilations = node.intsAttribute("dilations", new int[] {1, 1});
        return new PoolWindow(x.dim(0), x.dim(1), x.dim(2), x.dim(3), y.dim(2), y.dim(3),
                kernel[0], kernel[1], strides[0], strides[1], pads[0], pads[1], dilations[0], dilations[1]);
    }

    /** Number of taps of one full window, padding included: the divisor of the hardware's average pooling. */
    public int taps() {
        return kernelHeight * kernelWidth;
    }

    /** Input row of tap {@code ky} of output row {@code oy}; outside 0 .. H-1 it reads padding. */
    public int inputRow(int oy, int ky) {
        return oy * strideH - padTop + ky * dilationH;
    }

    /** Input column of tap {@code kx} of output column {@code ox}; outside 0 .. W-1 it reads padding. */
    public int inputColumn(int ox, int kx) {
        return ox * strideW - padLeft + kx * dilationW;
    }
}
