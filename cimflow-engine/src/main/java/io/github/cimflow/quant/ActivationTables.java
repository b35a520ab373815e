package io.github.cimflow.quant;

import io.github.cimflow.model.Node;

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

    /**
     * Returns the table of a HardSigmoid node. Its float attributes {@code alpha} and {@code beta} (ONNX
     * defaults 0.2 and 0.5) count at their shortest decimal value, so alpha 0.2f means 0.2, not
     * 0.20000000298.
     */
    public static byte[] hardSigmoid(Node node) {
        return hardSigmoid(decimalValue(node.floatAttribute("alpha", 0.2f)),
                decimalValue(node.floatAttribute("beta", 0.5f)));
    }

    private static double decimalValue(float value) {
        return Double.parseDouble(Float.toString(value));
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
