package io.github.cimflow.sim;

import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.isa.IsaProgram;

/** Executes every instruction of every core on the multi-core model and measures time and energy. */
public final class Simulator {
    private Simulator() {
    }

    /**
     * Simulates a program.
     *
     * @throws io.github.cimflow.CimflowException on a deadlock, a cycle budget overrun or an invalid access
     */
    public static SimulationResult run(IsaProgram program, HardwareConfig hardware, SimulationOptions options) {
        throw new UnsupportedOperationException("TODO: simulator");
    }
}
