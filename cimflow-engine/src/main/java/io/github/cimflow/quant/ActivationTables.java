package io.github.cimflow.quant;

/**
 * The 256-entry tables of the sigmoid family. The input is an int8 at scale 1/16 (4 fraction bits,
 * -8 .. 7.9375) and the output an int8 at scale 1/128 (a Q7 fraction): entry k is
 * {@code min(127, floor(128 · f(q / 16) + 0.5))} for the int8 q whose two's-complement byte is k,
 * computed in double precision.
 */
public final class ActivationTables {
    /** Scale of the input of Sigmoid, HardSigmoid and HardSwish. */
    public static final double INPUT_SCALE = 1.0 / 16;
    /** Scale of the output of Sigmoid and HardSigmoid. */
    public static final double OUTPUT_SCALE = 1.0 / 128;
    /** HardSwish is x · HardSigmoid(x) with these parameters (ONNX HardSwish definition). */
    public static final double HARDSWISH_ALPHA = 1.0 / 6;
    public static final double HARDSWISH_BETA = 0.5;

    private ActivationTables() {
    }

    /** Returns the table of the logistic function 1 / (1 + e^-x), indexed by the input byte. */
    public static byte[] sigmoid() {
        byte[] table = new byte[256];
        for (int k = 0; k < 256; k++) {
            double x = (byte) k * INPUT_SCALE;
            table[k] = output(1.0 / (1.0 + Math.exp(-x)));
        }
        return table;
    }

    /** Returns the table of max(0, min(1, alpha·x + beta)), indexed by the input byte. */
    public static byte[] hardSigmoid(double alpha, double beta) {
        byte[] table = new byte[256];
        for (int k = 0; k < 256; k++) {
            double x = (byte) k * INPUT_SCALE;
            table[k] = output(Math.max(0.0, Math.min(1.0, alpha * x + beta)));
        }
        return table;
    }

    private static byte output(double y) {
        long scaled = (long) Math.floor(y / OUTPUT_SCALE + 0.5);
        return (byte) IntegerArithmetic.saturate(scaled);
    }
}
