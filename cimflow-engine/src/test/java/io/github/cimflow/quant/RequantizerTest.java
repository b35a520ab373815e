package io.github.cimflow.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RequantizerTest {

    @Test
    void halfUsesLargestShift() {
        // 0.5 · 2^16 = 32768 is one above the largest multiplier, so shift 15 with 16384.
        assertEquals(new Requantizer(7, 16_384, 15), Requantizer.forRatio(0.5, 7));
    }

    @Test
    void ninthRoundsMultiplier() {
        // 2^18 / 9 = 29127.1 -> 29127; 2^19 / 9 = 58254.2 is too large.
        assertEquals(new Requantizer(0, 29_127, 18), Requantizer.forRatio(1.0 / 9, 0));
    }

    @Test
    void factorAboveOneKeepsFewerShiftBits() {
        // 3 · 2^13 = 24576; 3 · 2^14 = 49152 is too large.
        assertEquals(new Requantizer(0, 24_576, 13), Requantizer.forRatio(3.0, 0));
    }

    @Test
    void tinyFactorReachesMaximumShift() {
        // 1e-30 · 2^62 = 4.6e-12 rounds to 0 even at the largest shift.
        assertEquals(new Requantizer(0, 0, 62), Requantizer.forRatio(1e-30, 0));
    }

    @Test
    void factorBeyondMultiplierRejected() {
        assertThrows(IllegalArgumentException.class, () -> Requantizer.forRatio(40_000, 0));
    }

    @Test
    void nonPositiveFactorRejected() {
        assertThrows(IllegalArgumentException.class, () -> Requantizer.forRatio(0, 0));
    }

    @Test
    void applyRoundsHalfUp() {
        Requantizer half = new Requantizer(0, 1, 1);

        assertEquals(3, half.apply(5), "2.5");
        assertEquals(-2, half.apply(-5), "-2.5");
        assertEquals(-3, half.apply(-6), "-3");
    }

    @Test
    void applyAddsBiasBeforeScaling() {
        // (10 + 6) · 3 / 2^2 = 12.
        assertEquals(12, new Requantizer(6, 3, 2).apply(10));
    }

    @Test
    void applySaturates() {
        Requantizer identity = new Requantizer(0, 1, 0);

        assertEquals(127, identity.apply(128));
        assertEquals(-128, identity.apply(-129));
        assertEquals(127, identity.apply(Integer.MAX_VALUE), "no 32-bit overflow of acc + bias");
    }

    @Test
    void applyNeedsNoOverflowAtExtremes() {
        // (2^31 - 1 + 2^31 - 1) · 32767 fits 64 bits; / 2^62 rounds to 0.
        assertEquals(0, new Requantizer(Integer.MAX_VALUE, 32_767, 62).apply(Integer.MAX_VALUE));
    }

    @Test
    void multiplierOutOfFieldRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Requantizer(0, 32_768, 0));
    }
}
