package io.github.cimflow.onnx;

import io.github.cimflow.model.Model;
import java.nio.file.Path;

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
     * @throws io.github.cimflow.CimflowException for any problem with the file, naming file, node and value
     */
    public static Model load(Path file, int[] inputShape) {
        throw new UnsupportedOperationException("TODO: ONNX import");
    }
}
