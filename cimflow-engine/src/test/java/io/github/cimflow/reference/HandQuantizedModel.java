package io.github.cimflow.reference;

import io.github.cimflow.model.Model;
import io.github.cimflow.quant.QuantizedModel;
import io.github.cimflow.quant.Requantizer;
import java.util.HashMap;
import java.util.Map;

/** A quantized model whose weights and requantizers a test sets by hand, so expected values are computed without the calibrator. */
final class HandQuantizedModel implements QuantizedModel {
    private final Model model;
    private final Map<String, byte[]> weights = new HashMap<>();
    private final Map<String, Requantizer[]> requantizers = new HashMap<>();

    HandQuantizedModel(Model model) {
        this.model = model;
    }

    HandQuantizedModel layer(String node, byte[] nodeWeights, Requantizer... channels) {
        weights.put(node, nodeWeights);
        requantizers.put(node, channels);
        return this;
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public double scale(String tensor) {
        return 1.0;
    }

    @Override
    public byte[] weights(String node) {
        return weights.get(node).clone();
    }

    @Override
    public Requantizer requantizer(String node, int channel) {
        return requantizers.get(node)[channel];
    }

    /** Divides by 4 exactly (16,384 / 2^16) and rounds half up; the tests use only windows of 4 taps. */
    @Override
    public Requantizer averageRequantizer(int taps) {
        if (taps != 4) {
            throw new IllegalArgumentException("the hand model divides only by 4, got " + taps);
        }
        return new Requantizer(0, 16_384, 16);
    }

    @Override
    public byte[] quantizeInput(float[] input) {
        throw new UnsupportedOperationException("the tests pass int8 inputs");
    }

    @Override
    public float[] dequantize(String tensor, byte[] values) {
        throw new UnsupportedOperationException("the tests compare int8 values");
    }
}
