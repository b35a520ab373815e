package io.github.cimflow.op;

import static io.github.cimflow.op.CgPrograms.ints;
import static io.github.cimflow.op.CgPrograms.op;
import static io.github.cimflow.op.CgPrograms.program;
import static io.github.cimflow.op.CgPrograms.stage;
import static io.github.cimflow.op.KernelHarness.clamp8;
import static io.github.cimflow.op.KernelHarness.randomFeature;
import static io.github.cimflow.op.KernelHarness.roundHalfUp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.cimflow.cg.CgOp;
import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwarePresets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Runs each kernel the OP compiler emits in the simulator's data mode and compares the result with
 * a direct computation on the NCHW tensors.
 */
class KernelDataModeTest {
    private static final ArchParams ONE_CORE = new ArchParams(8, 16, 16, 1);
    private static final ArchParams FOUR_CORES = new ArchParams(8, 16, 16, 4);

    private static CgOp readFeature(String tensor, int channelOffset, int... shape) {
        return op("read", "tensor_type", "feature", "tensor", tensor, "image", 0, "channel_offset", channelOffset,
                "shape", ints(shape));
    }

    private static CgOp write(String tensor, int... shape) {
        return op("write", "tensor_type", "feature", "tensor", tensor, "image", 0, "channel_offset", 0,
                "shape", ints(shape), "write_id", tensor + "0");
    }

    private static byte[][][][] randomWeights(Random random, int out, int in, int kh, int kw) {
        byte[][][][] w = new byte[out][in][kh][kw];
        for (byte[][][] o : w) {
            for (byte[][] i : o) {
                for (byte[] row : i) {
                    for (int x = 0; x < row.length; x++) {
                        row[x] = (byte) (random.nextInt(15) - 7);
                    }
                }
            }
        }
        return w;
    }

