package io.github.cimflow.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.isa.IsaProgram;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data-mode instruction observer: one call per executed instruction with the index that runs next. */
class InstructionObserverTest {
    private static final ArchParams FOUR_CORES = new ArchParams(8, 16, 16, 4);

    @Test
    void loopReportsEachIterationAndFallThrough() {
        // r1 counts 1, 2, 3; the BLT at index 3 jumps back to index 2 while r1 < r2 = 3.
        Asm core = new Asm().li(1, 0).li(2, 3).addi(1, 1, 1).blt(1, 2, -1).li(3, 7);
        HardwareConfig hardware = HardwarePresets.preset(FOUR_CORES);
        DataMemoryImage image = new DataMemoryImage(hardware);
        List<String> calls = new ArrayList<>();
        image.observe((id, instruction, next, memory) -> calls.add(id + ":" + instruction + "->" + next));

        Simulator.run(Asm.program(FOUR_CORES, core), hardware, new SimulationOptions(0, true), image);

        assertEquals(List.of("0:0->1", "0:1->2", "0:2->3", "0:3->2", "0:2->3", "0:3->2", "0:2->3", "0:3->4",
                "0:4->5"), calls);
    }

    @Test
    void barrierIsReportedOncePerCore() {
        // Every core: r1 = 4 cores, r2 = barrier id 0, BARRIER, then one more instruction.
        Asm[] cores = new Asm[4];
        for (int i = 0; i < cores.length; i++) {
            cores[i] = new Asm().li(1, 4).li(2, 0).barrier(1, 2).li(3, i);
        }
        HardwareConfig hardware = HardwarePresets.preset(FOUR_CORES);
        DataMemoryImage image = new DataMemoryImage(hardware);
        int[][] calls = new int[4][4];
        image.observe((id, instruction, next, memory) -> calls[id][instruction]++);

        IsaProgram program = Asm.program(FOUR_CORES, cores);
        Simulator.run(program, hardware, new SimulationOptions(0, true), image);

        for (int id = 0; id < cores.length; id++) {
            assertEquals("[1, 1, 1, 1]", java.util.Arrays.toString(calls[id]), "core " + id);
        }
    }

    @Test
    void timingOnlyRunNeverCalls() {
        Asm core = new Asm().li(1, 0).li(2, 3).addi(1, 1, 1).blt(1, 2, -1);
        HardwareConfig hardware = HardwarePresets.preset(FOUR_CORES);
        DataMemoryImage image = new DataMemoryImage(hardware);
        List<Integer> calls = new ArrayList<>();
        image.observe((id, instruction, next, memory) -> calls.add(instruction));

        Simulator.run(Asm.program(FOUR_CORES, core), hardware, SimulationOptions.DEFAULT, image);

        assertEquals(List.of(), calls);
    }
}
