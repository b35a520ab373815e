package io.github.cimflow.hw;

/**
 * The mesh NoC ({@code network_config}).
 *
 * <p>Without a table file, a flit from core a to core b takes
 * {@code routerLatencyCycles + hops·hopLatencyCycles} cycles and {@code hops·hopEnergyPicojoules}
 * (at least one hop's worth for a core's own port), with XY routing on the √C×√C mesh. With a
 * table file, the latency and energy per flit come from that file.
 *
 * @param flitBytes             B, bytes per flit ({@code bus_width_byte})
 * @param hopLatencyCycles      cycles per hop per flit
 * @param routerLatencyCycles   fixed cycles per flit on top of the hops (injection and ejection)
 * @param hopEnergyPicojoules   energy per flit per hop
 * @param globalMemoryCore      core id whose router the global memory attaches to
 * @param tableFile             path of a CIMFlow NoC table JSON, relative to the config file, or null
 */
public record NetworkConfig(int flitBytes, int hopLatencyCycles, int routerLatencyCycles, double hopEnergyPicojoules,
                            int globalMemoryCore, String tableFile) {
}
