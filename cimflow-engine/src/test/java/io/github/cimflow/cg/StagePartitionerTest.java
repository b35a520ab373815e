package io.github.cimflow.cg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.model.Model;
import java.util.List;
import org.junit.jupiter.api.Test;

class StagePartitionerTest {
    private static final HardwareConfig DEFAULT = HardwarePresets.preset(ArchParams.DEFAULT);

    private static StagePartitioner partitioner(Model model, HardwareConfig hardware, int batch, Strategy strategy) {
        return new StagePartitioner(Clustering.build(model.graph(), hardware.core().cim()), hardware, batch, strategy);
    }

    private static long cost(Model model, Strategy strategy) {
        return partitioner(model, DEFAULT, 8, strategy).partition().costCycles();
    }

    @Test
    void dpNoWorseThanBaselines() {
        for (Model model : List.of(TestGraphs.cifarResNet18(), TestGraphs.smallChain(), TestGraphs.mlp())) {
            long dp = cost(model, Strategy.DP);
            long baseline1 = cost(model, Strategy.BASELINE1);
            long baseline2 = cost(model, Strategy.BASELINE2);
            assertTrue(dp <= baseline1, model.name() + ": dp " + dp + " > baseline1 " + baseline1);
            assertTrue(baseline1 <= baseline2, model.name() + ": baseline1 " + baseline1 + " > baseline2 " + baseline2);
        }
    }

    @Test
    void dpBeatsBaseline2OnResNet18() {
        Model model = TestGraphs.cifarResNet18();
        assertTrue(cost(model, Strategy.DP) < cost(model, Strategy.BASELINE2));
    }

    /** Stages holding at least one convolution, as CIMFlow's partitioner leaves the FC layer out. */
    private static long convStages(int t) {
        HardwareConfig hardware = HardwarePresets.preset(new ArchParams(t, 16, 16, 64));
        StagePartitioner partitioner = partitioner(TestGraphs.cifarResNet18(), hardware, 8, Strategy.HALF_LOAD_TIME);
        LayerGraph layers = Clustering.build(TestGraphs.cifarResNet18().graph(), hardware.core().cim());
        return partitioner.partition().stages().stream()
                .filter(stage -> java.util.Arrays.stream(stage.layers())
                        .anyMatch(i -> layers.layer(i).kind() == Layer.Kind.CONV))
                .count();
    }

    @Test
    void resnet18StageCountsMatchCimflowPartitions() {
        // CIMFlow's DAC'25 partitions of CIFAR ResNet18 (C=64, B=16, batch 8, 0.5x_load_time).
        assertEquals(3, convStages(4));
        assertEquals(2, convStages(8));
        assertEquals(1, convStages(12));
        assertEquals(1, convStages(16));
    }

    @Test
    void singleLayerStageCostByHand() {
        // Conv 16→64, 3×3, 8×8 output, batch 2, C=4, T=8: one core, one 144-weight group, 16 copies.
        // compute 2·ceil(8·8·16·8/16) = 1024; input 1024 B and output 4096 B per image through global
        // memory: core bytes 2·5120 = 10240 / B=16 = 640 > global 10240 / 64 = 160; load
        // ceil(64·144/64)·16 = 2304. Replication (2 replicas) would cost 512 + 320 + 4608, so it stays at 1.
        TestGraphs g = new TestGraphs().input("input", 1, 16, 8, 8);
        Model model = g.build("one_conv", g.conv("/conv/Conv", "input", 64, 3, 1, 1));
        HardwareConfig hardware = HardwarePresets.preset(new ArchParams(8, 16, 16, 4));
        for (Strategy strategy : List.of(Strategy.DP, Strategy.BASELINE2)) {
            StagePartitioner.Partition partition = partitioner(model, hardware, 2, strategy).partition();
            StagePlan stage = partition.stages().get(0);
            assertEquals(1024, stage.computeCycles(), strategy.cliName());
            assertEquals(640, stage.communicationCycles(), strategy.cliName());
            assertEquals(2304, stage.loadCycles(), strategy.cliName());
            assertEquals(3968, partition.costCycles(), strategy.cliName());
        }
    }

