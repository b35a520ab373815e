package io.github.cimflow.explore;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.CimUnitConfig;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.model.Model;
import io.github.cimflow.model.OperationCount;
import io.github.cimflow.onnx.OnnxImporter;
import io.github.cimflow.sim.SimulationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Roofline sanity on every model under examples/models at the defaults (T8 K16 B16 C64, batch 8,
 * strategy dp, each model at its own input size). No simulation may finish faster than the chip's
 * peak CIM throughput allows, and the CIM_MVM count must cover the MACs. A model that does not
 * compile (the 224×224 ones overflow a core's local memory) is skipped with the compile error.
 */
class RooflineTest {
    static final Path MODELS = Path.of("..", "examples", "models");
    static final int BATCH_SIZE = 8;
    /** cimflow compiles 8-bit features and 8-bit weights; inputs enter the macros one bit per cycle. */
    static final int INPUT_BITS = 8;
    static final int WEIGHT_BITS = 8;

    @TestFactory
    Stream<DynamicTest> everyModelRespectsPeakThroughput() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(MODELS)) {
            files = listing.filter(file -> file.toString().endsWith(".onnx")).sorted().toList();
        }
        assertTrue(files.size() >= 10, "expected the committed example models in " + MODELS.toAbsolutePath());
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    private static void check(Path file) {
        List<Integer> inputShape = inputShape(file);
        RunSpec run = new RunSpec("roofline", file.toAbsolutePath().normalize(), 8, 16, 16, 64, BATCH_SIZE, "dp",
                null, inputShape, Map.of(), "", false, null);
        Pipeline.Result result;
        try {
            result = Pipeline.compute(run);
        } catch (CimflowException e) {
            System.out.println("RooflineTest skips " + file.getFileName() + ": " + e.getMessage());
            Assumptions.abort(file.getFileName() + " does not compile at the defaults: " + e.getMessage());
            return;
        }
        SimulationResult simulation = result.simulation().result();
        long macs = OperationCount.of(OnnxImporter.load(file, toArray(inputShape))).macs() * BATCH_SIZE;

        HardwareConfig hardware = result.hardware();
        CimUnitConfig cim = hardware.core().cim();
        // One bit-serial step of a macro multiplies H input bits with the H × (W·n / weight bits) weights.
        long macsPerStepPerMacro = (long) cim.macro().compartments()
                * (cim.macro().elementsPerCompartment() * cim.macro().bitsPerRow() / WEIGHT_BITS);
        double peakMacsPerCycle = (double) hardware.coreCount() * cim.macroTotalCount() * macsPerStepPerMacro
                / INPUT_BITS;
        double boundNanoseconds = macs / peakMacsPerCycle * hardware.periodNanoseconds();
        assertTrue(simulation.latencyNanoseconds() >= boundNanoseconds, file.getFileName() + ": simulated "
                + simulation.latencyNanoseconds() + " ns, below the roofline bound of " + boundNanoseconds + " ns");

        // One MVM vector feeds every macro of the core once, so it performs at most T·K·H·W·n/8 MACs.
        long macsPerVector = cim.macroTotalCount() * macsPerStepPerMacro;
        assertTrue(simulation.mvmCount() * macsPerVector >= macs, file.getFileName() + ": "
                + simulation.mvmCount() + " MVM vectors cannot compute " + macs + " MACs");
    }

    /** Returns the model's own input shape with batch 1, or 1×3×32×32 when its batch dimension is dynamic. */
    private static List<Integer> inputShape(Path file) {
        try {
            Model model = OnnxImporter.load(file, null);
            int[] dims = model.graph().tensor(model.graph().inputs().get(0)).shape().dims();
            return List.of(1, dims[1], dims[2], dims[3]);
        } catch (CimflowException e) {
            return Pipeline.DEFAULT_INPUT_SHAPE;
        }
    }

    private static int[] toArray(List<Integer> shape) {
        return shape.stream().mapToInt(Integer::intValue).toArray();
    }
}
