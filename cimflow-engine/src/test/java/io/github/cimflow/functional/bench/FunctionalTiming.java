package io.github.cimflow.functional.bench;

import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.cg.GraphCompiler;
import io.github.cimflow.cg.Strategy;
import io.github.cimflow.functional.FunctionalRun;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.OnnxImporter;
import io.github.cimflow.op.OpCompilation;
import io.github.cimflow.op.OperatorCompiler;
import io.github.cimflow.quant.CalibratedModel;
import io.github.cimflow.quant.Calibrator;
import io.github.cimflow.quant.FloatExecutor;
import io.github.cimflow.reference.IntegerExecutor;
import io.github.cimflow.sim.DataMemoryImage;
import io.github.cimflow.sim.SimulationOptions;
import io.github.cimflow.sim.Simulator;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints the wall time of each step of a functional run of one image at T8 K16 B16 C64, in one JVM
 * and without warm-up, as the command runs them. Argument: an ONNX file (default: CIFAR ResNet18).
 * The data-mode simulation runs on zeroed memory: its time does not depend on the values.
 */
public final class FunctionalTiming {
    private FunctionalTiming() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "examples/models/resnet18_cifar.onnx");
        long start = System.nanoTime();
        Model model = FunctionalRun.withWeights(OnnxImporter.load(file, null), line -> { });
        long loaded = System.nanoTime();
        CalibratedModel quantized = Calibrator.calibrate(model, Calibrator.randomInputs(model.graph(),
                FunctionalRun.CALIBRATION_SEED, FunctionalRun.CALIBRATION_INPUTS));
        long calibrated = System.nanoTime();
        HardwareConfig hardware = HardwarePresets.preset(new ArchParams(8, 16, 16, 64));
        CgProgram cg = GraphCompiler.compile(model, hardware, 1, Strategy.parse("dp"));
        OpCompilation compilation = OperatorCompiler.compileWithStatistics(cg, hardware);
        long compiled = System.nanoTime();
        float[] input = FunctionalRun.randomInputs(model, 1).get(0);
        IntegerExecutor.run(quantized, quantized.quantizeInput(input));
        long referenced = System.nanoTime();
        Simulator.run(compilation.program(), hardware, new SimulationOptions(0, true), new DataMemoryImage(hardware));
        long simulated = System.nanoTime();
        FloatExecutor.run(model.graph(), input);
        long floated = System.nanoTime();
        System.out.printf(Locale.ROOT, "import %.2f s, calibration (%d inputs) %.2f s, CG and OP compilation %.2f s, "
                        + "reference executor %.2f s, data-mode simulation %.2f s, float executor %.2f s%n",
                seconds(start, loaded), FunctionalRun.CALIBRATION_INPUTS, seconds(loaded, calibrated),
                seconds(calibrated, compiled), seconds(compiled, referenced), seconds(referenced, simulated),
                seconds(simulated, floated));
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
