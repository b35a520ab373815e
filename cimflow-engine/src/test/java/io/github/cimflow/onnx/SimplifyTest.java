package io.github.cimflow.onnx;

import static io.github.cimflow.onnx.TestModels.floatAttr;
import static io.github.cimflow.onnx.TestModels.in;
import static io.github.cimflow.onnx.TestModels.intAttr;
import static io.github.cimflow.onnx.TestModels.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.ByteString;
import io.github.cimflow.model.Model;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Tensor;
import io.github.cimflow.model.TensorOrigin;
import io.github.cimflow.onnx.proto.OnnxProto.StringStringEntryProto;
import io.github.cimflow.onnx.proto.OnnxProto.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Graph simplification and weight loading: what the importer removes, folds and records. */
class SimplifyTest {
    @TempDir
    Path folder;

    private Model load(TestModels models) {
        return OnnxImporter.load(models.write(folder, "model.onnx"), null);
    }

    private static List<String> opTypes(Model model) {
        return model.graph().nodes().stream().map(Node::opType).toList();
    }

    @Test
    void flattenShapeArithmeticFolds() {
        // PyTorch's x.view(x.size(0), -1): Shape -> Gather(0) -> Unsqueeze -> Concat(-1) -> Reshape
        Model model = load(TestModels.graph().input("x", 2, 16, 4, 4).int64Initializer("zero", 0)
                .int64Scalar("index", 0).int64Initializer("minusOne", -1)
                .node("Shape", "shape", in("x"))
                .node("Gather", "batch", in("shape", "index"), intAttr("axis", 0))
                .node("Unsqueeze", "batchVector", in("batch", "zero"))
                .node("Concat", "target", in("batchVector", "minusOne"), intAttr("axis", 0))
                .node("Reshape", "y", in("x", "target")).output("y"));
        assertEquals(List.of("Reshape"), opTypes(model));
        assertArrayEquals(new int[] {2, 256}, model.graph().tensor("y").shape().dims());
        assertArrayEquals(new long[] {2, -1}, model.graph().tensor("target").longValues());
    }

    @Test
    void arithmeticOnShapesFolds() {
        // channels 16 / 4 = 4 groups, cast to float and back: target [2, 4, 64]
        Model model = load(TestModels.graph().input("x", 2, 16, 4, 4).int64Initializer("one", 1)
                .int64Initializer("two", 2).int64Initializer("rest", 64).int64Initializer("zero", 0)
                .int64Scalar("index", 0).int64Scalar("four", 4)
                .node("Shape", "shape", in("x"))
                .node("Slice", "channels", in("shape", "one", "two", "zero"))
                .node("Gather", "c", in("channels", "index"))
                .node("Div", "groups", in("c", "four"))
                .node("Cast", "groupsFloat", in("groups"), intAttr("to", TestModels.FLOAT))
                .node("Cast", "groupsInt", in("groupsFloat"), intAttr("to", TestModels.INT64))
                .node("Sub", "batch", in("groupsInt", "four")) // 4 - 4 = 0, Reshape copies dim 0
                .node("Unsqueeze", "b", in("batch", "zero"))
                .node("Unsqueeze", "g", in("groupsInt", "zero"))
                .node("Concat", "target", in("b", "g", "rest"), intAttr("axis", 0))
                .node("Reshape", "y", in("x", "target")).output("y"));
        assertEquals(List.of("Reshape"), opTypes(model));
        assertArrayEquals(new int[] {2, 4, 64}, model.graph().tensor("y").shape().dims());
    }

    @Test
    void identityAndDropoutBypassed() {
        Model model = load(TestModels.graph().input("x", 1, 3, 8, 8).weight("w", 4, 3, 3, 3)
                .node("Identity", "sharedWeight", in("w"))
                .node("Conv", "c", in("x", "sharedWeight"))
                .node("Dropout", "d", in("c"), floatAttr("ratio", 0.5f))
                .node("Relu", "y", in("d")).output("y"));
        assertEquals(List.of("Conv", "Relu"), opTypes(model));
        assertEquals(List.of("x", "w"), model.graph().nodes().get(0).inputs());
        assertEquals(List.of("c"), model.graph().nodes().get(1).inputs());
    }

