package io.github.cimflow.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cimflow.model.Shape;
import org.junit.jupiter.api.Test;

class BroadcastTest {

    @Test
    void perChannelOperandRepeatsOverPixels() {
        // Output [1, 2, 1, 3]: channel 0 reads element 0 three times, channel 1 element 1.
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1},
                Broadcast.sourceIndexes(Shape.of(1, 2, 1, 3), Shape.of(1, 2, 1, 1)));
    }

    @Test
    void lowerRankOperandAlignsRight() {
        // [3] against [2, 3]: each row reads 0, 1, 2.
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, Broadcast.sourceIndexes(Shape.of(2, 3), Shape.of(3)));
    }

    @Test
    void sameShapeIsIdentity() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, Broadcast.sourceIndexes(Shape.of(2, 2), Shape.of(2, 2)));
    }

    @Test
    void mismatchedDimensionRejected() {
        assertThrows(IllegalArgumentException.class, () -> Broadcast.sourceIndexes(Shape.of(2, 3), Shape.of(2)));
    }
}
