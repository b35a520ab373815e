package io.github.cimflow.quant;

import static io.github.cimflow.quant.TestGraph.dims;
import static io.github.cimflow.quant.TestGraph.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.CimflowException;
import io.github.cimflow.model.Model;
import io.github.cimflow.reference.IntegerExecutor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scales, weights and requantizers of small models, computed by hand in the comments. */
class CalibratorTest {
    private static final double EXACT = 1e-15;

    /**
     * x [1, 1, 1, 2] -> 1×1 Conv with weights 0.75 and -2, biases 0.125 and 0. Calibrating on x = [1, -0.5]
     * gives outputs [0.875, -0.25] and [-2, 1].
     */
    private static Model oneConv() {
        return new TestGraph().input("x", 1, 1, 1, 2)
                .constant("w", new float[] {0.75f, -2f}, 2, 1, 1, 1)
                .constant("b", new float[] {0.125f, 0f}, 2)
                .node("Conv", List.of("x", "w", "b"), "y", dims(1, 2, 1, 2), ints("kernel_shape", 1, 1))
                .build();
    }

    private static CalibratedModel calibrate(Model model, float... input) {
        return Calibrator.calibrate(model, List.of(input));
    }

    @Test
    void convScalesFromMaximumMagnitude() {
        CalibratedModel quantized = calibrate(oneConv(), 1f, -0.5f);

        assertEquals(1.0 / 127, quantized.scale("x"), EXACT, "max |x| = 1");
        assertEquals(2.0 / 127, quantized.scale("y"), EXACT, "max |y| = 2");
        assertArrayEquals(new double[] {0.75 / 127, 2.0 / 127}, quantized.weightScales("y_node"), EXACT);
    }

    @Test
    void convWeightsUseFullRange() {
        CalibratedModel quantized = calibrate(oneConv(), 1f, -0.5f);

        assertArrayEquals(new byte[] {127, -127}, quantized.weights("y_node"));
    }

    @Test
    void convRequantizersFromScaleRatio() {
        CalibratedModel quantized = calibrate(oneConv(), 1f, -0.5f);

        // Channel 0: bias 0.125 / (1/127 · 0.75/127) = 2688.17 -> 2688; factor (1/127 · 0.75/127) / (2/127)
        // = 0.375 / 127, · 2^23 = 24769.51 -> 24770 (2^24 gives 49539, too large).
        assertEquals(new Requantizer(2688, 24_770, 23), quantized.requantizer("y_node", 0));
        // Channel 1: factor 1/127, · 2^21 = 16512.99 -> 16513.
        assertEquals(new Requantizer(0, 16_513, 21), quantized.requantizer("y_node", 1));
    }

    @Test
    void convRunsInIntegerArithmetic() {
        CalibratedModel quantized = calibrate(oneConv(), 1f, -0.5f);

        // Input: 1 · 127 = 127, -0.5 · 127 = -63.5 -> -64 (half away from zero).
        // Channel 0: (127 · 127 + 2688) · 24770 / 2^23 = 55.56 -> 56; (-64 · 127 + 2688) · 24770 / 2^23 = -16.06 -> -16.
        // Channel 1: -16129 · 16513 / 2^21 = -127.0008 -> -127; 8128 · 16513 / 2^21 = 63.99997 -> 64.
        byte[] y = IntegerExecutor.run(quantized, new float[] {1f, -0.5f}).get("y");

        assertArrayEquals(new byte[] {56, -16, -127, 64}, y);
    }

    @Test
    void addSharesOneScale() {
        Model model = new TestGraph().input("x", 1, 1, 1, 3)
                .node("Relu", List.of("x"), "r", dims(1, 1, 1, 3))
                .node("Add", List.of("x", "r"), "y", dims(1, 1, 1, 3))
                .build();
        // x = [1, -2, 0.5], r = [1, 0, 0.5], y = [2, -2, 1]: the group's maximum magnitude is 2.
        CalibratedModel quantized = calibrate(model, 1f, -2f, 0.5f);

        assertEquals(2.0 / 127, quantized.scale("x"), EXACT);
        assertEquals(2.0 / 127, quantized.scale("r"), EXACT);
        assertEquals(2.0 / 127, quantized.scale("y"), EXACT);
    }

    @Test
    void reluInputUsesPositiveRange() {
        Model model = new TestGraph().input("x", 1, 1, 1, 2)
                .constant("w", new float[] {1f}, 1, 1, 1, 1)
                .node("Conv", List.of("x", "w"), "c", dims(1, 1, 1, 2), ints("kernel_shape", 1, 1))
                .node("Relu", List.of("c"), "r", dims(1, 1, 1, 2))
                .build();
        // c = [-3, 1] is read only by the ReLU, so -3 does not widen the scale: max(c, 0) = 1.
        CalibratedModel quantized = calibrate(model, -3f, 1f);

        assertEquals(3.0 / 127, quantized.scale("x"), EXACT);
        assertEquals(1.0 / 127, quantized.scale("c"), EXACT);
        assertEquals(1.0 / 127, quantized.scale("r"), EXACT);
    }

    @Test
    void clipFixesScaleToUpperBound() {
        Model model = new TestGraph().input("x", 1, 1, 1, 2)
                .constant("low", new float[] {0f}, 1)
                .constant("high", new float[] {6f}, 1)
                .node("Clip", List.of("x", "low", "high"), "y", dims(1, 1, 1, 2))
                .build();
        CalibratedModel quantized = calibrate(model, 20f, -1f);

        assertEquals(6.0 / 127, quantized.scale("x"), EXACT, "the input shares the clip's scale");
        assertEquals(6.0 / 127, quantized.scale("y"), EXACT);
    }

