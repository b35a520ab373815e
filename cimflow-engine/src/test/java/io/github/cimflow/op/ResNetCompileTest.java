package io.github.cimflow.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.cg.GraphCompiler;
import io.github.cimflow.cg.Strategy;
import io.github.cimflow.hw.AddressRegion;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.CoreConfig;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.hw.MemoryConfig;
import io.github.cimflow.hw.MemoryType;
import io.github.cimflow.isa.IsaJson;
import io.github.cimflow.isa.ProgramVerifier;
import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.OnnxImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OP compiler on the graph-level compiler's output for CIFAR ResNet18. */
class ResNetCompileTest {
    static final Path RESNET18_CIFAR = Path.of("..", "examples", "models", "resnet18_cifar.onnx");

    static CgProgram compileCg(HardwareConfig hardware, int batch, int[] inputShape) {
        Model model = OnnxImporter.load(RESNET18_CIFAR, inputShape);
        return GraphCompiler.compile(model, hardware, batch, Strategy.DP);
    }

    /**
     * Returns the preset with 16 MiB input and output memories and a 256 MiB global memory: a 224×224 map of
     * 64 channels (3.2 MB) does not fit the preset's 256 KiB memories.
     */
    static HardwareConfig largeMemories(ArchParams knobs) {
        HardwareConfig preset = HardwarePresets.preset(knobs);
        List<MemoryConfig> memories = new ArrayList<>();
        for (MemoryConfig m : preset.core().localMemories()) {
            int size = m.type() == MemoryType.RAM ? 16 << 20 : m.sizeBytes();
            memories.add(new MemoryConfig(m.name(), m.type(), m.role(), size, m.widthBytes(),
                    m.writeWidthBytes(), m.unitBytes(), m.readLatencyCycles(), m.writeLatencyCycles(),
                    m.staticPowerMilliwatts(), m.readDynamicPowerMilliwatts(), m.writeDynamicPowerMilliwatts()));
        }
        CoreConfig c = preset.core();
        CoreConfig core = new CoreConfig(c.cim(), memories, c.simdPipeline(),
                c.simdFunctors(), c.simdInstructions(), c.reducePipeline(), c.reduceFunctors(),
                c.scalarStaticPowerMilliwatts(), c.scalarDynamicPowerMilliwatts(), c.transferPipeline(),
                c.instructionMemoryBytes());
        MemoryConfig g = preset.globalMemory();
        MemoryConfig global = new MemoryConfig(g.name(), g.type(), g.role(),
                256 << 20, g.widthBytes(), g.writeWidthBytes(), g.unitBytes(), g.readLatencyCycles(),
                g.writeLatencyCycles(), g.staticPowerMilliwatts(), g.readDynamicPowerMilliwatts(),
                g.writeDynamicPowerMilliwatts());
        List<AddressRegion> regions = new ArrayList<>();
        int base = 0;
        regions.add(new AddressRegion("macro", 0, c.cim().bytesPerCore()));
        base += c.cim().bytesPerCore();
        for (MemoryConfig m : memories) {
            regions.add(new AddressRegion(m.name(), base, m.sizeBytes()));
            base += m.sizeBytes();
        }
        regions.add(new AddressRegion(global.name(), base, global.sizeBytes()));
        return new HardwareConfig(preset.coreCount(), core, global, preset.network(), regions,
                preset.periodNanoseconds(), preset.provenance());
    }

    @Test
    void staticSizeFollowsLayersNotPixels() {
        HardwareConfig hardware = largeMemories(ArchParams.DEFAULT);
        OpStatistics small = OperatorCompiler.compileWithStatistics(compileCg(hardware, 1, new int[] {1, 3, 32, 32}),
                hardware).statistics();
        OpStatistics large = OperatorCompiler.compileWithStatistics(compileCg(hardware, 1,
                new int[] {1, 3, 224, 224}), hardware).statistics();
        double change = Math.abs(large.totalStaticInstructions() - small.totalStaticInstructions())
                / (double) small.totalStaticInstructions();
        assertTrue(change < 0.10, "static counts " + small.totalStaticInstructions() + " and "
                + large.totalStaticInstructions() + " differ by " + change);
        assertTrue(large.totalDynamicInstructions() > 20 * small.totalDynamicInstructions(),
                "dynamic counts " + small.totalDynamicInstructions() + " and " + large.totalDynamicInstructions());
    }

    @Test
    void resnet18AtDefaultsPassesVerifier() {
        HardwareConfig hardware = HardwarePresets.preset(ArchParams.DEFAULT);
        OpCompilation result = OperatorCompiler.compileWithStatistics(compileCg(hardware, 8, null), hardware);
        assertEquals(64, result.program().cores().size());
        assertEquals(List.of(), ProgramVerifier.check(result.program(), hardware));
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
