package io.github.cimflow.reference;

import static io.github.cimflow.quant.TestGraph.dims;
import static io.github.cimflow.quant.TestGraph.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.cimflow.model.Attribute;
import io.github.cimflow.model.Model;
import io.github.cimflow.quant.Requantizer;
import io.github.cimflow.quant.TestGraph;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The integer executor on one-operator graphs whose outputs are computed by hand in the comments. */
class IntegerExecutorTest {

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    private static byte[] output(HandQuantizedModel model, byte[] input) {
        Map<String, byte[]> values = IntegerExecutor.run(model, input);
        return values.get(model.model().graph().outputs().get(0));
    }

    @Test
    void convRequantizesEachChannel() {
        Model model = new TestGraph().input("x", 1, 1, 3, 3)
                .constant("w", new float[8], 2, 1, 2, 2)
                .node("Conv", List.of("x", "w"), "y", dims(1, 2, 2, 2), ints("kernel_shape", 2, 2))
                .build();
        // Channel 0 weights [[1, 0], [0, -1]]: every window gives top-left minus bottom-right = -4.
        // Channel 1 weights all 2: window sums 12, 16, 24, 28 times 2 = 24, 32, 48, 56.
        // Channel 0: (-4 + 1) · 16384 / 2^15 = -1.5, half up -1.
        // Channel 1: (sum - 4) / 8 = 2.5, 3.5, 5.5, 6.5, half up 3, 4, 6, 7.
        HandQuantizedModel quantized = new HandQuantizedModel(model).layer("y_node",
                bytes(1, 0, 0, -1, 2, 2, 2, 2), new Requantizer(1, 16_384, 15), new Requantizer(-4, 1, 3));

        byte[] y = output(quantized, bytes(1, 2, 3, 4, 5, 6, 7, 8, 9));

        assertArrayEquals(bytes(-1, -1, -1, -1, 3, 4, 6, 7), y);
    }

    @Test
    void convPadsWithZeroAndSaturates() {
        Model model = new TestGraph().input("x", 1, 1, 2, 2)
                .constant("w", new float[9], 1, 1, 3, 3)
                .node("Conv", List.of("x", "w"), "y", dims(1, 1, 2, 2), ints("kernel_shape", 3, 3),
                        ints("pads", 1, 1, 1, 1))
                .build();
        // All-ones 3x3 kernel over a zero-padded 2x2 map: every window covers all four values, sum 100 + 50 + 60 - 20 = 190.
        // Multiplier 1, shift 0: 190 saturates to 127; with bias -400: -210 saturates to -128.
        byte[] ones = bytes(1, 1, 1, 1, 1, 1, 1, 1, 1);
        byte[] input = bytes(100, 50, 60, -20);

        byte[] high = output(new HandQuantizedModel(model).layer("y_node", ones, new Requantizer(0, 1, 0)), input);
        byte[] low = output(new HandQuantizedModel(model).layer("y_node", ones, new Requantizer(-400, 1, 0)), input);

        assertArrayEquals(bytes(127, 127, 127, 127), high);
        assertArrayEquals(bytes(-128, -128, -128, -128), low);
    }

    @Test
    void depthwiseConvReadsOwnChannel() {
        Model model = new TestGraph().input("x", 1, 2, 2, 2)
                .constant("w", new float[8], 2, 1, 2, 2)
                .node("Conv", List.of("x", "w"), "y", dims(1, 2, 1, 1), ints("kernel_shape", 2, 2),
                        Attribute.ofInt("group", 2))
                .build();
        // Channel 0 [1, 2, 3, 4] · [1, 1, 1, 1] = 10; channel 1 [5, 6, 7, 8] · [1, 0, 0, 1] = 13.
        HandQuantizedModel quantized = new HandQuantizedModel(model).layer("y_node",
                bytes(1, 1, 1, 1, 1, 0, 0, 1), new Requantizer(0, 1, 0), new Requantizer(0, 1, 0));

        assertArrayEquals(bytes(10, 13), output(quantized, bytes(1, 2, 3, 4, 5, 6, 7, 8)));
    }

    @Test
    void gemmReadsTransposedWeight() {
        Model model = new TestGraph().input("x", 1, 3)
                .constant("w", new float[6], 2, 3)
                .node("Gemm", List.of("x", "w"), "y", dims(1, 2), Attribute.ofInt("transB", 1))
                .build();
        // Row 0 of W [1, 2, 3] · [4, 5, -6] = -4, plus bias 10 = 6; row 1 [-1, 0, 1] · x = -10, times 3 / 2 = -15.
        HandQuantizedModel quantized = new HandQuantizedModel(model).layer("y_node",
                bytes(1, 2, 3, -1, 0, 1), new Requantizer(10, 1, 0), new Requantizer(0, 3, 1));

        assertArrayEquals(bytes(6, -15), output(quantized, bytes(4, 5, -6)));
    }

    @Test
    void maxPoolIgnoresPadding() {
        Model model = new TestGraph().input("x", 1, 1, 3, 3)
                .node("MaxPool", List.of("x"), "y", dims(1, 1, 2, 2), ints("kernel_shape", 2, 2),
                        ints("strides", 2, 2), ints("pads", 0, 0, 1, 1))
                .build();
        // Windows {-9,-8,-6,-5}, {-7,-4}, {-3,-2}, {-1}: padding never wins although every value is negative.
        byte[] y = output(new HandQuantizedModel(model), bytes(-9, -8, -7, -6, -5, -4, -3, -2, -1));

        assertArrayEquals(bytes(-5, -4, -2, -1), y);
    }

