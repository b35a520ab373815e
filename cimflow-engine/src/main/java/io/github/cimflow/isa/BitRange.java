package io.github.cimflow.isa;

/**
 * Bits {@code [high:low]} of a 32-bit instruction word, both ends included.
 *
 * @param high most significant bit, 0..31
 * @param low  least significant bit, 0..high
 */
public record BitRange(int high, int low) {
    public BitRange {
        if (low < 0 || high < low || high > 31) {
            throw new IllegalArgumentException("invalid bit range [" + high + ":" + low + "]");
        }
    }

    /** Number of bits. */
    public int width() {
        return high - low + 1;
    }

    /** The bits of the range, in place within the word. */
    public int wordMask() {
        return (int) (((1L << width()) - 1) << low);
    }

    /** The range's bits of {@code word} as an unsigned number. */
    public int extract(int word) {
        return (int) ((word & 0xFFFFFFFFL) >>> low & ((1L << width()) - 1));
    }

    /** The range's bits of {@code word}, sign-extended from the top bit of the range. */
    public int extractSigned(int word) {
        int shift = 32 - width();
        return extract(word) << shift >> shift;
    }

    /** {@code value}'s low {@link #width()} bits shifted into place; the caller checks that the value fits. */
    public int place(int value) {
        return (value << low) & wordMask();
    }

    @Override
    public String toString() {
        return high == low ? "[" + high + "]" : "[" + high + ":" + low + "]";
    }
}