    @Test
    void clipWithNonzeroLowerBoundRejected() {
        Model model = new TestGraph().input("x", 1, 1, 1, 2)
                .constant("low", new float[] {-1f}, 1)
                .constant("high", new float[] {1f}, 1)
                .node("Clip", List.of("x", "low", "high"), "y", dims(1, 1, 1, 2))
                .build();

        CimflowException error = assertThrows(CimflowException.class, () -> calibrate(model, 1f, 2f));
        assertTrue(error.getMessage().contains("Clip(-1.0, 1.0)"), error.getMessage());
    }

    @Test
    void sigmoidFixesBothScales() {
        Model model = new TestGraph().input("x", 1, 1, 1, 2)
                .node("Sigmoid", List.of("x"), "y", dims(1, 1, 1, 2))
                .build();
        CalibratedModel quantized = calibrate(model, 100f, -1f);

        assertEquals(1.0 / 16, quantized.scale("x"), EXACT);
        assertEquals(1.0 / 128, quantized.scale("y"), EXACT);
    }

    @Test
    void conflictingFixedScalesRejected() {
        Model model = new TestGraph().input("x", 1, 1, 1, 2)
                .constant("low", new float[] {0f}, 1)
                .constant("high", new float[] {6f}, 1)
                .node("Sigmoid", List.of("x"), "s", dims(1, 1, 1, 2))
                .node("Clip", List.of("x", "low", "high"), "c", dims(1, 1, 1, 2))
                .build();

        CimflowException error = assertThrows(CimflowException.class, () -> calibrate(model, 1f, 2f));
        assertTrue(error.getMessage().contains("Sigmoid input"), error.getMessage());
        assertTrue(error.getMessage().contains("Clip output"), error.getMessage());
    }

    @Test
    void mulWithoutQ7FactorRejected() {
        Model model = new TestGraph().input("x", 1, 1, 1, 2)
                .node("Relu", List.of("x"), "r", dims(1, 1, 1, 2))
                .node("Mul", List.of("x", "r"), "y", dims(1, 1, 1, 2))
                .build();

        CimflowException error = assertThrows(CimflowException.class, () -> calibrate(model, 1f, 2f));
        assertTrue(error.getMessage().contains("Sigmoid or HardSigmoid"), error.getMessage());
    }

    @Test
    void mulKeepsMapScale() {
        Model model = new TestGraph().input("x", 1, 1, 1, 2)
                .node("Sigmoid", List.of("x"), "s", dims(1, 1, 1, 2))
                .node("Mul", List.of("x", "s"), "y", dims(1, 1, 1, 2))
                .build();
        CalibratedModel quantized = calibrate(model, 1f, 2f);

        assertEquals(1.0 / 16, quantized.scale("y"), EXACT);
    }

    @Test
    void averageRequantizerDividesByTaps() {
        CalibratedModel quantized = calibrate(oneConv(), 1f, -0.5f);

        // 1/4 · 2^16 = 16384; 1/9 · 2^18 = 29127.1 -> 29127.
        assertEquals(new Requantizer(0, 16_384, 16), quantized.averageRequantizer(4));
        assertEquals(new Requantizer(0, 29_127, 18), quantized.averageRequantizer(9));
    }

    @Test
    void inputQuantizationSaturates() {
        CalibratedModel quantized = calibrate(oneConv(), 1f, -0.5f);

        assertArrayEquals(new byte[] {127, -128}, quantized.quantizeInput(new float[] {5f, -5f}));
    }

    @Test
    void weightWithoutDataRejected() {
        Model model = new TestGraph().input("x", 1, 1, 1, 2)
                .weightWithoutData("w", 1, 1, 1, 1)
                .node("Conv", List.of("x", "w"), "y", dims(1, 1, 1, 2), ints("kernel_shape", 1, 1))
                .build();

        CimflowException error = assertThrows(CimflowException.class, () -> calibrate(model, 1f, 2f));
        assertTrue(error.getMessage().contains("'w' has no values"), error.getMessage());
    }

    @Test
    void nonFiniteCalibrationInputRejected() {
        CimflowException error = assertThrows(CimflowException.class, () -> calibrate(oneConv(), 1f, Float.NaN));

        assertEquals("input 'x' element 1 is NaN; pass finite values only", error.getMessage());
    }

    @Test
    void nonFiniteInputRejected() {
        CalibratedModel quantized = calibrate(oneConv(), 1f, -0.5f);

        CimflowException error = assertThrows(CimflowException.class,
                () -> quantized.quantizeInput(new float[] {Float.POSITIVE_INFINITY, 0f}));
        assertEquals("input 'x' element 0 is Infinity; pass finite values only", error.getMessage());
    }

    @Test
    void overflowingActivationRejected() {
        Model model = new TestGraph().input("x", 1, 1, 1, 1)
                .constant("w", new float[] {3e38f}, 1, 1, 1, 1)
                .node("Conv", List.of("x", "w"), "y", dims(1, 1, 1, 1), ints("kernel_shape", 1, 1))
                .build();

        // 10 · 3e38 overflows float to infinity.
        CimflowException error = assertThrows(CimflowException.class, () -> calibrate(model, 10f));
        assertTrue(error.getMessage().startsWith("tensor 'y' reaches Infinity"), error.getMessage());
    }
}
