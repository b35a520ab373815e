package io.github.cimflow.sim;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Published TAGs: for each (source core, sync id), and for each sync id from any core, the cycles
 * at which TAGs became visible. TAGs are rare next to other instructions, so boxing here does not
 * touch the per-instruction path.
 */
final class TagBoard {
    /** Source value of WAIT meaning "from any core". */
    static final int ANY_CORE = -1;

    private final Map<Long, long[]> times = new HashMap<>();

    private static long key(int source, int syncId) {
        return ((long) (source + 1) << 32) | (syncId & 0xffffffffL);
    }

    void publish(int source, int syncId, long cycle) {
        append(key(source, syncId), cycle);
        append(key(ANY_CORE, syncId), cycle);
    }

    /** Inserts the cycle in ascending order. Element 0 of a list is its length, and the cycles follow it. */
    private void append(long key, long cycle) {
        long[] list = times.get(key);
        if (list == null) {
            list = new long[] {0, 0, 0, 0, 0};
        } else if (list[0] + 1 >= list.length) {
            list = Arrays.copyOf(list, list.length * 2);
        }
        int index = (int) ++list[0];
        while (index > 1 && list[index - 1] > cycle) {
            list[index] = list[index - 1];
            index--;
        }
        list[index] = cycle;
        times.put(key, list);
    }

    /** TAGs published so far by {@code source} (or any core) with that sync id. */
    int count(int source, int syncId) {
        long[] list = times.get(key(source, syncId));
        return list == null ? 0 : (int) list[0];
    }

    /**
     * Returns the cycle at which the {@code count}-th TAG (in time order) with that sync id from
     * {@code source} became visible, or -1 when fewer have been published; 0 for a count ≤ 0.
     */
    long cycleOf(int source, int syncId, int count) {
        if (count <= 0) {
            return 0;
        }
        long[] list = times.get(key(source, syncId));
        if (list == null || list[0] < count) {
            return -1;
        }
        return list[count];
    }
}
