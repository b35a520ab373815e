package io.github.cimflow.quant;

import io.github.cimflow.model.Model;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@link QuantizedModel} that {@link Calibrator} computes. Immutable. */
public final class CalibratedModel implements QuantizedModel {
    private final Model model;
    private final Map<String, Double> scales;
    private final Map<String, byte[]> weights;
    private final Map<String, double[]> weightScales;
    private final Map<String, Requantizer[]> requantizers;
    private final String input;

    CalibratedModel(Model model, Map<String, Double> scales, Map<String, byte[]> weights,
                    Map<String, double[]> weightScales, Map<String, Requantizer[]> requantizers) {
        this.model = model;
        this.scales = Collections.unmodifiableMap(new LinkedHashMap<>(scales));
        this.weights = Map.copyOf(weights);
        this.weightScales = Map.copyOf(weightScales);
        this.requantizers = Map.copyOf(requantizers);
        this.input = GraphChecks.singleInput(model.graph());
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public double scale(String tensor) {
        Double scale = scales.get(tensor);
        if (scale == null) {
            throw new IllegalArgumentException("tensor '" + tensor + "' is not a feature tensor of model '"
                    + model.name() + "'");
        }
        return scale;
    }

    /** Returns every feature tensor's scale, in graph order (the input, then node outputs). */
    public Map<String, Double> scales() {
        return scales;
    }

    @Override
    public byte[] weights(String node) {
        return entry(weights, node).clone();
    }

    /** Returns the weight scale of each output channel of a Conv, Gemm or MatMul node: real weight = scale · int8 weight. */
    public double[] weightScales(String node) {
        return entry(weightScales, node).clone();
    }

    @Override
    public Requantizer requantizer(String node, int channel) {
        Requantizer[] channels = entry(requantizers, node);
        if (channel < 0 || channel >= channels.length) {
            throw new IllegalArgumentException("node '" + node + "' has output channels 0.." + (channels.length - 1)
                    + ", got " + channel);
        }
        return channels[channel];
    }

    @Override
    public Requantizer averageRequantizer(int taps) {
        if (taps < 1) {
            throw new IllegalArgumentException("an average needs at least one tap, got " + taps);
        }
        return Requantizer.forRatio(1.0 / taps, 0);
    }

    /** Rounds x / scale half away from zero and saturates to -128 .. 127. */
    @Override
    public byte[] quantizeInput(float[] values) {
        GraphChecks.checkLength(model.graph(), input, values.length);
        GraphChecks.checkFinite(input, values);
        double scale = scale(input);
        byte[] q = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            q[i] = (byte) IntegerArithmetic.saturate(IntegerArithmetic.roundHalfAwayFromZero(values[i] / scale));
        }
        return q;
    }

    @Override
    public float[] dequantize(String tensor, byte[] values) {
        double scale = scale(tensor);
        float[] real = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            real[i] = (float) (scale * values[i]);
        }
        return real;
    }

    private <T> T entry(Map<String, T> map, String node) {
        T value = map.get(node);
        if (value == null) {
            throw new IllegalArgumentException("node '" + node + "' is not a Conv, Gemm or MatMul of model '"
                    + model.name() + "'");
        }
        return value;
    }
}
