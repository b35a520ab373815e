package io.github.cimflow.functional;

/** The int8 values a compiled model should compute, by tensor and image (the reference executor's results). */
@FunctionalInterface
public interface ExpectedValues {
    /**
     * Returns the int8 values of a feature tensor of one image, NCHW as in the model (batch 1), or
     * null when there are none to compare with (a tensor the compiler introduced).
     */
    byte[] values(String tensor, int image);
}
