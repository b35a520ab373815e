package io.github.cimflow.cg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwareConfigs;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.model.Model;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphCompilerTest {
    private static final HardwareConfig DEFAULT = HardwarePresets.preset(ArchParams.DEFAULT);

    /** Compiles and runs the verifier, failing on any problem. */
    static CgProgram compileVerified(Model model, HardwareConfig hardware, int batch, Strategy strategy) {
        CgProgram program = GraphCompiler.compile(model, hardware, batch, strategy);
        List<String> problems = CgVerifier.check(program, hardware, new HashSet<>(model.graph().inputs()));
        assertEquals(List.of(), problems);
        return program;
    }

    private static long count(CgProgram program, String op) {
        return program.cores().stream().flatMap(core -> core.stages().stream())
                .flatMap(stage -> stage.instructions().stream()).filter(o -> o.op().equals(op)).count();
    }

    @Test
    void everyStrategyCompilesResNet18Verified() {
        for (Strategy strategy : Strategy.values()) {
            compileVerified(TestGraphs.cifarResNet18(), DEFAULT, 8, strategy);
        }
    }

    @Test
    void opCountOfCifarResNet18() {
        // Conv MACs of CIFAR ResNet18 at 32×32: 555,417,600, plus the 512×10 FC: 2·(555,417,600 + 5,120).
        CgProgram program = GraphCompiler.compile(TestGraphs.cifarResNet18(), DEFAULT, 8, Strategy.DP);
        assertEquals(1_110_845_440L, program.metadata().opCount());
    }

    @Test
    void metadataRecordsHowItWasCompiled() {
        CgMetadata metadata = GraphCompiler.compile(TestGraphs.smallChain(), DEFAULT, 4, Strategy.BASELINE1)
                .metadata();
        assertEquals("small_chain", metadata.model());
        assertEquals("baseline1", metadata.strategy());
        assertEquals(ArchParams.DEFAULT, metadata.arch());
        assertEquals(4, metadata.batchSize());
        assertEquals(HardwareConfigs.digest(DEFAULT), metadata.configDigest());
        assertEquals(List.of(1, 3, 16, 16), metadata.inputShape());
    }

    @Test
    void convOpsCountOneSlicePerCoreAndImage() {
        // Small chain in one stage without replication: conv1 and conv2 one core each, FC one core;
        // 3 images → 3 conv ops per conv layer and 3 fc ops.
        CgProgram program = compileVerified(TestGraphs.smallChain(), DEFAULT, 3, Strategy.BASELINE2);
        assertEquals(6, count(program, "conv"));
        assertEquals(3, count(program, "fc"));
        assertEquals(3, count(program, "maxpool"));
    }

    @Test
    void weightReadComesFirst() {
        CgProgram program = compileVerified(TestGraphs.cifarResNet18(), DEFAULT, 8, Strategy.DP);
        for (CgCore core : program.cores()) {
            for (CgStage stage : core.stages()) {
                if (stage.clusterId().equals("-1")) {
                    assertEquals(List.of(), stage.instructions(), core.key());
                    assertEquals(-1, stage.weightReplicaId());
                } else {
                    CgOp first = stage.instructions().get(0);
                    assertEquals("read", first.op());
                    assertEquals("weight", first.string("tensor_type"));
                }
            }
        }
    }

    @Test
    void mlpWithoutConvCompiles() {
        CgProgram program = compileVerified(TestGraphs.mlp(), DEFAULT, 2, Strategy.DP);
        // 256 and 128 channels need 4 and 2 cores, 10 need 1: 7 fc ops per image.
        assertEquals(14, count(program, "fc"));
    }

    @Test
    void singleCoreChipCompilesResNet18() {
        HardwareConfig hardware = HardwarePresets.preset(new ArchParams(8, 16, 16, 1));
        CgProgram program = compileVerified(TestGraphs.cifarResNet18(), hardware, 2, Strategy.DP);
        assertEquals(1, program.cores().size());
        assertEquals(21, program.cores().get(0).stages().size());
    }

    @Test
    void longReductionAddsPartialSums() {
        // 3·3·1024 weights per channel exceed 8192: two reduction slices, so 64 channels use 2 cores
        // and each image adds one partial sum.
        TestGraphs g = new TestGraphs().input("input", 1, 1024, 4, 4);
        Model model = g.build("wide", g.relu("/relu", g.conv("/conv/Conv", "input", 64, 3, 1, 1)));
        CgProgram program = compileVerified(model, DEFAULT, 2, Strategy.BASELINE2);
        long partials = program.cores().stream().flatMap(core -> core.stages().stream())
                .flatMap(stage -> stage.instructions().stream())
                .filter(op -> op.op().equals("add") && Boolean.TRUE.equals(op.attr().get("partial_sum"))).count();
        assertEquals(2, partials);
    }

    @Test
    void concatGraphCompilesVerified() {
        TestGraphs g = new TestGraphs().input("input", 1, 16, 8, 8);
        String a = g.conv("/a/Conv", "input", 96, 1, 1, 0);
        String b = g.conv("/b/Conv", "input", 32, 3, 1, 1);
        String cat = g.concat("/cat", a, b);
        String c = g.conv("/c/Conv", cat, 80, 1, 1, 0);
        String d = g.conv("/d/Conv", g.maxPool("/pool", cat, 3, 1, 1), 16, 1, 1, 0);
        Model model = g.build("inception", c, d);
        for (Strategy strategy : List.of(Strategy.DP, Strategy.BASELINE2)) {
            compileVerified(model, HardwarePresets.preset(new ArchParams(4, 16, 8, 16)), 3, strategy);
        }
    }

    @Test
    void sameInputGivesSameJson() {
        String first = CgJson.write(GraphCompiler.compile(TestGraphs.cifarResNet18(), DEFAULT, 4, Strategy.DP));
        String second = CgJson.write(GraphCompiler.compile(TestGraphs.cifarResNet18(), DEFAULT, 4, Strategy.DP));
        assertEquals(first, second);
    }

    @Test
    void batchSizeZeroIsRejected() {
        CimflowException error = assertThrows(CimflowException.class,
                () -> GraphCompiler.compile(TestGraphs.mlp(), DEFAULT, 0, Strategy.DP));
        assertEquals("batch size 0 is invalid; it must be at least 1 (--batch-size, images per stage)",
                error.getMessage());
    }

    @Test
    void nonSquareCoreCountIsRejected() {
        HardwareConfig hardware = HardwarePresets.preset(new ArchParams(8, 16, 16, 8));
        CimflowException error = assertThrows(CimflowException.class,
                () -> GraphCompiler.compile(TestGraphs.mlp(), hardware, 1, Strategy.DP));
        assertTrue(error.getMessage().startsWith("core count C=8 is invalid"), error.getMessage());
    }

    @Test
    void unknownStrategyListsKnownOnes() {
        CimflowException error = assertThrows(CimflowException.class, () -> Strategy.parse("greedy"));
        assertEquals("unknown strategy 'greedy'; known strategies: dp, baseline1, baseline2, "
                + "2x_communication_time, sum_calc_time, 0.5x_load_time, pipelined_calculate_time",
                error.getMessage());
    }
}
