package io.github.cimflow.onnx;

import io.github.cimflow.model.Attribute;
import io.github.cimflow.model.DataType;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Shape;
import io.github.cimflow.model.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Shape rules of the sliding-window operators (Conv, MaxPool, AveragePool, GlobalAveragePool), 2-D
 * only. Each rule resolves {@code auto_pad} into an explicit {@code pads} attribute
 * [top, left, bottom, right] and drops {@code auto_pad}, so later stages read one form.
 */
final class WindowRules {
    private static final long[] ONES = {1, 1};

    private WindowRules() {
    }

    static void conv(NodeContext context) {
        Tensor x = context.input(0);
        requireTwoSpatialDims(context, x, "convolution");
        if (!context.hasInput(1)) {
            throw context.invalid("the weight W (input 1) is missing; a Conv needs X, W and an optional bias B");
        }
        Tensor w = context.input(1);
        if (w.shape().rank() != 4) {
            throw context.invalid("weight '" + w.name() + "' has shape " + w.shape()
                    + " but a 2-D convolution needs [Cout, Cin/group, kH, kW]");
        }

        long group = context.intAttribute("group", 1);
        int inChannels = x.shape().dim(1);
        int outChannels = w.shape().dim(0);
        if (group < 1 || inChannels != w.shape().dim(1) * group || outChannels % group != 0) {
            throw context.invalid("input '" + x.name() + "' " + x.shape() + ", weight '" + w.name() + "' "
                    + w.shape() + " and group " + group + " do not fit: the input needs W[1] * group = "
                    + (long) w.shape().dim(1) * group + " channels and Cout must divide by group");
        }
        long[] kernel = {w.shape().dim(2), w.shape().dim(3)};
        long[] declaredKernel = context.longsAttribute("kernel_shape", kernel, 2);
        if (declaredKernel[0] != kernel[0] || declaredKernel[1] != kernel[1]) {
            throw context.invalid("attribute 'kernel_shape' [" + declaredKernel[0] + ", " + declaredKernel[1]
                    + "] does not match weight '" + w.name() + "' " + w.shape());
        }
        if (context.hasInput(2)) {
            Shape bias = context.inputShape(2);
            if (bias.rank() != 1 || bias.dim(0) != outChannels) {
                throw context.invalid("bias '" + context.node().inputs().get(2) + "' has shape " + bias
                        + " but needs [" + outChannels + "], one value per output channel");
            }
        }

        long[] spatial = window(context, x.shape(), kernel, false);
        context.output(0, x.type(), new long[] {x.shape().dim(0), outChannels, spatial[0], spatial[1]});
    }

    /** MaxPool and AveragePool; MaxPool's optional second output contains INT64 indices. */
    static void pool(NodeContext context) {
        Tensor x = context.input(0);
        requireTwoSpatialDims(context, x, "pooling");
        long[] kernel = context.longsAttribute("kernel_shape");
        if (kernel == null) {
            throw context.invalid("attribute 'kernel_shape' is missing; pooling needs the window size");
        }
        kernel = context.longsAttribute("kernel_shape", null, 2);
        boolean ceilMode = context.intAttribute("ceil_mode", 0) != 0;

        long[] spatial = window(context, x.shape(), kernel, ceilMode);
        long[] dims = {x.shape().dim(0), x.shape().dim(1), spatial[0], spatial[1]};
        context.output(0, x.type(), dims);
        context.output(1, DataType.INT64, dims);
    }

    static void globalPool(NodeContext context) {
        Tensor x = context.input(0);
        requireTwoSpatialDims(context, x, "pooling");
        context.output(0, x.type(), new long[] {x.shape().dim(0), x.shape().dim(1), 1, 1});
    }

    private static void requireTwoSpatialDims(NodeContext context, Tensor x, String kind) {
        int rank = x.shape().rank();
        if (rank == 4) {
            return;
        }
        if (rank >= 3) {
            throw context.outOfScope(OutOfScopeException.Reason.UNSUPPORTED_RANK, "input '" + x.name() + "' has shape "
                    + x.shape() + ", a " + (rank - 2) + "-D " + kind + "; cimflow imports only 2-D " + kind
                    + " over NCHW inputs");
        }
        throw context.invalid("input '" + x.name() + "' has shape " + x.shape() + " but " + kind
                + " needs an NCHW input of rank 4");
    }

