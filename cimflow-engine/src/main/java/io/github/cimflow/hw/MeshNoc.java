package io.github.cimflow.hw;

import java.util.ArrayList;
import java.util.List;

/**
 * The NoC of a configuration: cores on a √C×√C mesh (core id = row·√C + col) with XY routing (along the
 * row to the destination column first, then along the column), and the global memory as node -1.
 *
 * <p>The global memory has its own port on the router of {@link NetworkConfig#globalMemoryCore()}, so
 * a flit to or from it crosses the mesh links to that router and no more; the simulator models the
 * ports themselves. The presets put it beside the core nearest the mesh centre: in CIMFlow's 8×8 table
 * ({@code flit16dim8.json}) core 27, at row 3, column 3, has the cheapest path to global memory (6 cycles,
 * 82.77 pJ per flit) and the corners the dearest (9 cycles, 144.85 pJ), and a centre attachment also
 * halves the worst-case distance compared with a corner.
 *
 * <p>Per flit, latency is {@code routerLatencyCycles + hops·hopLatencyCycles} and energy is
 * {@code max(hops, 1)·hopEnergyPicojoules}: a flit between two ports of one router still pays one hop.
 * When the configuration carries a NoC table, latency and energy come from the table instead, while
 * {@link #hops} and {@link #route} still describe the mesh path, for contention modelling.
 */
public final class MeshNoc {
    /** Node id of the global memory, as in CIMFlow's tables. */
    public static final int GLOBAL_MEMORY = -1;

    private final int coreCount;
    private final int side;
    private final NetworkConfig network;

    /** One directed link between the routers of neighbouring cores. */
    public record Link(int from, int to) {
    }

    public MeshNoc(HardwareConfig config) {
        this.coreCount = config.coreCount();
        this.side = config.meshSide();
        this.network = config.network();
    }

    /**
     * Lists the mesh links crossed from src to dst, in order. Node ids are core ids or -1; the list is
     * empty when both share a router (src == dst, or the global memory and its core).
     */
    public List<Link> route(int src, int dst) {
        List<Link> links = new ArrayList<>();
        int from = router(src);
        int to = router(dst);
        int row = from / side;
        int col = from % side;
        int dstRow = to / side;
        int dstCol = to % side;
        while (col != dstCol) {
            int next = col + Integer.signum(dstCol - col);
            links.add(new Link(row * side + col, row * side + next));
            col = next;
        }
        while (row != dstRow) {
            int next = row + Integer.signum(dstRow - row);
            links.add(new Link(row * side + col, next * side + col));
            row = next;
        }
        return links;
    }

    /** Counts the mesh links from src to dst: the Manhattan distance between their routers. */
    public int hops(int src, int dst) {
        int from = router(src);
        int to = router(dst);
        return Math.abs(from / side - to / side) + Math.abs(from % side - to % side);
    }

    /** Cycles one flit takes from src to dst. */
    public int latencyCyclesPerFlit(int src, int dst) {
        if (network.table() != null) {
            checkNode(src);
            checkNode(dst);
            int cycles = network.table().latencyCycles(src, dst);
            if (cycles < 0) {
                throw missingPair("latency", src, dst);
            }
            return cycles;
        }
        return network.routerLatencyCycles() + hops(src, dst) * network.hopLatencyCycles();
    }

    /** Picojoules one flit costs from src to dst. */
    public double energyPicojoulesPerFlit(int src, int dst) {
        if (network.table() != null) {
            checkNode(src);
            checkNode(dst);
            double energy = network.table().energyPicojoules(src, dst);
            if (Double.isNaN(energy)) {
                throw missingPair("energy", src, dst);
            }
            return energy;
        }
        return Math.max(1, hops(src, dst)) * network.hopEnergyPicojoules();
    }

    /** True when latency and energy come from a CIMFlow NoC table rather than the mesh model. */
    public boolean usesTable() {
        return network.table() != null;
    }

    private int router(int node) {
        checkNode(node);
        return node == GLOBAL_MEMORY ? network.globalMemoryCore() : node;
    }

    private void checkNode(int node) {
        if (node < GLOBAL_MEMORY || node >= coreCount) {
            throw new IllegalArgumentException("NoC node " + node + " does not exist; use 0 to " + (coreCount - 1)
                    + " for cores or -1 for the global memory");
        }
    }

    private IllegalStateException missingPair(String what, int src, int dst) {
        return new IllegalStateException("NoC table " + network.tableFile() + " has no " + what + " from " + src
                + " to " + dst + "; HardwareValidator rejects such a configuration, validate it first");
    }
}
