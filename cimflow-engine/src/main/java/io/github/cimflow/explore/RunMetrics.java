package io.github.cimflow.explore;

import io.github.cimflow.sim.SimulationResult;

/**
 * The figures one run is compared by.
 *
 * @param latencyMilliseconds         simulated time to finish the whole batch
 * @param latencyPerImageMilliseconds latency divided by the batch size
 * @param averagePowerMilliwatts      total energy divided by latency
 * @param totalEnergyPicojoules       static plus dynamic energy of the whole chip over the batch
 * @param tops                        tera-operations per second: op count of one image × batch size / latency
 * @param topsPerWatt                 TOPS divided by average power in watts
 */
public record RunMetrics(double latencyMilliseconds, double latencyPerImageMilliseconds,
                         double averagePowerMilliwatts, double totalEnergyPicojoules, double tops,
                         double topsPerWatt) {

    /** Derives the metrics from a simulation result. */
    public static RunMetrics of(SimulationResult result) {
        double latencyMilliseconds = result.latencyNanoseconds() / 1e6;
        double energyPicojoules = result.totalEnergyPicojoules();
        // pJ / ns = mW.
        double powerMilliwatts = energyPicojoules / result.latencyNanoseconds();
        double tops = (double) result.opCount() * result.batchSize() / (result.latencyNanoseconds() * 1e-9) / 1e12;
        return new RunMetrics(latencyMilliseconds, latencyMilliseconds / result.batchSize(), powerMilliwatts,
                energyPicojoules, tops, tops / (powerMilliwatts / 1e3));
    }
}
