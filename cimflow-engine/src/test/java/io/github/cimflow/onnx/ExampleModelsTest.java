package io.github.cimflow.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cimflow.model.Model;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.OperationCount;
import io.github.cimflow.model.TensorOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Loads the PyTorch exports under examples/models and checks output shapes and MACs against counts
 * worked out here from each network's layer table (MACs of a convolution: Cout·Hout·Wout·k·k·Cin/group).
 */
class ExampleModelsTest {
    private static final Path MODELS = Path.of("../examples/models");

    private static Model load(String fileName, int[] inputShape) {
        Path file = MODELS.resolve(fileName);
        assumeTrue(Files.exists(file), file + " is missing; run examples/models/export_models.py");
        return OnnxImporter.load(file, inputShape);
    }

    private static int[] outputShape(Model model) {
        return model.graph().tensor(model.graph().outputs().get(0)).shape().dims();
    }

    private static long convMacs(Model model) {
        OperationCount count = OperationCount.of(model);
        return count.nodes().stream().filter(node -> node.opType().equals("Conv"))
                .mapToLong(OperationCount.NodeCount::macs).sum();
    }

    /** MACs of a square convolution with square output: Cout·H·W·k·k·Cin/group. */
    private static long conv(long inChannels, long outChannels, long kernel, long outSize, long group) {
        return outChannels * outSize * outSize * kernel * kernel * inChannels / group;
    }

    private static long conv(long inChannels, long outChannels, long kernel, long outSize) {
        return conv(inChannels, outChannels, kernel, outSize, 1);
    }

    /** Output size of a 3x3, pad 1 convolution or of a 1x1, pad 0 one with the given stride. */
    private static long strided(long size, long stride) {
        return (size - 1) / stride + 1;
    }

    /** Four stages of two basic blocks (64, 128, 256, 512 channels), entered at the given size. */
    private static long basicBlockStages(long size) {
        long macs = 0;
        long in = 64;
        for (long width : new long[] {64, 128, 256, 512}) {
            long stride = width == 64 ? 1 : 2;
            long out = strided(size, stride);
            macs += conv(in, width, 3, out) + conv(width, width, 3, out);
            if (stride != 1) {
                macs += conv(in, width, 1, out);
            }
            macs += 2 * conv(width, width, 3, out);
            in = width;
            size = out;
        }
        return macs;
    }

    /** torchvision ResNet50: bottlenecks of 3, 4, 6, 3 blocks, stride on the 3x3 conv, expansion 4. */
    private static long bottleneckStages(long size) {
        long macs = 0;
        long in = 64;
        long[] widths = {64, 128, 256, 512};
        int[] blocks = {3, 4, 6, 3};
        for (int stage = 0; stage < 4; stage++) {
            long width = widths[stage];
            for (int block = 0; block < blocks[stage]; block++) {
                long stride = block == 0 && stage > 0 ? 2 : 1;
                long out = strided(size, stride);
                macs += conv(in, width, 1, size) + conv(width, width, 3, out) + conv(width, 4 * width, 1, out);
                if (block == 0) {
                    macs += conv(in, 4 * width, 1, out);
                }
                in = 4 * width;
                size = out;
            }
        }
        return macs;
    }

    /** The torchvision stem: 7x7 stride 2 convolution, then 3x3 stride 2 max pool; returns the pooled size. */
    private static long stemPooledSize(long input) {
        long conv = (input + 6 - 7) / 2 + 1;
        return (conv + 2 - 3) / 2 + 1;
    }

    @Test
    void cifarResNet18MatchesReference() {
        // stem 3x3 64 at 32x32, no max pool; the conv total is the one behind CIMFlow's op_count
        Model model = load("resnet18_cifar.onnx", null);
        long expectedConv = conv(3, 64, 3, 32) + basicBlockStages(32);
        assertEquals(555_417_600L, expectedConv);
        assertEquals(expectedConv, convMacs(model));
        assertArrayEquals(new int[] {1, 10}, outputShape(model));
    }

    @Test
    void cifarResNet18Totals() {
        // conv weights 11,159,232, folded biases 4,800 (one per output channel), fc 512 * 10 + 10
        OperationCount count = OperationCount.of(load("resnet18_cifar.onnx", null));
        assertEquals(555_417_600L + 512 * 10, count.macs());
        assertEquals(1_110_845_440L, count.opCount());
        assertEquals(11_159_232L + 4_800 + 5_130, count.weightCount());
    }

    @Test
    void cifarResNet18OtherOpsets() {
        for (String file : new String[] {"resnet18_cifar_opset11.onnx", "resnet18_cifar_opset17.onnx"}) {
            Model model = load(file, null);
            assertEquals(555_417_600L, convMacs(model), file);
            assertArrayEquals(new int[] {1, 10}, outputShape(model), file);
        }
    }

