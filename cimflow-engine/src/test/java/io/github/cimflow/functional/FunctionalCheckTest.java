package io.github.cimflow.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.hw.ArchParams;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole compiled models in data mode against the reference executor, each at the
 * default configuration and at a small one, with every layer output traced.
 */
class FunctionalCheckTest {
    static Stream<ArchParams> configurations() {
        return Stream.of(new ArchParams(8, 16, 16, 64), new ArchParams(4, 8, 8, 16));
    }

    private static void assertBitExact(FunctionalResult result) {
        assertNull(result.mismatch(), () -> result.mismatch().describe());
        assertTrue(result.layerSlices() > 0, "no layer output slice was compared");
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void oneConvIsBitExact(ArchParams arch) {
        FunctionalResult result = FunctionalModels.of("one_conv", arch, 1).check(true);
        assertBitExact(result);
        assertEquals(8 * 8 * 8, result.outputElements());
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void convReluPoolIsBitExact(ArchParams arch) {
        FunctionalResult result = FunctionalModels.of("conv_relu_pool", arch, 1).check(true);
        assertBitExact(result);
        assertEquals(8 * 4 * 4, result.outputElements());
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void residualBlocksAreBitExact(ArchParams arch) {
        FunctionalResult result = FunctionalModels.of("residual_blocks", arch, 1).check(true);
        assertBitExact(result);
        assertEquals(32 * 4 * 4, result.outputElements());
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void depthwiseSeparableIsBitExact(ArchParams arch) {
        FunctionalResult result = FunctionalModels.of("depthwise_separable", arch, 1).check(true);
        assertBitExact(result);
        assertEquals(32 * 4 * 4, result.outputElements());
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void fullyConnectedHeadIsBitExact(ArchParams arch) {
        FunctionalResult result = FunctionalModels.of("fc_head", arch, 1).check(true);
        assertBitExact(result);
        assertEquals(10, result.outputElements());
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void trainedTinyNetIsBitExact(ArchParams arch) {
        FunctionalModels models = new FunctionalModels(FunctionalModels.EXAMPLES.resolve("tinynet_trained.onnx"), arch,
                1, null);
        FunctionalResult result = models.check(true);
        assertBitExact(result);
        assertEquals(4, result.outputElements());
    }

    @Test
    void layersSplitOverStagesAreBitExact() {
        FunctionalModels models = FunctionalModels.of("wide_convs", new ArchParams(4, 2, 8, 4), 1);
        CgSplits splits = CgSplits.of(models.cg);
        assertTrue(splits.stages() > 1, "stages: " + splits.stages());
        assertTrue(splits.outputSplits() > 0, "no layer is split by output channels");
        assertTrue(splits.reductionSplits() > 0, "no layer is split by input channels");
        assertTrue(splits.partialSumAdds() > 0, "no partial-sum add");
        assertBitExact(models.check(true));
    }

    @Test
    void layersSplitInOneStageAreBitExact() {
        FunctionalModels models = FunctionalModels.of("wide_convs", new ArchParams(4, 2, 8, 16), 1);
        CgSplits splits = CgSplits.of(models.cg);
        assertTrue(splits.outputSplits() > 0, "no layer is split by output channels");
        assertTrue(splits.partialSumAdds() > 0, "no partial-sum add");
        assertBitExact(models.check(true));
    }

    @Test
    void cifarResNet18IsBitExact() {
        FunctionalModels models = new FunctionalModels(FunctionalModels.EXAMPLES.resolve("resnet18_cifar.onnx"),
                new ArchParams(8, 16, 16, 64), 1, null);
        CgSplits splits = CgSplits.of(models.cg);
        assertTrue(splits.outputSplits() > 0, "no layer is split by output channels");
        FunctionalResult result = models.check(true);
        assertBitExact(result);
        assertEquals(10, result.outputElements());
    }

    /** Sigmoid tables, the squeeze-and-excitation multiply and 5×5 depthwise layers. */
    @Test
    void efficientNetB0IsBitExact() {
        assertExampleBitExact("efficientnet_b0_32.onnx");
    }

    /** ReLU6 clips, inverted residuals and depthwise layers with stride 2. */
    @Test
    void mobileNetV2IsBitExact() {
        assertExampleBitExact("mobilenet_v2_32.onnx");
    }

    /** Channel concatenation of the inception branches and 1×1 reductions. */
    @Test
    void googLeNetIsBitExact() {
        assertExampleBitExact("googlenet_32.onnx");
    }

    private static void assertExampleBitExact(String file) {
        FunctionalModels models = new FunctionalModels(FunctionalModels.EXAMPLES.resolve(file),
                new ArchParams(8, 16, 16, 64), 1, null);
        FunctionalResult result = models.check(true);
        assertBitExact(result);
        assertEquals(1000, result.outputElements(), "ImageNet head of " + file);
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void batchOfTwoImagesIsBitExact(ArchParams arch) {
        FunctionalResult result = FunctionalModels.of("residual_blocks", arch, 2).check(true);
        assertBitExact(result);
        assertEquals(2 * 32 * 4 * 4, result.outputElements());
    }
}
