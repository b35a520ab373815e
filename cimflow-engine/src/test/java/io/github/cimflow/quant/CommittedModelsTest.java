package io.github.cimflow.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.model.Model;
import io.github.cimflow.model.Node;
import io.github.cimflow.onnx.OnnxImporter;
import io.github.cimflow.reference.IntegerExecutor;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scale rules on the committed example models, calibrated with seeded weights and one seeded input. */
class CommittedModelsTest {
    private static final Path MODELS = Path.of("..", "examples", "models");

    private static CalibratedModel calibrate(String name) {
        Model model = SeededWeights.fill(OnnxImporter.load(MODELS.resolve(name + ".onnx"), null), 11);
        return Calibrator.calibrate(model, Calibrator.randomInputs(model.graph(), 12, 1));
    }

    private static int count(Model model, String opType) {
        return (int) model.graph().nodes().stream().filter(node -> node.opType().equals(opType)).count();
    }

    @Test
    void mobilenetClipsUseSixOver127() {
        CalibratedModel quantized = calibrate("mobilenet_v2_32");

        assertEquals(35, count(quantized.model(), "Clip"));
        for (Node node : quantized.model().graph().nodes()) {
            if (node.opType().equals("Clip")) {
                assertEquals(6.0 / 127, quantized.scale(node.inputs().get(0)), 0.0, node.describe() + " input");
                assertEquals(6.0 / 127, quantized.scale(node.outputs().get(0)), 0.0, node.describe() + " output");
            }
        }
    }

    @Test
    void efficientnetSigmoidsUseFixedScales() {
        CalibratedModel quantized = calibrate("efficientnet_b0_32");

        assertEquals(65, count(quantized.model(), "Sigmoid"));
        for (Node node : quantized.model().graph().nodes()) {
            if (node.opType().equals("Sigmoid")) {
                assertEquals(1.0 / 16, quantized.scale(node.inputs().get(0)), 0.0, node.describe() + " input");
                assertEquals(1.0 / 128, quantized.scale(node.outputs().get(0)), 0.0, node.describe() + " output");
            }
        }
    }

    @Test
    void efficientnetMulsKeepMapScale() {
        CalibratedModel quantized = calibrate("efficientnet_b0_32");

        for (Node node : quantized.model().graph().nodes()) {
            if (node.opType().equals("Mul")) {
                double map = Math.max(quantized.scale(node.inputs().get(0)), quantized.scale(node.inputs().get(1)));
                assertEquals(map, quantized.scale(node.outputs().get(0)), 0.0, node.describe());
            }
        }
    }

    @Test
    void resnetAddsShareOneScale() {
        CalibratedModel quantized = calibrate("resnet18_32");

        assertEquals(8, count(quantized.model(), "Add"));
        for (Node node : quantized.model().graph().nodes()) {
            if (node.opType().equals("Add")) {
                double output = quantized.scale(node.outputs().get(0));
                assertEquals(output, quantized.scale(node.inputs().get(0)), 0.0, node.describe() + " operand 0");
                assertEquals(output, quantized.scale(node.inputs().get(1)), 0.0, node.describe() + " operand 1");
            }
        }
    }

    @Test
    void googlenetConcatsShareOneScale() {
        CalibratedModel quantized = calibrate("googlenet_32");

        assertEquals(9, count(quantized.model(), "Concat"));
        for (Node node : quantized.model().graph().nodes()) {
            if (node.opType().equals("Concat")) {
                double output = quantized.scale(node.outputs().get(0));
                for (String input : node.inputs()) {
                    assertEquals(output, quantized.scale(input), 0.0, node.describe() + " input " + input);
                }
            }
        }
    }

    @Test
    void integerExecutorCoversEveryTensor() {
        CalibratedModel quantized = calibrate("googlenet_32");
        Model model = quantized.model();
        float[] input = Calibrator.randomInputs(model.graph(), 13, 1).get(0);

        Map<String, byte[]> values = IntegerExecutor.run(quantized, input);

        assertEquals(model.graph().size() + 1, values.size(), "the input and one output per node");
        for (Map.Entry<String, byte[]> entry : values.entrySet()) {
            long expected = model.graph().tensor(entry.getKey()).shape().elementCount();
            assertEquals(expected, entry.getValue().length, entry.getKey());
        }
        assertTrue(values.containsKey(model.graph().outputs().get(0)), "graph output present");
    }
}
