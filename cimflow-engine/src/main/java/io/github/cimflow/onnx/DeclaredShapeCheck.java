package io.github.cimflow.onnx;

import io.github.cimflow.CimflowException;
import io.github.cimflow.model.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Compares the shapes a file declares (value_info, graph outputs) with the inferred ones. Declared
 * shapes are never used for inference; a disagreement means the file is inconsistent. With an input
 * shape override the declared shapes describe another input, so the check is skipped.
 */
final class DeclaredShapeCheck {
    private DeclaredShapeCheck() {
    }

    static void run(ImportState state) {
        if (state.inputShapeOverridden) {
            return;
        }
        for (Map.Entry<String, long[]> entry : state.declaredShapes.entrySet()) {
            Tensor tensor = state.tensors.get(entry.getKey());
            if (tensor == null) {
                continue;
            }
            long[] declared = entry.getValue();
            int[] inferred = tensor.shape().dims();
            if (!matches(declared, inferred)) {
                throw new CimflowException(state.file + ": tensor '" + entry.getKey() + "': the file declares shape "
                        + formatDeclared(declared) + " but cimflow infers " + tensor.shape()
                        + "; the model's value_info is inconsistent, export it again (or run onnx.shape_inference)");
            }
        }
    }

    private static boolean matches(long[] declared, int[] inferred) {
        if (declared.length != inferred.length) {
            return false;
        }
        for (int i = 0; i < declared.length; i++) {
            if (declared[i] >= 0 && declared[i] != inferred[i]) {
                return false;
            }
        }
        return true;
    }

    private static String formatDeclared(long[] declared) {
        String[] parts = new String[declared.length];
        for (int i = 0; i < declared.length; i++) {
            parts[i] = declared[i] >= 0 ? Long.toString(declared[i]) : "?";
        }
        return "[" + String.join(", ", Arrays.asList(parts)) + "]";
    }
}
