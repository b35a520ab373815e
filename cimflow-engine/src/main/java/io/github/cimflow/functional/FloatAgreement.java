package io.github.cimflow.functional;

/**
 * The agreement of the int8 pipeline's dequantized outputs with the float executor's outputs.
 *
 * @param maxAbsoluteError largest |dequantized int8 output − float output| over all output elements
 * @param top1Agreements   images whose largest output element is at the same index in both
 * @param images           images compared
 */
public record FloatAgreement(double maxAbsoluteError, int top1Agreements, int images) {
}
