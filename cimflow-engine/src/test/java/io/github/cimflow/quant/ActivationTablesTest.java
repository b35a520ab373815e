package io.github.cimflow.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Table entries computed by hand: input q / 16, output 128 · f rounded half up, at most 127. */
class ActivationTablesTest {

    private static int entry(byte[] table, int q) {
        return table[q & 0xff];
    }

    @Test
    void sigmoidEntries() {
        byte[] table = ActivationTables.sigmoid();

        assertEquals(64, entry(table, 0), "128 · 0.5");
        assertEquals(94, entry(table, 16), "128 / (1 + e^-1) = 93.58");
        assertEquals(34, entry(table, -16), "128 / (1 + e) = 34.42");
        assertEquals(127, entry(table, 127), "127.95 rounds to 128, clamped");
        assertEquals(0, entry(table, -128), "128 / (1 + e^8) = 0.04");
    }

    @Test
    void hardSigmoidEntries() {
        byte[] table = ActivationTables.hardSigmoid(0.2, 0.5);

        assertEquals(64, entry(table, 0), "128 · 0.5");
        assertEquals(90, entry(table, 16), "128 · 0.7 = 89.6");
        assertEquals(0, entry(table, -48), "0.2 · -3 + 0.5 < 0");
        assertEquals(127, entry(table, 48), "1.0 -> 128, clamped");
    }
}