    /** Direct NCHW convolution over input channels [inFirst, inFirst + w[0].length), int32 sums. */
    private static long[][][] convolve(byte[][][] x, byte[][][][] w, int pad, int stride, int outH, int outW) {
        int kh = w[0][0].length;
        int kw = w[0][0][0].length;
        long[][][] sums = new long[w.length][outH][outW];
        for (int o = 0; o < w.length; o++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    long sum = 0;
                    for (int c = 0; c < w[o].length; c++) {
                        for (int dy = 0; dy < kh; dy++) {
                            for (int dx = 0; dx < kw; dx++) {
                                int y = oy * stride + dy - pad;
                                int xx = ox * stride + dx - pad;
                                if (y >= 0 && xx >= 0 && y < x[c].length && xx < x[c][0].length) {
                                    sum += x[c][y][xx] * w[o][c][dy][dx];
                                }
                            }
                        }
                    }
                    sums[o][oy][ox] = sum;
                }
            }
        }
        return sums;
    }

    private static byte[][][] quantize(long[][][] sums, int bias, int multiplier, int shift) {
        byte[][][] out = new byte[sums.length][sums[0].length][sums[0][0].length];
        for (int c = 0; c < sums.length; c++) {
            for (int y = 0; y < sums[c].length; y++) {
                for (int x = 0; x < sums[c][y].length; x++) {
                    out[c][y][x] = clamp8(roundHalfUp((sums[c][y][x] + bias) * multiplier, shift));
                }
            }
        }
        return out;
    }

    /** Weight of a dense layer by macro column and reduction index (kh·Kw + kw)·Cin + c. */
    private static int dense(byte[][][][] w, int column, int index) {
        int in = w[0].length;
        int kw = w[0][0][0].length;
        int tap = index / in;
        return w[column][index % in][tap / kw][tap % kw];
    }

    private static void assertFeature(byte[][][] expected, byte[][][] actual) {
        assertArrayEquals(flatten(expected), flatten(actual));
    }

    private static byte[] flatten(byte[][][] chw) {
        byte[] flat = new byte[chw.length * chw[0].length * chw[0][0].length];
        int i = 0;
        for (byte[][] plane : chw) {
            for (byte[] row : plane) {
                for (byte value : row) {
                    flat[i++] = value;
                }
            }
        }
        return flat;
    }

    @Test
    void convTileMatchesDirectConvolution() {
        Random random = new Random(1);
        byte[][][] x = randomFeature(random, 4, 5, 5);
        byte[][][][] w = randomWeights(random, 8, 4, 3, 3);
        CgProgram cg = program(ONE_CORE, List.of(List.of(stage(0,
                op("read", "tensor_type", "weight", "tensor", "w", "channel_offset", 0, "shape", ints(8, 4, 3, 3)),
                readFeature("x", 0, 1, 4, 5, 5),
                op("conv", "X_shape", ints(1, 4, 5, 5), "W_shape", ints(8, 4, 3, 3), "padding", ints(1, 1, 1, 1),
                        "strides", ints(2, 2), "input", "x", "output", "y", "image", 0, "weight", "w",
                        "channel_offset", 0),
                write("y", 1, 8, 3, 3)))));
        KernelHarness harness = new KernelHarness(cg, HardwarePresets.preset(ONE_CORE));
        harness.putFeature("x#0", x, 0);
        harness.putWeights("w out 0 in 0", (column, index) -> dense(w, column, index));
        harness.putQuantization("w out 0 in 0 quantization", 3, 1, 4, false);
        harness.run();
        assertFeature(quantize(convolve(x, w, 1, 2, 3, 3), 3, 1, 4), harness.getFeature("y#0"));
    }

    @Test
    void depthwiseConvMatchesDirectComputation() {
        Random random = new Random(2);
        byte[][][] x = randomFeature(random, 8, 5, 5);
        byte[][][][] w = randomWeights(random, 8, 1, 3, 3);
        CgProgram cg = program(ONE_CORE, List.of(List.of(stage(0,
                readFeature("x", 0, 1, 8, 5, 5),
                op("depthwise_conv", "X_shape", ints(1, 8, 5, 5), "W_shape", ints(8, 1, 3, 3), "group", 8,
                        "padding", ints(1, 1, 1, 1), "strides", ints(1, 1), "inputs", List.of("x"), "output", "y",
                        "image", 0, "weight", "dw", "channel_offset", 0),
                write("y", 1, 8, 5, 5)))));
        KernelHarness harness = new KernelHarness(cg, HardwarePresets.preset(ONE_CORE));
        harness.putFeature("x#0", x, 0);
        harness.putWeights("dw depthwise out 0", (column, index) -> index % 8 == column
                ? w[column][0][index / 8 / 3][index / 8 % 3] : 0);
        harness.putQuantization("dw depthwise out 0 quantization", 0, 1, 2, false);
        harness.run();
        long[][][] sums = new long[8][5][5];
        for (int c = 0; c < 8; c++) {
            byte[][][] plane = {x[c]};
            byte[][][][] kernel = {{w[c][0]}};
            sums[c] = convolve(plane, kernel, 1, 1, 5, 5)[0];
        }
        assertFeature(quantize(sums, 0, 1, 2), harness.getFeature("y#0"));
    }

    @Test
    void fullyConnectedMatchesDirectProduct() {
        Random random = new Random(3);
        byte[][][] x = randomFeature(random, 64, 1, 1);
        byte[][][][] w = randomWeights(random, 10, 64, 1, 1);
        CgProgram cg = program(ONE_CORE, List.of(List.of(stage(0,
                readFeature("x", 0, 1, 64),
                op("fc", "X_shape", ints(1, 64), "W_shape", ints(10, 64), "input", "x", "output", "y", "image", 0,
                        "weight", "w", "channel_offset", 0),
                write("y", 1, 10)))));
        KernelHarness harness = new KernelHarness(cg, HardwarePresets.preset(ONE_CORE));
        harness.putFeature("x#0", x, 0);
        harness.putWeights("w out 0 in 0", (column, index) -> w[column][index][0][0]);
        harness.putQuantization("w out 0 in 0 quantization", -5, 3, 6, false);
        harness.run();
        assertFeature(quantize(convolve(x, w, 0, 1, 1, 1), -5, 3, 6), harness.getFeature("y#0"));
    }

    @Test
    void maxPoolMatchesDirectMaximum() {
        Random random = new Random(4);
        byte[][][] x = randomFeature(random, 8, 6, 6);
        CgProgram cg = program(ONE_CORE, List.of(List.of(stage(0,
                readFeature("x", 0, 1, 8, 6, 6),
                op("maxpool", "X_shape", ints(1, 8, 6, 6), "kernel_shape", ints(3, 3), "strides", ints(2, 2),
                        "padding", ints(1, 1, 1, 1), "inputs", List.of("x"), "output", "y", "image", 0,
                        "channel_offset", 0),
                write("y", 1, 8, 3, 3)))));
        KernelHarness harness = new KernelHarness(cg, HardwarePresets.preset(ONE_CORE));
        harness.putFeature("x#0", x, 0);
        harness.run();
        byte[][][] expected = new byte[8][3][3];
        for (int c = 0; c < 8; c++) {
            for (int oy = 0; oy < 3; oy++) {
                for (int ox = 0; ox < 3; ox++) {
                    int max = Integer.MIN_VALUE;
                    for (int dy = 0; dy < 3; dy++) {
                        for (int dx = 0; dx < 3; dx++) {
                            int y = oy * 2 + dy - 1;
                            int xx = ox * 2 + dx - 1;
                            if (y >= 0 && xx >= 0 && y < 6 && xx < 6) {
                                max = Math.max(max, x[c][y][xx]);
                            }
                        }
                    }
                    expected[c][oy][ox] = (byte) max;
                }
            }
        }
        assertFeature(expected, harness.getFeature("y#0"));
    }

    @Test
    void maxPoolCeilModeClipsLastWindow() {
        Random random = new Random(11);
        byte[][][] x = randomFeature(random, 8, 6, 6);
        CgProgram cg = program(ONE_CORE, List.of(List.of(stage(0,
                readFeature("x", 0, 1, 8, 6, 6),
                op("maxpool", "X_shape", ints(1, 8, 6, 6), "Y_shape", ints(1, 8, 3, 3), "kernel_shape", ints(3, 3),
                        "strides", ints(2, 2), "padding", ints(0, 0, 0, 0), "inputs", List.of("x"), "output", "y",
                        "image", 0, "channel_offset", 0),
                write("y", 1, 8, 3, 3)))));
        KernelHarness harness = new KernelHarness(cg, HardwarePresets.preset(ONE_CORE));
        harness.putFeature("x#0", x, 0);
        harness.run();
        byte[][][] expected = new byte[8][3][3];
        for (int c = 0; c < 8; c++) {
            for (int oy = 0; oy < 3; oy++) {
                for (int ox = 0; ox < 3; ox++) {
                    int max = Integer.MIN_VALUE;
                    for (int y = 2 * oy; y < Math.min(6, 2 * oy + 3); y++) {
                        for (int xx = 2 * ox; xx < Math.min(6, 2 * ox + 3); xx++) {
                            max = Math.max(max, x[c][y][xx]);
                        }
                    }
                    expected[c][oy][ox] = (byte) max;
                }
            }
        }
        assertFeature(expected, harness.getFeature("y#0"));
    }

    @Test
    void concatPlacesInputsAlongChannels() {
        Random random = new Random(12);
        byte[][][] a = randomFeature(random, 4, 2, 2);
        byte[][][] b = randomFeature(random, 4, 2, 2);
        CgProgram cg = program(ONE_CORE, List.of(List.of(stage(0,
                readFeature("a", 0, 1, 4, 2, 2),
                readFeature("b", 0, 1, 4, 2, 2),
                op("concat", "axis", 1, "Y_shape", ints(1, 8, 2, 2), "inputs", List.of("a", "b"), "output", "y",
                        "image", 0, "channel_offset", 0),
                write("y", 1, 8, 2, 2)))));
        KernelHarness harness = new KernelHarness(cg, HardwarePresets.preset(ONE_CORE));
        harness.putFeature("a#0", a, 0);
        harness.putFeature("b#0", b, 0);
        harness.run();
        byte[][][] expected = new byte[8][][];
        System.arraycopy(a, 0, expected, 0, 4);
        System.arraycopy(b, 0, expected, 4, 4);
        assertFeature(expected, harness.getFeature("y#0"));
    }

    @Test
    void averagePoolMatchesDirectMean() {
        Random random = new Random(5);
        byte[][][] x = randomFeature(random, 8, 4, 4);
        CgProgram cg = program(ONE_CORE, List.of(List.of(stage(0,
                readFeature("x", 0, 1, 8, 4, 4),
                op("avgpool", "X_shape", ints(1, 8, 4, 4), "kernel_shape", ints(2, 2), "strides", ints(2, 2),
                        "padding", ints(0, 0, 0, 0), "inputs", List.of("x"), "output", "y", "image", 0,
                        "channel_offset", 0),
                write("y", 1, 8, 2, 2)))));
        KernelHarness harness = new KernelHarness(cg, HardwarePresets.preset(ONE_CORE));
        harness.putFeature("x#0", x, 0);
        harness.putWeights("average of 2x2 windows over 8 channels", (column, index) -> index % 8 == column ? 1 : 0);
        harness.putQuantization("average of 2x2 windows over 8 channels quantization", 0, 1, 2, false);
        harness.run();
        long[][][] sums = new long[8][2][2];
        for (int c = 0; c < 8; c++) {
            for (int oy = 0; oy < 2; oy++) {
                for (int ox = 0; ox < 2; ox++) {
                    sums[c][oy][ox] = x[c][2 * oy][2 * ox] + x[c][2 * oy][2 * ox + 1] + x[c][2 * oy + 1][2 * ox]
                            + x[c][2 * oy + 1][2 * ox + 1];
                }
            }
        }
        assertFeature(quantize(sums, 0, 1, 2), harness.getFeature("y#0"));
    }

    @Test
    void globalAveragePoolMatchesDirectMean() {
        Random random = new Random(6);
        byte[][][] x = randomFeature(random, 64, 4, 4);
        CgProgram cg = program(ONE_CORE, List.of(List.of(stage(0,
                readFeature("x", 0, 1, 64, 4, 4),
                op("globalaveragepool", "X_shape", ints(1, 64, 4, 4), "inputs", List.of("x"), "output", "y",
                        "image", 0, "channel_offset", 0),
                write("y", 1, 64, 1, 1)))));
        KernelHarness harness = new KernelHarness(cg, HardwarePresets.preset(ONE_CORE));
        harness.putFeature("x#0", x, 0);
        GlobalImage.Entry weights = harness.compilation.globalImage().entries().stream()
                .filter(e -> e.kind() == GlobalImage.Kind.WEIGHTS).findFirst().orElseThrow();
        harness.putWeights(weights.name(), (column, index) -> index % 64 == column ? 1 : 0);
        harness.putQuantization(weights.name().substring(0, weights.name().indexOf(" rows ")) + " quantization",
                0, 1, 4, false);
        harness.run();
        long[][][] sums = new long[64][1][1];
        for (int c = 0; c < 64; c++) {
            for (byte[] row : x[c]) {
                for (byte value : row) {
                    sums[c][0][0] += value;
                }
            }
        }
        assertFeature(quantize(sums, 0, 1, 4), harness.getFeature("y#0"));
    }

    @Test
    void residualAddSaturatesLikeDirectSum() {
        Random random = new Random(7);
        byte[][][] a = randomFeature(random, 8, 4, 4);
        byte[][][] b = randomFeature(random, 8, 4, 4);
        CgProgram cg = program(ONE_CORE, List.of(List.of(stage(0,
                readFeature("a", 0, 1, 8, 4, 4),
                readFeature("b", 0, 1, 8, 4, 4),
                op("add", "shape", ints(1, 8, 4, 4), "inputs", List.of("a", "b"), "output", "y", "image", 0,
                        "channel_offset", 0),
                write("y", 1, 8, 4, 4)))));
        KernelHarness harness = new KernelHarness(cg, HardwarePresets.preset(ONE_CORE));
        harness.putFeature("a#0", a, 0);
        harness.putFeature("b#0", b, 0);
        harness.run();
        byte[][][] expected = new byte[8][4][4];
        for (int c = 0; c < 8; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    expected[c][y][x] = clamp8(a[c][y][x] + b[c][y][x]);
                }
            }
        }
        assertFeature(expected, harness.getFeature("y#0"));
    }

    @Test
    void reluClearsNegativeValues() {
        Random random = new Random(8);
        byte[][][] x = randomFeature(random, 16, 16, 16);
        CgProgram cg = program(ONE_CORE, List.of(List.of(stage(0,
                readFeature("x", 0, 1, 16, 16, 16),
                op("relu", "shape", ints(1, 16, 16, 16), "inputs", List.of("x"), "output", "y", "image", 0,
                        "channel_offset", 0),
                write("y", 1, 16, 16, 16)))));
        KernelHarness harness = new KernelHarness(cg, HardwarePresets.preset(ONE_CORE));
        harness.putFeature("x#0", x, 0);
        harness.run();
        byte[][][] expected = new byte[16][16][16];
        for (int c = 0; c < 16; c++) {
            for (int y = 0; y < 16; y++) {
                for (int i = 0; i < 16; i++) {
                    expected[c][y][i] = (byte) Math.max(0, x[c][y][i]);
                }
            }
        }
        assertFeature(expected, harness.getFeature("y#0"));
    }

    @Test
    void sendReceiveMovesSliceBetweenCores() {
        Random random = new Random(9);
        byte[][][] x = randomFeature(random, 8, 4, 4);
        CgProgram cg = program(FOUR_CORES, List.of(
                List.of(stage(0, readFeature("x", 0, 1, 8, 4, 4),
                        op("send", "tensor", "x", "image", 0, "channel_offset", 0, "shape", ints(1, 8, 4, 4),
                                "dist_core_name", "core_0_1", "name", "t0"))),
                List.of(stage(0, op("receive", "tensor", "x", "image", 0, "channel_offset", 0,
                                "shape", ints(1, 8, 4, 4), "src_core_name", "core_0_0", "name", "t0"),
                        op("relu", "shape", ints(1, 8, 4, 4), "inputs", List.of("x"), "output", "y", "image", 0,
                                "channel_offset", 0),
                        write("y", 1, 8, 4, 4)))));
        KernelHarness harness = new KernelHarness(cg, HardwarePresets.preset(FOUR_CORES));
        harness.putFeature("x#0", x, 0);
        harness.run();
        byte[][][] expected = new byte[8][4][4];
        for (int c = 0; c < 8; c++) {
            for (int y = 0; y < 4; y++) {
                for (int i = 0; i < 4; i++) {
                    expected[c][y][i] = (byte) Math.max(0, x[c][y][i]);
                }
            }
        }
        assertFeature(expected, harness.getFeature("y#0"));
    }

    @Test
    void splitReductionAddsPartialSums() {
        Random random = new Random(10);
        byte[][][] x = randomFeature(random, 8, 4, 4);
        byte[][][][] w = randomWeights(random, 8, 8, 3, 3);
        byte[][][][] low = new byte[8][][][];
        byte[][][][] high = new byte[8][][][];
        for (int o = 0; o < 8; o++) {
            low[o] = Arrays.copyOfRange(w[o], 0, 4);
            high[o] = Arrays.copyOfRange(w[o], 4, 8);
        }
        CgProgram cg = program(FOUR_CORES, List.of(
                List.of(stage(0, op("read", "tensor_type", "weight", "tensor", "w", "channel_offset", 0,
                                "input_channel_offset", 0, "shape", ints(8, 4, 3, 3)),
                        readFeature("x", 0, 1, 4, 4, 4),
                        splitConv(0),
                        op("receive", "tensor", "y", "image", 0, "channel_offset", 0, "shape", ints(1, 8, 4, 4),
                                "src_core_name", "core_0_1", "name", "partial"),
                        op("add", "partial_sum", true, "shape", ints(1, 8, 4, 4), "inputs", List.of("y", "y"),
                                "output", "y", "image", 0, "channel_offset", 0),
                        write("y", 1, 8, 4, 4))),
                List.of(stage(0, op("read", "tensor_type", "weight", "tensor", "w", "channel_offset", 0,
                                "input_channel_offset", 4, "shape", ints(8, 4, 3, 3)),
                        readFeature("x", 4, 1, 4, 4, 4),
                        splitConv(4),
                        op("send", "tensor", "y", "image", 0, "channel_offset", 0, "shape", ints(1, 8, 4, 4),
                                "dist_core_name", "core_0_0", "name", "partial")))));
        KernelHarness harness = new KernelHarness(cg, HardwarePresets.preset(FOUR_CORES));
        harness.putFeature("x#0", x, 0);
        harness.putWeights("w out 0 in 0", (column, index) -> dense(low, column, index));
        harness.putWeights("w out 0 in 4", (column, index) -> dense(high, column, index));
        harness.putQuantization("w out 0 in 0 quantization", 1, 1, 5, false);
        harness.run();
        assertFeature(quantize(convolve(x, w, 1, 1, 4, 4), 1, 1, 5), harness.getFeature("y#0"));
    }

    private static CgOp splitConv(int inputOffset) {
        return op("conv", "X_shape", ints(1, 8, 4, 4), "W_shape", ints(8, 4, 3, 3), "padding", ints(1, 1, 1, 1),
                "strides", ints(1, 1), "input", "x", "output", "y", "image", 0, "weight", "w", "channel_offset", 0,
                "input_channel_offset", inputOffset);
    }
}
