package io.github.cimflow.onnx;

import io.github.cimflow.CimflowException;
import io.github.cimflow.model.Shape;
import java.util.Arrays;

/** Builds {@link Shape}s from computed or declared dimensions with the importer's error messages. */
final class ShapeChecks {
    private ShapeChecks() {
    }

    /** The error for a zero or negative dimension; zero-size tensors are out of scope, negative ones invalid. */
    static CimflowException nonPositiveDimension(String subject, int index, long dim) {
        if (dim == 0) {
            return new OutOfScopeException(OutOfScopeException.Reason.ZERO_SIZE, subject + ": dimension " + index
                    + " is 0; cimflow imports only tensors whose dimensions are all positive");
        }
        return new CimflowException(subject + ": dimension " + index + " is " + dim
                + ", but dimensions must be positive; fix the shape in the model or give --input-shape");
    }

    /** A shape from computed dimensions, rejecting zero, negative and oversized ones. */
    static Shape shape(String subject, long[] dims) {
        int[] result = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 0) {
                throw new OutOfScopeException(OutOfScopeException.Reason.ZERO_SIZE, subject + ": inferred dimension "
                        + i + " of " + Arrays.toString(dims) + " is 0; cimflow imports only tensors whose dimensions "
                        + "are all positive");
            }
            if (dims[i] < 0) {
                throw new CimflowException(subject + ": inferred dimension " + i + " of " + Arrays.toString(dims)
                        + " is negative, so the attributes do not fit the input shape; check kernel, pads and strides");
            }
            if (dims[i] > Integer.MAX_VALUE) {
                throw new CimflowException(subject + ": inferred dimension " + i + " is " + dims[i]
                        + ", larger than cimflow supports (2^31-1)");
            }
            result[i] = (int) dims[i];
        }
        return Shape.of(result);
    }

    static long[] toLongs(Shape shape) {
        long[] result = new long[shape.rank()];
        for (int i = 0; i < result.length; i++) {
            result[i] = shape.dim(i);
        }
        return result;
    }
}
