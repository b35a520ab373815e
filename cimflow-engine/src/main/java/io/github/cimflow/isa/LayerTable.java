package io.github.cimflow.isa;

import java.util.List;

/**
 * The layer each instruction of a program belongs to, kept beside the program because the 32-bit
 * encoding has no room for it. The OP compiler fills it: a layer is a CG layer, named by its weight
 * node (the CG IR's {@code cluster_id}), and covers the instructions that load its weights, move
 * its features and compute it and its pre- and post-ops. Program setup and stage barriers belong
 * to {@link #OUTSIDE_LAYERS}.
 *
 * @param layerNames        layer names; index 0 is {@link #OUTSIDE_LAYERS}
 * @param layerOfInstruction per core, the index into {@code layerNames} of every instruction
 */
public record LayerTable(List<String> layerNames, List<int[]> layerOfInstruction) {
    /** Name of the pseudo-layer of instructions that serve no single layer. */
    public static final String OUTSIDE_LAYERS = "(outside layers)";

    public LayerTable {
        layerNames = List.copyOf(layerNames);
        layerOfInstruction = List.copyOf(layerOfInstruction);
    }
}
