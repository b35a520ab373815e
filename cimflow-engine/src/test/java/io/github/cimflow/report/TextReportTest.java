package io.github.cimflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.isa.Instruction;
import io.github.cimflow.isa.IsaProgram;
import io.github.cimflow.isa.Opcode;
import io.github.cimflow.isa.ProgramMetadata;
import io.github.cimflow.sim.SimulationOptions;
import io.github.cimflow.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The text report of a 22-instruction scalar loop on one core of the default preset (runs under
 * the German default locale that surefire sets). Expected values by hand: 22 cycles × 2 ns = 44 ns;
 * the only energy is leakage, 15.476224364 mW for one core (CIM 2.334393664, local memories
 * 5.763404, reduce 0.0052395, SIMD 32 lanes × 0.2304121 = 7.3731872) × 44 ns = 680.953872 pJ;
 * TOPS = 1000 ops / 44 ns = 0.0227; TOPS/W = 0.0227273 / 0.0154762 W = 1.4685.
 */
class TextReportTest {
    static final ArchParams ONE_CORE = new ArchParams(8, 16, 16, 1);

    static ReportInput loopReport() {
        HardwareConfig hardware = HardwarePresets.preset(ONE_CORE);
        List<Instruction> loop = new ArrayList<>();
        loop.add(new Instruction(Opcode.G_LI, 0, 0, 1, 0, 0, 0, 0, 0));
        loop.add(new Instruction(Opcode.G_LI, 0, 0, 2, 0, 0, 0, 10, 0));
        loop.add(new Instruction(Opcode.SC_RI, 1, 0, 1, 0, 0, 0, 1, 0));
        loop.add(new Instruction(Opcode.BLT, 1, 2, 0, 0, 0, 0, -1, 0));
        IsaProgram program = new IsaProgram(new ProgramMetadata(1000, 1, ONE_CORE, null, "loop", "dp"),
                List.of(loop));
        return new ReportInput(Simulator.profile(program, hardware, SimulationOptions.DEFAULT, null), hardware,
                "config.json", "isa_loop.json", false);
    }

    @Test
    void resultBlockMatchesCimflowLayout() {
        String text = TextReport.render(loopReport(), false);
        String expected = "Simulation Result:\n"
                + "  - latency:            4.4e-05 ms\n"
                + "  - average power:      15.4762 mW\n"
                + "  - total energy:       680.9539 pJ/it\n"
                + "  - TOPS:               0.0227\n"
                + "  - TOPS/W:             1.4685\n";
        assertTrue(text.contains(expected), text);
    }

    @Test
    void headerMatchesCimflowLayout() {
        String text = TextReport.render(loopReport(), false);
        assertTrue(text.startsWith("|*************** Simulation Report ***************|\n"
                + "Basic Information:\n"
                + "  - config file:        config.json\n"
                + "  - instruction file:   isa_loop.json\n"
                + "  - simulation mode:    run_one_round\n"
                + "  - data mode:          not_real_data\n"), text);
    }

    @Test
    void reservedLabelsAppearOnceEach() {
        String text = TextReport.render(loopReport(), true);
        for (String label : new String[] {"latency:", "average power:", "total energy:", "TOPS:", "TOPS/W:"}) {
            long lines = text.lines().filter(line -> line.contains(label)).count();
            assertEquals(1, lines, label);
        }
    }

    @Test
    void fieldThreeIsTheNumber() {
        String text = TextReport.render(loopReport(), false);
        String tops = text.lines().filter(line -> line.contains("TOPS:")).findFirst().orElseThrow();
        assertEquals("0.0227", tops.trim().split("\\s+")[2]);
    }

    @Test
    void energyFormRowsUsePercentOfChip() {
        String text = TextReport.render(loopReport(), false);
        assertTrue(text.contains("    Chip    "), text);
        String chip = text.lines().filter(line -> line.startsWith("    Chip ")).findFirst().orElseThrow();
        assertEquals("Chip 680.954pJ (100.00%) 680.954pJ (100.00%) 0.000pJ (0.00%)",
                chip.trim().replaceAll(" {2,}", " "));
    }

    @Test
    void jsonCarriesCimflowKeys() {
        String json = JsonReport.render(loopReport());
        assertTrue(json.contains("\"latency_\" : 4.4E-5"), json);
        assertTrue(json.contains("\"op_count_\" : 1000"), json);
        assertTrue(json.contains("\"module_name_\" : \"Chip\""), json);
        assertTrue(json.contains("\"sub_modules_\""), json);
    }
}
