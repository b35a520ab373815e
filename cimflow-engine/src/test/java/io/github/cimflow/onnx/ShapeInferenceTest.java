package io.github.cimflow.onnx;

import static io.github.cimflow.onnx.TestModels.floatAttr;
import static io.github.cimflow.onnx.TestModels.in;
import static io.github.cimflow.onnx.TestModels.intAttr;
import static io.github.cimflow.onnx.TestModels.ints;
import static io.github.cimflow.onnx.TestModels.stringAttr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cimflow.CimflowException;
import io.github.cimflow.model.ConvGeometry;
import io.github.cimflow.model.Model;
import io.github.cimflow.model.Node;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shape rules, one operator form per test; every expected shape is computed by hand in the comment. */
class ShapeInferenceTest {
    @TempDir
    Path folder;

    private Model load(TestModels models) {
        return OnnxImporter.load(models.write(folder, "model.onnx"), null);
    }

    private static int[] shape(Model model, String tensor) {
        return model.graph().tensor(tensor).shape().dims();
    }

    @Test
    void convStridesAndPads() {
        // (10 + 1 + 1 - 3) / 2 + 1 = 5
        Model model = load(TestModels.graph().input("x", 1, 3, 10, 10).weight("w", 8, 3, 3, 3)
                .node("Conv", "y", in("x", "w"), ints("strides", 2, 2), ints("pads", 1, 1, 1, 1)).output("y"));
        assertArrayEquals(new int[] {1, 8, 5, 5}, shape(model, "y"));
    }

    @Test
    void convDilation() {
        // effective kernel (3 - 1) * 2 + 1 = 5, so 10 - 5 + 1 = 6
        Model model = load(TestModels.graph().input("x", 1, 3, 10, 10).weight("w", 8, 3, 3, 3)
                .node("Conv", "y", in("x", "w"), ints("dilations", 2, 2)).output("y"));
        assertArrayEquals(new int[] {1, 8, 6, 6}, shape(model, "y"));
    }

    @Test
    void convDepthwise() {
        // group 8 with one input channel per group; pad 1 keeps 7x7; MACs 8 * 7 * 7 * 3 * 3 = 3528
        Model model = load(TestModels.graph().input("x", 1, 8, 7, 7).weight("w", 8, 1, 3, 3)
                .node("Conv", "y", in("x", "w"), intAttr("group", 8), ints("pads", 1, 1, 1, 1)).output("y"));
        assertArrayEquals(new int[] {1, 8, 7, 7}, shape(model, "y"));
        ConvGeometry geometry = ConvGeometry.of(model.graph().nodes().get(0), model.graph());
        assertEquals(true, geometry.isDepthwise());
        assertEquals(3528, geometry.macs());
    }

    @Test
    void convGroupMismatch() {
        Path file = TestModels.graph().input("x", 1, 6, 7, 7).weight("w", 8, 4, 3, 3)
                .node("Conv", "y", in("x", "w"), intAttr("group", 2)).output("y").write(folder, "group.onnx");
        CimflowException error = assertThrows(CimflowException.class, () -> OnnxImporter.load(file, null));
        assertEquals(file + ": node 'y' (Conv): input 'x' [1, 6, 7, 7], weight 'w' [8, 4, 3, 3] and group 2 do not "
                + "fit: the input needs W[1] * group = 8 channels and Cout must divide by group", error.getMessage());
    }

    @Test
    void convSameUpperBecomesExplicitPads() {
        // ceil(7 / 2) = 4 outputs; total pad (4 - 1) * 2 + 4 - 7 = 3, the extra one at the end
        Model model = load(TestModels.graph().input("x", 1, 3, 7, 7).weight("w", 4, 3, 4, 4)
                .node("Conv", "y", in("x", "w"), ints("strides", 2, 2), stringAttr("auto_pad", "SAME_UPPER"))
                .output("y"));
        Node conv = model.graph().nodes().get(0);
        assertArrayEquals(new int[] {1, 4, 4, 4}, shape(model, "y"));
        assertArrayEquals(new int[] {1, 1, 2, 2}, conv.intsAttribute("pads", null));
        assertFalse(conv.attributes().containsKey("auto_pad"));
    }

