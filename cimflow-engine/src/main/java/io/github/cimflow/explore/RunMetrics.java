package io.github.cimflow.explore;

import io.github.cimflow.report.Metrics;
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

    /** Takes the figures from the report package's metrics of a simulation result. */
    public static RunMetrics of(SimulationResult result) {
        Metrics metrics = Metrics.of(result);
        return new RunMetrics(metrics.latencyMilliseconds(), metrics.latencyPerImageMilliseconds(),
                metrics.averagePowerMilliwatts(), metrics.totalEnergyPicojoules(), metrics.tops(),
                metrics.topsPerWatt());
    }
}
