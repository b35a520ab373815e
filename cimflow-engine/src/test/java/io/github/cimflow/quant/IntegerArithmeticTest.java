package io.github.cimflow.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IntegerArithmeticTest {

    @Test
    void roundsHalfAwayFromZero() {
        assertEquals(3, IntegerArithmetic.roundHalfAwayFromZero(2.5));
        assertEquals(-3, IntegerArithmetic.roundHalfAwayFromZero(-2.5));
        assertEquals(2, IntegerArithmetic.roundHalfAwayFromZero(2.49));
        assertEquals(-2, IntegerArithmetic.roundHalfAwayFromZero(-2.49));
    }

    @Test
    void shiftRoundsHalfUp() {
        assertEquals(2, IntegerArithmetic.shiftRoundHalfUp(3, 1), "1.5");
        assertEquals(-1, IntegerArithmetic.shiftRoundHalfUp(-3, 1), "-1.5");
        assertEquals(-3, IntegerArithmetic.shiftRoundHalfUp(-3, 0), "no shift");
    }

    @Test
    void q7MultiplyRoundsAndSaturates() {
        assertEquals(2, IntegerArithmetic.multiplyQ7(3, 64), "1.5");
        assertEquals(-1, IntegerArithmetic.multiplyQ7(-3, 64), "-1.5");
        assertEquals(127, IntegerArithmetic.multiplyQ7(-128, -128), "128 saturates");
    }

    @Test
    void addSaturates() {
        assertEquals(127, IntegerArithmetic.addSaturating(100, 100));
        assertEquals(-128, IntegerArithmetic.addSaturating(-100, -100));
        assertEquals(-2, IntegerArithmetic.addSaturating(5, -7));
    }
}
