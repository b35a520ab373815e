package io.github.cimflow.cg;

import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.model.Model;

/** The graph-level (CG) compiler: stage partitioning, replication and placement. */
public final class GraphCompiler {
    private GraphCompiler() {
    }

    /**
     * Compiles a model for a chip.
     *
     * @param model     the imported model
     * @param hardware  the chip
     * @param batchSize images per stage, at least 1
     * @param strategy  partitioning strategy
     * @return the CG IR
     * @throws io.github.cimflow.CimflowException when the model does not fit or an argument is invalid
     */
    public static CgProgram compile(Model model, HardwareConfig hardware, int batchSize, Strategy strategy) {
        throw new UnsupportedOperationException("TODO: graph-level compiler");
    }
}
