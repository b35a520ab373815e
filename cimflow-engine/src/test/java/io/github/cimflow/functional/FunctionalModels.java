package io.github.cimflow.functional;

import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.cg.GraphCompiler;
import io.github.cimflow.cg.Strategy;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.OnnxImporter;
import io.github.cimflow.op.OpCompilation;
import io.github.cimflow.op.OperatorCompiler;
import io.github.cimflow.quant.CalibratedModel;
import io.github.cimflow.quant.Calibrator;
import io.github.cimflow.quant.SeededWeights;
import io.github.cimflow.reference.IntegerExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles a test model, calibrates it on seeded inputs (seeded weights where the model has none),
 * computes the expected values with the reference executor and runs the functional check.
 */
final class FunctionalModels {
    static final Path RESOURCES = Path.of("src/test/resources/functional");
    static final Path EXAMPLES = Path.of("../examples/models");

    final Model model;
    final CalibratedModel quantized;
    final HardwareConfig hardware;
    final CgProgram cg;
    final OpCompilation compilation;
    final List<byte[]> inputs = new ArrayList<>();
    final List<Map<String, byte[]>> expected = new ArrayList<>();

    private FunctionalModels(FunctionalModels original, OpCompilation compilation) {
        this.model = original.model;
        this.quantized = original.quantized;
        this.hardware = original.hardware;
        this.cg = original.cg;
        this.compilation = compilation;
        this.inputs.addAll(original.inputs);
        this.expected.addAll(original.expected);
    }

    FunctionalModels(Path file, ArchParams arch, int batchSize, int[] inputShape) {
        Model loaded = OnnxImporter.load(file, inputShape);
        this.model = SeededWeights.isNeeded(loaded) ? SeededWeights.fill(loaded, 3) : loaded;
        this.quantized = Calibrator.calibrate(model, Calibrator.randomInputs(model.graph(), 5, 2));
        this.hardware = HardwarePresets.preset(arch);
        this.cg = GraphCompiler.compile(model, hardware, batchSize, Strategy.parse("dp"));
        this.compilation = OperatorCompiler.compileWithStatistics(cg, hardware);
        for (float[] image : Calibrator.randomInputs(model.graph(), 23, batchSize)) {
            byte[] input = quantized.quantizeInput(image);
            inputs.add(input);
            expected.add(IntegerExecutor.run(quantized, input));
        }
    }

    static FunctionalModels of(String name, ArchParams arch, int batchSize) {
        return new FunctionalModels(RESOURCES.resolve(name + ".onnx"), arch, batchSize, null);
    }

    /** Returns the same model, inputs and expected values with other programs (a corrupted copy). */
    FunctionalModels withCompilation(OpCompilation other) {
        return new FunctionalModels(this, other);
    }

    FunctionalResult check(boolean traceLayers) {
        return FunctionalCheck.run(compilation, hardware, quantized, inputs,
                (tensor, image) -> expected.get(image).get(tensor), traceLayers);
    }
}
