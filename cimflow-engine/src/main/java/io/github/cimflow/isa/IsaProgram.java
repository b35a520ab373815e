package io.github.cimflow.isa;

import java.util.List;

/**
 * The programs of all cores: core i runs {@code cores().get(i)}. Immutable.
 *
 * @param metadata how it was compiled
 * @param cores    one instruction list per core, by core id (row-major on the mesh)
 */
public record IsaProgram(ProgramMetadata metadata, List<List<Instruction>> cores) {
    public IsaProgram {
        cores = cores.stream().map(List::copyOf).toList();
    }

    /** Total static instruction count over all cores. */
    public long instructionCount() {
        long count = 0;
        for (List<Instruction> core : cores) {
            count += core.size();
        }
        return count;
    }
}
