package io.github.cimflow.cg;

import io.github.cimflow.model.Attribute;
import io.github.cimflow.model.DataType;
import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Model;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Shape;
import io.github.cimflow.model.Tensor;
import io.github.cimflow.model.TensorOrigin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small shape-inferred model graphs by hand, computing each output shape from its layer formula. */
final class TestGraphs {
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final List<String> inputs = new ArrayList<>();
    private int counter;

    TestGraphs input(String name, int... dims) {
        tensors.put(name, Tensor.withoutData(name, DataType.FLOAT, Shape.of(dims), TensorOrigin.GRAPH_INPUT));
        inputs.add(name);
        return this;
    }

    Shape shape(String tensor) {
        return tensors.get(tensor).shape();
    }

    String conv(String name, String in, int outChannels, int kernel, int stride, int pad) {
        return conv(name, in, outChannels, kernel, stride, pad, 1);
    }

    String conv(String name, String in, int outChannels, int kernel, int stride, int pad, int group) {
        Shape x = shape(in);
        int outH = (x.dim(2) + 2 * pad - kernel) / stride + 1;
        int outW = (x.dim(3) + 2 * pad - kernel) / stride + 1;
        String weight = weight(name + ".weight", outChannels, x.dim(1) / group, kernel, kernel);
        String bias = weight(name + ".bias", outChannels);
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        attributes.put("kernel_shape", Attribute.ofInts("kernel_shape", List.of((long) kernel, (long) kernel)));
        attributes.put("strides", Attribute.ofInts("strides", List.of((long) stride, (long) stride)));
        attributes.put("pads", Attribute.ofInts("pads", List.of((long) pad, (long) pad, (long) pad, (long) pad)));
        attributes.put("group", Attribute.ofInt("group", group));
        return node(name, "Conv", List.of(in, weight, bias), attributes, 1, outChannels, outH, outW);
    }

    String depthwise(String name, String in, int kernel, int stride, int pad) {
        return conv(name, in, shape(in).dim(1), kernel, stride, pad, shape(in).dim(1));
    }

    String relu(String name, String in) {
        return node(name, "Relu", List.of(in), Map.of(), shape(in).dims());
    }

    String add(String name, String a, String b) {
        return node(name, "Add", List.of(a, b), Map.of(), shape(a).dims());
    }

    String concat(String name, String... parts) {
        int[] dims = shape(parts[0]).dims();
        dims[1] = 0;
        for (String part : parts) {
            dims[1] += shape(part).dim(1);
        }
        return node(name, "Concat", List.of(parts), Map.of("axis", Attribute.ofInt("axis", 1)), dims);
    }

    String maxPool(String name, String in, int kernel, int stride, int pad) {
        Shape x = shape(in);
        int outH = (x.dim(2) + 2 * pad - kernel) / stride + 1;
        int outW = (x.dim(3) + 2 * pad - kernel) / stride + 1;
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        attributes.put("kernel_shape", Attribute.ofInts("kernel_shape", List.of((long) kernel, (long) kernel)));
        attributes.put("strides", Attribute.ofInts("strides", List.of((long) stride, (long) stride)));
        attributes.put("pads", Attribute.ofInts("pads", List.of((long) pad, (long) pad, (long) pad, (long) pad)));
        return node(name, "MaxPool", List.of(in), attributes, 1, x.dim(1), outH, outW);
    }

    String globalAveragePool(String name, String in) {
        return node(name, "GlobalAveragePool", List.of(in), Map.of(), 1, shape(in).dim(1), 1, 1);
    }

    String flatten(String name, String in) {
        Shape x = shape(in);
        return node(name, "Flatten", List.of(in), Map.of(), 1, (int) (x.elementCount() / x.dim(0)));
    }

    String gemm(String name, String in, int outChannels) {
        String weight = weight(name + ".weight", outChannels, shape(in).dim(1));
        String bias = weight(name + ".bias", outChannels);
        return node(name, "Gemm", List.of(in, weight, bias), Map.of("transB", Attribute.ofInt("transB", 1)),
                1, outChannels);
    }