    @Test
    void halfLoadTimeHalvesWeightLoad() {
        TestGraphs g = new TestGraphs().input("input", 1, 16, 8, 8);
        Model model = g.build("one_conv", g.conv("/conv/Conv", "input", 64, 3, 1, 1));
        HardwareConfig hardware = HardwarePresets.preset(new ArchParams(8, 16, 16, 1));
        StagePlan stage = partitioner(model, hardware, 2, Strategy.HALF_LOAD_TIME).partition().stages().get(0);
        assertEquals(2304 / 2, stage.loadCycles());
    }

    @Test
    void prefixesOfADiamond() {
        // a → b, a → c, b → d, c → d: {}, {a}, {a,b}, {a,c}, {a,b,c}, {a,b,c,d}.
        TestGraphs g = new TestGraphs().input("input", 1, 8, 4, 4);
        String a = g.conv("/a/Conv", "input", 8, 1, 1, 0);
        String b = g.conv("/b/Conv", a, 8, 1, 1, 0);
        String c = g.conv("/c/Conv", a, 8, 3, 1, 1);
        Model model = g.build("diamond", g.conv("/d/Conv", g.concat("/cat", b, c), 8, 1, 1, 0));
        assertEquals(6, partitioner(model, DEFAULT, 1, Strategy.DP).enumeratePrefixes(100).size());
    }

    @Test
    void prefixesOfResNet18() {
        // 17 main-path convs in a chain, 3 shortcut convs each parallel to one block's conv1 and conv2
        // (3 prefixes instead of 2 around each), and the FC: 1 + 21 + 3 = 25.
        assertEquals(25, partitioner(TestGraphs.cifarResNet18(), DEFAULT, 8, Strategy.DP)
                .enumeratePrefixes(1000).size());
    }

    @Test
    void prefixLimitStopsEnumeration() {
        assertNull(partitioner(TestGraphs.cifarResNet18(), DEFAULT, 8, Strategy.DP).enumeratePrefixes(10));
    }

    @Test
    void exactGivesUpAboveSearchLimit() {
        assertNull(partitioner(TestGraphs.cifarResNet18(), DEFAULT, 8, Strategy.DP).exact(1000, 5));
    }

    @Test
    void boundedSearchWithinTenPercentOnResNet18() {
        StagePartitioner partitioner = partitioner(TestGraphs.cifarResNet18(), DEFAULT, 8, Strategy.DP);
        long exact = partitioner.exact(StagePartitioner.EXACT_PREFIX_LIMIT, StagePartitioner.EXACT_SEARCH_LIMIT)
                .costCycles();
        long bounded = partitioner.bounded().costCycles();
        assertTrue(exact <= bounded, "exact " + exact + " > bounded " + bounded);
        assertTrue(bounded <= exact * 1.10, "bounded " + bounded + " more than 10% above exact " + exact);
    }

    @Test
    void singleCoreRunsOneLayerPerStage() {
        HardwareConfig hardware = HardwarePresets.preset(new ArchParams(8, 16, 16, 1));
        StagePartitioner.Partition partition = partitioner(TestGraphs.cifarResNet18(), hardware, 8, Strategy.DP)
                .partition();
        assertEquals(21, partition.stages().size());
        assertTrue(partition.stages().stream().allMatch(stage -> stage.usedCores() == 1));
    }

    @Test
    void layerLargerThanChipIsRejected() {
        HardwareConfig hardware = HardwarePresets.preset(new ArchParams(8, 16, 16, 4));
        CimflowException error = assertThrows(CimflowException.class,
                () -> partitioner(TestGraphs.cifarResNet18(), hardware, 8, Strategy.DP));
        assertEquals("layer '/layer4.0/conv1/Conv' (Conv) needs 8 cores (512 output channels at 64 per core) but "
                + "the chip has C=4 cores (T=8); raise the core count C or the macro group size T", error.getMessage());
    }
}