    /**
     * Computes the output height and width of a window operator and rewrites the node with explicit pads.
     * With {@code ceil_mode}, a last window that would start inside the end padding is dropped, as PyTorch does.
     */
    private static long[] window(NodeContext context, Shape x, long[] kernel, boolean ceilMode) {
        long[] strides = context.longsAttribute("strides", ONES, 2);
        long[] dilations = context.longsAttribute("dilations", ONES, 2);
        long[] pads = context.longsAttribute("pads", new long[4], 4);
        String autoPad = context.stringAttribute("auto_pad", "NOTSET");
        for (int i = 0; i < 2; i++) {
            if (strides[i] < 1 || dilations[i] < 1 || kernel[i] < 1) {
                throw context.invalid("kernel " + kernel[i] + ", stride " + strides[i] + " and dilation "
                        + dilations[i] + " of spatial axis " + i + " must all be at least 1");
            }
            if (strides[i] > Integer.MAX_VALUE || dilations[i] > Integer.MAX_VALUE || kernel[i] > Integer.MAX_VALUE) {
                throw context.invalid("kernel " + kernel[i] + ", stride " + strides[i] + " and dilation "
                        + dilations[i] + " of spatial axis " + i + " must fit in 32 bits");
            }
        }
        for (long pad : pads) {
            if (pad < 0 || pad > Integer.MAX_VALUE) {
                throw context.invalid("attribute 'pads' " + java.util.Arrays.toString(pads)
                        + " must contain values from 0 to 2^31-1");
            }
        }

        long[] output = new long[2];
        long[] explicitPads = pads.clone();
        for (int i = 0; i < 2; i++) {
            long in = x.dim(2 + i);
            long effectiveKernel = (kernel[i] - 1) * dilations[i] + 1;
            switch (autoPad) {
                case "NOTSET", "" -> {
                    long span = in + pads[i] + pads[i + 2] - effectiveKernel;
                    if (span < 0) {
                        throw context.invalid("the window " + effectiveKernel + " (kernel " + kernel[i]
                                + ", dilation " + dilations[i] + ") is larger than the padded input " + (in + pads[i]
                                + pads[i + 2]) + " on spatial axis " + i + " of " + x);
                    }
                    long count = ceilMode ? Math.floorDiv(span + strides[i] - 1, strides[i]) + 1 : span / strides[i] + 1;
                    if (ceilMode && (count - 1) * strides[i] >= in + pads[i]) {
                        count--;
                    }
                    output[i] = count;
                }
                case "VALID" -> {
                    output[i] = Math.floorDiv(in - effectiveKernel, strides[i]) + 1;
                    explicitPads[i] = 0;
                    explicitPads[i + 2] = 0;
                }
                case "SAME_UPPER", "SAME_LOWER" -> {
                    output[i] = (in + strides[i] - 1) / strides[i];
                    long total = Math.max(0, (output[i] - 1) * strides[i] + effectiveKernel - in);
                    long small = total / 2;
                    long large = total - small;
                    boolean upper = autoPad.equals("SAME_UPPER");
                    explicitPads[i] = upper ? small : large;
                    explicitPads[i + 2] = upper ? large : small;
                }
                default -> throw context.invalid("attribute 'auto_pad' is '" + autoPad
                        + "'; valid values are NOTSET, SAME_UPPER, SAME_LOWER and VALID");
            }
        }

        replaceWithExplicitPads(context, explicitPads);
        return output;
    }

    private static void replaceWithExplicitPads(NodeContext context, long[] pads) {
        Node node = context.node();
        Map<String, Attribute> attributes = new TreeMap<>(node.attributes());
        attributes.remove("auto_pad");
        List<Long> values = new ArrayList<>();
        for (long pad : pads) {
            values.add(pad);
        }
        attributes.put("pads", Attribute.ofInts("pads", values));
        context.replaceNode(new Node(node.name(), node.opType(), node.inputs(), node.outputs(), attributes));
    }
}
