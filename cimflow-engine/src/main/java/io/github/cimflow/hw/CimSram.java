package io.github.cimflow.hw;

/**
 * The SRAM array of the macros ({@code cim_unit_config.sram}).
 *
 * @param writeLatencyCycles             cycles per write beat
 * @param readLatencyCycles              cycles per read beat
 * @param staticPowerMilliwatts          leakage per macro
 * @param writeDynamicPowerPerBitMilliwatts write power per bit written in a beat
 * @param readDynamicPowerPerBitMilliwatts  read power per bit read in a step
 */
public record CimSram(int writeLatencyCycles, int readLatencyCycles, double staticPowerMilliwatts,
                      double writeDynamicPowerPerBitMilliwatts, double readDynamicPowerPerBitMilliwatts) {
}
