package io.github.cimflow.isa;

import io.github.cimflow.CimflowException;
import java.util.Arrays;
import java.util.List;

/**
 * The layer each instruction of a program belongs to, kept beside the program because the 32-bit
 * encoding has no room for it. The OP compiler fills it: a layer is a CG layer, named by its weight
 * node (the CG IR's {@code cluster_id}), and covers the instructions that load its weights, move
 * its features and compute it and its pre- and post-ops. Program setup and stage barriers belong
 * to {@link #OUTSIDE_LAYERS}. Of the file forms, only the JSON form stores it.
 *
 * <p>Equality compares the names and the per-instruction indexes by content.
 *
 * @param layerNames        layer names; index 0 is {@link #OUTSIDE_LAYERS}
 * @param layerOfInstruction per core, the index into {@code layerNames} of every instruction
 */
public record LayerTable(List<String> layerNames, List<int[]> layerOfInstruction) {
    /** Name of the pseudo-layer of instructions that serve no single layer. */
    public static final String OUTSIDE_LAYERS = "(outside layers)";

    /** The fix named by every error about a table that does not match its program. */
    static final String MISMATCH_FIX = "the layer table belongs to other instructions, so write the file again "
            + "with the command that compiled it, or delete \"layers\" from the metadata to simulate without "
            + "per-layer profiles";

    public LayerTable {
        layerNames = List.copyOf(layerNames);
        layerOfInstruction = List.copyOf(layerOfInstruction);
    }

    /**
     * Checks that the table has one entry per core of {@code cores} and one index per instruction.
     *
     * @param source the file or program that {@code cores} came from, for the message
     * @throws CimflowException naming the core and both counts at the first mismatch
     */
    public void requireCovers(List<? extends List<?>> cores, String source) {
        if (layerOfInstruction.size() != cores.size()) {
            throw new CimflowException(source + ": the layer table lists " + count(layerOfInstruction.size(), "core")
                    + " but the program has " + count(cores.size(), "core") + "; " + MISMATCH_FIX);
        }
        for (int core = 0; core < cores.size(); core++) {
            if (layerOfInstruction.get(core).length != cores.get(core).size()) {
                throw coverageMismatch(source, core, layerOfInstruction.get(core).length, cores.get(core).size());
            }
        }
    }

    /** Returns the error for a core whose layer entries do not match its instruction count. */
    static CimflowException coverageMismatch(String source, int core, long covered, int instructions) {
        return new CimflowException(source + ": the layer table covers " + count(covered, "instruction") + " of core "
                + core + " but core " + core + " has " + count(instructions, "instruction") + "; " + MISMATCH_FIX);
    }

    /** Formats a count with its noun, in the plural unless the count is 1. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof LayerTable table) || !layerNames.equals(table.layerNames)
                || layerOfInstruction.size() != table.layerOfInstruction.size()) {
            return false;
        }
        for (int core = 0; core < layerOfInstruction.size(); core++) {
            if (!Arrays.equals(layerOfInstruction.get(core), table.layerOfInstruction.get(core))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = layerNames.hashCode();
        for (int[] layers : layerOfInstruction) {
            hash = 31 * hash + Arrays.hashCode(layers);
        }
        return hash;
    }

    @Override
    public String toString() {
        return "LayerTable[" + layerNames.size() + " layers, " + layerOfInstruction.size() + " cores]";
    }
}
