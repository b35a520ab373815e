package io.github.cimflow.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.isa.IsaProgram;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The energy tree of a program that uses every unit, the NoC and global memory. */
class EnergyTreeTest {
    static final ArchParams FOUR_CORES = new ArchParams(8, 16, 16, 4);
    static final int INPUT = SimulatorTimingTest.INPUT_MEMORY;
    static final int OUTPUT = SimulatorTimingTest.OUTPUT_MEMORY;
    static final int GLOBAL = SimulatorTimingTest.GLOBAL;

    static SimulationResult busyProgram() {
        Asm worker = new Asm().sli(Asm.CIM_IBW, 8).sli(Asm.CIM_AG, 4).sli(Asm.VEC_IBW1, 32).sli(Asm.VEC_IBW2, 32)
                .sli(Asm.VEC_OBW, 32).li(1, INPUT).li(2, 32).li(3, 0).li(4, OUTPUT).li(5, 64).li(6, GLOBAL)
                .li(7, 1).li(8, 256).li(9, 3)
                .memCpy(1, 6, 8)
                .mvm(1, 2, 3, 0)
                .cimOut(5, 4, 0)
                .vec(2, 0, 4, 4, 4, 5)
                .reduce(1, 4, 4, 5)
                .send(4, 7, 4, 8, 9);
        Asm receiver = new Asm().li(1, 0).li(2, OUTPUT).li(3, 256).li(4, 3).recv(1, 2, 2, 3, 4);
        IsaProgram program = Asm.program(FOUR_CORES, worker, receiver);
        return Simulator.run(program, HardwarePresets.preset(FOUR_CORES), SimulationOptions.DEFAULT);
    }

    static void leaves(EnergyNode node, List<EnergyNode> into) {
        if (node.children().isEmpty()) {
            into.add(node);
        }
        node.children().forEach(child -> leaves(child, into));
    }

    @Test
    void leavesSumToTotal() {
        SimulationResult result = busyProgram();
        List<EnergyNode> leaves = new ArrayList<>();
        leaves(result.energyTree(), leaves);
        double sum = 0;
        for (EnergyNode leaf : leaves) {
            sum += leaf.totalEnergyPicojoules();
        }
        assertEquals(result.totalEnergyPicojoules(), sum, 1e-9 * sum);
    }

    @Test
    void childrenSortedByName() {
        List<String> names = busyProgram().energyTree().children().get(0).children().stream()
                .map(EnergyNode::name).toList();
        // Code-point order, as CIMFlow's std::map keys: upper-case 'I' sorts before lower-case 'c'.
        assertEquals(List.of("CimUnit", "LocalMemoryUnit", "ReduceUnit", "SIMDUnit", "ScalarUnit"), names);
    }

    @Test
    void networkChargesFlitsTimesHops() {
        // Core 0 → core 1 (1 hop): ready 1 flit, receiver-ready 1 flit, 16 data flits = 18 flits × 20.37 pJ.
        // Global memory has its own port on core 0's router (0 hops, charged as 1): request 1 flit,
        // response 16 flits.
        EnergyNode network = busyProgram().energyTree().children().get(2);
        assertEquals("Network", network.name());
        assertEquals((18 + 17) * 20.37, network.dynamicEnergyPicojoules(), 1e-9);
    }

    @Test
    void mvmEnergyFollowsEventCounts() {
        // 4 groups × 8 macros = 32 macros; 8 bit steps. SRAM read per step: 0.006041917 mW/bit × 2048 bits
        // × 32 macros × 2 ns; IPU: 0.008715 mW × 4 groups × 2 ns per step.
        EnergyNode cimUnit = busyProgram().energyTree().children().get(0).children().get(0);
        double sramRead = cimUnit.children().stream().filter(n -> n.name().equals("sram read")).findFirst()
                .orElseThrow().dynamicEnergyPicojoules();
        double ipu = cimUnit.children().stream().filter(n -> n.name().equals("ipu")).findFirst()
                .orElseThrow().dynamicEnergyPicojoules();
        assertEquals(0.006041917 * 2048 * 32 * 2 * 8, sramRead, 1e-9);
        assertEquals(0.008715 * 4 * 2 * 8, ipu, 1e-12);
    }
}
