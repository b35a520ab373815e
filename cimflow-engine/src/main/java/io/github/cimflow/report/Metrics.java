package io.github.cimflow.report;

import io.github.cimflow.sim.SimulationResult;

/**
 * The headline metrics of one simulation, derived from its result.
 *
 * <p>{@code tops} counts the work of the whole batch: op_count × batch size / latency, so a larger
 * batch can raise it. CIMFlow's own report divides one image's op_count by the batch latency; that
 * figure is {@code cimflowFormulaTops} and appears only in the JSON report under its own name.
 *
 * @param latencyMilliseconds          time to finish the whole batch
 * @param latencyPerImageMilliseconds  latency / batch size
 * @param averagePowerMilliwatts       total energy / latency
 * @param totalEnergyPicojoules        static + dynamic energy of the chip over the latency
 * @param staticEnergyPicojoules       leakage part
 * @param dynamicEnergyPicojoules      event part
 * @param tops                         tera-operations per second over the batch
 * @param topsPerWatt                  tops / average power in W
 * @param cimflowFormulaTops           op_count (one image) / latency, CIMFlow's TOPS
 * @param cimflowFormulaTopsPerWatt    cimflowFormulaTops / average power in W, CIMFlow's TOPS/W
 * @param opCount                      operations of one image
 * @param batchSize                    images in the batch
 */
public record Metrics(double latencyMilliseconds, double latencyPerImageMilliseconds, double averagePowerMilliwatts,
                      double totalEnergyPicojoules, double staticEnergyPicojoules, double dynamicEnergyPicojoules,
                      double tops, double topsPerWatt, double cimflowFormulaTops, double cimflowFormulaTopsPerWatt,
                      long opCount, int batchSize) {

    /** Computes the metrics; a zero latency gives zero power and throughput rather than infinities. */
    public static Metrics of(SimulationResult result) {
        double latencyNanoseconds = result.latencyNanoseconds();
        double latencySeconds = latencyNanoseconds * 1e-9;
        double total = result.totalEnergyPicojoules();
        int batch = Math.max(1, result.batchSize());
        double power = latencyNanoseconds > 0 ? total / latencyNanoseconds : 0;
        double tops = latencySeconds > 0 ? (double) result.opCount() * batch / latencySeconds / 1e12 : 0;
        double referenceTops = latencySeconds > 0 ? result.opCount() / latencySeconds / 1e12 : 0;
        double watts = power / 1e3;
        return new Metrics(latencyNanoseconds / 1e6, latencyNanoseconds / 1e6 / batch, power, total,
                result.staticEnergyPicojoules(), result.dynamicEnergyPicojoules(), tops,
                watts > 0 ? tops / watts : 0, referenceTops, watts > 0 ? referenceTops / watts : 0,
                result.opCount(), batch);
    }
}
