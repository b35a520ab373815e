package io.github.cimflow.functional;

import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Model;
import io.github.cimflow.model.Node;
import io.github.cimflow.quant.QuantizedModel;
import io.github.cimflow.quant.Requantizer;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * A quantized model for tests: seeded int8 weights in [-7, 7] and per-channel requantizers whose
 * shift keeps typical outputs inside the int8 range, so outputs neither all saturate nor all vanish.
 * Every tensor has the scale 1/64.
 */
final class SeededQuantizedModel implements QuantizedModel {
    static final double SCALE = 1.0 / 64;
    /** Fraction bits of every multiplier: multipliers lie in [2^14, 2^15). */
    private static final int MULTIPLIER_BITS = 15;

    private final Model model;
    private final Map<String, byte[]> weights = new HashMap<>();
    private final Map<String, Requantizer[]> requantizers = new HashMap<>();

    SeededQuantizedModel(Model model, long seed) {
        this.model = model;
        Random random = new Random(seed);
        Graph graph = model.graph();
        for (Node node : graph.nodes()) {
            boolean weighted = node.opType().equals("Conv") || node.opType().equals("Gemm")
                    || node.opType().equals("MatMul");
            if (!weighted) {
                continue;
            }
            int[] shape = graph.tensor(node.inputs().get(1)).shape().dims();
            int count = 1;
            for (int dim : shape) {
                count *= dim;
            }
            byte[] values = new byte[count];
            for (int i = 0; i < count; i++) {
                values[i] = (byte) (random.nextInt(15) - 7);
            }
            weights.put(node.name(), values);

            boolean transposed = !node.opType().equals("Conv")
                    && (node.opType().equals("MatMul") || node.intAttribute("transB", 0) == 0);
            int outputs = transposed ? shape[1] : shape[0];
            int reduction = count / outputs;
            // The sum of R products of |x| ≈ 64 and |w| ≈ 4 spreads about 256·√R wide; aim at ±48.
            int shift = (int) Math.ceil(Math.log(256 * Math.sqrt(reduction) / 48) / Math.log(2));
            Requantizer[] channels = new Requantizer[outputs];
            for (int c = 0; c < outputs; c++) {
                int multiplier = (1 << (MULTIPLIER_BITS - 1)) + random.nextInt(1 << (MULTIPLIER_BITS - 1));
                int bias = random.nextInt(1 << (shift + 2)) - (1 << (shift + 1));
                channels[c] = new Requantizer(bias, multiplier, Math.max(0, shift) + MULTIPLIER_BITS);
            }
            requantizers.put(node.name(), channels);
        }
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public double scale(String tensor) {
        return SCALE;
    }

    @Override
    public byte[] weights(String node) {
        return weights.get(node);
    }

    @Override
    public Requantizer requantizer(String node, int channel) {
        return requantizers.get(node)[channel];
    }

    @Override
    public Requantizer averageRequantizer(int taps) {
        return new Requantizer(0, (int) Math.min(32_767, Math.round((double) (1 << MULTIPLIER_BITS) / taps)),
                MULTIPLIER_BITS);
    }

    @Override
    public byte[] quantizeInput(float[] input) {
        byte[] values = new byte[input.length];
        for (int i = 0; i < input.length; i++) {
            values[i] = (byte) Math.max(-128, Math.min(127, Math.round(input[i] / SCALE)));
        }
        return values;
    }

    @Override
    public float[] dequantize(String tensor, byte[] values) {
        float[] real = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            real[i] = (float) (values[i] * SCALE);
        }
        return real;
    }
}
