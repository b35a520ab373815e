package io.github.cimflow.isa;

import java.util.List;

/**
 * The programs of all cores: core i runs {@code cores().get(i)}. Immutable.
 *
 * @param metadata how it was compiled
 * @param cores    one instruction list per core, by core id (row-major on the mesh)
 * @param layers   the layer of every instruction, or null when unknown (a program read from the
 *                 assembly or binary form, or from a JSON file without a layer table)
 */
public record IsaProgram(ProgramMetadata metadata, List<List<Instruction>> cores, LayerTable layers) {
    public IsaProgram {
        cores = cores.stream().map(List::copyOf).toList();
        if (layers != null) {
            layers.requireCovers(cores, "program" + (metadata.model() == null ? "" : " of " + metadata.model()));
        }
    }

    /** Creates a program without a layer table. */
    public IsaProgram(ProgramMetadata metadata, List<List<Instruction>> cores) {
        this(metadata, cores, null);
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
