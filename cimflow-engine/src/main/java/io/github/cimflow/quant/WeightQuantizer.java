package io.github.cimflow.quant;

import io.github.cimflow.CimflowException;
import io.github.cimflow.model.ConvGeometry;
import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Node;
import java.util.Locale;
import java.util.Map;

/**
 * Quantizes the weights of one Conv, Gemm or MatMul per output channel and derives its requantizers:
 * weight scale max|w| / 127, int8 weights round(w / scale) in -127 .. 127, int32 bias
 * round(b / (input scale · weight scale)), factor input scale · weight scale / output scale.
 */
final class WeightQuantizer {
    private WeightQuantizer() {
    }

    /**
     * @param weights      int8 weights in the stored order of the weight tensor
     * @param scales       weight scale per output channel
     * @param requantizers requantizer per output channel
     */
    record Result(byte[] weights, double[] scales, Requantizer[] requantizers) {
    }

    static Result conv(Node node, ConvGeometry geometry, Graph graph, Map<String, Double> featureScales) {
        float[] w = GraphChecks.constantValues(graph, node, node.inputs().get(1));
        float[] b = node.inputs().size() > 2 && !node.inputs().get(2).isEmpty()
                ? GraphChecks.constantValues(graph, node, node.inputs().get(2)) : null;
        int channels = geometry.outChannels();
        int perChannel = w.length / channels;
        double[] values = new double[w.length];
        double[] bias = new double[channels];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < perChannel; i++) {
                values[c * perChannel + i] = w[c * perChannel + i];
            }
            bias[c] = b == null ? 0 : b[c];
        }
        return quantize(node, values, channels, c -> c * perChannel, 1, perChannel, bias, featureScales);
    }

    static Result matrixProduct(Node node, MatrixProduct product, Graph graph, Map<String, Double> featureScales) {
        float[] w = GraphChecks.constantValues(graph, node, node.inputs().get(1));
        int columns = product.columns();
        double[] values = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            values[i] = (double) product.alpha() * w[i];
        }
        double[] bias = new double[columns];
        if (product.hasBias()) {
            float[] c = GraphChecks.constantValues(graph, node, node.inputs().get(2));
            if (c.length != columns && c.length != 1) {
                throw new CimflowException(node.describe() + ": bias C has " + c.length + " values; the int8 "
                        + "product needs one bias per output column (" + columns + " values) or one for all");
            }
            for (int n = 0; n < columns; n++) {
                bias[n] = (double) product.beta() * c[c.length == 1 ? 0 : n];
            }
        }
        int depth = product.depth();
        return product.weightTransposed()
                ? quantize(node, values, columns, n -> n * depth, 1, depth, bias, featureScales)
                : quantize(node, values, columns, n -> n, columns, depth, bias, featureScales);
    }

    private interface ChannelStart {
        int index(int channel);
    }

    /** Quantizes channel c's weights at indexes start(c) + i·step for i below count. */
    private static Result quantize(Node node, double[] values, int channels, ChannelStart start, int step, int count,
                                   double[] bias, Map<String, Double> featureScales) {
        double inputScale = featureScales.get(node.inputs().get(0));
        double outputScale = featureScales.get(node.outputs().get(0));
        byte[] weights = new byte[values.length];
        double[] scales = new double[channels];
        Requantizer[] requantizers = new Requantizer[channels];
        for (int c = 0; c < channels; c++) {
            double max = 0;
            for (int i = 0; i < count; i++) {
                max = Math.max(max, Math.abs(values[start.index(c) + i * step]));
            }
            double scale = (max > 0 ? max : 1.0) / 127.0;
            scales[c] = scale;
            for (int i = 0; i < count; i++) {
                int index = start.index(c) + i * step;
                long q = IntegerArithmetic.roundHalfAwayFromZero(values[index] / scale);
                weights[index] = (byte) Math.max(-127, Math.min(127, q));
            }
            double accumulatorScale = inputScale * scale;
            requantizers[c] = requantizer(node, c, accumulatorScale / outputScale,
                    IntegerArithmetic.roundHalfAwayFromZero(bias[c] / accumulatorScale));
        }
        return new Result(weights, scales, requantizers);
    }

    private static Requantizer requantizer(Node node, int channel, double ratio, long bias) {
        if (bias < Integer.MIN_VALUE || bias > Integer.MAX_VALUE) {
            throw new CimflowException(node.describe() + ": the bias of output channel " + channel + " is " + bias
                    + " in accumulator units, beyond int32; the weight or input scale of this layer is too small");
        }
        if (!(ratio <= Requantizer.MAX_MULTIPLIER)) {
            throw new CimflowException(String.format(Locale.ROOT, "%s: output channel %d needs the requantization "
                    + "factor %.6g, above the largest multiplier %d; the output range of this layer is too narrow",
                    node.describe(), channel, ratio, Requantizer.MAX_MULTIPLIER));
        }
        return Requantizer.forRatio(ratio, (int) bias);
    }
}
