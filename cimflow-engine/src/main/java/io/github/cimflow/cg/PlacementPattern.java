package io.github.cimflow.cg;

import java.util.ArrayList;
import java.util.List;

/**
 * Orders in which a stage's cores are taken from the √C×√C mesh. Layers are laid out along the
 * order in chain order, replica by replica, so consecutive layers sit next to each other.
 * Each pattern returns core ids (row·side + col) visiting every core once.
 */
public enum PlacementPattern {
    /** Rows in turn, left to right on even rows and right to left on odd rows. */
    SNAKE("snake"),
    /**
     * A snake down the left half that ends at the middle of the bottom row, then a snake up the right
     * half, so the order ends next to where it started; an odd side gives the left half the extra column.
     */
    TWO_SIDES("two-sides"),
    /**
     * Bands of two rows crossed in 2×2 blocks, each block visited as a small U, with the band
     * direction alternating; a last odd row or column is visited as in the snake.
     */
    BROKEN_SNAKE("broken-snake"),
    /**
     * A Hilbert curve over the smallest power-of-two square that covers the mesh, keeping the cores
     * inside it; for a power-of-two side every step moves to a neighbour.
     */
    HILBERT("hilbert");

    private final String displayName;

    PlacementPattern(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Core ids in visiting order for a mesh of {@code side}×{@code side} cores. */
    public int[] order(int side) {
        List<Integer> cells = switch (this) {
            case SNAKE -> snake(side, 0, side);
            case TWO_SIDES -> twoSides(side);
            case BROKEN_SNAKE -> brokenSnake(side);
            case HILBERT -> hilbert(side);
        };
        return cells.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<Integer> snake(int side, int firstCol, int endCol) {
        List<Integer> cells = new ArrayList<>();
        for (int row = 0; row < side; row++) {
            boolean forward = row % 2 == 0;
            for (int i = firstCol; i < endCol; i++) {
                int col = forward ? i : endCol - 1 - (i - firstCol);
                cells.add(row * side + col);
            }
        }
        return cells;
    }

    private static List<Integer> twoSides(int side) {
        int leftWidth = (side + 1) / 2;
        List<Integer> cells = new ArrayList<>();
        for (int row = 0; row < side; row++) {
            addRow(cells, side, row, 0, leftWidth, (side - 1 - row) % 2 == 0);
        }
        for (int row = side - 1; row >= 0; row--) {
            addRow(cells, side, row, leftWidth, side, (side - 1 - row) % 2 == 0);
        }
        return cells;
    }

    private static void addRow(List<Integer> cells, int side, int row, int firstCol, int endCol, boolean forward) {
        for (int i = 0; i < endCol - firstCol; i++) {
            int col = forward ? firstCol + i : endCol - 1 - i;
            cells.add(row * side + col);
        }
    }

    private static List<Integer> brokenSnake(int side) {
        List<Integer> cells = new ArrayList<>();
        int bands = side / 2;
        for (int band = 0; band < bands; band++) {
            int top = 2 * band;
            boolean forward = band % 2 == 0;
            int blocks = side / 2;
            for (int b = 0; b < blocks; b++) {
                int left = forward ? 2 * b : side - 2 - 2 * b - side % 2;
                if (forward) {
                    cells.add(top * side + left);
                    cells.add((top + 1) * side + left);
                    cells.add((top + 1) * side + left + 1);
                    cells.add(top * side + left + 1);
                } else {
                    cells.add(top * side + left + 1);
                    cells.add((top + 1) * side + left + 1);
                    cells.add((top + 1) * side + left);
                    cells.add(top * side + left);
                }
            }
            if (side % 2 == 1) {
                int col = side - 1;
                if (forward) {
                    cells.add(top * side + col);
                    cells.add((top + 1) * side + col);
                } else {
                    cells.add(cells.size() - 4 * blocks, top * side + col);
                    cells.add(cells.size() - 4 * blocks, (top + 1) * side + col);
                }
            }
        }
        if (side % 2 == 1) {
            int row = side - 1;
            boolean forward = bands % 2 == 0;
            for (int i = 0; i < side; i++) {
                cells.add(row * side + (forward ? i : side - 1 - i));
            }
        }
        return cells;
    }

    private static List<Integer> hilbert(int side) {
        int n = 1;
        while (n < side) {
            n *= 2;
        }
        List<Integer> cells = new ArrayList<>();
        for (int d = 0; d < n * n; d++) {
            int[] xy = hilbertPoint(n, d);
            if (xy[0] < side && xy[1] < side) {
                cells.add(xy[1] * side + xy[0]);
            }
        }
        return cells;
    }

    /** Point (x, y) at distance d along the Hilbert curve of an n×n square, n a power of two. */
    private static int[] hilbertPoint(int n, int d) {
        int x = 0;
        int y = 0;
        int t = d;
        for (int s = 1; s < n; s *= 2) {
            int rx = 1 & (t / 2);
            int ry = 1 & (t ^ rx);
            if (ry == 0) {
                if (rx == 1) {
                    x = s - 1 - x;
                    y = s - 1 - y;
                }
                int swap = x;
                x = y;
                y = swap;
            }
            x += s * rx;
            y += s * ry;
            t /= 4;
        }
        return new int[] {x, y};
    }
}
