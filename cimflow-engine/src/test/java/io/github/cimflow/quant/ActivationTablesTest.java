package io.github.cimflow.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cimflow.model.Attribute;
import io.github.cimflow.model.Model;
import java.util.List;
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

    @Test
    void hardSigmoidNodeUsesDecimalAlpha() {
        Model model = new TestGraph().input("x", 1, 1)
                .node("HardSigmoid", List.of("x"), "y", TestGraph.dims(1, 1), Attribute.ofFloat("alpha", 0.0025f))
                .build();
        byte[] table = ActivationTables.hardSigmoid(model.graph().nodes().get(0));

        // 128 · (0.0025 · 25/16 + 0.5) = 64.5 exactly, which rounds up to 65. The float 0.0025f is
        // 0.00249999994, which would give 64.49999 and round down to 64.
        assertEquals(65, entry(table, 25));
    }
}
