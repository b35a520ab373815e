package io.github.cimflow.functional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FloatAgreementTest {
    @Test
    void narrowOutputSpanIsWeak() {
        assertTrue(new FloatAgreement(0.0001, 1, 1, 2).isWeak());
    }

    @Test
    void top1DisagreementIsWeak() {
        assertTrue(new FloatAgreement(0.5, 3, 4, 200).isWeak());
    }

    @Test
    void wideSpanWithTop1AgreementIsNotWeak() {
        assertFalse(new FloatAgreement(0.5, 4, 4, FloatAgreement.NARROW_CODE_SPAN).isWeak());
    }
}
