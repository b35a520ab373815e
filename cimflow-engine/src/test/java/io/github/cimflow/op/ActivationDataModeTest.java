package io.github.cimflow.op;

import static io.github.cimflow.op.CgPrograms.ints;
import static io.github.cimflow.op.CgPrograms.op;
import static io.github.cimflow.op.CgPrograms.program;
import static io.github.cimflow.op.CgPrograms.stage;
import static io.github.cimflow.op.KernelHarness.clamp8;
import static io.github.cimflow.op.KernelHarness.randomFeature;
import static io.github.cimflow.op.KernelHarness.roundHalfUp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cimflow.cg.CgOp;
import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwarePresets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Runs the sigmoid-family and mul lowerings in the simulator's data mode and compares them with a
 * direct computation: inputs are x/16, factors y·128 rounded half up, products shifted right by 7.
 */
class ActivationDataModeTest {
    private static final ArchParams ONE_CORE = new ArchParams(8, 16, 16, 1);

    private static CgOp readFeature(String tensor, int... shape) {
        return op("read", "tensor_type", "feature", "tensor", tensor, "image", 0, "channel_offset", 0,
                "shape", ints(shape));
    }

    private static CgOp write(String tensor, int... shape) {
        return op("write", "tensor_type", "feature", "tensor", tensor, "image", 0, "channel_offset", 0,
                "shape", ints(shape), "write_id", tensor + "0");
    }

    private static CgOp unary(String name, String input, String output, Object... more) {
        Object[] pairs = new Object[10 + more.length];
        Object[] base = {"shape", ints(1, 8, 4, 4), "inputs", List.of(input), "output", output, "image", 0,
                "channel_offset", 0};
        System.arraycopy(base, 0, pairs, 0, base.length);
        System.arraycopy(more, 0, pairs, base.length, more.length);
        return op(name, pairs);
    }

    /** 128·σ(x/16) rounded half up, clamped to int8, computed with the logistic function directly. */
    private static long sigmoid(long x) {
        double y = 128.0 / (1.0 + Math.exp(-x / 16.0));
        return Math.min(127, Math.round(y));
    }

    private static long hardSigmoid(long x, double alpha, double beta) {
        double y = Math.max(0.0, Math.min(1.0, alpha * (x / 16.0) + beta));
        return Math.min(127, Math.round(128.0 * y));
    }

    private static byte[][][] map(byte[][][] x, LongUnaryOperator f) {
        byte[][][] y = new byte[x.length][x[0].length][x[0][0].length];
        for (int c = 0; c < x.length; c++) {
            for (int h = 0; h < x[0].length; h++) {
                for (int w = 0; w < x[0][0].length; w++) {
                    y[c][h][w] = clamp8(f.applyAsLong(x[c][h][w]));
                }
            }
        }
        return y;
    }

    private static byte[][][] runUnary(byte[][][] x, CgOp... ops) {
        CgOp[] all = new CgOp[ops.length + 2];
        all[0] = readFeature("x", 1, 8, 4, 4);
        System.arraycopy(ops, 0, all, 1, ops.length);
        all[all.length - 1] = write("y", 1, 8, 4, 4);
        CgProgram cg = program(ONE_CORE, List.of(List.of(stage(0, all))));
        KernelHarness harness = new KernelHarness(cg, HardwarePresets.preset(ONE_CORE));
        harness.putFeature("x#0", x, 0);
        harness.run();
        return harness.getFeature("y#0");
    }

    private static byte[][][] ramp() {
        byte[][][] x = new byte[8][4][4];
        for (int i = 0; i < 128; i++) {
            x[i / 16][(i / 4) % 4][i % 4] = (byte) (2 * i - 128);
        }
        return x;
    }

    @Test
    void sigmoidTableHitsHandValues() {
        byte[][][] x = new byte[8][4][4];
        x[0][0][0] = 0;
        x[0][0][1] = 127;
        x[0][0][2] = -128;
        x[0][0][3] = 16;
        byte[][][] y = runUnary(x, unary("sigmoid", "x", "y"));
        // 128·σ(0) = 64; σ(7.94)·128 = 127.95 → 127; σ(-8)·128 = 0.04 → 0; σ(1)·128 = 93.57 → 94.
        assertArrayEquals(new byte[] {64, 127, 0, 94}, y[0][0]);
    }

    @Test
    void sigmoidMatchesLogisticOverRamp() {
        byte[][][] x = ramp();
        assertEquals(Arrays.deepToString(map(x, ActivationDataModeTest::sigmoid)),
                Arrays.deepToString(runUnary(x, unary("sigmoid", "x", "y"))));
    }

    @Test
    void hardSigmoidUsesAlphaAndBeta() {
        byte[][][] x = ramp();
        byte[][][] expected = map(x, v -> hardSigmoid(v, 0.25, 0.375));
        byte[][][] actual = runUnary(x, unary("hardsigmoid", "x", "y", "alpha", "0.25", "beta", "0.375"));
        assertEquals(Arrays.deepToString(expected), Arrays.deepToString(actual));
    }

    @Test
    void hardSwishMultipliesByHardSigmoid() {
        byte[][][] x = ramp();
        byte[][][] expected = map(x, v -> roundHalfUp(v * hardSigmoid(v, 1.0 / 6.0, 0.5), 7));
        byte[][][] actual = runUnary(x, unary("hardswish", "x", "y"));
        assertEquals(Arrays.deepToString(expected), Arrays.deepToString(actual));
    }

    @Test
    void siluMultipliesInputBySigmoid() {
        Random random = new Random(11);
        byte[][][] x = randomFeature(random, 8, 4, 4);
        byte[][][] expected = map(x, v -> roundHalfUp(v * sigmoid(v), 7));
        byte[][][] actual = runUnary(x, unary("sigmoid", "x", "s"),
                op("mul", "shape", ints(1, 8, 4, 4), "A_shape", ints(1, 8, 4, 4), "B_shape", ints(1, 8, 4, 4),
                        "inputs", List.of("x", "s"), "output", "y", "image", 0, "channel_offset", 0));
        assertEquals(Arrays.deepToString(expected), Arrays.deepToString(actual));
    }

    @Test
    void perChannelMulScalesEachChannel() {
        Random random = new Random(12);
        byte[][][] a = randomFeature(random, 8, 4, 4);
        byte[][][] scale = new byte[8][1][1];
        for (int c = 0; c < 8; c++) {
            scale[c][0][0] = (byte) (c * 18);
        }
        CgProgram cg = program(ONE_CORE, List.of(List.of(stage(0,
                readFeature("a", 1, 8, 4, 4),
                readFeature("s", 1, 8, 1, 1),
                op("mul", "shape", ints(1, 8, 4, 4), "A_shape", ints(1, 8, 1, 1), "B_shape", ints(1, 8, 4, 4),
                        "inputs", List.of("s", "a"), "output", "y", "image", 0, "channel_offset", 0),
                write("y", 1, 8, 4, 4)))));
        KernelHarness harness = new KernelHarness(cg, HardwarePresets.preset(ONE_CORE));
        harness.putFeature("a#0", a, 0);
        harness.putFeature("s#0", scale, 0);
        harness.run();
        byte[][][] expected = new byte[8][4][4];
        for (int c = 0; c < 8; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    expected[c][y][x] = clamp8(roundHalfUp((long) a[c][y][x] * scale[c][0][0], 7));
                }
            }
        }
        assertEquals(Arrays.deepToString(expected),
                Arrays.deepToString(harness.getFeature("y#0")));
    }
}