    @Test
    void convSameLowerPutsExtraPadFirst() {
        Model model = load(TestModels.graph().input("x", 1, 3, 7, 7).weight("w", 4, 3, 4, 4)
                .node("Conv", "y", in("x", "w"), ints("strides", 2, 2), stringAttr("auto_pad", "SAME_LOWER"))
                .output("y"));
        assertArrayEquals(new int[] {2, 2, 1, 1}, model.graph().nodes().get(0).intsAttribute("pads", null));
    }

    @Test
    void maxPoolCeilMode() {
        // ceil((6 - 3) / 2) + 1 = 3; floor mode would give 2
        Model model = load(TestModels.graph().input("x", 1, 1, 6, 6)
                .node("MaxPool", "y", in("x"), ints("kernel_shape", 3, 3), ints("strides", 2, 2),
                        intAttr("ceil_mode", 1)).output("y"));
        assertArrayEquals(new int[] {1, 1, 3, 3}, shape(model, "y"));
    }

    @Test
    void maxPoolCeilModeDropsWindowInPadding() {
        // ceil((5 + 2 - 2) / 2) + 1 = 4, but window 4 would start at 6 >= 5 + 1 (inside the end pad): 3
        Model model = load(TestModels.graph().input("x", 1, 1, 5, 5)
                .node("MaxPool", "y", in("x"), ints("kernel_shape", 2, 2), ints("strides", 2, 2),
                        ints("pads", 1, 1, 1, 1), intAttr("ceil_mode", 1)).output("y"));
        assertArrayEquals(new int[] {1, 1, 3, 3}, shape(model, "y"));
    }

