package io.github.cimflow.quant;

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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small hand-checkable models for the quantization and reference executor tests. */
public final class TestGraph {
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<String> inputs = new ArrayList<>();

    /** Adds the run-time input. */
    public TestGraph input(String name, int... dims) {
        tensors.put(name, Tensor.withoutData(name, DataType.FLOAT, Shape.of(dims), TensorOrigin.GRAPH_INPUT));
        inputs.add(name);
        return this;
    }

    /** Adds a weight or constant with values. */
    public TestGraph constant(String name, float[] values, int... dims) {
        tensors.put(name, new Tensor(name, DataType.FLOAT, Shape.of(dims), TensorOrigin.INITIALIZER, values, null));
        return this;
    }

    /** Adds a weight declared without data, as in a model exported with {@code export_params=False}. */
    public TestGraph weightWithoutData(String name, int... dims) {
        tensors.put(name, Tensor.withoutData(name, DataType.FLOAT, Shape.of(dims), TensorOrigin.WEIGHT_WITHOUT_DATA));
        return this;
    }

    /** Adds a node whose single output has the given shape. */
    public TestGraph node(String opType, List<String> nodeInputs, String output, int[] outDims, Attribute... attributes) {
        Map<String, Attribute> byName = new LinkedHashMap<>();
        for (Attribute attribute : attributes) {
            byName.put(attribute.name(), attribute);
        }
        tensors.put(output, Tensor.withoutData(output, DataType.FLOAT, Shape.of(outDims), TensorOrigin.INTERMEDIATE));
        nodes.add(new Node(output + "_node", opType, nodeInputs, List.of(output), byName));
        return this;
    }

    /** Builds the model; the graph output is the last node's output. */
    public Model build() {
        String output = nodes.get(nodes.size() - 1).outputs().get(0);
        return new Model("test", Path.of("test.onnx"), 13, "", new Graph(nodes, tensors, inputs, List.of(output)));
    }

    /** Creates an INTS attribute. */
    public static Attribute ints(String name, long... values) {
        return Attribute.ofInts(name, Arrays.stream(values).boxed().toList());
    }

    /** Returns the dimensions as an array, for the output shape of {@link #node}. */
    public static int[] dims(int... dims) {
        return dims;
    }
}
