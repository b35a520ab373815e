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
}
