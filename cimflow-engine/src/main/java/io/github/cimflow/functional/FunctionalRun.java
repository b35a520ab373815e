package io.github.cimflow.functional;

import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.cg.GraphCompiler;
import io.github.cimflow.cg.Strategy;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Model;
import io.github.cimflow.op.OpCompilation;
import io.github.cimflow.op.OperatorCompiler;
import io.github.cimflow.quant.CalibratedModel;
import io.github.cimflow.quant.Calibrator;
import io.github.cimflow.quant.FloatExecutor;
import io.github.cimflow.quant.SeededWeights;
import io.github.cimflow.reference.IntegerExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A whole functional verification of a model: seeded weights when the model has none, calibration,
 * compilation, the data-mode run, the comparison with the reference executor and the float sanity
 * check of the outputs.
 */
public final class FunctionalRun {
    /** Seed of the weights of a model exported without them. */
    public static final long WEIGHT_SEED = 1;
    /** Seed of the calibration inputs. */
    public static final long CALIBRATION_SEED = 2;
    /** Seed of the inputs when no input file is given. */
    public static final long INPUT_SEED = 3;
    /**
     * Calibration inputs. Each costs one float execution (about 1.5 s for CIFAR ResNet18, the largest
     * part of a functional run), and the check needs sane scales, not the best ones.
     */
    public static final int CALIBRATION_INPUTS = 2;

    private FunctionalRun() {
    }

    /** The outcome of a functional run: the comparison with the reference and with the float executor. */
    public record Report(FunctionalResult result, FloatAgreement agreement) {
    }

    /**
     * Returns the model to verify: the model itself, or with {@link #WEIGHT_SEED} weights (after a
     * WARNING line) when it was exported without weight data.
     */
    public static Model withWeights(Model model, Consumer<String> log) {
        if (!SeededWeights.isNeeded(model)) {
            return model;
        }
        log.accept("WARNING: " + model.name() + " carries no weights; verifying with seeded He-normal weights (seed "
                + WEIGHT_SEED + "), so its outputs say nothing about a trained network");
        return SeededWeights.fill(model, WEIGHT_SEED);
    }

    /** Returns {@code images} seeded standard normal inputs for the model. */
    public static List<float[]> randomInputs(Model model, int images) {
        return Calibrator.randomInputs(model.graph(), INPUT_SEED, images);
    }

    /**
     * Calibrates, compiles and runs a model with weights, and compares.
     *
     * @param inputs one float NCHW input per image of the batch
     */
    public static Report run(Model model, HardwareConfig hardware, Strategy strategy, List<float[]> inputs,
                             boolean traceLayers) {
        return run(model, hardware, strategy, inputs, seededCalibration(model), traceLayers);
    }

    /** Returns {@link #CALIBRATION_INPUTS} seeded standard normal calibration inputs for the model. */
    public static List<float[]> seededCalibration(Model model) {
        return Calibrator.randomInputs(model.graph(), CALIBRATION_SEED, CALIBRATION_INPUTS);
    }

    /**
     * Calibrates on the given inputs, compiles and runs a model with weights, and compares.
     *
     * @param inputs      one float NCHW input per image of the batch
     * @param calibration the float NCHW inputs the scales come from
     */
    public static Report run(Model model, HardwareConfig hardware, Strategy strategy, List<float[]> inputs,
                             List<float[]> calibration, boolean traceLayers) {
        CalibratedModel quantized = Calibrator.calibrate(model, calibration);
        CgProgram cg = GraphCompiler.compile(model, hardware, inputs.size(), strategy);
        OpCompilation compilation = OperatorCompiler.compileWithStatistics(cg, hardware);

        List<byte[]> quantizedInputs = new ArrayList<>();
        List<Map<String, byte[]>> expected = new ArrayList<>();
        for (float[] input : inputs) {
            byte[] values = quantized.quantizeInput(input);
            quantizedInputs.add(values);
            expected.add(IntegerExecutor.run(quantized, values));
        }
        FunctionalResult result = FunctionalCheck.run(compilation, hardware, quantized, quantizedInputs,
                (tensor, image) -> expected.get(image).get(tensor), traceLayers);
        return new Report(result, agreement(quantized, inputs, result));
    }

    /** Compares the dequantized int8 outputs the programs computed with the float executor's outputs. */
    private static FloatAgreement agreement(CalibratedModel quantized, List<float[]> inputs, FunctionalResult result) {
        Graph graph = quantized.model().graph();
        double maxError = 0;
        int agreements = 0;
        int codeSpan = Integer.MAX_VALUE;
        for (String output : graph.outputs()) {
            int smallest = Byte.MAX_VALUE;
            int largest = Byte.MIN_VALUE;
            for (byte[] image : result.outputs().get(output)) {
                for (byte value : image) {
                    smallest = Math.min(smallest, value);
                    largest = Math.max(largest, value);
                }
            }
            codeSpan = Math.min(codeSpan, Math.max(0, largest - smallest));
        }
        for (int image = 0; image < inputs.size(); image++) {
            Map<String, float[]> reference = FloatExecutor.run(graph, inputs.get(image));
            boolean agrees = true;
            for (String output : graph.outputs()) {
                float[] real = reference.get(output);
                float[] computed = quantized.dequantize(output, result.outputs().get(output).get(image));
                for (int i = 0; i < real.length; i++) {
                    maxError = Math.max(maxError, Math.abs(computed[i] - real[i]));
                }
                agrees &= argmax(real) == argmax(computed);
            }
            if (agrees) {
                agreements++;
            }
        }
        return new FloatAgreement(maxError, agreements, inputs.size(), codeSpan == Integer.MAX_VALUE ? 0 : codeSpan);
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
