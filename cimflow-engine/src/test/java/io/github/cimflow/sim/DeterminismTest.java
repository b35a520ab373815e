package io.github.cimflow.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.isa.IsaProgram;
import io.github.cimflow.report.JsonReport;
import io.github.cimflow.report.ReportInput;
import io.github.cimflow.report.TextReport;
import org.junit.jupiter.api.Test;

/** Two runs of a program where cores contend for global memory and the NoC give identical reports. */
class DeterminismTest {
    static final ArchParams FOUR_CORES = new ArchParams(8, 16, 16, 4);

    static ReportInput run() {
        HardwareConfig hardware = HardwarePresets.preset(FOUR_CORES);
        Asm[] cores = new Asm[4];
        for (int c = 0; c < 4; c++) {
            cores[c] = new Asm().li(1, SimulatorTimingTest.GLOBAL + 4096 * c).li(2, SimulatorTimingTest.INPUT_MEMORY)
                    .li(3, 2048).memCpy(2, 1, 3).li(4, (c + 1) % 4).li(5, 1).li(6, (c + 3) % 4);
        }
        // A ring: even cores send then receive, odd cores receive then send, so no core waits forever.
        for (int c = 0; c < 4; c++) {
            if (c % 2 == 0) {
                cores[c].send(2, 4, 2, 3, 5).recv(6, 2, 2, 3, 5);
            } else {
                cores[c].recv(6, 2, 2, 3, 5).send(2, 4, 2, 3, 5);
            }
            cores[c].tag(5);
        }
        IsaProgram program = Asm.program(FOUR_CORES, cores);
        SimulationProfile profile = Simulator.profile(program, hardware, SimulationOptions.DEFAULT, null);
        return new ReportInput(profile, hardware, "preset", "ring.json", false);
    }

    @Test
    void repeatedRunsGiveIdenticalReports() {
        ReportInput first = run();
        ReportInput second = run();
        assertEquals(first.profile(), second.profile());
        assertEquals(JsonReport.render(first), JsonReport.render(second));
        assertEquals(TextReport.render(first, true), TextReport.render(second, true));
    }
}
