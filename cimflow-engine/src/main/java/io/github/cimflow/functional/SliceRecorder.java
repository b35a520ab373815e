package io.github.cimflow.functional;

import io.github.cimflow.op.OutputSlice;
import io.github.cimflow.sim.DataMemoryImage;
import io.github.cimflow.sim.InstructionObserver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Copies each output slice out of local memory the first time its core reaches the slice's
 * instruction index, before later operations can reuse the bytes. The programs only loop backwards
 * inside an operation, so a core reaches the indexes of its slices in increasing order and the
 * recorder checks one pending index per core.
 */
final class SliceRecorder implements InstructionObserver {
    private final OutputSlice[][] slicesByCore;
    private final int[] cursor;
    private final List<ObservedSlice> observed = new ArrayList<>();

    SliceRecorder(List<OutputSlice> slices, int coreCount) {
        List<List<OutputSlice>> byCore = new ArrayList<>();
        for (int core = 0; core < coreCount; core++) {
            byCore.add(new ArrayList<>());
        }
        for (OutputSlice slice : slices) {
            byCore.get(slice.core()).add(slice);
        }
        slicesByCore = new OutputSlice[coreCount][];
        for (int core = 0; core < coreCount; core++) {
            OutputSlice[] sorted = byCore.get(core).toArray(new OutputSlice[0]);
            Arrays.sort(sorted, (a, b) -> Integer.compare(a.instructionIndex(), b.instructionIndex()));
            slicesByCore[core] = sorted;
        }
        cursor = new int[coreCount];
    }

    @Override
    public void executed(int core, int instruction, int nextInstruction, DataMemoryImage memory) {
        OutputSlice[] pending = slicesByCore[core];
        int next = cursor[core];
        while (next < pending.length && pending[next].instructionIndex() == nextInstruction) {
            OutputSlice slice = pending[next];
            int bytes = slice.channels() * slice.height() * slice.width();
            observed.add(new ObservedSlice(slice, memory.read(core, slice.address(), bytes)));
            next++;
        }
        cursor[core] = next;
    }

    /** Returns the slices copied so far, in the order the cores reached them. */
    List<ObservedSlice> observed() {
        return observed;
    }

    /** Returns the number of slices never reached (a program that jumped over the end of an operation). */
    int missed() {
        int missed = 0;
        for (int core = 0; core < cursor.length; core++) {
            missed += slicesByCore[core].length - cursor[core];
        }
        return missed;
    }
}
