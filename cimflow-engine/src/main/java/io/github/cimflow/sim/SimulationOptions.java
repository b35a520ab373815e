package io.github.cimflow.sim;

/**
 * Options of one simulation.
 *
 * @param maxCycles stop with an error after this many cycles (0: no limit)
 * @param dataMode  execute with real bytes (CIMFlow's {@code real_data}); timing is identical either way
 */
public record SimulationOptions(long maxCycles, boolean dataMode) {
    public static final SimulationOptions DEFAULT = new SimulationOptions(0, false);
}
