package io.github.cimflow.hw;

/**
 * The mesh NoC ({@code network_config}).
 *
 * <p>Without a table, a flit from core a to core b takes {@code routerLatencyCycles + hops·hopLatencyCycles}
 * cycles and {@code hops·hopEnergyPicojoules} (at least one hop's worth for a core's own port), with XY
 * routing on the √C×√C mesh; {@link MeshNoc} implements that model. With a table, the latency and energy
 * per flit of each (source, destination) pair come from the table.
 *
 * @param flitBytes             B, bytes per flit ({@code bus_width_byte})
 * @param hopLatencyCycles      cycles per hop per flit
 * @param routerLatencyCycles   fixed cycles per flit on top of the hops (injection and ejection)
 * @param hopEnergyPicojoules   energy per flit per hop
 * @param globalMemoryCore      core id whose router the global memory shares (with its own port)
 * @param tableFile             path of a CIMFlow NoC table JSON as written in the configuration (relative
 *                              to the config file's folder), or null
 * @param table                 the contents of {@code tableFile}, loaded when the configuration was read,
 *                              or null when no table is named
 */
public record NetworkConfig(int flitBytes, int hopLatencyCycles, int routerLatencyCycles, double hopEnergyPicojoules,
                            int globalMemoryCore, String tableFile, NocTable table) {

    /** A network without a loaded table (the mesh model, or a table not yet read). */
    public NetworkConfig(int flitBytes, int hopLatencyCycles, int routerLatencyCycles, double hopEnergyPicojoules,
                         int globalMemoryCore, String tableFile) {
        this(flitBytes, hopLatencyCycles, routerLatencyCycles, hopEnergyPicojoules, globalMemoryCore, tableFile, null);
    }
}
