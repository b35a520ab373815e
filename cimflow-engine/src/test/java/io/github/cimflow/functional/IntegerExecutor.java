package io.github.cimflow.functional;

import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Node;
import io.github.cimflow.quant.QuantizedModel;
import io.github.cimflow.quant.Requantizer;
import java.util.HashMap;
import java.util.Map;

/**
 * A second, direct computation of a quantized model in the tests, independent of the compilers. It
 * evaluates every node on NCHW int8 tensors with int64 sums, in the arithmetic the programs use:
 * (sum + bias)·multiplier is rounded half up and shifted, then clamped to int8. Residual adds
 * saturate, max pooling pads with -128, and averages sum and then requantize with the model's
 * average requantizer.
 */
final class IntegerExecutor {
    private final QuantizedModel quantized;
    private final Graph graph;

    IntegerExecutor(QuantizedModel quantized) {
        this.quantized = quantized;
        this.graph = quantized.model().graph();
    }

    /** Computes every feature tensor of one image, by name, NCHW int8. */
    Map<String, byte[]> run(byte[] input) {
        Map<String, byte[]> values = new HashMap<>();
        values.put(graph.inputs().get(0), input);
        for (Node node : graph.nodes()) {
            byte[] x = values.get(node.inputs().get(0));
            byte[] y = switch (node.opType()) {
                case "Conv" -> conv(node, x);
                case "Gemm", "MatMul" -> fullyConnected(node, x);
                case "Relu", "Clip" -> relu(x);
                case "MaxPool" -> pool(node, x, true);
                case "AveragePool" -> pool(node, x, false);
                case "GlobalAveragePool" -> globalAverage(node, x);
                case "Add" -> add(x, values.get(node.inputs().get(1)));
                case "Flatten", "Reshape" -> x;
                default -> throw new AssertionError("the test executor has no rule for " + node.describe());
            };
            values.put(node.outputs().get(0), y);
        }
        return values;
    }

    private int[] shape(String tensor) {
        int[] dims = graph.tensor(tensor).shape().dims();
        return dims.length == 2 ? new int[] {dims[0], dims[1], 1, 1} : dims;
    }

    private static byte requantize(long sum, Requantizer r) {
        long scaled = (sum + r.bias()) * r.multiplier();
        long rounded = r.shift() == 0 ? scaled : (scaled + (1L << (r.shift() - 1))) >> r.shift();
        return (byte) Math.max(-128, Math.min(127, rounded));
    }

    private byte[] conv(Node node, byte[] x) {
        int[] in = shape(node.inputs().get(0));
        int[] out = shape(node.outputs().get(0));
        int[] w = graph.tensor(node.inputs().get(1)).shape().dims();
        int[] pads = node.intsAttribute("pads", new int[4]);
        int[] strides = node.intsAttribute("strides", new int[] {1, 1});
        int[] dilations = node.intsAttribute("dilations", new int[] {1, 1});
        int groups = (int) node.intAttribute("group", 1);
        byte[] weights = quantized.weights(node.name());
        int perGroupIn = w[1];
        int perGroupOut = w[0] / groups;
        byte[] y = new byte[out[1] * out[2] * out[3]];
        for (int o = 0; o < out[1]; o++) {
            int firstInput = (o / perGroupOut) * perGroupIn;
            Requantizer r = quantized.requantizer(node.name(), o);
            for (int oy = 0; oy < out[2]; oy++) {
                for (int ox = 0; ox < out[3]; ox++) {
                    long sum = 0;
                    for (int c = 0; c < perGroupIn; c++) {
                        for (int ky = 0; ky < w[2]; ky++) {
                            for (int kx = 0; kx < w[3]; kx++) {
                                int iy = oy * strides[0] - pads[0] + ky * dilations[0];
                                int ix = ox * strides[1] - pads[1] + kx * dilations[1];
                                if (iy < 0 || ix < 0 || iy >= in[2] || ix >= in[3]) {
                                    continue;
                                }
                                sum += x[((firstInput + c) * in[2] + iy) * in[3] + ix]
                                        * weights[((o * perGroupIn + c) * w[2] + ky) * w[3] + kx];
                            }
                        }
                    }
                    y[(o * out[2] + oy) * out[3] + ox] = requantize(sum, r);
                }
            }
        }
        return y;
    }

    private byte[] fullyConnected(Node node, byte[] x) {
        int[] w = graph.tensor(node.inputs().get(1)).shape().dims();
        boolean transposed = node.opType().equals("MatMul") || node.intAttribute("transB", 0) == 0;
        int outputs = transposed ? w[1] : w[0];
        int inputs = transposed ? w[0] : w[1];
        byte[] weights = quantized.weights(node.name());
        byte[] y = new byte[outputs];
        for (int o = 0; o < outputs; o++) {
            long sum = 0;
            for (int i = 0; i < inputs; i++) {
                sum += x[i] * weights[transposed ? i * outputs + o : o * inputs + i];
            }
            y[o] = requantize(sum, quantized.requantizer(node.name(), o));
        }
        return y;
    }

    private static byte[] relu(byte[] x) {
        byte[] y = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (byte) Math.max(0, x[i]);
        }
        return y;
    }

    private static byte[] add(byte[] a, byte[] b) {
        byte[] y = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = (byte) Math.max(-128, Math.min(127, a[i] + b[i]));
        }
        return y;
    }

    /** Max or average pooling; averages divide by the whole window, padding included. */
    private byte[] pool(Node node, byte[] x, boolean max) {
        int[] in = shape(node.inputs().get(0));
        int[] out = shape(node.outputs().get(0));
        int[] kernel = node.intsAttribute("kernel_shape", null);
        int[] pads = node.intsAttribute("pads", new int[4]);
        int[] strides = node.intsAttribute("strides", new int[] {1, 1});
        Requantizer average = quantized.averageRequantizer(kernel[0] * kernel[1]);
        byte[] y = new byte[out[1] * out[2] * out[3]];
        for (int c = 0; c < out[1]; c++) {
            for (int oy = 0; oy < out[2]; oy++) {
                for (int ox = 0; ox < out[3]; ox++) {
                    long result = max ? -128 : 0;
                    for (int ky = 0; ky < kernel[0]; ky++) {
                        for (int kx = 0; kx < kernel[1]; kx++) {
                            int iy = oy * strides[0] - pads[0] + ky;
                            int ix = ox * strides[1] - pads[1] + kx;
                            if (iy < 0 || ix < 0 || iy >= in[2] || ix >= in[3]) {
                                continue;
                            }
                            byte value = x[(c * in[2] + iy) * in[3] + ix];
                            result = max ? Math.max(result, value) : result + value;
                        }
                    }
                    y[(c * out[2] + oy) * out[3] + ox] = max ? (byte) result : requantize(result, average);
                }
            }
        }
        return y;
    }

    private byte[] globalAverage(Node node, byte[] x) {
        int[] in = shape(node.inputs().get(0));
        int pixels = in[2] * in[3];
        Requantizer average = quantized.averageRequantizer(pixels);
        byte[] y = new byte[in[1]];
        for (int c = 0; c < in[1]; c++) {
            long sum = 0;
            for (int p = 0; p < pixels; p++) {
                sum += x[c * pixels + p];
            }
            y[c] = requantize(sum, average);
        }
        return y;
    }
}
