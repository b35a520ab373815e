package io.github.cimflow.quant;

/**
 * The integer operations of docs/quantization.md that both the calibrator and the reference executor
 * use: saturation to int8, right shifts that round half up, the Q7 multiply of VEC_VSMUL, and the one
 * rounding rule for float-to-integer conversions.
 */
public final class IntegerArithmetic {
    /** Fraction bits of the second operand of a Mul: it is a Q7 factor, so the product shifts right by 7. */
    public static final int Q7_SHIFT = 7;

    private IntegerArithmetic() {
    }

    /** Clamps to the int8 range -128 .. 127. */
    public static int saturate(long value) {
        return (int) Math.max(-128, Math.min(127, value));
    }

    /** Divides by 2^shift rounding half up (toward +∞): adds 2^(shift-1), then shifts arithmetically. */
    public static long shiftRoundHalfUp(long value, int shift) {
        return shift == 0 ? value : (value + (1L << (shift - 1))) >> shift;
    }

    /** Adds with 8-bit saturation, as VEC_ADD does: clamp(a + b, -128, 127). */
    public static int addSaturating(int a, int b) {
        return saturate((long) a + b);
    }

    /** Multiplies by a Q7 factor, as VEC_VSMUL with shift 7 does: clamp(roundHalfUp(a · factor / 2^7), -128, 127). */
    public static int multiplyQ7(int a, int factor) {
        return saturate(shiftRoundHalfUp((long) a * factor, Q7_SHIFT));
    }

    /**
     * Rounds half away from zero (2.5 to 3, -2.5 to -3), the rule of every float-to-integer conversion
     * in the calibrator: weights, biases and inputs.
     */
    public static long roundHalfAwayFromZero(double value) {
        double rounded = Math.floor(Math.abs(value) + 0.5);
        return (long) Math.copySign(rounded, value);
    }
}
