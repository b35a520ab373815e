package io.github.cimflow.onnx;

import static io.github.cimflow.onnx.TestModels.in;
import static io.github.cimflow.onnx.TestModels.intAttr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.github.cimflow.CimflowException;
import io.github.cimflow.onnx.proto.OnnxProto.ModelProto;
import io.github.cimflow.onnx.proto.OnnxProto.OperatorSetIdProto;
import io.github.cimflow.onnx.proto.OnnxProto.StringStringEntryProto;
import io.github.cimflow.onnx.proto.OnnxProto.TensorProto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input gets one clear error naming the file, the node or field, and the value. */
class OnnxImporterErrorTest {
    @TempDir
    Path folder;

    private CimflowException loadFails(Path file, int[] inputShape) {
        return assertThrows(CimflowException.class, () -> OnnxImporter.load(file, inputShape));
    }

    /** A valid one-Conv model: input [1, 3, 8, 8], weight [4, 3, 3, 3]. */
    private TestModels convModel() {
        return TestModels.graph().input("x", 1, 3, 8, 8).weight("w", 4, 3, 3, 3)
                .node("Conv", "y", in("x", "w")).output("y", 1, 4, 6, 6);
    }

    @Test
    void missingFile() {
        Path file = folder.resolve("absent.onnx");
        CimflowException error = loadFails(file, null);
        assertEquals(file + ": file not found; check the path of the ONNX model", error.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        Path file = Files.write(folder.resolve("empty.onnx"), new byte[0]);
        CimflowException error = loadFails(file, null);
        assertEquals(file + ": the file is empty; export the model again with torch.onnx.export", error.getMessage());
    }

    @Test
    void notAProtobuf() throws IOException {
        Path file = Files.writeString(folder.resolve("text.onnx"), "this is not an ONNX model\n");
        CimflowException error = loadFails(file, null);
        assertTrue(error.getMessage().startsWith(file + ": not an ONNX protobuf file ("), error.getMessage());
        assertTrue(error.getMessage().endsWith("give the path of an .onnx model exported by torch.onnx.export"),
                error.getMessage());
    }

    @Test
    void truncatedFile() throws IOException {
        byte[] bytes = convModel().build().toByteArray();
        Path file = Files.write(folder.resolve("cut.onnx"), Arrays.copyOf(bytes, bytes.length / 2));
        CimflowException error = loadFails(file, null);
        assertEquals(file + ": the file is truncated (" + bytes.length / 2 + " bytes, the protobuf data ends inside "
                + "a message); copy or export the model again", error.getMessage());
    }

    @Test
    void modelWithoutGraph() throws IOException {
        ModelProto model = ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13)).build();
        Path file = Files.write(folder.resolve("nograph.onnx"), model.toByteArray());
        CimflowException error = loadFails(file, null);
        assertEquals(file + ": the model has no graph (ModelProto field 'graph' is missing); export the model again "
                + "with torch.onnx.export", error.getMessage());
    }

    @Test
    void convWithMissingWeight() {
        Path file = TestModels.graph().input("x", 1, 3, 8, 8).node("Conv", "y", in("x", "conv.weight"))
                .output("y").write(folder, "noweight.onnx");
        CimflowException error = loadFails(file, null);
        assertEquals(file + ": node 'y' (Conv): input 'conv.weight' is not produced by any node and is neither an "
                + "initializer nor a graph input; export the model again with its weights or declare it as a graph "
                + "input", error.getMessage());
    }

    @Test
    void convWithoutWeightInput() {
        Path file = TestModels.graph().input("x", 1, 3, 8, 8).node("Conv", "y", in("x")).output("y")
                .write(folder, "noweightinput.onnx");
        CimflowException error = loadFails(file, null);
        assertEquals(file + ": node 'y' (Conv): the weight W (input 1) is missing; a Conv needs X, W and an optional "
                + "bias B", error.getMessage());
    }

    @Test
    void unsupportedOperatorListsSupported() {
        Path file = TestModels.graph().input("x", 1, 3, 8, 8).node("Tanh", "y", in("x")).output("y")
                .write(folder, "tanh.onnx");
        OutOfScopeException error = assertThrows(OutOfScopeException.class, () -> OnnxImporter.load(file, null));
        assertEquals(OutOfScopeException.Reason.UNSUPPORTED_OPERATOR, error.reason());
        assertEquals(file + ": node 'y' (Tanh): operator 'Tanh' is not supported; supported operators: Add, "
                + "AveragePool, BatchNormalization, Cast, Clip, Concat, Constant, Conv, Div, Dropout, Flatten, "
                + "Gather, Gemm, GlobalAveragePool, HardSigmoid, HardSwish, Identity, LeakyRelu, MatMul, MaxPool, "
                + "Mul, Pad, ReduceMean, Relu, Reshape, Shape, Sigmoid, Slice, Softmax, Split, Squeeze, Sub, "
                + "Transpose, Unsqueeze", error.getMessage());
    }

    @Test
    void customDomainOperatorRejected() throws IOException {
        ModelProto model = TestModels.graph().input("x", 1, 3, 8, 8).node("Relu", "y", in("x")).output("y").build();
        ModelProto.Builder custom = model.toBuilder();
        custom.getGraphBuilder().getNodeBuilder(0).setDomain("com.microsoft");
        Path file = Files.write(folder.resolve("custom.onnx"), custom.build().toByteArray());
        OutOfScopeException error = assertThrows(OutOfScopeException.class, () -> OnnxImporter.load(file, null));
        assertEquals(OutOfScopeException.Reason.UNSUPPORTED_OPERATOR, error.reason());
        assertTrue(error.getMessage().startsWith(file + ": node 'y' (Relu): operator domain 'com.microsoft' is not "
                + "supported; cimflow imports default-domain operators only: Add, "), error.getMessage());
    }

    @Test
    void addWithIncompatibleShapes() {
        Path file = TestModels.graph().input("a", 1, 64, 8, 8).input("b", 1, 32, 8, 8)
                .node("Add", "sum", in("a", "b")).output("sum").write(folder, "add.onnx");
        CimflowException error = loadFails(file, null);
        assertEquals(file + ": node 'sum' (Add): inputs 'a' [1, 64, 8, 8] and 'b' [1, 32, 8, 8] cannot be broadcast "
                + "(dimension 1 of the result: 64 vs 32); the two operands must have equal dimensions or 1 in each "
                + "position", error.getMessage());
    }

    @Test
    void concatWithIncompatibleShapes() {
        Path file = TestModels.graph().input("a", 1, 16, 8, 8).input("b", 1, 16, 4, 4)
                .node("Concat", "joined", in("a", "b"), intAttr("axis", 1)).output("joined")
                .write(folder, "concat.onnx");
        CimflowException error = loadFails(file, null);
        assertEquals(file + ": node 'joined' (Concat): inputs 'a' [1, 16, 8, 8] and 'b' [1, 16, 4, 4] differ in "
                + "dimension 2 (8 vs 4); Concat along axis 1 needs all other dimensions equal", error.getMessage());
    }

    @Test
    void zeroDimension() {
        Path file = TestModels.graph().input("x", 1, 3, 0, 8).node("Relu", "y", in("x")).output("y")
                .write(folder, "zero.onnx");
        OutOfScopeException error = assertThrows(OutOfScopeException.class, () -> OnnxImporter.load(file, null));
        assertEquals(file + ": graph input 'x': dimension 2 is 0; cimflow imports only tensors whose dimensions are "
                + "all positive", error.getMessage());
    }

    @Test
    void negativeDimension() {
        Path file = TestModels.graph().input("x", 1, 3, -8, 8).node("Relu", "y", in("x")).output("y")
                .write(folder, "negative.onnx");
        CimflowException error = loadFails(file, null);
        assertEquals(file + ": graph input 'x': dimension 2 is -8, but dimensions must be positive; fix the shape in "
                + "the model or give --input-shape", error.getMessage());
    }

    @Test
    void negativeInitializerDimension() {
        TensorProto weight = TensorProto.newBuilder().setName("w").setDataType(TestModels.FLOAT)
                .addDims(4).addDims(-3).addDims(3).addDims(3).build();
        Path file = TestModels.graph().input("x", 1, 3, 8, 8).initializer(weight)
                .node("Conv", "y", in("x", "w")).output("y").write(folder, "negweight.onnx");
        CimflowException error = loadFails(file, null);
        assertEquals(file + ": initializer 'w': dimension 1 is -3, but dimensions must be positive; fix the shape in "
                + "the model or give --input-shape", error.getMessage());
    }

    @Test
    void inputShapeOverrideOfWrongRank() {
        Path file = convModel().write(folder, "conv.onnx");
        CimflowException error = loadFails(file, new int[] {3, 8, 8});
        assertEquals(file + ": graph input 'x': --input-shape 3,8,8 has rank 3 but the model's input has rank 4 "
                + "[1, 3, 8, 8]; give 4 comma-separated dimensions", error.getMessage());
    }

    @Test
    void dynamicDimensionWithoutOverride() {
        Path file = TestModels.graph().input("x", "batch", 3, 8, 8).weight("w", 4, 3, 3, 3)
                .node("Conv", "y", in("x", "w")).output("y").write(folder, "dynamic.onnx");
        CimflowException error = loadFails(file, null);
        assertEquals(file + ": graph input 'x': dimension 0 ('batch') of [batch, 3, 8, 8] is dynamic; give a static "
                + "shape with --input-shape, for example --input-shape 1,3,8,8", error.getMessage());
    }

    @Test
    void externalDataEscapingFolder() throws IOException {
        Path modelFolder = Files.createDirectory(folder.resolve("model"));
        Files.write(folder.resolve("weights.bin"), new byte[4 * 3 * 3 * 3 * 4]);
        TensorProto weight = TensorProto.newBuilder().setName("w").setDataType(TestModels.FLOAT)
                .addDims(4).addDims(3).addDims(3).addDims(3)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("../weights.bin"))
                .build();
        Path file = TestModels.graph().input("x", 1, 3, 8, 8).initializer(weight)
                .node("Conv", "y", in("x", "w")).output("y").write(modelFolder, "escape.onnx");
        CimflowException error = loadFails(file, null);
        assertEquals(file + ": initializer 'w': external data location '../weights.bin' is outside the model folder "
                + modelFolder.toAbsolutePath().normalize() + "; move the data file into that folder and give its "
                + "location relative to the model", error.getMessage());
    }

    @Test
    void declaredShapeDisagreeing() {
        Path file = TestModels.graph().input("x", 1, 3, 8, 8).weight("w", 4, 3, 3, 3)
                .node("Conv", "y", in("x", "w")).output("y", 1, 4, 8, 8).write(folder, "declared.onnx");
        CimflowException error = loadFails(file, null);
        assertEquals(file + ": tensor 'y': the file declares shape [1, 4, 8, 8] but cimflow infers [1, 4, 6, 6]; the "
                + "model's value_info is inconsistent, export it again (or run onnx.shape_inference)",
                error.getMessage());
    }

    @Test
    void oneDimensionalConvolution() {
        Path file = TestModels.graph().input("x", 1, 3, 8).weight("w", 4, 3, 3)
                .node("Conv", "y", in("x", "w")).output("y").write(folder, "conv1d.onnx");
        OutOfScopeException error = assertThrows(OutOfScopeException.class, () -> OnnxImporter.load(file, null));
        assertEquals(OutOfScopeException.Reason.UNSUPPORTED_RANK, error.reason());
        assertEquals(file + ": node 'y' (Conv): input 'x' has shape [1, 3, 8], a 1-D convolution; cimflow imports "
                + "only 2-D convolution over NCHW inputs", error.getMessage());
    }

    @Test
    void reshapeTargetFromRuntimeInput() {
        Path file = TestModels.graph().input("x", 1, 3, 8, 8)
                .input("target", 2).node("Reshape", "y", in("x", "target")).output("y").write(folder, "reshape.onnx");
        OutOfScopeException error = assertThrows(OutOfScopeException.class, () -> OnnxImporter.load(file, null));
        assertEquals(OutOfScopeException.Reason.RUNTIME_SHAPE, error.reason());
        assertEquals(file + ": node 'y' (Reshape): input 1 'target' (target shape) is not a constant, so the output "
                + "shape depends on a run-time value; cimflow needs static shapes, so export the model with "
                + "constant target shape", error.getMessage());
    }

    @Test
    void rawDataOfWrongLength() {
        TensorProto weight = TensorProto.newBuilder().setName("w").setDataType(TestModels.FLOAT)
                .addDims(4).addDims(3).addDims(3).addDims(3)
                .setRawData(ByteString.copyFrom("short", StandardCharsets.US_ASCII)).build();
        Path file = TestModels.graph().input("x", 1, 3, 8, 8).initializer(weight)
                .node("Conv", "y", in("x", "w")).output("y").write(folder, "raw.onnx");
        CimflowException error = loadFails(file, null);
        assertEquals(file + ": initializer 'w': raw_data has 5 bytes but FLOAT dims [4, 3, 3, 3] need 432; export "
                + "the model again", error.getMessage());
    }
}
