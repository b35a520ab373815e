package io.github.cimflow.cg;

import io.github.cimflow.model.ConvGeometry;
import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Shape;
import io.github.cimflow.model.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the compute operations of the CG IR from model nodes, for a core's channel slice or in full. */
final class NodeOps {
    private final Graph graph;

    NodeOps(Graph graph) {
        this.graph = graph;
    }

    /** Builds the weight node's operation on one core: output channels [offset, offset+count) of one split. */
    Map<String, Object> weightOp(Layer layer, int channelOffset, int channelCount, int inputOffset, int inputCount) {
        Map<String, Object> attr = new LinkedHashMap<>();
        Node node = layer.node();
        ConvGeometry g = layer.geometry();
        attr.put("node", node.name());
        attr.put("input", node.inputs().get(0));
        attr.put("inputs", List.of(node.inputs().get(0)));
        attr.put("output", node.outputs().get(0));
        attr.put("channel_offset", channelOffset);
        attr.put("input_channel_offset", inputOffset);
        attr.put("weight", layer.weightTensor());
        if (layer.biasTensor() != null) {
            attr.put("bias", layer.biasTensor());
        }
        if (layer.kind() == Layer.Kind.FC) {
            attr.put("X_shape", List.of(1, g.inChannels()));
            attr.put("W_shape", List.of(channelCount, inputCount));
            attr.put("Y_shape", List.of(1, channelCount));
            attr.put("transposed", layer.weightTransposed());
            return attr;
        }
        attr.put("X_shape", List.of(1, g.inChannels(), g.inHeight(), g.inWidth()));
        attr.put("W_shape", List.of(channelCount, inputCount, g.kernelHeight(), g.kernelWidth()));
        attr.put("Y_shape", List.of(1, channelCount, g.outHeight(), g.outWidth()));
        attr.put("padding", List.of(g.padTop(), g.padLeft(), g.padBottom(), g.padRight()));
        attr.put("strides", List.of(g.strideH(), g.strideW()));
        attr.put("dilations", List.of(g.dilationH(), g.dilationW()));
        attr.put("group", g.group());
        return attr;
    }

    /** CG op name of a weight layer. */
    static String weightOpName(Layer layer) {
        return layer.kind() == Layer.Kind.FC ? "fc" : "conv";
    }

    /**
     * Builds a post-op on one core's slice: dimension-1 entries [offset·ratio, (offset+count)·ratio) of
     * its output, where ratio is the output's dimension 1 over {@code outChannels}.
     */
    CgOp postOp(Node node, int outChannels, int channelOffset, int channelCount) {
        Shape out = graph.tensor(node.outputs().get(0)).shape();
        int ratio = out.dim(1) / outChannels;
        return op(node, channelOffset * ratio, channelCount * ratio, out.dim(1));
    }

    /** Builds a pre-op, computed in full. */
    CgOp preOp(Node node) {
        Shape out = graph.tensor(node.outputs().get(0)).shape();
        return op(node, 0, out.dim(1), out.dim(1));
    }