    @Test
    void deadEndsRemoved() {
        Model model = load(TestModels.graph().input("x", 1, 3, 8, 8)
                .node("Relu", "y", in("x")).node("Sigmoid", "unused", in("x")).output("y"));
        assertEquals(List.of("Relu"), opTypes(model));
        assertEquals(false, model.graph().tensors().containsKey("unused"));
    }

    @Test
    void batchNormalizationFoldsExactly() {
        // scale = gamma / sqrt(var + eps) = [4 / sqrt(3 + 1), 1.5 / sqrt(8 + 1)] = [2, 0.5]
        // W' = [1 * 2, 2 * 0.5] = [2, 1]; b' = [(0.5 - 0.5) * 2 + 1, (-1 - 1) * 0.5 + 0] = [1, -1]
        Model model = load(TestModels.graph().input("x", 1, 1, 4, 4)
                .floatInitializer("w", new long[] {2, 1, 1, 1}, 1f, 2f).floatInitializer("b", new long[] {2}, 0.5f, -1f)
                .floatInitializer("gamma", new long[] {2}, 4f, 1.5f).floatInitializer("beta", new long[] {2}, 1f, 0f)
                .floatInitializer("mean", new long[] {2}, 0.5f, 1f).floatInitializer("var", new long[] {2}, 3f, 8f)
                .node("Conv", "c", in("x", "w", "b"))
                .node("bn", "BatchNormalization", in("c", "gamma", "beta", "mean", "var"), new String[] {"y"},
                        floatAttr("epsilon", 1f))
                .output("y"));
        assertEquals(List.of("Conv"), opTypes(model));
        Node conv = model.graph().nodes().get(0);
        assertEquals(List.of("y"), conv.outputs());
        assertArrayEquals(new float[] {2f, 1f}, model.graph().tensor(conv.inputs().get(1)).values());
        assertArrayEquals(new float[] {1f, -1f}, model.graph().tensor(conv.inputs().get(2)).values());
    }

    @Test
    void batchNormalizationFoldsShapeOnlyWithoutData() {
        // export_params=False: the weights are graph inputs without data
        Model model = load(TestModels.graph().input("x", 1, 3, 8, 8).input("w", 4, 3, 3, 3).input("gamma", 4)
                .input("beta", 4).input("mean", 4).input("var", 4)
                .node("Conv", "c", in("x", "w"))
                .node("BatchNormalization", "y", in("c", "gamma", "beta", "mean", "var")).output("y"));
        assertEquals(List.of("Conv"), opTypes(model));
        Node conv = model.graph().nodes().get(0);
        Tensor foldedWeight = model.graph().tensor(conv.inputs().get(1));
        Tensor foldedBias = model.graph().tensor(conv.inputs().get(2));
        assertEquals(TensorOrigin.WEIGHT_WITHOUT_DATA, foldedWeight.origin());
        assertNull(foldedWeight.values());
        assertArrayEquals(new int[] {4, 3, 3, 3}, foldedWeight.shape().dims());
        assertArrayEquals(new int[] {4}, foldedBias.shape().dims());
    }

    @Test
    void weightsWithoutDataAreNotGraphInputs() {
        Model model = load(TestModels.graph().input("x", 1, 3, 8, 8).input("w", 4, 3, 3, 3).input("bias", 4)
                .node("Conv", "y", in("x", "w", "bias")).output("y"));
        assertEquals(List.of("x"), model.graph().inputs());
        assertEquals(TensorOrigin.WEIGHT_WITHOUT_DATA, model.graph().tensor("w").origin());
        assertEquals(false, model.graph().tensor("w").hasData());
    }

