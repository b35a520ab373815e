package io.github.cimflow.onnx;

import io.github.cimflow.CimflowException;
import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Model;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Tensor;
import io.github.cimflow.onnx.proto.OnnxProto.ModelProto;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Imports an ONNX file into the model IR: parse, simplify (bypass Identity and Dropout, fold
 * constants and BatchNormalization, remove dead ends) and infer shapes.
 */
public final class OnnxImporter {
    private OnnxImporter() {
    }

    /**
     * Loads and simplifies a model.
     *
     * @param file       the ONNX file
     * @param inputShape override of the first graph input's shape [N, C, H, W], or null to keep the
     *                   model's own static shape
     * @return the simplified, shape-inferred model
     * @throws io.github.cimflow.CimflowException for any problem with the file, naming file, node and value;
     *         an {@link OutOfScopeException} when the model is valid but uses something cimflow does not import
     */
    public static Model load(Path file, int[] inputShape) {
        ModelProto proto = OnnxFileReader.read(file);
        // GraphReader also bypasses Identity and Dropout nodes, before it classifies the graph inputs.
        ImportState state = new GraphReader(file).read(proto, inputShape);

        TopologicalOrder.sort(state);
        ShapeInference.run(state);
        DeclaredShapeCheck.run(state);
        DeadEndRemover.run(state);
        BatchNormFolder.run(state);

        String producer = (proto.getProducerName() + " " + proto.getProducerVersion()).trim();
        return new Model(modelName(file), file, state.opsetVersion, producer, freeze(state));
    }

    private static String modelName(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return name.endsWith(".onnx") ? name.substring(0, name.length() - ".onnx".length()) : name;
    }

    /** Builds the immutable graph with exactly the tensors that inputs, nodes and outputs name. */
    private static Graph freeze(ImportState state) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String input : state.inputs) {
            tensors.put(input, state.tensors.get(input));
        }
        for (Node node : state.nodes) {
            for (String name : node.inputs()) {
                if (!name.isEmpty()) {
                    tensors.putIfAbsent(name, state.tensors.get(name));
                }
            }
            for (String name : node.outputs()) {
                if (!name.isEmpty()) {
                    tensors.putIfAbsent(name, state.tensors.get(name));
                }
            }
        }
        for (String output : state.outputs) {
            Tensor tensor = state.tensors.get(output);
            if (tensor == null) {
                throw new CimflowException(state.file + ": graph output '" + output
                        + "' is not produced by any node and is not an input or initializer; export the model again");
            }
            tensors.putIfAbsent(output, tensor);
        }
        return new Graph(state.nodes, tensors, state.inputs, state.outputs);
    }
}
