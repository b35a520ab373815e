package io.github.cimflow.model;

/**
 * The geometry of one 2-D convolution (Conv node) of a shape-inferred graph, NCHW layout.
 *
 * @param batch      N of the input
 * @param inChannels Cin
 * @param inHeight   H of the input
 * @param inWidth    W of the input
 * @param outChannels Cout
 * @param outHeight  H of the output
 * @param outWidth   W of the output
 * @param kernelHeight Kh
 * @param kernelWidth  Kw
 * @param strideH    vertical stride
 * @param strideW    horizontal stride
 * @param padTop     rows of zeros above
 * @param padLeft    columns of zeros on the left
 * @param padBottom  rows of zeros below
 * @param padRight   columns of zeros on the right
 * @param dilationH  vertical dilation
 * @param dilationW  horizontal dilation
 * @param group      ONNX {@code group}; equal to Cin (and Cout) for a depthwise convolution
 */
public record ConvGeometry(int batch, int inChannels, int inHeight, int inWidth,
                           int outChannels, int outHeight, int outWidth,
                           int kernelHeight, int kernelWidth, int strideH, int strideW,
                           int padTop, int padLeft, int padBottom, int padRight,
                           int dilationH, int dilationW, int group) {

    /**
     * Reads the geometry of a Conv node from its inferred input, weight and output shapes.
     * Pads must already be explicit (the importer resolves {@code auto_pad}).
     */
    public static ConvGeometry of(Node conv, Graph graph) {
        if (!conv.opType().equals("Conv")) {
            throw new IllegalArgumentException(conv.describe() + " is not a Conv");
        }
        Shape x = graph.tensor(conv.inputs().get(0)).shape();
        Shape w = graph.tensor(conv.inputs().get(1)).shape();
        Shape y = graph.tensor(conv.outputs().get(0)).shape();
        int[] strides = conv.intsAttribute("strides", new int[] {1, 1});
        int[] pads = conv.intsAttribute("pads", new int[] {0, 0, 0, 0});
        int[] dilations = conv.intsAttribute("dilations", new int[] {1, 1});
        int group = (int) conv.intAttribute("group", 1);
        return new ConvGeometry(x.dim(0), x.dim(1), x.dim(2), x.dim(3),
                y.dim(1), y.dim(2), y.dim(3),
                w.dim(2), w.dim(3), strides[0], strides[1],
                pads[0], pads[1], pads[2], pads[3],
                dilations[0], dilations[1], group);
    }

    /** True when every output channel reads exactly one input channel (group == Cin == Cout). */
    public boolean isDepthwise() {
        return group > 1 && group == inChannels && group == outChannels;
    }

    /** Reduction length of one output element: Kh·Kw·Cin/group. */
    public int reductionLength() {
        return kernelHeight * kernelWidth * (inChannels / group);
    }

    /** Multiply-accumulates for the whole batch: N·Cout·Hout·Wout·Kh·Kw·Cin/group. */
    public long macs() {
        return (long) batch * outChannels * outHeight * outWidth * reductionLength();
    }
}
