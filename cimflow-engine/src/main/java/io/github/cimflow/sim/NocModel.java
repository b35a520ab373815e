package io.github.cimflow.sim;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.NetworkConfig;
import io.github.cimflow.hw.NocTable;

/**
 * The mesh network on chip: cores row-major on a √C×√C grid (core id = row·side + column), the
 * global memory as one more endpoint attached through one extra link to the router of
 * {@link NetworkConfig#globalMemoryCore()}, XY routing (first along the row, then along the column).
 *
 * <p>A message occupies its source's injection port, every link of its route and its
 * destination's ejection port for its whole duration (flits × per-flit latency); it starts when all
 * of them are free. Reservations are made in the order the simulator issues messages, which is
 * nondecreasing in issue cycle. CIMFlow serializes only the source switch; cimflow also serializes
 * shared links and the destination.
 */
final class NocModel {
    private static final int DIRECTIONS = 4;

    private final int side;
    private final int coreCount;
    private final int globalEndpoint;
    private final int globalRouter;
    private final int flitBytes;
    private final int routerLatencyCycles;
    private final int hopLatencyCycles;
    private final double hopEnergyPicojoules;
    /** CIMFlow's per-pair flit latency and energy, or null for the mesh formula. */
    private final NocTable table;
    private final String tableFileName;

    private final long[] injectionFree;
    private final long[] ejectionFree;
    private final long[] linkFree;
    /** Busy cycles of each endpoint's injection port (union of its messages). */
    final long[] injectionBusyCycles;

    double energyPicojoules;
    long flits;
    long messages;

    NocModel(HardwareConfig hardware) {
        NetworkConfig network = hardware.network();
        table = network.table();
        if (network.tableFile() != null && table == null) {
            throw new CimflowException("hardware configuration: network_config.network_config_file_path '"
                    + network.tableFile() + "' was named but not loaded; read the configuration from its file so "
                    + "the table is found next to it");
        }
        tableFileName = network.tableFile();
        coreCount = hardware.coreCount();
        side = hardware.meshSide();
        globalEndpoint = coreCount;
        globalRouter = network.globalMemoryCore();
        if (globalRouter < 0 || globalRouter >= coreCount) {
            throw new CimflowException("hardware configuration: network_config global memory router " + globalRouter
                    + " is not a core id in [0, " + coreCount + "); choose a core the global memory attaches to");
        }
        flitBytes = network.flitBytes();
        if (flitBytes <= 0) {
            throw new CimflowException("hardware configuration: network_config.bus_width_byte must be positive, got "
                    + flitBytes);
        }
        routerLatencyCycles = network.routerLatencyCycles();
        hopLatencyCycles = network.hopLatencyCycles();
        hopEnergyPicojoules = network.hopEnergyPicojoules();
        injectionFree = new long[coreCount + 1];
        ejectionFree = new long[coreCount + 1];
        injectionBusyCycles = new long[coreCount + 1];
        linkFree = new long[side * side * DIRECTIONS];
    }

    int globalEndpoint() {
        return globalEndpoint;
    }

    int flitBytes() {
        return flitBytes;
    }

    private int router(int endpoint) {
        return endpoint == globalEndpoint ? globalRouter : endpoint;
    }

    /**
     * Hops between two endpoints: the Manhattan distance of their routers, plus one for the link
     * between the global memory and its router.
     */
    int hops(int source, int destination) {
        int a = router(source);
        int b = router(destination);
        int extra = (source == globalEndpoint ? 1 : 0) + (destination == globalEndpoint ? 1 : 0);
        return Math.abs(a % side - b % side) + Math.abs(a / side - b / side) + extra;
    }

    /** Table id of an endpoint: the core id, or -1 for the global memory. */
    private int tableId(int endpoint) {
        return endpoint == globalEndpoint ? -1 : endpoint;
    }

    private long flitCycles(int source, int destination, int hops) {
        if (table != null) {
            int cycles = table.latencyCycles(tableId(source), tableId(destination));
            if (cycles < 0) {
                throw new CimflowException("NoC table " + tableFileName + ": no latency from " + tableId(source)
                        + " to " + tableId(destination) + "; add the pair to the table");
            }
            return cycles;
        }
        return TimingModel.messageCycles(1, hops, routerLatencyCycles, hopLatencyCycles);
    }

    private double flitPicojoules(int source, int destination, int hops) {
        if (table != null) {
            double energy = table.energyPicojoules(tableId(source), tableId(destination));
            if (Double.isNaN(energy)) {
                throw new CimflowException("NoC table " + tableFileName + ": no energy from " + tableId(source)
                        + " to " + tableId(destination) + "; add the pair to the table");
            }
            return energy;
        }
        return Math.max(hops, 1) * hopEnergyPicojoules;
    }

    static long flitsOf(long bytes, int flitBytes) {
        return Math.max(1, TimingModel.ceilDiv(bytes, flitBytes));
    }

    /**
     * Reserves the path of one message and returns the cycle its last flit arrives. Charges
     * flits × max(hops, 1) × hop energy, or flits × the table's energy.
     */
    long send(int source, int destination, long bytes, long readyCycle) {
        long messageFlits = flitsOf(bytes, flitBytes);
        int hops = hops(source, destination);
        long duration = messageFlits * flitCycles(source, destination, hops);

        long start = Math.max(readyCycle, Math.max(injectionFree[source], ejectionFree[destination]));
        int from = router(source);
        int to = router(destination);
        int node = from;
        while (node != to) {
            int link = nextLink(node, to);
            start = Math.max(start, linkFree[link]);
            node = nextNode(node, link);
        }

        long end = start + duration;
        injectionBusyCycles[source] += duration;
        injectionFree[source] = end;
        ejectionFree[destination] = end;
        node = from;
        while (node != to) {
            int link = nextLink(node, to);
            linkFree[link] = end;
            node = nextNode(node, link);
        }

        energyPicojoules += messageFlits * flitPicojoules(source, destination, hops);
        flits += messageFlits;
        messages++;
        return end;
    }

    /** Returns the outgoing link of {@code node} on the XY route to {@code to}: first x, then y. */
    private int nextLink(int node, int to) {
        int x = node % side;
        int targetX = to % side;
        if (x != targetX) {
            return node * DIRECTIONS + (targetX > x ? 0 : 1);
        }
        return node * DIRECTIONS + (to / side > node / side ? 2 : 3);
    }

    private int nextNode(int node, int link) {
        switch (link % DIRECTIONS) {
            case 0:
                return node + 1;
            case 1:
                return node - 1;
            case 2:
                return node + side;
            default:
                return node - side;
        }
    }
}
