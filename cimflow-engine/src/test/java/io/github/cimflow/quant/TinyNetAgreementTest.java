package io.github.cimflow.quant;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.OnnxImporter;
import io.github.cimflow.reference.IntegerExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Float sanity of the int8 arithmetic: on the trained TinyNet and 100 seeded inputs of its task, the
 * integer executor's top-1 class agrees with the float executor's in at least 95 cases.
 */
class TinyNetAgreementTest {
    private static final int SAMPLES = 100;
    private static final int CALIBRATION_SAMPLES = 16;

    @Test
    void int8TopOneAgreesWithFloat() {
        Model model = OnnxImporter.load(Path.of("..", "examples", "models", "tinynet_trained.onnx"), null);
        SyntheticSquares calibration = new SyntheticSquares(1);
        List<float[]> calibrationInputs = new ArrayList<>();
        for (int i = 0; i < CALIBRATION_SAMPLES; i++) {
            calibrationInputs.add(calibration.next());
        }
        CalibratedModel quantized = Calibrator.calibrate(model, calibrationInputs);
        String output = model.graph().outputs().get(0);

        SyntheticSquares test = new SyntheticSquares(2);
        int agreements = 0;
        int floatCorrect = 0;
        double maxError = 0;
        for (int sample = 0; sample < SAMPLES; sample++) {
            float[] input = test.next();
            float[] expected = FloatExecutor.run(model.graph(), input).get(output);
            float[] actual = quantized.dequantize(output, IntegerExecutor.run(quantized, input).get(output));
            if (argmax(expected) == argmax(actual)) {
                agreements++;
            }
            if (argmax(expected) == test.label()) {
                floatCorrect++;
            }
            for (int i = 0; i < expected.length; i++) {
                maxError = Math.max(maxError, Math.abs(expected[i] - actual[i]));
            }
        }
        System.out.printf(Locale.ROOT, "tinynet int8 vs float: top-1 agreement %d/%d, max |logit error| %.4f "
                + "(float accuracy %d/%d, output scale %.5f)%n", agreements, SAMPLES, maxError, floatCorrect, SAMPLES,
                quantized.scale(output));

        assertTrue(agreements >= 95, "top-1 agreement " + agreements + "/" + SAMPLES + " is below 95");
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
