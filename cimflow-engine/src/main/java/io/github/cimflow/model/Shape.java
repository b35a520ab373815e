package io.github.cimflow.model;

import java.util.Arrays;

/**
 * Static tensor shape: one positive length per dimension, outermost first (NCHW for feature maps).
 * A scalar has rank 0. Instances are immutable.
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /** Creates a shape; every dimension must be positive. */
    public static Shape of(int... dims) {
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] <= 0) {
                throw new IllegalArgumentException(
                        "dimension " + i + " of shape " + Arrays.toString(dims) + " must be positive, got " + dims[i]);
            }
        }
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int index) {
        return dims[index];
    }

    /** Returns a copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements (product of all dimensions; 1 for a scalar). */
    public long elementCount() {
        long count = 1;
        for (int d : dims) {
            count *= d;
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shape shape && Arrays.equals(dims, shape.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Formats as {@code [1, 3, 32, 32]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