    @Test
    void cifarResNet18BatchNormFolded() {
        Model model = load("resnet18_cifar_batchnorm.onnx", null);
        boolean anyBatchNorm = model.graph().nodes().stream().anyMatch(n -> n.opType().equals("BatchNormalization"));
        assertEquals(false, anyBatchNorm);
        assertEquals(555_417_600L, convMacs(model));
        assertEquals(11_159_232L + 4_800 + 5_130, OperationCount.of(model).weightCount());
    }

    @Test
    void cifarResNet18DynamicBatchOverride() {
        Model model = load("resnet18_cifar_dynamic_batch.onnx", new int[] {4, 3, 32, 32});
        OperationCount count = OperationCount.of(model);
        assertArrayEquals(new int[] {4, 10}, outputShape(model));
        assertEquals(4, count.batch());
        assertEquals(555_417_600L + 5_120, count.macs());
    }

    @Test
    void torchvisionResNet18() {
        long at224 = conv(3, 64, 7, 112) + basicBlockStages(stemPooledSize(224));
        long at32 = conv(3, 64, 7, 16) + basicBlockStages(stemPooledSize(32));
        assertEquals(1_813_561_344L, at224);
        assertEquals(at224, convMacs(load("resnet18_224.onnx", null)));
        assertEquals(at32, convMacs(load("resnet18_32.onnx", null)));
        assertArrayEquals(new int[] {1, 1000}, outputShape(load("resnet18_224.onnx", null)));
        assertEquals(at224 + 512 * 1000, OperationCount.of(load("resnet18_224.onnx", null)).macs());
    }

    @Test
    void torchvisionResNet50() {
        long at224 = conv(3, 64, 7, 112) + bottleneckStages(stemPooledSize(224));
        long at32 = conv(3, 64, 7, 16) + bottleneckStages(stemPooledSize(32));
        Model model = load("resnet50_224.onnx", null);
        assertEquals(at224, convMacs(model));
        assertEquals(at32, convMacs(load("resnet50_32.onnx", null)));
        assertArrayEquals(new int[] {1, 1000}, outputShape(model));
        assertEquals(at224 + 2048 * 1000, OperationCount.of(model).macs());
    }

