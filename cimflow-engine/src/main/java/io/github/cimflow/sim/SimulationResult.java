package io.github.cimflow.sim;

import java.util.Map;

/**
 * What one simulation measured. Times in nanoseconds, energies in picojoules.
 *
 * @param latencyNanoseconds    simulated time until every core finished the whole batch
 * @param cycles                the same in clock cycles
 * @param staticEnergyPicojoules  leakage energy of every component over the latency
 * @param dynamicEnergyPicojoules energy of events (accesses, MVM steps, flits)
 * @param opCount               operations of one image (from the program metadata)
 * @param batchSize             images in the batch
 * @param executedInstructions  dynamic instruction count over all cores
 * @param mvmCount              MVM vectors executed (a CIM_MVM with BATCH counts each of its vectors)
 * @param energyTree            energy per component; see {@link EnergyNode}
 * @param unitBusyFraction      busy time / latency, averaged over cores, by unit name ("cim", "vector", "noc", ...)
 */
public record SimulationResult(double latencyNanoseconds, long cycles, double staticEnergyPicojoules,
                               double dynamicEnergyPicojoules, long opCount, int batchSize,
                               long executedInstructions, long mvmCount, EnergyNode energyTree,
                               Map<String, Double> unitBusyFraction) {

    public double totalEnergyPicojoules() {
        return staticEnergyPicojoules + dynamicEnergyPicojoules;
    }
}
