package io.github.cimflow.cg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PlacementPatternTest {
    private static int hops(int a, int b, int side) {
        return Math.abs(a / side - b / side) + Math.abs(a % side - b % side);
    }

    @Test
    void everyPatternVisitsEveryCoreOnce() {
        for (PlacementPattern pattern : PlacementPattern.values()) {
            for (int side = 1; side <= 12; side++) {
                int[] order = pattern.order(side).clone();
                Arrays.sort(order);
                int[] expected = new int[side * side];
                Arrays.setAll(expected, i -> i);
                assertArrayEquals(expected, order, pattern + " side " + side);
            }
        }
    }

    @Test
    void snakeOnThreeByThree() {
        assertArrayEquals(new int[] {0, 1, 2, 5, 4, 3, 6, 7, 8}, PlacementPattern.SNAKE.order(3));
    }

    @Test
    void twoSidesOnFourByFour() {
        // Left half (columns 0-1) as a snake downwards ending at column 1, right half (columns 2-3) upwards.
        assertArrayEquals(new int[] {1, 0, 4, 5, 9, 8, 12, 13, 14, 15, 11, 10, 6, 7, 3, 2},
                PlacementPattern.TWO_SIDES.order(4));
    }

    @Test
    void brokenSnakeOnFourByFour() {
        // 2×2 blocks as U turns; the second band runs right to left.
        assertArrayEquals(new int[] {0, 4, 5, 1, 2, 6, 7, 3, 11, 15, 14, 10, 9, 13, 12, 8},
                PlacementPattern.BROKEN_SNAKE.order(4));
    }

    @Test
    void hilbertStepsToNeighboursOnPowerOfTwoSides() {
        for (int side : new int[] {2, 4, 8, 16}) {
            int[] order = PlacementPattern.HILBERT.order(side);
            for (int i = 1; i < order.length; i++) {
                assertEquals(1, hops(order[i - 1], order[i], side), "side " + side + " step " + i);
            }
        }
    }

    @Test
    void snakeAndTwoSidesStepToNeighbours() {
        for (int side : new int[] {2, 4, 8}) {
            for (PlacementPattern pattern : new PlacementPattern[] {PlacementPattern.SNAKE, PlacementPattern.TWO_SIDES}) {
                int[] order = pattern.order(side);
                for (int i = 1; i < order.length; i++) {
                    assertEquals(1, hops(order[i - 1], order[i], side), pattern + " side " + side + " step " + i);
                }
            }
        }
    }
}