    @Test
    void averagePoolDividesBorderByFullWindow() {
        Model model = new TestGraph().input("x", 1, 1, 2, 2)
                .node("AveragePool", List.of("x"), "y", dims(1, 1, 2, 2), ints("kernel_shape", 2, 2),
                        ints("pads", 1, 1, 0, 0))
                .build();
        // Window sums over the padded map: 2, 2 - 6 = -4, 2 + 5 = 7, 2 - 6 + 5 + 1 = 2; each divided by 4,
        // half up: 0.5 -> 1, -1 -> -1, 1.75 -> 2, 0.5 -> 1.
        byte[] y = output(new HandQuantizedModel(model), bytes(2, -6, 5, 1));

        assertArrayEquals(bytes(1, -1, 2, 1), y);
    }

    @Test
    void globalAveragePoolRoundsHalfUp() {
        Model model = new TestGraph().input("x", 1, 2, 2, 2)
                .node("GlobalAveragePool", List.of("x"), "y", dims(1, 2, 1, 1))
                .build();
        // Channel 0: 1 + 2 + 3 + 4 = 10, 2.5 -> 3; channel 1: -1 - 2 - 3 - 4 = -10, -2.5 -> -2.
        byte[] y = output(new HandQuantizedModel(model), bytes(1, 2, 3, 4, -1, -2, -3, -4));

        assertArrayEquals(bytes(3, -2), y);
    }

    @Test
    void addSaturates() {
        Model model = new TestGraph().input("x", 1, 1, 1, 3)
                .node("Relu", List.of("x"), "r", dims(1, 1, 1, 3))
                .node("Add", List.of("x", "r"), "y", dims(1, 1, 1, 3))
                .build();
        // x + relu(x): 100 + 100 saturates to 127, -100 + 0 = -100, 5 + 5 = 10.
        byte[] y = output(new HandQuantizedModel(model), bytes(100, -100, 5));

        assertArrayEquals(bytes(127, -100, 10), y);
    }

    @Test
    void clipKeepsOnlyLowerBound() {
        Model model = new TestGraph().input("x", 1, 1, 1, 3)
                .constant("low", new float[] {0f}, 1)
                .constant("high", new float[] {6f}, 1)
                .node("Clip", List.of("x", "low", "high"), "y", dims(1, 1, 1, 3))
                .build();
        // The upper bound 6 is int8 127 at the scale the calibrator fixes, so only negatives change.
        byte[] y = output(new HandQuantizedModel(model), bytes(-5, 0, 127));

        assertArrayEquals(bytes(0, 0, 127), y);
    }

    @Test
    void sigmoidTimesMapIsQ7Product() {
        Model model = new TestGraph().input("x", 1, 1, 1, 2)
                .node("Sigmoid", List.of("x"), "s", dims(1, 1, 1, 2))
                .node("Mul", List.of("x", "s"), "y", dims(1, 1, 1, 2))
                .build();
        // Sigmoid of 0/16 is 0.5 -> 64; of 16/16: 128 / (1 + e^-1) = 93.58 -> 94.
        // Products: 0 · 64 / 128 = 0; 16 · 94 / 128 = 11.75 -> 12.
        Map<String, byte[]> values = IntegerExecutor.run(new HandQuantizedModel(model), bytes(0, 16));

        assertArrayEquals(bytes(64, 94), values.get("s"));
        assertArrayEquals(bytes(0, 12), values.get("y"));
    }

    @Test
    void perChannelMulBroadcastsFactor() {
        Model model = new TestGraph().input("x", 1, 2, 1, 4)
                .node("GlobalAveragePool", List.of("x"), "p", dims(1, 2, 1, 1))
                .node("Sigmoid", List.of("p"), "s", dims(1, 2, 1, 1))
                .node("Mul", List.of("x", "s"), "y", dims(1, 2, 1, 4))
                .build();
        // Channel averages 0 / 4 = 0 and 64 / 4 = 16 give factors 64 and 94 (see sigmoidTimesMapIsQ7Product).
        // Channel 0: ±10 · 64 / 128 = ±5. Channel 1: 10 · 94 / 128 = 7.34 -> 7, 22 · 94 / 128 = 16.16 -> 16,
        // 16 · 94 / 128 = 11.75 -> 12.
        byte[] y = output(new HandQuantizedModel(model), bytes(-10, 10, -10, 10, 10, 22, 16, 16));

        assertArrayEquals(bytes(-5, 5, -5, 5, 7, 16, 12, 12), y);
    }

    @Test
    void hardSwishMultipliesByTable() {
        Model model = new TestGraph().input("x", 1, 1, 1, 3)
                .node("HardSwish", List.of("x"), "y", dims(1, 1, 1, 3))
                .build();
        // x = q / 16. q = -48: x = -3, factor 0 -> 0. q = 16: factor 128 · (1/6 + 1/2) = 85.33 -> 85,
        // 16 · 85 / 128 = 10.625 -> 11. q = 48: factor 128 clamps to 127, 48 · 127 / 128 = 47.625 -> 48.
        byte[] y = output(new HandQuantizedModel(model), bytes(-48, 16, 48));

        assertArrayEquals(bytes(0, 11, 48), y);
    }

    @Test
    void concatJoinsChannels() {
        Model model = new TestGraph().input("x", 1, 1, 1, 2)
                .node("Relu", List.of("x"), "r", dims(1, 1, 1, 2))
                .node("Concat", List.of("x", "r"), "y", dims(1, 2, 1, 2), Attribute.ofInt("axis", 1))
                .build();

        assertArrayEquals(bytes(-3, 4, 0, 4), output(new HandQuantizedModel(model), bytes(-3, 4)));
    }
}
