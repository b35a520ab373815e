package io.github.cimflow.onnx;

import io.github.cimflow.onnx.proto.OnnxProto.AttributeProto;
import io.github.cimflow.onnx.proto.OnnxProto.GraphProto;
import io.github.cimflow.onnx.proto.OnnxProto.ModelProto;
import io.github.cimflow.onnx.proto.OnnxProto.NodeProto;
import io.github.cimflow.onnx.proto.OnnxProto.OperatorSetIdProto;
import io.github.cimflow.onnx.proto.OnnxProto.TensorProto;
import io.github.cimflow.onnx.proto.OnnxProto.TensorShapeProto;
import io.github.cimflow.onnx.proto.OnnxProto.TypeProto;
import io.github.cimflow.onnx.proto.OnnxProto.ValueInfoProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds small ONNX models for tests with the generated protobuf classes. */
final class TestModels {
    static final int FLOAT = 1;
    static final int INT64 = 7;

    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");
    private int opset = 13;

    static TestModels graph() {
        return new TestModels();
    }

    TestModels opset(int version) {
        opset = version;
        return this;
    }

    /** A float graph input; a dimension given as a string is dynamic (dim_param). */
    TestModels input(String name, Object... dims) {
        graph.addInput(valueInfo(name, FLOAT, dims));
        return this;
    }

    TestModels output(String name, Object... dims) {
        graph.addOutput(valueInfo(name, FLOAT, dims));
        return this;
    }

    /** A graph output without a declared shape. */
    TestModels output(String name) {
        graph.addOutput(ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(FLOAT))));
        return this;
    }

    TestModels valueInfo(String name, Object... dims) {
        graph.addValueInfo(valueInfo(name, FLOAT, dims));
        return this;
    }

    TestModels floatInitializer(String name, long[] dims, float... values) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(FLOAT);
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        for (float value : values) {
            tensor.addFloatData(value);
        }
        graph.addInitializer(tensor);
        return this;
    }

    TestModels int64Initializer(String name, long... values) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(INT64).addDims(values.length);
        for (long value : values) {
            tensor.addInt64Data(value);
        }
        graph.addInitializer(tensor);
        return this;
    }

    /** A rank-0 INT64 initializer, as PyTorch writes Gather indices. */
    TestModels int64Scalar(String name, long value) {
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(INT64).addInt64Data(value));
        return this;
    }

    TestModels initializer(TensorProto tensor) {
        graph.addInitializer(tensor);
        return this;
    }

    /** A float initializer filled with 0.5 (values do not matter for shapes). */
    TestModels weight(String name, long... dims) {
        long count = 1;
        for (long dim : dims) {
            count *= dim;
        }
        float[] values = new float[(int) count];
        java.util.Arrays.fill(values, 0.5f);
        return floatInitializer(name, dims, values);
    }

    TestModels node(String name, String opType, String[] inputs, String[] outputs, AttributeProto... attributes) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType);
        if (name != null) {
            node.setName(name);
        }
        for (String input : inputs) {
            node.addInput(input);
        }
        for (String output : outputs) {
            node.addOutput(output);
        }
        for (AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        graph.addNode(node);
        return this;
    }

    /** A node with one output, named like its output. */
    TestModels node(String opType, String output, String[] inputs, AttributeProto... attributes) {
        return node(output, opType, inputs, new String[] {output}, attributes);
    }

    ModelProto build() {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("cimflow-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph).build();
    }

    Path write(Path folder, String fileName) {
        Path file = folder.resolve(fileName);
        try {
            Files.write(file, build().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static String[] in(String... names) {
        return names;
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.INTS);
        for (long value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }

    static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto floatAttr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value)
                .build();
    }

    static AttributeProto stringAttr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(value)).build();
    }

    static AttributeProto tensorAttr(String name, TensorProto value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(value)
                .build();
    }

    static ValueInfoProto valueInfo(String name, int elementType, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object dim : dims) {
            if (dim instanceof String param) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(param));
            } else {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(((Number) dim).longValue()));
            }
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elementType).setShape(shape))).build();
    }
}
