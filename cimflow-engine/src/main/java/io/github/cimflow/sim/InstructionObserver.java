package io.github.cimflow.sim;

/**
 * A data-mode callback after each instruction has taken effect, for checks that read intermediate
 * values out of local memory (see {@link DataMemoryImage#observe}). The simulator calls it only in
 * data mode and only when one is set, so timing-only runs do not pay for it.
 */
@FunctionalInterface
public interface InstructionObserver {
    /**
     * Called once per executed instruction, after its data effect, when the core moves on.
     *
     * @param core            core id
     * @param instruction     index of the instruction in the core's program
     * @param nextInstruction index the core executes next (the program length when it is done)
     * @param memory          the memories, readable with {@link DataMemoryImage#read}
     */
    void executed(int core, int instruction, int nextInstruction, DataMemoryImage memory);
}
