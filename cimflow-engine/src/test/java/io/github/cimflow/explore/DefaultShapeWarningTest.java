package io.github.cimflow.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The warning when a run falls back to CIMFlow's 1×3×32×32 input but the model declares another shape. */
class DefaultShapeWarningTest {
    private static final Path MODELS = Path.of("../examples/models");

    private static RunSpec run(String model, List<Integer> inputShape) {
        return new RunSpec(null, MODELS.resolve(model), 8, 16, 16, 16, 1, "dp", null, inputShape, Map.of(), "",
                false, null);
    }

    @Test
    void declaredSixteenBySixteenIsNamed() {
        // tinynet_trained.onnx declares 1×3×16×16 (examples/models/README.md).
        assertEquals("the model declares input shape 1×3×16×16, but the run uses CIMFlow's default 1×3×32×32; "
                + "pass --input-shape 1,3,16,16 to use the declared shape (in a batch file: \"input_shape\": "
                + "[1, 3, 16, 16])", Pipeline.defaultShapeWarning(run("tinynet_trained.onnx", null)));
    }

    @Test
    void explicitShapeGetsNoWarning() {
        assertNull(Pipeline.defaultShapeWarning(run("tinynet_trained.onnx", List.of(1, 3, 32, 32))));
    }

    @Test
    void matchingDeclaredShapeGetsNoWarning() {
        assertNull(Pipeline.defaultShapeWarning(run("resnet18_cifar.onnx", null)));
    }

    @Test
    void dynamicBatchAxisGetsNoWarning() {
        assertNull(Pipeline.defaultShapeWarning(run("resnet18_cifar_dynamic_batch.onnx", null)));
    }

    @Test
    void warningReachesRunLog() {
        Pipeline.Result result = Pipeline.compute(run("tinynet_trained.onnx", null));

        assertEquals(1, result.log().stream()
                .filter(line -> line.startsWith("WARNING: the model declares input shape 1×3×16×16")).count(),
                result.log().toString());
    }
}
