package io.github.cimflow.report;

import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.sim.SimulationProfile;

/**
 * Everything a report prints about one simulation.
 *
 * @param profile         the simulation's result and per-core detail
 * @param hardware        the configuration it ran on
 * @param configSource    the configuration file path, or a description of the preset
 * @param instructionFile path of the instruction file
 * @param dataMode        whether memories held real bytes
 */
public record ReportInput(SimulationProfile profile, HardwareConfig hardware, String configSource,
                          String instructionFile, boolean dataMode) {

    public Metrics metrics() {
        return Metrics.of(profile.result());
    }

    /** CIMFlow's name of the data mode. */
    public String dataModeName() {
        return dataMode ? "real_data" : "not_real_data";
    }
}
