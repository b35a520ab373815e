package io.github.cimflow.op;

import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.isa.IsaProgram;

/** The operator-level (OP) compiler: lowers each core's CG operations into ISA programs. */
public final class OperatorCompiler {
    private OperatorCompiler() {
    }

    /**
     * Lowers a CG IR into one instruction program per core.
     *
     * @throws io.github.cimflow.CimflowException when a buffer does not fit its memory
     */
    public static IsaProgram compile(CgProgram cg, HardwareConfig hardware) {
        throw new UnsupportedOperationException("TODO: operator-level compiler");
    }
}