    private CgOp op(Node node, int offset, int count, int outDim1) {
        Map<String, Object> attr = new LinkedHashMap<>();
        attr.put("node", node.name());
        attr.put("output", node.outputs().get(0));
        attr.put("channel_offset", offset);
        List<String> inputs = new ArrayList<>();
        for (String input : node.inputs()) {
            if (!input.isEmpty() && !graph.tensor(input).isStatic()) {
                inputs.add(input);
            }
        }
        attr.put("inputs", inputs);
        Shape out = graph.tensor(node.outputs().get(0)).shape();
        List<Integer> outSlice = slice(out, count);
        String name = opName(node);
        switch (node.opType()) {
            case "Conv" -> {
                ConvGeometry g = ConvGeometry.of(node, graph);
                int inRatio = g.inChannels() / g.group();
                attr.put("X_shape", List.of(1, count * inRatio, g.inHeight(), g.inWidth()));
                attr.put("W_shape", List.of(count, inRatio, g.kernelHeight(), g.kernelWidth()));
                attr.put("Y_shape", outSlice);
                attr.put("group", count);
                attr.put("padding", List.of(g.padTop(), g.padLeft(), g.padBottom(), g.padRight()));
                attr.put("strides", List.of(g.strideH(), g.strideW()));
                attr.put("dilations", List.of(g.dilationH(), g.dilationW()));
                attr.put("weight", node.inputs().get(1));
                if (node.inputs().size() > 2 && !node.inputs().get(2).isEmpty()) {
                    attr.put("bias", node.inputs().get(2));
                }
            }
            case "MaxPool", "AveragePool" -> {
                Shape in = graph.tensor(node.inputs().get(0)).shape();
                int rank = in.rank() - 2;
                attr.put("X_shape", slice(in, count));
                attr.put("Y_shape", outSlice);
                attr.put("kernel_shape", ints(node.intsAttribute("kernel_shape", new int[0])));
                attr.put("strides", ints(node.intsAttribute("strides", filled(rank, 1))));
                attr.put("padding", ints(node.intsAttribute("pads", filled(2 * rank, 0))));
                if (node.opType().equals("AveragePool")) {
                    attr.put("count_include_pad", (int) node.intAttribute("count_include_pad", 0));
                }
            }
            case "GlobalAveragePool", "GlobalMaxPool" -> {
                attr.put("X_shape", slice(graph.tensor(node.inputs().get(0)).shape(), count));
                attr.put("Y_shape", outSlice);
            }
            case "Clip" -> {
                attr.put("shape", outSlice);
                attr.put("min", scalarText(node, 1, "min", Float.NEGATIVE_INFINITY));
                attr.put("max", scalarText(node, 2, "max", Float.POSITIVE_INFINITY));
            }
            case "LeakyRelu" -> {
                attr.put("shape", outSlice);
                attr.put("alpha", floatText(node.floatAttribute("alpha", 0.01f)));
            }
            case "HardSigmoid" -> {
                attr.put("shape", outSlice);
                attr.put("alpha", floatText(node.floatAttribute("alpha", 0.2f)));
                attr.put("beta", floatText(node.floatAttribute("beta", 0.5f)));
            }
            case "Add", "Sub", "Mul", "Div" -> {
                attr.put("shape", outSlice);
                List<String> operands = new ArrayList<>();
                for (String input : node.inputs()) {
                    operands.add(input);
                }
                attr.put("inputs", operands);
                Shape a = graph.tensor(node.inputs().get(0)).shape();
                Shape b = graph.tensor(node.inputs().get(1)).shape();
                attr.put("A_shape", a.rank() >= 2 && a.dim(1) == outDim1 ? slice(a, count) : dims(a));
                attr.put("B_shape", b.rank() >= 2 && b.dim(1) == outDim1 ? slice(b, count) : dims(b));
            }
            case "Concat" -> {
                attr.put("axis", (int) node.intAttribute("axis", 1));
                attr.put("Y_shape", outSlice);
            }
            default -> {
                attr.put("X_shape", slice(graph.tensor(node.inputs().get(0)).shape(),
                        sliceOfInput(node, count, outDim1)));
                attr.put("shape", outSlice);
            }
        }
        return new CgOp(name, attr);
    }

    private int sliceOfInput(Node node, int count, int outDim1) {
        Shape in = graph.tensor(node.inputs().get(0)).shape();
        if (in.rank() < 2) {
            return 1;
        }
        long outInner = graph.tensor(node.outputs().get(0)).shape().elementCount() / outDim1;
        long inInner = in.elementCount() / in.dim(1);
        return (int) (count * outInner / inInner);
    }

    /** CG op name of a node: CIMFlow's names where it has one, the lower-case ONNX type otherwise. */
    static String opName(Node node) {
        return switch (node.opType()) {
            case "Conv" -> "depthwise_conv";
            case "MaxPool" -> "maxpool";
            case "AveragePool" -> "avgpool";
            case "GlobalAveragePool" -> "globalaveragepool";
            case "GlobalMaxPool" -> "globalmaxpool";
            case "Flatten", "Reshape", "Squeeze", "Unsqueeze", "Identity", "Dropout" -> "reshape";
            case "BatchNormalization" -> "batchnorm";
            default -> node.opType().toLowerCase(Locale.ROOT);
        };
    }

    private String scalarText(Node node, int inputIndex, String attribute, float fallback) {
        if (node.inputs().size() > inputIndex && !node.inputs().get(inputIndex).isEmpty()) {
            Tensor tensor = graph.tensor(node.inputs().get(inputIndex));
            if (tensor.values() != null && tensor.values().length > 0) {
                return floatText(tensor.values()[0]);
            }
        }
        return floatText(node.floatAttribute(attribute, fallback));
    }

    private static String floatText(float value) {
        return Float.toString(value);
    }

    static List<Integer> slice(Shape shape, int count) {
        int[] dims = shape.dims();
        if (dims.length >= 2) {
            dims[1] = count;
        }
        return Arrays.stream(dims).boxed().toList();
    }

    static List<Integer> dims(Shape shape) {
        return Arrays.stream(shape.dims()).boxed().toList();
    }

    private static List<Integer> ints(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static int[] filled(int length, int value) {
        int[] result = new int[length];
        Arrays.fill(result, value);
        return result;
    }
}
