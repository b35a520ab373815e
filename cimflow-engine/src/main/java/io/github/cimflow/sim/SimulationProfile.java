package io.github.cimflow.sim;

import java.util.List;

/**
 * A simulation's result with the detail the profiling report needs.
 *
 * @param result      the headline numbers
 * @param cores       one entry per core, by core id
 * @param nocMessages NoC messages sent (handshakes, data, global memory requests and responses)
 * @param nocFlits    flits those messages carried
 * @param periodNanoseconds clock period the cycles are counted in
 */
public record SimulationProfile(SimulationResult result, List<CoreProfile> cores, long nocMessages, long nocFlits,
                                double periodNanoseconds) {
    public SimulationProfile {
        cores = List.copyOf(cores);
    }
}
