package io.github.cimflow.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.CoreConfig;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.hw.MemoryConfig;
import io.github.cimflow.isa.IsaProgram;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cycle counts of tiny programs, computed by hand from the timing rules in docs/simulator.md on
 * the default preset (T=8, K=16, 2 ns clock, 128-byte RAM width, 1-cycle accesses).
 */
class SimulatorTimingTest {
    static final ArchParams ONE_CORE = new ArchParams(8, 16, 16, 1);
    static final int INPUT_MEMORY = 524_288;
    static final int OUTPUT_MEMORY = 786_432;
    static final int GLOBAL = 1_057_792;

    static SimulationResult simulate(ArchParams arch, Asm... cores) {
        return simulate(HardwarePresets.preset(arch), Asm.program(arch, cores));
    }

    static SimulationResult simulate(HardwareConfig hardware, IsaProgram program) {
        return Simulator.run(program, hardware, SimulationOptions.DEFAULT);
    }

    @Test
    void scalarLoopTakesOneCyclePerInstruction() {
        // 2 loads, then 10 iterations of (add, branch): 22 instructions, one per cycle.
        Asm core = new Asm().li(1, 0).li(2, 10).addi(1, 1, 1).blt(1, 2, -1);
        SimulationResult result = simulate(ONE_CORE, core);
        assertEquals(22, result.cycles());
        assertEquals(44.0, result.latencyNanoseconds());
        assertEquals(22, result.executedInstructions());
    }

    @Test
    void mvmWithEightBitInputs() {
        // 5 setup instructions (cycles 0-4); the MVM issues at 5: 1 read cycle (32 B from a 128 B wide
        // memory) + 8 bit-serial IPU steps, then SRAM read, adder tree, shift adder and result adder
        // (1 cycle each): 5 + 9 + 4 = 18.
        Asm core = new Asm().sli(Asm.CIM_IBW, 8).sli(Asm.CIM_AG, 1).li(1, INPUT_MEMORY).li(2, 32).li(3, 0)
                .mvm(1, 2, 3, 0);
        SimulationResult result = simulate(ONE_CORE, core);
        assertEquals(18, result.cycles());
        assertEquals(1, result.mvmCount());
    }

    @Test
    void consecutiveMvmsOverlapTheirDrain() {
        // The second MVM starts when the IPU is free (5 + 9 = 14); it ends at 14 + 9 + 4 = 27.
        Asm core = new Asm().sli(Asm.CIM_IBW, 8).sli(Asm.CIM_AG, 1).li(1, INPUT_MEMORY).li(2, 32).li(3, 0)
                .mvm(1, 2, 3, 0).mvm(1, 2, 3, 0);
        assertEquals(27, simulate(ONE_CORE, core).cycles());
    }

    @Test
    void memCpyBetweenMemoriesOfDifferentWidths() {
        // output_memory narrowed to 32 B. 256 B move in beats of max(128, 32) = 128 B: read 1 cycle,
        // write 4 cycles; pipelined across two memories: 1 + 4 + (2 - 1)·max(1, 4) = 9 cycles,
        // issued at cycle 3 after three loads: 12.
        HardwareConfig hardware = withOutputWidth(HardwarePresets.preset(ONE_CORE), 32, true);
        Asm core = new Asm().li(1, INPUT_MEMORY).li(2, OUTPUT_MEMORY).li(3, 256).memCpy(2, 1, 3);
        assertEquals(12, simulate(hardware, Asm.program(ONE_CORE, core)).cycles());
    }

    @Test
    void memCpyWithoutTransferPipeline() {
        // Unpipelined: 2 beats × (1 + 4) = 10 cycles after cycle 3: 13.
        HardwareConfig hardware = withOutputWidth(HardwarePresets.preset(ONE_CORE), 32, false);
        Asm core = new Asm().li(1, INPUT_MEMORY).li(2, OUTPUT_MEMORY).li(3, 256).memCpy(2, 1, 3);
        assertEquals(13, simulate(hardware, Asm.program(ONE_CORE, core)).cycles());
    }

