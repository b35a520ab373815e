package io.github.cimflow.hw;

/**
 * The four architecture knobs of CIMFlow's command line.
 *
 * @param macroGroupSize  T, macros per macro group ({@code -t/--mg-size})
 * @param macroGroupCount K, macro groups per core ({@code -k/--mg-num})
 * @param flitBytes       B, NoC flit size in bytes ({@code -b/--bandwidth})
 * @param coreCount       C, cores on a square mesh ({@code -c/--core-num})
 */
public record ArchParams(int macroGroupSize, int macroGroupCount, int flitBytes, int coreCount) {
    /** CIMFlow's defaults: T=8, K=16, B=16, C=64. */
    public static final ArchParams DEFAULT = new ArchParams(8, 16, 16, 64);

    /** Formats as CIMFlow's file-name fragment {@code T8_K16_B16_C64}. */
    public String fileFragment() {
        return "T" + macroGroupSize + "_K" + macroGroupCount + "_B" + flitBytes + "_C" + coreCount;
    }
}
