package io.github.cimflow.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.OnnxImporter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The float executor against PyTorch 1.13's outputs of the trained TinyNet (examples/models/export_models.py). */
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
}
