package io.github.cimflow.model;

/** Where a tensor of the model IR comes from, so later stages know whether real values exist. */
public enum TensorOrigin {
    /** A graph input that the user feeds at run time (the image). */
    GRAPH_INPUT,
    /** A weight or constant stored as a graph initializer (typed fields, raw_data or external data). */
    INITIALIZER,
    /** A value produced by a Constant node or by constant folding. */
    CONSTANT,
    /** A weight declared as a graph input without data ({@code export_params=False}); shape only. */
    WEIGHT_WITHOUT_DATA,
    /** A value computed by a node of the graph. */
    INTERMEDIATE
}
