package io.github.cimflow.hw;

import java.util.ArrayList;
import java.util.List;

/**
 * The NoC of a configuration: cores on a √C×√C mesh (core id = row·√C + col) with XY routing (along the
 * row to the destination column first, then along the column), and the global memory as node -1.
 *
 * <p>The global memory hangs off the router of {@link NetworkConfig#globalMemoryCore()} through one extra
 * link. The presets put it beside the core nearest the mesh centre: in CIMFlow's 8×8 table
 * ({@code flit16dim8.json}) core 27, at row 3, column 3, has the cheapest path to global memory (6 cycles,
 * 82.77 pJ per flit) and the corners the dearest (9 cycles, 144.85 pJ), and a centre attachment also
 * halves the worst-case distance compared with a corner.
 *
 * <p>Per flit, latency is {@code routerLatencyCycles + hops·hopLatencyCycles} and energy is
 * {@code max(hops, 1)·hopEnergyPicojoules}: a core sending to itself still crosses its own router port.
 * When the configuration carries a NoC table, latency and energy come from the table instead, while
 * {@link #hops} and {@link #route} still describe the mesh path, for contention modelling.
 */
public final class MeshNoc {
    /** Node id of the global memory, as in CIMFlow's tables. */
    public static final int GLOBAL_MEMORY = -1;

    private final int coreCount;
    private final int side;
    private final NetworkConfig network;

    /** One directed link between neighbouring nodes; {@code -1} is the global memory's link to its router. */
    public record Link(int from, int to) {
    }

    public MeshNoc(HardwareConfig config) {
        this.coreCount = config.coreCount();
        this.side = config.meshSide();
        this.network = config.network();
    }

    /** Links crossed from src to dst, in order; empty for src == dst. Ids are core ids or -1. */
    public List<Link> route(int src, int dst) {
        checkNode(src);
        checkNode(dst);
        List<Link> links = new ArrayList<>();
        if (src == dst) {
            return links;
        }
        int attach = network.globalMemoryCore();
        if (src == GLOBAL_MEMORY) {
            links.add(new Link(GLOBAL_MEMORY, attach));
            addMeshRoute(attach, dst, links);
        } else if (dst == GLOBAL_MEMORY) {
            addMeshRoute(src, attach, links);
            links.add(new Link(attach, GLOBAL_MEMORY));
        } else {
            addMeshRoute(src, dst, links);
        }
        return links;
    }

    /** Links crossed from src to dst (Manhattan distance on the mesh, plus one to or from the global memory). */
    public int hops(int src, int dst) {
        checkNode(src);
        checkNode(dst);
        if (src == dst) {
            return 0;
        }
        int attach = network.globalMemoryCore();
        if (src == GLOBAL_MEMORY) {
            return 1 + manhattan(attach, dst);
        }
        if (dst == GLOBAL_MEMORY) {
            return manhattan(src, attach) + 1;
        }
        return manhattan(src, dst);
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

    private void addMeshRoute(int src, int dst, List<Link> links) {
        int row = src / side;
        int col = src % side;
        int dstRow = dst / side;
        int dstCol = dst % side;
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
    }

    private int manhattan(int a, int b) {
        return Math.abs(a / side - b / side) + Math.abs(a % side - b % side);
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
