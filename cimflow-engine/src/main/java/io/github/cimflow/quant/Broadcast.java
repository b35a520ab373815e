package io.github.cimflow.quant;

import io.github.cimflow.model.Shape;

/** NumPy-style broadcasting of an operand to an output shape, as ONNX Add and Mul define it. */
public final class Broadcast {
    private Broadcast() {
    }

    /**
     * Returns, for every element of {@code out} in row-major order, the row-major index of the element of
     * {@code operand} that it reads. The operand's dimensions align with the output's last dimensions and
     * each is either equal to the output's or 1.
     *
     * @throws IllegalArgumentException when the operand does not broadcast to the output
     */
    public static int[] sourceIndexes(Shape out, Shape operand) {
        int rank = out.rank();
        int offset = rank - operand.rank();
        if (offset < 0) {
            throw new IllegalArgumentException("shape " + operand + " does not broadcast to " + out);
        }
        long[] strides = new long[rank];
        long stride = 1;
        for (int axis = rank - 1; axis >= offset; axis--) {
            int size = operand.dim(axis - offset);
            if (size != 1 && size != out.dim(axis)) {
                throw new IllegalArgumentException("shape " + operand + " does not broadcast to " + out);
            }
            strides[axis] = size == 1 ? 0 : stride;
            stride *= size;
        }

        int[] indexes = new int[Math.toIntExact(out.elementCount())];
        int[] position = new int[rank];
        long source = 0;
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = (int) source;
            for (int axis = rank - 1; axis >= 0; axis--) {
                position[axis]++;
                source += strides[axis];
                if (position[axis] < out.dim(axis)) {
                    break;
                }
                source -= strides[axis] * position[axis];
                position[axis] = 0;
            }
        }
        return indexes;
    }
}
