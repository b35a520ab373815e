package io.github.cimflow.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.OnnxImporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeededWeightsTest {
    private static final Path MODELS = Path.of("..", "examples", "models");

    private static Model oneConvWithoutData() {
        return new TestGraph().input("x", 1, 2, 3, 3)
                .weightWithoutData("w", 4, 2, 3, 3)
                .weightWithoutData("b", 4)
                .node("Conv", List.of("x", "w", "b"), "y", TestGraph.dims(1, 4, 1, 1), TestGraph.ints("kernel_shape", 3, 3))
                .build();
    }

    @Test
    void neededOnlyWithoutData() {
        assertTrue(SeededWeights.isNeeded(OnnxImporter.load(MODELS.resolve("resnet18_cifar.onnx"), null)));
        assertFalse(SeededWeights.isNeeded(OnnxImporter.load(MODELS.resolve("tinynet_trained.onnx"), null)));
    }

    @Test
    void weightsAreHeNormalFromSeed() {
        Model filled = SeededWeights.fill(oneConvWithoutData(), 42);

        // Fan-in 2 · 3 · 3 = 18, so standard deviation sqrt(2 / 18) = 1/3, drawn in element order.
        Random random = new Random(42);
        float[] expected = new float[72];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) (random.nextGaussian() / 3);
        }
        assertArrayEquals(expected, filled.graph().tensor("w").values());
    }

    @Test
    void biasesAreZero() {
        Model filled = SeededWeights.fill(oneConvWithoutData(), 42);

        assertArrayEquals(new float[4], filled.graph().tensor("b").values());
    }

    @Test
    void filledModelNeedsNoMore() {
        Model model = OnnxImporter.load(MODELS.resolve("resnet18_cifar.onnx"), null);

        assertFalse(SeededWeights.isNeeded(SeededWeights.fill(model, 1)));
    }

    @Test
    void resnetWeightsKeepHeDeviation() {
        Model filled = SeededWeights.fill(OnnxImporter.load(MODELS.resolve("resnet18_cifar.onnx"), null), 3);
        String weight = filled.graph().nodes().get(2).inputs().get(1);
        float[] values = filled.graph().tensor(weight).values();

        // The second conv of CIFAR ResNet18 is 64 × 64 × 3 × 3: fan-in 576, deviation sqrt(2 / 576) = 0.0589.
        double sumOfSquares = 0;
        for (float value : values) {
            sumOfSquares += (double) value * value;
        }
        assertEquals(36_864, values.length);
        assertEquals(Math.sqrt(2.0 / 576), Math.sqrt(sumOfSquares / values.length), 0.002);
    }
}