    Model build(String modelName, String... outputs) {
        Graph graph = new Graph(nodes, tensors, inputs, List.of(outputs));
        return new Model(modelName, Path.of(modelName + ".onnx"), 13, "test", graph);
    }

    /** Builds the model with one extra node whose single output has the given shape. */
    Model buildWithNode(String modelName, Node extra, String output, int... outDims) {
        tensors.put(output, Tensor.withoutData(output, DataType.FLOAT, Shape.of(outDims), TensorOrigin.INTERMEDIATE));
        nodes.add(extra);
        return build(modelName, output);
    }

    private String weight(String name, int... dims) {
        tensors.put(name, Tensor.withoutData(name, DataType.FLOAT, Shape.of(dims), TensorOrigin.INITIALIZER));
        return name;
    }

    private String node(String name, String opType, List<String> in, Map<String, Attribute> attributes,
                        int... outDims) {
        String output = name + "_output_" + counter++;
        tensors.put(output, Tensor.withoutData(output, DataType.FLOAT, Shape.of(outDims), TensorOrigin.INTERMEDIATE));
        nodes.add(new Node(name, opType, in, List.of(output), attributes));
        return output;
    }

    /** A ResNet basic block: conv-relu-conv, plus the input or a strided 1×1 conv, then ReLU. */
    String basicBlock(String prefix, String in, int outChannels, int stride) {
        String a = relu(prefix + "/relu", conv(prefix + "/conv1/Conv", in, outChannels, 3, stride, 1));
        String b = conv(prefix + "/conv2/Conv", a, outChannels, 3, 1, 1);
        String shortcut = in;
        if (stride != 1 || shape(in).dim(1) != outChannels) {
            shortcut = conv(prefix + "/downsample/Conv", in, outChannels, 1, stride, 0);
        }
        return relu(prefix + "/relu_1", add(prefix + "/Add", b, shortcut));
    }

    /** CIFAR ResNet18 at 1×3×32×32: 3×3 stem without max pooling, four stages of two blocks, 512→10 FC. */
    static Model cifarResNet18() {
        TestGraphs g = new TestGraphs().input("input", 1, 3, 32, 32);
        String x = g.relu("/relu", g.conv("/conv1/Conv", "input", 64, 3, 1, 1));
        int[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; stage++) {
            for (int block = 0; block < 2; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                x = g.basicBlock("/layer" + (stage + 1) + "." + block, x, widths[stage], stride);
            }
        }
        String pooled = g.flatten("/Flatten", g.globalAveragePool("/GlobalAveragePool", x));
        return g.build("resnet18_cifar", g.gemm("/fc/Gemm", pooled, 10));
    }

    /** A three-layer perceptron 784→256→128→10 with ReLUs. */
    static Model mlp() {
        TestGraphs g = new TestGraphs().input("input", 1, 784);
        String x = g.relu("/relu1", g.gemm("/fc1/Gemm", "input", 256));
        x = g.relu("/relu2", g.gemm("/fc2/Gemm", x, 128));
        return g.build("mlp", g.gemm("/fc3/Gemm", x, 10));
    }

    /** conv-relu-pool-conv-relu-gap-flatten-fc on a 1×3×16×16 input. */
    static Model smallChain() {
        TestGraphs g = new TestGraphs().input("input", 1, 3, 16, 16);
        String x = g.relu("/relu1", g.conv("/conv1/Conv", "input", 32, 3, 1, 1));
        x = g.maxPool("/pool", x, 2, 2, 0);
        x = g.relu("/relu2", g.conv("/conv2/Conv", x, 64, 3, 1, 1));
        x = g.flatten("/flatten", g.globalAveragePool("/gap", x));
        return g.build("small_chain", g.gemm("/fc/Gemm", x, 10));
    }
}
