package io.github.cimflow.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An imported model: the simplified, shape-inferred graph plus where it came from.
 *
 * @param name          model name used in file names: the ONNX file stem ({@code resnet18})
 * @param source        the ONNX file it was read from
 * @param opsetVersion  default-domain opset of the file
 * @param producer      {@code producer_name producer_version} of the file, possibly empty
 * @param graph         the simplified graph
 */
public record Model(String name, Path source, int opsetVersion, String producer, Graph graph) {
    public Model {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(graph, "graph");
    }
}
