package io.github.cimflow.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwarePresets;
import org.junit.jupiter.api.Test;

/** Programs that cannot finish or access memory they must not, and the messages they get. */
class SimulatorErrorTest {
    static final ArchParams FOUR_CORES = new ArchParams(8, 16, 16, 4);
    static final int INPUT_MEMORY = SimulatorTimingTest.INPUT_MEMORY;

    static String failure(ArchParams arch, SimulationOptions options, Asm... cores) {
        return assertThrows(CimflowException.class,
                () -> Simulator.run(Asm.program(arch, cores), HardwarePresets.preset(arch), options)).getMessage();
    }

    static String failure(Asm... cores) {
        return failure(FOUR_CORES, SimulationOptions.DEFAULT, cores);
    }

    @Test
    void unmatchedSendDeadlocks() {
        Asm sender = new Asm().li(1, INPUT_MEMORY).li(2, 1).li(3, 16).li(4, 7).send(1, 2, 1, 3, 4);
        assertEquals("deadlock at cycle 4: no core can proceed: core 0 instruction 4 (SEND) waits for a RECV on "
                + "core 1 with transfer id 7; check that every SEND has a matching RECV, every WAIT its TAGs and "
                + "every BARRIER its core count", failure(sender));
    }

    @Test
    void mismatchedTransferIdsDeadlock() {
        Asm sender = new Asm().li(1, INPUT_MEMORY).li(2, 1).li(3, 16).li(4, 7).send(1, 2, 1, 3, 4);
        Asm receiver = new Asm().li(1, 0).li(2, INPUT_MEMORY).li(3, 16).li(4, 8).recv(1, 2, 2, 3, 4);
        assertEquals("deadlock at cycle 4: no core can proceed: core 0 instruction 4 (SEND) waits for a RECV on "
                + "core 1 with transfer id 7; core 1 instruction 4 (RECV) waits for a SEND from core 0 with "
                + "transfer id 8; check that every SEND has a matching RECV, every WAIT its TAGs and every BARRIER "
                + "its core count", failure(sender, receiver));
    }

    @Test
    void waitWithoutTagDeadlocks() {
        Asm waiter = new Asm().li(1, 2).li(2, 5).li(3, 1).await(1, 2, 3);
        assertEquals("deadlock at cycle 3: no core can proceed: core 0 instruction 3 (WAIT) waits for 1 TAGs with "
                + "sync id 5 from core 2 (0 published); check that every SEND has a matching RECV, every WAIT its "
                + "TAGs and every BARRIER its core count", failure(waiter));
    }

    @Test
    void barrierShortOfCoresDeadlocks() {
        Asm member = new Asm().li(1, 3).li(2, 0).barrier(1, 2);
        assertEquals("deadlock at cycle 2: no core can proceed: core 0 instruction 2 (BARRIER) waits at barrier 0 "
                + "for 3 cores (2 arrived); core 1 instruction 2 (BARRIER) waits at barrier 0 for 3 cores (2 "
                + "arrived); check that every SEND has a matching RECV, every WAIT its TAGs and every BARRIER its "
                + "core count", failure(member, member));
    }

    @Test
    void sendReceiveSizesDisagree() {
        Asm sender = new Asm().li(1, INPUT_MEMORY).li(2, 1).li(3, 16).li(4, 7).send(1, 2, 1, 3, 4);
        Asm receiver = new Asm().li(1, 0).li(2, INPUT_MEMORY).li(3, 32).li(4, 7).li(5, 0).recv(1, 2, 2, 3, 4);
        assertEquals("core 1 instruction 5 (RECV): receives 32 bytes with transfer id 7 but core 0 instruction 4 "
                + "(SEND) sends 16 bytes; make both sizes equal", failure(sender, receiver));
    }

    @Test
    void addressOutsideMemories() {
        // 2^20 shifted left by 6 = 67,108,864, past the end of global memory (34,612,224).
        Asm core = new Asm().li(1, 1 << 20).add(io.github.cimflow.isa.Opcode.SC_RI, 1, 0, 1, 0, 0, 4, 6, 0)
                .li(2, OUTPUT).li(3, 64).memCpy(2, 1, 3);
        String message = failure(core);
        assertEquals("core 0 instruction 4 (MEM_CPY): source range [67108864, 67108928) is not inside one memory",
                message.substring(0, message.indexOf(" (macro")));
    }

    static final int OUTPUT = SimulatorTimingTest.OUTPUT_MEMORY;

    @Test
    void rangeCrossingTwoMemories() {
        Asm core = new Asm().li(1, OUTPUT - 8).li(2, OUTPUT).li(3, 64).memCpy(2, 1, 3);
        String message = failure(core);
        assertEquals("core 0 instruction 3 (MEM_CPY): source range [786424, 786488) is not inside one memory",
                message.substring(0, message.indexOf(" (macro")));
    }

    @Test
    void cycleBudgetStopsEndlessLoop() {
        Asm loop = new Asm().li(1, 0).add(io.github.cimflow.isa.Opcode.JMP, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals("core 0 instruction 1 (JMP): the simulation reached the cycle budget of 1000 cycles at this "
                + "instruction; raise --max-cycles or check the program for an endless loop",
                failure(FOUR_CORES, new SimulationOptions(1000, false), loop));
    }

    @Test
    void mvmWithoutActiveGroups() {
        Asm core = new Asm().sli(Asm.CIM_IBW, 8).li(1, INPUT_MEMORY).li(2, 32).li(3, 0).mvm(1, 2, 3, 0);
        assertEquals("core 0 instruction 4 (CIM_MVM): CIM_AG (special register 4) is 0, not in 1..16 (K macro "
                + "groups); set the active group count with S_LI before CIM_MVM", failure(core));
    }

    @Test
    void programCoreCountMismatch() {
        ArchParams two = new ArchParams(8, 16, 16, 1);
        CimflowException error = assertThrows(CimflowException.class, () -> Simulator.run(
                Asm.program(two, new Asm()), HardwarePresets.preset(FOUR_CORES), SimulationOptions.DEFAULT));
        assertEquals("program has 1 core programs but the hardware configuration has 4 cores; compile for 4 cores "
                + "or pick the matching configuration", error.getMessage());
    }
}
