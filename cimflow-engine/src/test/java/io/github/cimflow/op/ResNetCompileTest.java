package io.github.cimflow.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.cg.GraphCompiler;
import io.github.cimflow.cg.Strategy;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.isa.IsaJson;
import io.github.cimflow.isa.ProgramVerifier;
import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.OnnxImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The OP compiler on the graph-level compiler's output for CIFAR ResNet18. */
class ResNetCompileTest {
    static final Path RESNET18_CIFAR = Path.of("..", "examples", "models", "resnet18_cifar.onnx");

    static CgProgram compileCg(HardwareConfig hardware, int batch, int[] inputShape) {
        Model model = OnnxImporter.load(RESNET18_CIFAR, inputShape);
        return GraphCompiler.compile(model, hardware, batch, Strategy.DP);
    }

    @Test
    void resnet18AtDefaultsPassesVerifier() {
        HardwareConfig hardware = HardwarePresets.preset(ArchParams.DEFAULT);
        OpCompilation result = OperatorCompiler.compileWithStatistics(compileCg(hardware, 8, null), hardware);
        assertEquals(64, result.program().cores().size());
        assertEquals(java.util.List.of(), ProgramVerifier.check(result.program(), hardware));
    }

    @Test
    void resnet18CompilesDeterministically() {
        HardwareConfig hardware = HardwarePresets.preset(ArchParams.DEFAULT);
        CgProgram cg = compileCg(hardware, 2, null);
        String first = IsaJson.toJson(OperatorCompiler.compile(cg, hardware));
        String second = IsaJson.toJson(OperatorCompiler.compile(cg, hardware));
        assertTrue(first.equals(second), "two compilations of the same CG IR differ");
    }
}