    @Test
    void averagePoolWithPads() {
        // (5 + 1 + 1 - 3) / 1 + 1 = 5
        Model model = load(TestModels.graph().input("x", 1, 2, 5, 5)
                .node("AveragePool", "y", in("x"), ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1),
                        intAttr("count_include_pad", 1)).output("y"));
        assertArrayEquals(new int[] {1, 2, 5, 5}, shape(model, "y"));
    }

    @Test
    void globalAveragePool() {
        Model model = load(TestModels.graph().input("x", 2, 16, 7, 7)
                .node("GlobalAveragePool", "y", in("x")).output("y"));
        assertArrayEquals(new int[] {2, 16, 1, 1}, shape(model, "y"));
    }

    @Test
    void gemmTransposedWeight() {
        // A [2, 512] times B^T with B [10, 512]: [2, 10]
        Model model = load(TestModels.graph().input("a", 2, 512).weight("b", 10, 512).weight("c", 10)
                .node("Gemm", "y", in("a", "b", "c"), intAttr("transB", 1), floatAttr("alpha", 1f)).output("y"));
        assertArrayEquals(new int[] {2, 10}, shape(model, "y"));
    }

    @Test
    void gemmTransposedInput() {
        // A^T with A [512, 2] is [2, 512]; times B [512, 10]: [2, 10]
        Model model = load(TestModels.graph().input("a", 512, 2).weight("b", 512, 10)
                .node("Gemm", "y", in("a", "b"), intAttr("transA", 1)).output("y"));
        assertArrayEquals(new int[] {2, 10}, shape(model, "y"));
    }

    @Test
    void matMulBroadcastsBatch() {
        // batch [2, 1] with [5] broadcasts to [2, 5]; [3, 4] x [4, 6] = [3, 6]
        Model model = load(TestModels.graph().input("a", 2, 1, 3, 4).input("b", 5, 4, 6)
                .node("MatMul", "y", in("a", "b")).output("y"));
        assertArrayEquals(new int[] {2, 5, 3, 6}, shape(model, "y"));
    }

    @Test
    void matMulVectorOperand() {
        // [4] is treated as [1, 4]; [1, 4] x [4, 6] = [1, 6], then the added dimension goes: [6]
        Model model = load(TestModels.graph().input("a", 4).input("b", 4, 6)
                .node("MatMul", "y", in("a", "b")).output("y"));
        assertArrayEquals(new int[] {6}, shape(model, "y"));
    }

    @Test
    void addBroadcastsChannelBias() {
        Model model = load(TestModels.graph().input("x", 1, 64, 8, 8).weight("bias", 64, 1, 1)
                .node("Add", "y", in("x", "bias")).output("y"));
        assertArrayEquals(new int[] {1, 64, 8, 8}, shape(model, "y"));
    }

    @Test
    void mulBroadcastsBothOperands() {
        Model model = load(TestModels.graph().input("a", 3, 1).input("b", 1, 4)
                .node("Mul", "y", in("a", "b")).output("y"));
        assertArrayEquals(new int[] {3, 4}, shape(model, "y"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Relu", "Sigmoid", "HardSigmoid", "HardSwish", "LeakyRelu", "Clip"})
    void unaryKeepsShape(String opType) {
        Model model = load(TestModels.graph().input("x", 1, 3, 5, 7).node(opType, "y", in("x")).output("y"));
        assertArrayEquals(new int[] {1, 3, 5, 7}, shape(model, "y"));
    }

    @Test
    void clipWithMinMaxInputs() {
        Model model = load(TestModels.graph().input("x", 1, 3, 5, 7).weight("low").weight("high")
                .node("Clip", "y", in("x", "low", "high")).output("y"));
        assertArrayEquals(new int[] {1, 3, 5, 7}, shape(model, "y"));
    }

    @Test
    void flattenAxes() {
        // axis 1: [2, 3*4*5]; axis 0: [1, 120]; axis -1: [2*3*4, 5]
        Model model = load(TestModels.graph().input("x", 2, 3, 4, 5)
                .node("Flatten", "a", in("x")).node("Flatten", "b", in("x"), intAttr("axis", 0))
                .node("Flatten", "c", in("x"), intAttr("axis", -1)).output("a").output("b").output("c"));
        assertArrayEquals(new int[] {2, 60}, shape(model, "a"));
        assertArrayEquals(new int[] {1, 120}, shape(model, "b"));
        assertArrayEquals(new int[] {24, 5}, shape(model, "c"));
    }

    @Test
    void reshapeZeroAndMinusOne() {
        // [0, -1]: keep 2, then 120 / 2 = 60.  [-1, 5, 0]: copy dim 2 (4), then 120 / 20 = 6
        Model model = load(TestModels.graph().input("x", 2, 3, 4, 5).int64Initializer("s1", 0, -1)
                .int64Initializer("s2", -1, 5, 0)
                .node("Reshape", "a", in("x", "s1")).node("Reshape", "b", in("x", "s2")).output("a").output("b"));
        assertArrayEquals(new int[] {2, 60}, shape(model, "a"));
        assertArrayEquals(new int[] {6, 5, 4}, shape(model, "b"));
    }

    @Test
    void reshapeElementCountMismatch() {
        Path file = TestModels.graph().input("x", 2, 3, 4, 5).int64Initializer("s", 7, -1, 3)
                .node("Reshape", "y", in("x", "s")).output("y").write(folder, "bad.onnx");
        CimflowException error = assertThrows(CimflowException.class, () -> OnnxImporter.load(file, null));
        assertEquals(file + ": node 'y' (Reshape): cannot reshape [2, 3, 4, 5] (120 elements) to [7, -1, 3] "
                + "(105 elements)", error.getMessage());
    }

    @Test
    void transposePermutation() {
        Model model = load(TestModels.graph().input("x", 1, 3, 4, 5)
                .node("Transpose", "a", in("x"), ints("perm", 0, 2, 3, 1)).node("Transpose", "b", in("x"))
                .output("a").output("b"));
        assertArrayEquals(new int[] {1, 4, 5, 3}, shape(model, "a"));
        assertArrayEquals(new int[] {5, 4, 3, 1}, shape(model, "b"));
    }

    @Test
    void concatNegativeAxis() {
        // axis -3 of rank 4 is axis 1: 16 + 32 = 48
        Model model = load(TestModels.graph().input("a", 1, 16, 8, 8).input("b", 1, 32, 8, 8)
                .node("Concat", "y", in("a", "b"), intAttr("axis", -3)).output("y"));
        assertArrayEquals(new int[] {1, 48, 8, 8}, shape(model, "y"));
    }

    @Test
    void splitSizesFromInput() {
        Model model = load(TestModels.graph().input("x", 1, 48, 8, 8).int64Initializer("sizes", 16, 32)
                .node("split", "Split", in("x", "sizes"), new String[] {"a", "b"}, intAttr("axis", 1))
                .output("a").output("b"));
        assertArrayEquals(new int[] {1, 16, 8, 8}, shape(model, "a"));
        assertArrayEquals(new int[] {1, 32, 8, 8}, shape(model, "b"));
    }

    @Test
    void splitEqualPartsAttributeForm() {
        Model model = load(TestModels.graph().opset(11).input("x", 1, 48, 8, 8)
                .node("split", "Split", in("x"), new String[] {"a", "b", "c"}, intAttr("axis", 1))
                .output("a").output("b").output("c"));
        assertArrayEquals(new int[] {1, 16, 8, 8}, shape(model, "c"));
    }

    @Test
    void sliceWithStep() {
        // axis 1 of length 10, start 2, end -1 (= 9), step 2: indices 2, 4, 6, 8
        Model model = load(TestModels.graph().input("x", 1, 10, 8, 8).int64Initializer("starts", 2)
                .int64Initializer("ends", -1).int64Initializer("axes", 1).int64Initializer("steps", 2)
                .node("Slice", "y", in("x", "starts", "ends", "axes", "steps")).output("y"));
        assertArrayEquals(new int[] {1, 4, 8, 8}, shape(model, "y"));
    }

    @Test
    void sliceNegativeStepClampsEnd() {
        // start -1 (= 9), end far below 0 clamps to -1, step -3: indices 9, 6, 3, 0
        Model model = load(TestModels.graph().input("x", 1, 10, 8, 8).int64Initializer("starts", -1)
                .int64Initializer("ends", Long.MIN_VALUE).int64Initializer("axes", 1).int64Initializer("steps", -3)
                .node("Slice", "y", in("x", "starts", "ends", "axes", "steps")).output("y"));
        assertArrayEquals(new int[] {1, 4, 8, 8}, shape(model, "y"));
    }

    @Test
    void sliceAttributeFormOpset9() {
        Model model = load(TestModels.graph().opset(9).input("x", 1, 10, 8, 8)
                .node("Slice", "y", in("x"), ints("starts", 0, 1), ints("ends", 1, 1000), ints("axes", 0, 2))
                .output("y"));
        assertArrayEquals(new int[] {1, 10, 7, 8}, shape(model, "y"));
    }

    @Test
    void squeezeAllOnesOrListedAxes() {
        Model model = load(TestModels.graph().input("x", 1, 3, 1, 5).int64Initializer("axes", 2)
                .node("Squeeze", "a", in("x")).node("Squeeze", "b", in("x", "axes")).output("a").output("b"));
        assertArrayEquals(new int[] {3, 5}, shape(model, "a"));
        assertArrayEquals(new int[] {1, 3, 5}, shape(model, "b"));
    }

    @Test
    void squeezeOfLongAxisRejected() {
        Path file = TestModels.graph().opset(11).input("x", 1, 3, 1, 5)
                .node("Squeeze", "y", in("x"), ints("axes", 1)).output("y").write(folder, "squeeze.onnx");
        CimflowException error = assertThrows(CimflowException.class, () -> OnnxImporter.load(file, null));
        assertEquals(file + ": node 'y' (Squeeze): cannot squeeze axis 1 of [1, 3, 1, 5] because its length is not 1",
                error.getMessage());
    }

    @Test
    void unsqueezeAttributeAndInputForms() {
        // output rank 4 with ones at positions 0 and 3: [1, 3, 5, 1]
        Model attributeForm = load(TestModels.graph().opset(11).input("x", 3, 5)
                .node("Unsqueeze", "y", in("x"), ints("axes", 0, 3)).output("y"));
        Model inputForm = load(TestModels.graph().input("x", 3, 5).int64Initializer("axes", 3, 0)
                .node("Unsqueeze", "y", in("x", "axes")).output("y"));
        assertArrayEquals(new int[] {1, 3, 5, 1}, shape(attributeForm, "y"));
        assertArrayEquals(new int[] {1, 3, 5, 1}, shape(inputForm, "y"));
    }

    @Test
    void padInputForm() {
        // H: 8 + 1 + 3 = 12, W: 8 + 2 + 4 = 14
        Model model = load(TestModels.graph().input("x", 1, 3, 8, 8).int64Initializer("pads", 0, 0, 1, 2, 0, 0, 3, 4)
                .node("Pad", "y", in("x", "pads")).output("y"));
        assertArrayEquals(new int[] {1, 3, 12, 14}, shape(model, "y"));
    }

    @Test
    void padAttributeFormOpset2() {
        Model model = load(TestModels.graph().opset(2).input("x", 1, 3, 8, 8)
                .node("Pad", "y", in("x"), ints("pads", 0, 0, 1, 1, 0, 0, 1, 1)).output("y"));
        assertArrayEquals(new int[] {1, 3, 10, 10}, shape(model, "y"));
    }

    @Test
    void softmaxAxisOutOfRange() {
        Path file = TestModels.graph().input("x", 2, 10).node("Softmax", "y", in("x"), intAttr("axis", 2))
                .output("y").write(folder, "softmax.onnx");
        CimflowException error = assertThrows(CimflowException.class, () -> OnnxImporter.load(file, null));
        assertEquals(file + ": node 'y' (Softmax): attribute 'axis' 2 is outside the valid range [-2, 1] for rank 2",
                error.getMessage());
    }

    @Test
    void softmaxKeepsShape() {
        Model model = load(TestModels.graph().input("x", 2, 10).node("Softmax", "y", in("x")).output("y"));
        assertArrayEquals(new int[] {2, 10}, shape(model, "y"));
    }

    @Test
    void reduceMeanKeepDims() {
        Model model = load(TestModels.graph().input("x", 1, 64, 7, 7)
                .node("ReduceMean", "a", in("x"), ints("axes", 2, 3))
                .node("ReduceMean", "b", in("x"), ints("axes", -1, -2), intAttr("keepdims", 0))
                .output("a").output("b"));
        assertArrayEquals(new int[] {1, 64, 1, 1}, shape(model, "a"));
        assertArrayEquals(new int[] {1, 64}, shape(model, "b"));
    }

    @Test
    void batchNormalizationWithoutConvStays() {
        Model model = load(TestModels.graph().input("x", 1, 4, 5, 5).weight("g", 4).weight("b", 4).weight("m", 4)
                .weight("v", 4).node("BatchNormalization", "y", in("x", "g", "b", "m", "v")).output("y"));
        assertEquals("BatchNormalization", model.graph().nodes().get(0).opType());
        assertArrayEquals(new int[] {1, 4, 5, 5}, shape(model, "y"));
    }

    @Test
    void gatherTakesIndexShape() {
        // data [5, 4, 3] gathered on axis 1 with indices [2, 2]: [5, 2, 2, 3]
        Model model = load(TestModels.graph().input("x", 5, 4, 3).input("i", 2, 2)
                .node("Gather", "y", in("x", "i"), intAttr("axis", 1)).output("y"));
        assertArrayEquals(new int[] {5, 2, 2, 3}, shape(model, "y"));
    }

    @Test
    void inputShapeOverride() {
        // (16 - 3) + 1 = 14
        Model model = OnnxImporter.load(TestModels.graph().input("x", 1, 3, 8, 8).weight("w", 4, 3, 3, 3)
                .node("Conv", "y", in("x", "w")).output("y", 1, 4, 6, 6).write(folder, "m.onnx"), new int[] {2, 3, 16, 16});
        assertArrayEquals(new int[] {2, 3, 16, 16}, shape(model, "x"));
        assertArrayEquals(new int[] {2, 4, 14, 14}, shape(model, "y"));
    }
}
