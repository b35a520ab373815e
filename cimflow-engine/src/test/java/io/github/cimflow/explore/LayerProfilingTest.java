package io.github.cimflow.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.cg.CgCore;
import io.github.cimflow.cg.CgStage;
import io.github.cimflow.isa.LayerTable;
import io.github.cimflow.report.ProfileReport;
import io.github.cimflow.report.ProfilerConfig;
import io.github.cimflow.sim.CoreProfile;
import io.github.cimflow.sim.EnergyNode;
import io.github.cimflow.sim.LayerProfile;
import io.github.cimflow.sim.SimulationProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-layer profiles of a profiled pipeline run on Debian's one-convolution test model (1×1×5×5 input,
 * 3×3 kernel, pad 1) and on CIFAR ResNet18, checked against the per-core totals of the same run.
 */
class LayerProfilingTest {
    static Pipeline.Result conv;
    static Pipeline.Result plain;

    private static RunSpec convRun(String profile) {
        return new RunSpec("conv", PipelineTest.CONV, 8, 16, 16, 64, 1, "baseline2", null, List.of(1, 1, 5, 5),
                Map.of(), profile, false, null);
    }

    @BeforeAll
    static void simulate() {
        conv = Pipeline.compute(convRun("from-config"));
        plain = Pipeline.compute(convRun(""));
    }

    /** Returns the cluster ids of the stages that have operations (idle cores list stages without any). */
    private static Set<String> clusterIds(Pipeline.Result result) {
        Set<String> ids = new TreeSet<>();
        for (CgCore core : result.cg().cores()) {
            for (CgStage stage : core.stages()) {
                if (!stage.instructions().isEmpty()) {
                    ids.add(stage.clusterId());
                }
            }
        }
        return ids;
    }

    @Test
    void layersAreClustersAndSetup() {
        Set<String> expected = new TreeSet<>(clusterIds(conv));
        assertEquals(1, expected.size(), "one weight layer");
        expected.add(LayerTable.OUTSIDE_LAYERS);
        Set<String> profiled = new TreeSet<>();
        conv.simulation().layers().forEach(layer -> profiled.add(layer.layer()));
        assertEquals(expected, profiled);
    }

    @Test
    void layerBusyCyclesAddUpToCore() {
        assertLayersAddUp(conv.simulation());
    }

    @Test
    void convolutionHoldsAllCimWork() {
        String convolution = clusterIds(conv).iterator().next();
        long cimOfLayer = 0;
        long cimOutside = 0;
        for (LayerProfile layer : conv.simulation().layers()) {
            long cim = layer.unitBusyCycles().get("cim");
            if (layer.layer().equals(convolution)) {
                cimOfLayer += cim;
            } else {
                cimOutside += cim;
            }
        }
        long cimOfChip = 0;
        for (CoreProfile core : conv.simulation().cores()) {
            cimOfChip += core.unitBusyCycles().get("cim");
        }
        // By hand: 5×5 outputs (pad 1), one MVM vector each (reduction 9 fits one row of H=32). The
        // im2col vector sits in the CIM input register buffer, read in 0 cycles, then 8 IPU steps of 1
        // cycle and the drain of SRAM read, adder tree, shift adder and result adder (1 cycle each).
        // CIM_OUT waits for the drain, so the vectors do not overlap: 25 × (8 + 4) = 300 cycles.
        assertEquals(300, cimOfLayer);
        assertEquals(cimOfChip, cimOfLayer);
        assertEquals(0, cimOutside);
    }

    @Test
    void layerEnergyAddsUpToDynamicEnergy() {
        SimulationProfile profile = conv.simulation();
        double layers = 0;
        for (LayerProfile layer : profile.layers()) {
            layers += layer.energyTree().dynamicEnergyPicojoules() + layer.globalMemoryPicojoules();
            assertEquals(0.0, layer.energyTree().staticEnergyPicojoules(), layer.layer());
        }
        double network = 0;
        for (EnergyNode node : profile.result().energyTree().children()) {
            if (node.name().equals("Network")) {
                network = node.dynamicEnergyPicojoules();
            }
        }
        double expected = profile.result().energyTree().dynamicEnergyPicojoules() - network;
        assertEquals(expected, layers, expected * 1e-9);
    }

    @Test
    void layerTableLeavesTimingUnchanged() {
        assertEquals(plain.simulation().result(), conv.simulation().result());
        assertTrue(plain.simulation().layers().isEmpty(), "no table without a profile");
    }

    @Test
    void jsonProfileListsLayers() {
        String json = ProfileReport.json(conv.simulation(), ProfilerConfig.builtIn(java.nio.file.Path.of(".")));
        assertTrue(json.contains("\"layer_profiling\""), json);
        assertTrue(json.contains("\"" + clusterIds(conv).iterator().next() + "\""), json);
    }

    @Test
    void resnet18LayersAddUpToCores() {
        RunSpec run = new RunSpec("resnet", DpAgainstBaselinesTest.MODELS.resolve("resnet18_cifar.onnx")
                .toAbsolutePath().normalize(), 8, 16, 16, 64, 2, "baseline2", null, null, Map.of(), "from-config",
                false, null);
        Pipeline.Result result = Pipeline.compute(run);
        assertLayersAddUp(result.simulation());
        Set<String> profiled = new TreeSet<>();
        result.simulation().layers().forEach(layer -> profiled.add(layer.layer()));
        Set<String> expected = new TreeSet<>(clusterIds(result));
        expected.add(LayerTable.OUTSIDE_LAYERS);
        assertEquals(expected, profiled);
    }

    /** Checks that, per core and unit, the layers' busy cycles and instruction counts sum to the core's. */
    private static void assertLayersAddUp(SimulationProfile profile) {
        Map<Integer, Map<String, Long>> busy = new HashMap<>();
        Map<Integer, Long> instructions = new HashMap<>();
        for (LayerProfile layer : profile.layers()) {
            Map<String, Long> units = busy.computeIfAbsent(layer.core(), core -> new HashMap<>());
            layer.unitBusyCycles().forEach((unit, cycles) -> units.merge(unit, cycles, Long::sum));
            instructions.merge(layer.core(), layer.executedInstructions(), Long::sum);
        }
        for (CoreProfile core : profile.cores()) {
            if (core.executedInstructions() == 0) {
                continue;
            }
            assertEquals(core.executedInstructions(), instructions.get(core.core()), "core " + core.core());
            for (Map.Entry<String, Long> unit : core.unitBusyCycles().entrySet()) {
                assertEquals(unit.getValue(), busy.get(core.core()).get(unit.getKey()),
                        "core " + core.core() + " unit " + unit.getKey());
            }
        }
    }
}
