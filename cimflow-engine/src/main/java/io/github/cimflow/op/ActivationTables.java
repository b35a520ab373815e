package io.github.cimflow.op;

/**
 * The 256-entry int8 tables of the sigmoid family, as VEC_VSET reads them: entry {@code k} holds
 * f(x) for the int8 input x whose two's-complement byte is k. The input is a fixed-point value with
 * {@value #INPUT_FRACTION_BITS} fraction bits (x/16, range -8 .. 7.94), the output one with
 * {@value #OUTPUT_FRACTION_BITS} (y·128 rounded half up, clamped to 127). A VEC_VSMUL with a
 * shift of {@value #OUTPUT_FRACTION_BITS} then multiplies a map by such a factor and keeps the map's scale.
 */
final class ActivationTables {
    static final int INPUT_FRACTION_BITS = 4;
    static final int OUTPUT_FRACTION_BITS = 7;
    static final int ENTRIES = 256;
    /** ONNX HardSigmoid defaults; HardSwish is x·HardSigmoid(x) with alpha 1/6. */
    static final double DEFAULT_ALPHA = 0.2;
    static final double HARDSWISH_ALPHA = 1.0 / 6.0;
    static final double BETA = 0.5;

    private ActivationTables() {
    }

    /** Returns the table of 1 / (1 + e^-x). */
    static byte[] sigmoid() {
        byte[] table = new byte[ENTRIES];
        for (int k = 0; k < ENTRIES; k++) {
            double x = input(k);
            table[k] = output(1.0 / (1.0 + Math.exp(-x)));
        }
        return table;
    }

    /** Returns the table of max(0, min(1, alpha·x + beta)). */
    static byte[] hardSigmoid(double alpha, double beta) {
        byte[] table = new byte[ENTRIES];
        for (int k = 0; k < ENTRIES; k++) {
            table[k] = output(Math.max(0.0, Math.min(1.0, alpha * input(k) + beta)));
        }
        return table;
    }

    /** Returns the real value of the int8 input whose byte is {@code k}. */
    private static double input(int k) {
        return (byte) k / (double) (1 << INPUT_FRACTION_BITS);
    }

    private static byte output(double y) {
        long scaled = (long) Math.floor(y * (1 << OUTPUT_FRACTION_BITS) + 0.5);
        return (byte) Math.max(-128, Math.min(127, scaled));
    }
}
