package io.github.cimflow.quant;

/**
 * The integer step from a 32-bit accumulator of one output channel to an int8 value, as the vector
 * unit's VEC_QUANTIZE computes it: {@code clamp(roundHalfUp((acc + bias) · multiplier / 2^shift), low, 127)}
 * with {@code low} 0 when a ReLU is fused, else -128. docs/quantization.md defines the arithmetic.
 *
 * @param bias       int32 bias in accumulator units (the float bias divided by input scale × weight scale)
 * @param multiplier 0 .. 32,767 (it travels as a signed 16-bit field)
 * @param shift      0 .. 62
 */
public record Requantizer(int bias, int multiplier, int shift) {
    /** Largest multiplier: the field is a signed 16-bit value and the multiplier is never negative. */
    public static final int MAX_MULTIPLIER = 32_767;
    /** Largest shift: the rounding term 2^(shift-1) and the shifted product must fit a signed 64-bit value. */
    public static final int MAX_SHIFT = 62;

    public Requantizer {
        if (multiplier < 0 || multiplier > MAX_MULTIPLIER) {
            throw new IllegalArgumentException("requantizer multiplier must be 0.." + MAX_MULTIPLIER + ", got " + multiplier);
        }
        if (shift < 0 || shift > MAX_SHIFT) {
            throw new IllegalArgumentException("requantizer shift must be 0.." + MAX_SHIFT + ", got " + shift);
        }
    }

    /**
     * Chooses the multiplier and shift that approximate a positive real factor: the largest shift (at
     * most 62) for which {@code round(ratio · 2^shift)} is at most 32,767, rounded half up. A larger shift
     * keeps more bits of the factor, so the multiplier ends in 16,384 .. 32,767 unless the factor is
     * so small that even shift 62 gives less.
     *
     * @throws IllegalArgumentException when the ratio is not positive and finite, or exceeds 32,767.5
     */
    public static Requantizer forRatio(double ratio, int bias) {
        if (!(ratio > 0) || Double.isInfinite(ratio)) {
            throw new IllegalArgumentException("requantization factor must be positive and finite, got " + ratio);
        }
        for (int shift = MAX_SHIFT; shift >= 0; shift--) {
            long multiplier = (long) Math.floor(Math.scalb(ratio, shift) + 0.5);
            if (multiplier <= MAX_MULTIPLIER) {
                return new Requantizer(bias, (int) multiplier, shift);
            }
        }
        throw new IllegalArgumentException("requantization factor " + ratio + " exceeds the largest multiplier "
                + MAX_MULTIPLIER + " at shift 0");
    }

    /** Returns the real factor that multiplier and shift represent: multiplier / 2^shift. */
    public double ratio() {
        return Math.scalb((double) multiplier, -shift);
    }

    /**
     * Requantizes one accumulator without a fused ReLU: the int8 value in -128 .. 127. The sum
     * {@code accumulator + bias} and the product are computed in 64 bits, so neither overflows.
     */
    public int apply(int accumulator) {
        long scaled = ((long) accumulator + bias) * multiplier;
        return IntegerArithmetic.saturate(IntegerArithmetic.shiftRoundHalfUp(scaled, shift));
    }
}
