package io.github.cimflow.sim;

import java.util.Map;

/**
 * Activity of one layer on one core: what the instructions of that layer (see
 * {@link io.github.cimflow.isa.LayerTable}) cost.
 *
 * @param core                  core id
 * @param layer                 layer name (the weight node of the CG layer)
 * @param executedInstructions  dynamic instruction count
 * @param unitBusyCycles        busy cycles by unit name
 * @param energyTree            dynamic energy by unit of the core (static energy is not split by layer, so
 *                              every static figure is 0)
 * @param globalMemoryPicojoules dynamic energy of the layer's global memory reads and writes (NoC
 *                              energy is not split by layer)
 */
public record LayerProfile(int core, String layer, long executedInstructions, Map<String, Long> unitBusyCycles,
                           EnergyNode energyTree, double globalMemoryPicojoules) {
    public LayerProfile {
        unitBusyCycles = Map.copyOf(unitBusyCycles);
    }
}
