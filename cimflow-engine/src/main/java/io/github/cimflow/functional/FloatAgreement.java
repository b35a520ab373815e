package io.github.cimflow.functional;

/**
 * The agreement of the int8 pipeline's dequantized outputs with the float executor's outputs.
 *
 * @param maxAbsoluteError largest |dequantized int8 output − float output| over all output elements
 * @param top1Agreements   images whose largest output element is at the same index in both
 * @param images           images compared
 * @param outputCodeSpan   smallest, over the graph outputs, of (largest − smallest) int8 output value over
 *                         all images: how many quantization steps of its scale an output's range covers
 */
public record FloatAgreement(double maxAbsoluteError, int top1Agreements, int images, int outputCodeSpan) {
    /**
     * Output span, in int8 steps, below which rounding alone decides the top-1 index and most of the
     * error, because the output's range is only a few steps of its scale.
     */
    public static final int NARROW_CODE_SPAN = 16;

    /** True when an output's range covers fewer than {@link #NARROW_CODE_SPAN} steps or top-1 differs in an image. */
    public boolean isWeak() {
        return outputCodeSpan < NARROW_CODE_SPAN || top1Agreements < images;
    }
}
