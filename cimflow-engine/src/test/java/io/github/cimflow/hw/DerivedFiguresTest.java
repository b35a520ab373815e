package io.github.cimflow.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Figures derived from the knobs, checked against hand arithmetic with the 32×8×16×8 macro. */
class DerivedFiguresTest {
    private static final CimUnitConfig DEFAULT_CIM = HardwarePresets.preset(ArchParams.DEFAULT).core().cim();

    @Test
    void cimBytesPerCoreAtDefaults() {
        // 32·8·16·8 / 8 = 4,096 B per macro; 8·16 = 128 macros.
        assertEquals(524_288, DEFAULT_CIM.bytesPerCore());
    }

    @Test
    void outputChannelsPerGroupAtDefaults() {
        // W·n / 8 bits = 8 channels per macro, times T = 8.
        assertEquals(64, DEFAULT_CIM.outputChannelsPerGroup());
    }

    @Test
    void reductionLengthAtDefaults() {
        // H·m = 32·16 = 512 per group, times K = 16.
        assertEquals(8_192, DEFAULT_CIM.maxReductionLengthPerCore());
    }

    @Test
    void peakMacsPerCycleAtDefaults() {
        // 128 macros · 256 MACs per 8 bit-serial cycles.
        assertEquals(4_096, DEFAULT_CIM.peakMacsPerCycle());
        assertEquals(128, DEFAULT_CIM.macroGroupCount() * DEFAULT_CIM.macroGroupSize());
    }

    @Test
    void peakTopsAtDefaults() {
        // 4,096 MAC/cycle · 64 cores · 500e6 cycles/s · 2 ops = 262.144e12.
        assertEquals(262.144, HardwarePresets.preset(ArchParams.DEFAULT).peakTops(), 1e-9);
    }

    @Test
    void smallerGroupsHalveChannelsAndBytes() {
        CimUnitConfig cim = HardwarePresets.preset(new ArchParams(4, 16, 8, 64)).core().cim();

        assertEquals(262_144, cim.bytesPerCore());
        assertEquals(32, cim.outputChannelsPerGroup());
        assertEquals(8_192, cim.maxReductionLengthPerCore());
    }

    @Test
    void singleCoreWorks() {
        HardwareConfig config = HardwarePresets.preset(new ArchParams(8, 16, 16, 1));

        assertEquals(List.of(), HardwareValidator.problems(config));
        assertEquals(config, HardwareConfigJson.read(HardwareConfigJson.write(config), "one.json", null));
        assertEquals(1, config.meshSide());
        assertEquals(0, config.network().globalMemoryCore());
        // 4,096 MAC/cycle · 1 core · 500e6 · 2 = 4.096e12.
        assertEquals(4.096, config.peakTops(), 1e-9);
    }

    @Test
    void summaryOfSingleCore() {
        List<String> lines = HardwareSummary.lines(HardwarePresets.preset(new ArchParams(8, 16, 16, 1)));

        assertEquals("peak MACs per cycle: 4,096 per core, 4,096 per chip (8-bit inputs)", lines.get(5));
        assertEquals("peak TOPS: 4.096 (2 operations per MAC)", lines.get(7));
    }
}