    @Test
    void rawDataInitializerDecoded() {
        ByteBuffer bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f);
        TensorProto weight = TensorProto.newBuilder().setName("w").setDataType(TestModels.FLOAT)
                .addDims(2).addDims(1).addDims(1).addDims(1).setRawData(ByteString.copyFrom(bytes.array())).build();
        Model model = load(TestModels.graph().input("x", 1, 1, 4, 4).initializer(weight)
                .node("Conv", "y", in("x", "w")).output("y"));
        assertEquals(TensorOrigin.INITIALIZER, model.graph().tensor("w").origin());
        assertArrayEquals(new float[] {1.5f, -2f}, model.graph().tensor("w").values());
    }

    @Test
    void externalDataInsideFolderDecoded() throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(9f).putFloat(9f).putFloat(0.25f).putFloat(4f);
        Files.createDirectory(folder.resolve("data"));
        Files.write(folder.resolve("data").resolve("weights.bin"), bytes.array());
        TensorProto weight = TensorProto.newBuilder().setName("w").setDataType(TestModels.FLOAT)
                .addDims(2).addDims(1).addDims(1).addDims(1).setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("data/weights.bin"))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue("8"))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue("8")).build();
        Model model = load(TestModels.graph().input("x", 1, 1, 4, 4).initializer(weight)
                .node("Conv", "y", in("x", "w")).output("y"));
        assertArrayEquals(new float[] {0.25f, 4f}, model.graph().tensor("w").values());
    }

    @Test
    void constantNodeFeedsReshape() {
        TensorProto target = TensorProto.newBuilder().setDataType(TestModels.INT64).addDims(2)
                .addInt64Data(1).addInt64Data(-1).build();
        Model model = load(TestModels.graph().input("x", 1, 3, 4, 4)
                .node("Constant", "target", in(), TestModels.tensorAttr("value", target))
                .node("Reshape", "y", in("x", "target")).output("y"));
        assertEquals(List.of("Reshape"), opTypes(model));
        assertEquals(TensorOrigin.CONSTANT, model.graph().tensor("target").origin());
        assertArrayEquals(new int[] {1, 48}, model.graph().tensor("y").shape().dims());
    }

    @Test
    void unnamedNodesGetOpTypeAndIndex() {
        Model model = load(TestModels.graph().input("x", 1, 3, 4, 4)
                .node(null, "Relu", in("x"), new String[] {"a"})
                .node(null, "MaxPool", in("a"), new String[] {"y"}, ints("kernel_shape", 2, 2))
                .output("y"));
        assertEquals(List.of("Relu_0", "MaxPool_1"), model.graph().nodes().stream().map(Node::name).toList());
    }

    @Test
    void unknownFieldsSkipped() throws IOException {
        // field 99 of ModelProto (length-delimited) and field 8 of NodeProto ('overload', IR version 10)
        // are not in cimflow's onnx.proto
        byte[] model = TestModels.graph().input("x", 1, 3, 4, 4).node("Relu", "y", in("x")).output("y").build()
                .toByteArray();
        com.google.protobuf.UnknownFieldSet extra = com.google.protobuf.UnknownFieldSet.newBuilder()
                .addField(99, com.google.protobuf.UnknownFieldSet.Field.newBuilder()
                        .addLengthDelimited(ByteString.copyFromUtf8("from a newer exporter")).build())
                .build();
        Path file = folder.resolve("newer.onnx");
        Files.write(file, ByteString.copyFrom(model).concat(extra.toByteString()).toByteArray());
        Model loaded = OnnxImporter.load(file, null);
        assertEquals(List.of("Relu"), opTypes(loaded));
        assertArrayEquals(new int[] {1, 3, 4, 4}, loaded.graph().tensor("y").shape().dims());
    }

    @Test
    void nodesInTopologicalOrder() {
        // the file lists the consumer first
        Model model = load(TestModels.graph().input("x", 1, 3, 4, 4)
                .node("Sigmoid", "y", in("a")).node("Relu", "a", in("x")).output("y"));
        assertEquals(List.of("Relu", "Sigmoid"), opTypes(model));
    }
}
