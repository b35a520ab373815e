package io.github.cimflow.onnx;

import io.github.cimflow.onnx.proto.OnnxProto.GraphProto;
import io.github.cimflow.onnx.proto.OnnxProto.TensorProto;
import io.github.cimflow.onnx.proto.OnnxProto.TensorShapeProto;
import io.github.cimflow.onnx.proto.OnnxProto.TypeProto;
import io.github.cimflow.onnx.proto.OnnxProto.ValueInfoProto;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The shape an ONNX file declares for its first run-time input (the first graph input that is not
 * an initializer), the input that {@code --input-shape} overrides.
 */
public final class DeclaredInputShape {
    /** Marks a dimension without a static value, such as a named batch axis. */
    public static final int DYNAMIC = -1;

    private DeclaredInputShape() {
    }

    /**
     * Reads the declared shape without importing the graph.
     *
     * @return the dimensions, {@link #DYNAMIC} where a dimension has no positive static value, or null
     *         when the file declares no shape for that input or has no run-time input
     * @throws io.github.cimflow.CimflowException when the file cannot be read or parsed
     */
    public static int[] read(Path file) {
        GraphProto graph = OnnxFileReader.read(file).getGraph();
        Set<String> initializers = new HashSet<>();
        for (TensorProto initializer : graph.getInitializerList()) {
            initializers.add(initializer.getName());
        }
        for (ValueInfoProto input : graph.getInputList()) {
            if (initializers.contains(input.getName())) {
                continue;
            }
            TypeProto type = input.getType();
            if (!type.hasTensorType() || !type.getTensorType().hasShape()) {
                return null;
            }
            TensorShapeProto shape = type.getTensorType().getShape();
            int[] dims = new int[shape.getDimCount()];
            for (int i = 0; i < dims.length; i++) {
                TensorShapeProto.Dimension dim = shape.getDim(i);
                boolean fixed = dim.hasDimValue() && dim.getDimValue() > 0 && dim.getDimValue() <= Integer.MAX_VALUE;
                dims[i] = fixed ? (int) dim.getDimValue() : DYNAMIC;
            }
            return dims;
        }
        return null;
    }

    /**
     * Returns the declared shape with each dynamic dimension taken from {@code used}, or null when the
     * declared shape is null, has another rank, or equals {@code used} in every static dimension.
     */
    public static int[] differingFrom(int[] declared, int[] used) {
        if (declared == null || declared.length != used.length) {
            return null;
        }
        int[] resolved = new int[declared.length];
        boolean differs = false;
        for (int i = 0; i < declared.length; i++) {
            resolved[i] = declared[i] == DYNAMIC ? used[i] : declared[i];
            differs |= resolved[i] != used[i];
        }
        return differs ? resolved : null;
    }
}
