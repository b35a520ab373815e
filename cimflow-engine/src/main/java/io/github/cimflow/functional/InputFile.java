package io.github.cimflow.functional;

import io.github.cimflow.CimflowException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The input file of a functional run: raw little-endian float32 values, NCHW, one image after another. */
public final class InputFile {
    private InputFile() {
    }

    /**
     * Reads {@code images} inputs of {@code elements} floats each.
     *
     * @param shape the model's input shape, for the error message
     * @throws CimflowException when the file cannot be read or its size is not images × elements × 4 bytes
     */
    public static List<float[]> read(Path file, int[] shape, long elements, int images) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CimflowException("input file " + file + ": reading failed (" + e.getMessage()
                    + "); check the path and its permissions");
        }
        long expected = elements * 4 * images;
        if (bytes.length != expected) {
            StringBuilder dims = new StringBuilder();
            for (int dim : shape) {
                dims.append(dims.length() == 0 ? "" : "×").append(dim);
            }
            throw new CimflowException(String.format(Locale.ROOT, "input file %s has %,d bytes but %d image(s) of "
                    + "the model's input %s need %,d bytes (float32, little-endian, NCHW); write exactly that many "
                    + "values or change --batch-size", file, bytes.length, images, dims, expected));
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<float[]> inputs = new ArrayList<>();
        for (int image = 0; image < images; image++) {
            float[] values = new float[(int) elements];
            buffer.asFloatBuffer().get(values);
            buffer.position(buffer.position() + values.length * 4);
            checkFinite(file, shape, image, values);
            inputs.add(values);
        }
        return inputs;
    }

    /** Rejects NaN and infinity, which have no int8 form, naming the image and the value's position in it. */
    private static void checkFinite(Path file, int[] shape, int image, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Float.isFinite(values[i])) {
                continue;
            }
            int[] position = new int[shape.length];
            int rest = i;
            for (int axis = shape.length - 1; axis >= 0; axis--) {
                position[axis] = rest % shape[axis];
                rest /= shape[axis];
            }
            StringBuilder index = new StringBuilder();
            for (int value : position) {
                index.append(index.length() == 0 ? "" : ", ").append(value);
            }
            String axes = shape.length == 4 ? " [n, c, h, w] = [" : " at [";
            throw new CimflowException(String.format(Locale.ROOT, "input file %s: image %d (counting from 0), "
                    + "element %d%s%s] is %s; write finite float32 values only", file, image, i, axes, index,
                    values[i]));
        }
    }
}