    /** torchvision MobileNetV2: inverted residuals (expansion t, channels c, repeats n, stride s). */
    private static long mobileNetV2ConvMacs(long input) {
        long size = strided(input, 2);
        long macs = conv(3, 32, 3, size);
        long in = 32;
        int[][] settings = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1},
                {6, 160, 3, 2}, {6, 320, 1, 1}};
        for (int[] setting : settings) {
            for (int repeat = 0; repeat < setting[2]; repeat++) {
                long stride = repeat == 0 ? setting[3] : 1;
                long hidden = in * setting[0];
                long out = strided(size, stride);
                if (setting[0] != 1) {
                    macs += conv(in, hidden, 1, size);
                }
                macs += conv(hidden, hidden, 3, out, hidden) + conv(hidden, setting[1], 1, out);
                in = setting[1];
                size = out;
            }
        }
        return macs + conv(320, 1280, 1, size);
    }

    @Test
    void torchvisionMobileNetV2() {
        Model model = load("mobilenet_v2_224.onnx", null);
        assertEquals(mobileNetV2ConvMacs(224), convMacs(model));
        assertEquals(mobileNetV2ConvMacs(32), convMacs(load("mobilenet_v2_32.onnx", null)));
        assertArrayEquals(new int[] {1, 1000}, outputShape(model));
        assertEquals(mobileNetV2ConvMacs(224) + 1280 * 1000, OperationCount.of(model).macs());
    }

    /**
     * torchvision EfficientNet-B0: MBConv blocks (expansion, kernel, stride, output channels, repeats),
     * each with squeeze-excitation of max(1, Cin/4) channels on the pooled 1x1 map.
     */
    private static long efficientNetB0ConvMacs(long input) {
        long size = strided(input, 2);
        long macs = conv(3, 32, 3, size);
        long in = 32;
        int[][] settings = {{1, 3, 1, 16, 1}, {6, 3, 2, 24, 2}, {6, 5, 2, 40, 2}, {6, 3, 2, 80, 3},
                {6, 5, 1, 112, 3}, {6, 5, 2, 192, 4}, {6, 3, 1, 320, 1}};
        for (int[] setting : settings) {
            for (int repeat = 0; repeat < setting[4]; repeat++) {
                long stride = repeat == 0 ? setting[2] : 1;
                long hidden = in * setting[0];
                long out = strided(size, stride);
                long squeeze = Math.max(1, in / 4);
                if (setting[0] != 1) {
                    macs += conv(in, hidden, 1, size);
                }
                macs += conv(hidden, hidden, setting[1], out, hidden);
                macs += conv(hidden, squeeze, 1, 1) + conv(squeeze, hidden, 1, 1);
                macs += conv(hidden, setting[3], 1, out);
                in = setting[3];
                size = out;
            }
        }
        return macs + conv(320, 1280, 1, size);
    }

    @Test
    void torchvisionEfficientNetB0() {
        Model model = load("efficientnet_b0_224.onnx", null);
        assertEquals(efficientNetB0ConvMacs(224), convMacs(model));
        assertEquals(efficientNetB0ConvMacs(32), convMacs(load("efficientnet_b0_32.onnx", null)));
        assertArrayEquals(new int[] {1, 1000}, outputShape(model));
    }

    /** Max pool with ceil_mode and no padding, as torchvision's GoogLeNet uses between stages. */
    private static long ceilPool(long size, long kernel, long stride) {
        return (size - kernel + stride - 1) / stride + 1;
    }

    /** One Inception module: 1x1; 1x1 then 3x3; 1x1 then 3x3 (torchvision's); pool then 1x1. */
    private static long inception(long in, long size, long c1, long c3r, long c3, long c5r, long c5, long pool) {
        return conv(in, c1, 1, size) + conv(in, c3r, 1, size) + conv(c3r, c3, 3, size) + conv(in, c5r, 1, size)
                + conv(c5r, c5, 3, size) + conv(in, pool, 1, size);
    }

    private static long googLeNetConvMacs(long input) {
        long size = strided(input, 2);
        long macs = conv(3, 64, 7, size);
        size = ceilPool(size, 3, 2);
        macs += conv(64, 64, 1, size) + conv(64, 192, 3, size);
        size = ceilPool(size, 3, 2);
        macs += inception(192, size, 64, 96, 128, 16, 32, 32) + inception(256, size, 128, 128, 192, 32, 96, 64);
        size = ceilPool(size, 3, 2);
        macs += inception(480, size, 192, 96, 208, 16, 48, 64) + inception(512, size, 160, 112, 224, 24, 64, 64)
                + inception(512, size, 128, 128, 256, 24, 64, 64) + inception(512, size, 112, 144, 288, 32, 64, 64)
                + inception(528, size, 256, 160, 320, 32, 128, 128);
        size = ceilPool(size, 2, 2);
        return macs + inception(832, size, 256, 160, 320, 32, 128, 128)
                + inception(832, size, 384, 192, 384, 48, 128, 128);
    }

    @Test
    void efficientNetB0MatchesPyTorchHookCount() {
        // Counted by examples/models/count_macs.py: forward hooks on torchvision's efficientnet_b0 add
        // Cout·Hout·Wout·(Cin/group)·Kh·Kw per Conv2d and in·out per Linear (PyTorch 1.13).
        assertEquals(9_742_048L, OperationCount.of(load("efficientnet_b0_32.onnx", null)).macs());
        assertEquals(385_814_752L, OperationCount.of(load("efficientnet_b0_224.onnx", null)).macs());
    }

    @Test
    void torchvisionGoogLeNet() {
        Model model = load("googlenet_224.onnx", null);
        assertEquals(googLeNetConvMacs(224), convMacs(model));
        assertEquals(googLeNetConvMacs(32), convMacs(load("googlenet_32.onnx", null)));
        assertArrayEquals(new int[] {1, 1000}, outputShape(model));
    }

    @Test
    void tinyNetWithWeights() {
        // stem 8*16*16*27, block 8*16*16*72, down 16*8*8*72, depthwise 16*8*8*9, pointwise 16*8*8*16, head 16*4
        // The exporter already folded its BatchNormalization, so the weights are initializers with data.
        Model model = load("tinynet_trained.onnx", null);
        OperationCount count = OperationCount.of(model);
        assertEquals(55_296L + 147_456 + 73_728 + 9_216 + 16_384 + 64, count.macs());
        assertArrayEquals(new int[] {1, 4}, outputShape(model));
        // weights and folded biases: 216+8, 576+8, 1152+16, 144+16, 256+16, fc 64+4
        assertEquals(2_476L, count.weightCount());
        for (Node node : model.graph().nodes()) {
            if (node.opType().equals("Conv")) {
                assertTrue(model.graph().tensor(node.inputs().get(1)).hasData(), node.describe());
                assertEquals(TensorOrigin.INITIALIZER, model.graph().tensor(node.inputs().get(1)).origin());
            }
        }
    }
}
