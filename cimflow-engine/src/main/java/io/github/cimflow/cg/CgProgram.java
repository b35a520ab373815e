package io.github.cimflow.cg;

import java.util.List;

/**
 * The CG IR: per core, per stage, the operations it performs. Cores are listed in id order.
 *
 * @param metadata how it was compiled
 * @param cores    every core of the mesh, in row-major order
 */
public record CgProgram(CgMetadata metadata, List<CgCore> cores) {
    public CgProgram {
        cores = List.copyOf(cores);
    }
}
