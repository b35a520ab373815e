package io.github.cimflow.cg;

import java.util.Arrays;

/**
 * One stage as chosen by the cost model: which layers run, with how many weight replicas, on which
 * cores, and what that is estimated to cost. Arrays are owned by the plan and never modified.
 *
 * @param layers       layer indices in placement (chain) order
 * @param replicas     replicas per layer, aligned with {@code layers}
 * @param pattern      the placement pattern the cores were taken from
 * @param cores        {@code cores[i][r][j]}: core id of core j of replica r of layer {@code layers[i]}
 * @param onChipEdges  pairs (from, to) of layer indices whose tensors move core to core; every other
 *                     edge inside the stage goes through global memory
 * @param computeCycles       the stage's compute term
 * @param communicationCycles the stage's NoC, global-memory and ring term
 * @param loadCycles          the stage's weight-load term
 * @param costCycles          estimated stage latency for the whole batch: compute + communication + load
 */
public record StagePlan(int[] layers, int[] replicas, PlacementPattern pattern, int[][][] cores, long[] onChipEdges,
                        long computeCycles, long communicationCycles, long loadCycles, long costCycles) {

    /** True when the edge from layer {@code from} to layer {@code to} is a core-to-core transfer. */
    public boolean onChip(int from, int to) {
        return Arrays.binarySearch(onChipEdges, edgeKey(from, to)) >= 0;
    }

    /** Position of a layer in {@link #layers()}, or -1 when it is not in this stage. */
    public int position(int layer) {
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] == layer) {
                return i;
            }
        }
        return -1;
    }

    public boolean contains(int layer) {
        return position(layer) >= 0;
    }

    /** Distinct cores the stage occupies. */
    public int usedCores() {
        java.util.BitSet used = new java.util.BitSet();
        for (int[][] layer : cores) {
            for (int[] replica : layer) {
                for (int core : replica) {
                    used.set(core);
                }
            }
        }
        return used.cardinality();
    }

    static long edgeKey(int from, int to) {
        return ((long) from << 32) | to;
    }
}
