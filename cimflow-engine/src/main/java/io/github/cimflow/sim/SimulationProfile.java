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
 * @param globalBytesRead    bytes loaded from global memory by MEM_CPY (SC_LDG not included)
 * @param globalBytesWritten bytes stored to global memory by MEM_CPY (SC_STG not included)
 * @param localCopies        MEM_CPYs between local memories (the CIM array included)
 * @param globalLoads        MEM_CPYs from global memory
 * @param globalStores       MEM_CPYs to global memory
 * @param layers             per core and layer, by core then layer name; empty unless the simulation was
 *                           given the OP compiler's layer table
 */
public record SimulationProfile(SimulationResult result, List<CoreProfile> cores, long nocMessages, long nocFlits,
                                double periodNanoseconds, long globalBytesRead, long globalBytesWritten,
                                long localCopies, long globalLoads, long globalStores, List<LayerProfile> layers) {
    public SimulationProfile {
        cores = List.copyOf(cores);
        layers = List.copyOf(layers);
    }
}
