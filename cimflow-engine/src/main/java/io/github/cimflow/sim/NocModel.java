package io.github.cimflow.sim;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.MeshNoc;
import io.github.cimflow.hw.NetworkConfig;

/**
 * Message timing and contention on the mesh network on chip. Per-flit latency and energy of each
 * (source, destination) pair come from {@link MeshNoc} (the mesh formula or the configuration's
 * NoC table), precomputed into arrays; endpoints are the cores and, as endpoint C, the global
 * memory.
 *
 * <p>Flits are pipelined (wormhole switching): a message of F flits arrives the pair's per-flit
 * latency plus F − 1 cycles after it starts, and occupies its source's injection port, every link
 * of its XY route (along the row first, as {@link MeshNoc#route} orders them) and its destination's
 * ejection port for F cycles, one flit per cycle. It starts when all of them are free.
 * Reservations are made in the order the simulator issues messages, which is nondecreasing in
 * issue cycle. CIMFlow charges F × the per-flit latency and serializes only the source switch.
 *
 * <p>Messages to and from the global memory travel on the global memory's own interconnect, not on
 * the mesh links: the pair's latency still applies (CIMFlow's NoC table gives the same 6 cycles
 * from global memory to every core of an 8×8 mesh), the global side moves the global memory's width
 * per cycle and the core side B bytes per cycle. Both choices are calibration decisions recorded
 * in docs/simulator.md.
 */
final class NocModel {
    private static final int DIRECTIONS = 4;

    private final int side;
    private final int globalEndpoint;
    private final int globalRouter;
    private final int flitBytes;
    /** Bytes the global memory's port moves per cycle: the global memory's access width. */
    private final int globalPortBytes;
    /** Per-flit cycles and picojoules by source endpoint × (C + 1) + destination endpoint. */
    private final long[] flitCycles;
    private final double[] flitPicojoules;

    private final long[] injectionFree;
    private final long[] ejectionFree;
    private final long[] linkFree;
    /** Busy cycles of each endpoint's injection port. */
    final long[] injectionBusyCycles;

    double energyPicojoules;
    long flits;
    long messages;

    NocModel(HardwareConfig hardware) {
        NetworkConfig network = hardware.network();
        int coreCount = hardware.coreCount();
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
        globalPortBytes = hardware.globalMemory().widthBytes();
        if (globalPortBytes <= 0) {
            throw new CimflowException("hardware configuration: global_memory_config width_byte must be positive, "
                    + "got " + globalPortBytes);
        }
        if (network.tableFile() != null && network.table() == null) {
            throw new CimflowException("hardware configuration: network_config.network_config_file_path '"
                    + network.tableFile() + "' was named but not loaded; read the configuration from its file so "
                    + "the table is found next to it");
        }

        MeshNoc mesh = new MeshNoc(hardware);
        int endpoints = coreCount + 1;
        flitCycles = new long[endpoints * endpoints];
        flitPicojoules = new double[endpoints * endpoints];
        for (int source = 0; source < endpoints; source++) {
            for (int destination = 0; destination < endpoints; destination++) {
                int index = source * endpoints + destination;
                flitCycles[index] = mesh.latencyCyclesPerFlit(meshId(source), meshId(destination));
                flitPicojoules[index] = mesh.energyPicojoulesPerFlit(meshId(source), meshId(destination));
            }
        }
        injectionFree = new long[endpoints];
        ejectionFree = new long[endpoints];
        injectionBusyCycles = new long[endpoints];
        linkFree = new long[side * side * DIRECTIONS];
    }

    int globalEndpoint() {
        return globalEndpoint;
    }

    /** {@link MeshNoc} node id of an endpoint: the core id, or -1 for the global memory. */
    private int meshId(int endpoint) {
        return endpoint == globalEndpoint ? MeshNoc.GLOBAL_MEMORY : endpoint;
    }

    private int router(int endpoint) {
        return endpoint == globalEndpoint ? globalRouter : endpoint;
    }

    static long flitsOf(long bytes, int flitBytes) {
        return Math.max(1, TimingModel.ceilDiv(bytes, flitBytes));
    }

    /**
     * Reserves the path of one message and returns the cycle its last flit arrives. Charges
     * flits × the pair's per-flit energy.
     */
    long send(int source, int destination, long bytes, long readyCycle) {
        long messageFlits = flitsOf(bytes, flitBytes);
        int pair = source * (globalEndpoint + 1) + destination;
        long duration = TimingModel.messageCycles(messageFlits, flitCycles[pair]);
        boolean global = source == globalEndpoint || destination == globalEndpoint;
        long globalPortCycles = Math.max(1, TimingModel.ceilDiv(bytes, globalPortBytes));
        long sourceCycles = source == globalEndpoint ? globalPortCycles : messageFlits;
        long destinationCycles = destination == globalEndpoint ? globalPortCycles : messageFlits;

        long start = Math.max(readyCycle, Math.max(injectionFree[source], ejectionFree[destination]));
        int from = router(source);
        int to = global ? from : router(destination);
        int node = from;
        while (node != to) {
            int link = nextLink(node, to);
            start = Math.max(start, linkFree[link]);
            node = nextNode(node, link);
        }

        long end = start + duration;
        injectionBusyCycles[source] += sourceCycles;
        injectionFree[source] = start + sourceCycles;
        ejectionFree[destination] = start + destinationCycles;
        node = from;
        while (node != to) {
            int link = nextLink(node, to);
            linkFree[link] = start + messageFlits;
            node = nextNode(node, link);
        }

        energyPicojoules += messageFlits * flitPicojoules[pair];
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
