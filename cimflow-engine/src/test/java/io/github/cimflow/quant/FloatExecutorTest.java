package io.github.cimflow.quant;

import static io.github.cimflow.quant.TestGraph.dims;
import static io.github.cimflow.quant.TestGraph.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.CimflowException;
import io.github.cimflow.model.Attribute;
import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.OnnxImporter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The float executor against PyTorch 1.13's outputs of the trained TinyNet (examples/models/export_models.py),
 * and on small graphs computed by hand.
 */
class FloatExecutorTest {
    private static final Path MODELS = Path.of("..", "examples", "models");
    /** PyTorch evaluates BatchNorm unfolded in float32; the folded float model differs by rounding only. */
    private static final double TOLERANCE = 1e-4;

    @Test
    void tinynetMatchesPyTorch() throws IOException {
        Model model = OnnxImporter.load(MODELS.resolve("tinynet_trained.onnx"), null);
        ByteBuffer fixture = ByteBuffer.wrap(Files.readAllBytes(MODELS.resolve("tinynet_trained_outputs.bin")))
                .order(ByteOrder.LITTLE_ENDIAN);
        int count = fixture.getInt();
        int inputLength = fixture.getInt();
        int outputLength = fixture.getInt();
        assertEquals(4, count, "samples in the fixture");

        String output = model.graph().outputs().get(0);
        for (int sample = 0; sample < count; sample++) {
            float[] input = new float[inputLength];
            fixture.asFloatBuffer().get(input);
            fixture.position(fixture.position() + 4 * inputLength);
            float[] expected = new float[outputLength];
            fixture.asFloatBuffer().get(expected);
            fixture.position(fixture.position() + 4 * outputLength);

            float[] actual = FloatExecutor.run(model.graph(), input).get(output);

            for (int i = 0; i < outputLength; i++) {
                assertEquals(expected[i], actual[i], TOLERANCE, "sample " + sample + " logit " + i);
            }
        }
    }

    private static float[] output(Model model, float... input) {
        return FloatExecutor.run(model.graph(), input).get(model.graph().outputs().get(0));
    }

    private static Model averagePool(long countIncludePad) {
        return new TestGraph().input("x", 1, 1, 2, 2)
                .node("AveragePool", List.of("x"), "y", dims(1, 1, 2, 2), ints("kernel_shape", 2, 2),
                        ints("pads", 1, 1, 0, 0), Attribute.ofInt("count_include_pad", countIncludePad))
                .build();
    }

    @Test
    void averagePoolExcludesPaddingByDefault() {
        // Windows over [[4, 8], [12, 16]] padded above and left: {4}, {4, 8}, {4, 12}, {4, 8, 12, 16}.
        assertArrayEquals(new float[] {4f, 6f, 8f, 10f}, output(averagePool(0), 4f, 8f, 12f, 16f));
    }

    @Test
    void averagePoolCountsPaddingWhenAsked() {
        // The same windows divided by 4: 4/4, 12/4, 16/4, 40/4.
        assertArrayEquals(new float[] {1f, 3f, 4f, 10f}, output(averagePool(1), 4f, 8f, 12f, 16f));
    }

    @Test
    void gemmAppliesAlphaAndBeta() {
        Model model = new TestGraph().input("x", 1, 2)
                .constant("w", new float[] {1f, 2f, 3f, 4f}, 2, 2)
                .constant("c", new float[] {1f, -1f}, 2)
                .node("Gemm", List.of("x", "w", "c"), "y", dims(1, 2), Attribute.ofFloat("alpha", 0.5f),
                        Attribute.ofFloat("beta", 2f))
                .build();
        // [1, 2] · [[1, 2], [3, 4]] = [7, 10]; 0.5 · [7, 10] + 2 · [1, -1] = [5.5, 3].
        assertArrayEquals(new float[] {5.5f, 3f}, output(model, 1f, 2f));
    }

    @Test
    void clipUsesBothBounds() {
        Model model = new TestGraph().input("x", 1, 3)
                .constant("low", new float[] {0f}, 1)
                .constant("high", new float[] {6f}, 1)
                .node("Clip", List.of("x", "low", "high"), "y", dims(1, 3))
                .build();

        assertArrayEquals(new float[] {0f, 2.5f, 6f}, output(model, -1f, 2.5f, 9f));
    }

    @Test
    void mulBroadcastsPerChannel() {
        Model model = new TestGraph().input("x", 1, 2, 1, 2)
                .node("GlobalAveragePool", List.of("x"), "p", dims(1, 2, 1, 1))
                .node("Mul", List.of("x", "p"), "y", dims(1, 2, 1, 2))
                .build();
        // Channel means 2 and 5: [1, 3] · 2 and [4, 6] · 5.
        assertArrayEquals(new float[] {2f, 6f, 20f, 30f}, output(model, 1f, 3f, 4f, 6f));
    }

    @Test
    void unsupportedOperatorNamed() {
        Model model = new TestGraph().input("x", 1, 2)
                .node("Softmax", List.of("x"), "y", dims(1, 2))
                .build();

        CimflowException error = assertThrows(CimflowException.class, () -> output(model, 1f, 2f));
        assertTrue(error.getMessage().startsWith("node 'y_node' (Softmax): operator Softmax has no reference"),
                error.getMessage());
    }

    @Test
    void wrongInputLengthRejected() {
        Model model = new TestGraph().input("x", 1, 2)
                .node("Relu", List.of("x"), "y", dims(1, 2))
                .build();

        CimflowException error = assertThrows(CimflowException.class, () -> output(model, 1f, 2f, 3f));
        assertTrue(error.getMessage().contains("got 3 values"), error.getMessage());
    }
}