    @Test
    void memCpyLoadFromGlobalMemory() {
        // One core; global memory on its router's own port: 0 hops, 2 cycles per flit. Issued at 3:
        // 1-flit request (3 + 2 = 5), 256 B read at 64 B per cycle (9), 16 pipelined response flits
        // (2 + 15 = 17 cycles: 26), local write of 256 B at 128 B per cycle (28).
        Asm core = new Asm().li(1, GLOBAL).li(2, INPUT_MEMORY).li(3, 256).memCpy(2, 1, 3);
        assertEquals(28, simulate(ONE_CORE, core).cycles());
    }

    @Test
    void sendReceiveAcrossThreeHops() {
        // 4×4 mesh; core 0 at (0,0) sends 256 B to core 3 at (3,0): 3 hops, 2 + 3 = 5 cycles per flit.
        // Both issue at cycle 5. Sender-ready flit arrives at 10; receiver-ready flit back at 15;
        // the sender reads 256 B in 2 cycles (17); 16 pipelined data flits take 5 + 15 = 20 cycles
        // (37); the receiver writes in 2 cycles: 39.
        ArchParams arch = new ArchParams(8, 16, 16, 16);
        Asm sender = new Asm().li(1, INPUT_MEMORY).li(2, 3).li(3, 256).li(4, 7).li(5, OUTPUT_MEMORY)
                .send(1, 2, 5, 3, 4);
        Asm idle = new Asm();
        Asm receiver = new Asm().li(1, 0).li(2, INPUT_MEMORY).li(3, OUTPUT_MEMORY).li(4, 256).li(5, 7)
                .recv(1, 2, 3, 4, 5);
        SimulationResult result = simulate(arch, sender, idle, idle, receiver);
        assertEquals(39, result.cycles());
    }

    @Test
    void barrierReleasesAfterLastArrival() {
        // Core 0 arrives at cycle 2, core 1 at cycle 8; release at 8 + 1; one more instruction: 10.
        ArchParams arch = new ArchParams(8, 16, 16, 4);
        Asm early = new Asm().li(1, 2).li(2, 5).barrier(1, 2).li(3, 1);
        Asm late = new Asm().li(1, 2).li(2, 5);
        for (int i = 0; i < 6; i++) {
            late.li(3, 0);
        }
        late.barrier(1, 2).li(3, 1);
        assertEquals(10, simulate(arch, early, late).cycles());
    }

    @Test
    void waitResumesAfterTag() {
        // Core 0 tags at cycle 1 (visible at 2); core 1 waits from cycle 3 and resumes at 4; one more: 5.
        ArchParams arch = new ArchParams(8, 16, 16, 4);
        Asm tagger = new Asm().li(1, 9).tag(1);
        Asm waiter = new Asm().li(1, 0).li(2, 9).li(3, 1).await(1, 2, 3).li(4, 0);
        assertEquals(5, simulate(arch, tagger, waiter).cycles());
    }

    /** The preset with output_memory's width changed and the transfer pipeline set. */
    static HardwareConfig withOutputWidth(HardwareConfig base, int width, boolean transferPipeline) {
        List<MemoryConfig> memories = new ArrayList<>();
        for (MemoryConfig memory : base.core().localMemories()) {
            if (memory.name().equals("output_memory")) {
                memory = new MemoryConfig(memory.name(), memory.type(), memory.role(), memory.sizeBytes(), width,
                        width, width, memory.readLatencyCycles(), memory.writeLatencyCycles(),
                        memory.staticPowerMilliwatts(), memory.readDynamicPowerMilliwatts(),
                        memory.writeDynamicPowerMilliwatts());
            }
            memories.add(memory);
        }
        CoreConfig core = base.core();
        CoreConfig changed = new CoreConfig(core.cim(), memories, core.simdPipeline(), core.simdFunctors(),
                core.simdInstructions(), core.reducePipeline(), core.reduceFunctors(),
                core.scalarStaticPowerMilliwatts(), core.scalarDynamicPowerMilliwatts(), transferPipeline,
                core.instructionMemoryBytes());
        return new HardwareConfig(base.coreCount(), changed, base.globalMemory(), base.network(),
                base.addressSpace(), base.periodNanoseconds(), base.provenance());
    }
}
