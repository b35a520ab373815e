package io.github.cimflow.hw;

import java.util.List;
import java.util.Locale;

/** The derived figures of a configuration that {@code cimflow config export --summary} prints. */
public final class HardwareSummary {
    private HardwareSummary() {
    }

    /** Formats one line per figure, numbers in {@link Locale#ROOT}. */
    public static List<String> lines(HardwareConfig config) {
        CimUnitConfig cim = config.core().cim();
        MacroGeometry macro = cim.macro();
        long chipMacsPerCycle = cim.peakMacsPerCycle() * config.coreCount();
        return List.of(
                format("configuration: %s", config.archParams().fileFragment()),
                format("macros per core: %,d (%d groups of %d)", cim.macroTotalCount(), cim.macroGroupCount(),
                        cim.macroGroupSize()),
                format("CIM bytes per core: %,d (%d KiB)", cim.bytesPerCore(), cim.bytesPerCore() / 1024),
                format("output channels per group: %d (8-bit weights)", cim.outputChannelsPerGroup()),
                format("largest reduction length per core: %,d (H·m·K = %d·%d·%d)", cim.maxReductionLengthPerCore(),
                        macro.compartments(), macro.rowsPerElement(), cim.macroGroupCount()),
                format("peak MACs per cycle: %,d per core, %,d per chip (8-bit inputs)", cim.peakMacsPerCycle(),
                        chipMacsPerCycle),
                format("clock: %s MHz (%s ns)", plain(config.clockMegahertz()), plain(config.periodNanoseconds())),
                format("peak TOPS: %s (2 operations per MAC)", plain(config.peakTops())));
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    /** Up to three decimals, trailing zeros dropped: 262.144, 500, 2. */
    private static String plain(double value) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3f", value)).stripTrailingZeros()
                .toPlainString();
    }
}
