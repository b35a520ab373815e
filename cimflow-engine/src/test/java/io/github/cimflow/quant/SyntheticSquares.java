package io.github.cimflow.quant;

import java.util.Random;

/**
 * Inputs of the task that tinynet_trained.onnx was trained on (synthetic_batch in
 * examples/models/export_models.py). Each is a 3×16×16 image of N(0, 0.3²) noise with 2.0 added to one
 * 4×4 square in all channels. The label is the quadrant of the square (0 top left, 1 top right, 2 bottom
 * left, 3 bottom right). The values come from {@link Random}, so they differ from PyTorch's but follow
 * the same distribution.
 */
final class SyntheticSquares {
    static final int SIZE = 16;
    private final Random random;
    private int label;

    SyntheticSquares(long seed) {
        random = new Random(seed);
    }

    /** Draws the next image, NCHW with N = 1; {@link #label()} then returns its label. */
    float[] next() {
        float[] image = new float[3 * SIZE * SIZE];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) (random.nextGaussian() * 0.3);
        }
        label = random.nextInt(4);
        int half = SIZE / 2;
        int top = label / 2 * half + random.nextInt(half - 4);
        int left = label % 2 * half + random.nextInt(half - 4);
        for (int c = 0; c < 3; c++) {
            for (int y = top; y < top + 4; y++) {
                for (int x = left; x < left + 4; x++) {
                    image[(c * SIZE + y) * SIZE + x] += 2.0f;
                }
            }
        }
        return image;
    }

    int label() {
        return label;
    }
}
