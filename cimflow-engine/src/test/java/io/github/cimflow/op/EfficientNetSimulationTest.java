package io.github.cimflow.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.cg.GraphCompiler;
import io.github.cimflow.cg.Strategy;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.isa.IsaProgram;
import io.github.cimflow.sim.SimulationOptions;
import io.github.cimflow.sim.SimulationResult;
import io.github.cimflow.sim.Simulator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** EfficientNet-B0 (SiLU, squeeze-and-excitation) through the OP compiler and the simulator. */
class EfficientNetSimulationTest {
    private static final Path MODEL = Path.of("..", "examples", "models", "efficientnet_b0_32.onnx");

    @Test
    void efficientNetCompilesAndSimulatesAtBatchOne() {
        HardwareConfig hardware = HardwarePresets.preset(ArchParams.DEFAULT);
        CgProgram cg = GraphCompiler.compile(io.github.cimflow.onnx.OnnxImporter.load(MODEL, null), hardware, 1,
                Strategy.DP);
        IsaProgram program = OperatorCompiler.compile(cg, hardware);
        SimulationResult result = Simulator.run(program, hardware, SimulationOptions.DEFAULT);
        assertEquals(1, result.batchSize());
        assertTrue(result.cycles() > 0, "the simulation ran no cycles");
    }
}
