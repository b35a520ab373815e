package io.github.cimflow.reference;

import io.github.cimflow.CimflowException;
import io.github.cimflow.model.ConvGeometry;
import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Shape;
import io.github.cimflow.quant.ActivationTables;
import io.github.cimflow.quant.Broadcast;
import io.github.cimflow.quant.GraphChecks;
import io.github.cimflow.quant.IntegerArithmetic;
import io.github.cimflow.quant.MatrixProduct;
import io.github.cimflow.quant.PoolWindow;
import io.github.cimflow.quant.QuantizedModel;
import io.github.cimflow.quant.Requantizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evaluates a quantized model's graph in the integer arithmetic of docs/quantization.md, node by node
 * over whole NCHW tensors: int32 sums of int8 products, one requantization per output channel, 8-bit
 * saturating adds, table look-ups and Q7 multiplies. It shares no code with the compilers or the
 * simulator, so a compiled program that reproduces its values is checked against an independent
 * computation.
 */
public final class IntegerExecutor {
    private final QuantizedModel model;
    private final Graph graph;
    private final Map<String, byte[]> values = new LinkedHashMap<>();

    private IntegerExecutor(QuantizedModel model) {
        this.model = model;
        this.graph = model.model().graph();
    }

    /**
     * Runs the graph on one int8 input.
     *
     * @param model the quantized model
     * @param input the int8 values of the graph input, NCHW, at the input tensor's scale
     * @return every feature tensor's int8 values by name, NCHW: the graph input, then each node's output
     *         in topological order
     * @throws CimflowException when the input has the wrong length or a node is not supported
     */
    public static Map<String, byte[]> run(QuantizedModel model, byte[] input) {
        IntegerExecutor executor = new IntegerExecutor(model);
        String inputName = GraphChecks.singleInput(executor.graph);
        GraphChecks.checkLength(executor.graph, inputName, input.length);
        executor.values.put(inputName, input.clone());
        for (Node node : executor.graph.nodes()) {
            executor.values.put(node.outputs().get(0), executor.evaluate(node));
        }
        return executor.values;
    }

    /** Quantizes a float input with the model's input scale, then runs the graph. */
    public static Map<String, byte[]> run(QuantizedModel model, float[] input) {
        return run(model, model.quantizeInput(input));
    }

    private byte[] evaluate(Node node) {
        switch (node.opType()) {
            case "Conv":
                return conv(node);
            case "Gemm":
            case "MatMul":
                return matrixProduct(node);
            case "Relu":
            case "Clip":
                return relu(node);
            case "Sigmoid":
                return lookUp(node, ActivationTables.sigmoid());
            case "HardSigmoid":
                return lookUp(node, ActivationTables.hardSigmoid(node));
            case "HardSwish":
                return hardSwish(node);
            case "MaxPool":
                return maxPool(node);
            case "AveragePool":
            case "GlobalAveragePool":
                return averagePool(node);
            case "Add":
                return add(node);
            case "Mul":
                return mul(node);
            case "Concat":
                return concat(node);
            case "Flatten":
            case "Reshape":
                return input(node, 0).clone();
            default:
                throw GraphChecks.unsupported(node);
        }
    }

    private byte[] input(Node node, int index) {
        byte[] value = values.get(node.inputs().get(index));
        if (value == null) {
            throw new CimflowException(node.describe() + ": input '" + node.inputs().get(index)
                    + "' is a constant, and the integer executor reads only feature tensors here");
        }
        return value;
    }

    /**
     * Sums per output channel tap by tap: for each input channel and kernel tap, the weight times the
     * shifted input rows is added to the int32 sums of every output pixel whose window contains that tap
     * inside the map (padding adds 0). Then each sum is requantized.
     */
    private byte[] conv(Node node) {
        ConvGeometry g = ConvGeometry.of(node, graph);
        byte[] x = input(node, 0);
        byte[] w = model.weights(node.name());
        int inPerGroup = g.inChannels() / g.group();
        int outPerGroup = g.outChannels() / g.group();
        int outPixels = g.outHeight() * g.outWidth();
        int[] sums = new int[outPixels];
        byte[] y = new byte[g.batch() * g.outChannels() * outPixels];
        for (int n = 0; n < g.batch(); n++) {
            for (int co = 0; co < g.outChannels(); co++) {
                Arrays.fill(sums, 0);
                int firstInput = co / outPerGroup * inPerGroup;
                for (int ci = 0; ci < inPerGroup; ci++) {
                    int plane = (n * g.inChannels() + firstInput + ci) * g.inHeight();
                    for (int ky = 0; ky < g.kernelHeight(); ky++) {
                        for (int kx = 0; kx < g.kernelWidth(); kx++) {
                            int weight = w[((co * inPerGroup + ci) * g.kernelHeight() + ky) * g.kernelWidth() + kx];
                            if (weight != 0) {
                                addTap(g, x, plane, ky, kx, weight, sums);
                            }
                        }
                    }
                }
                Requantizer requantizer = model.requantizer(node.name(), co);
                int base = (n * g.outChannels() + co) * outPixels;
                for (int i = 0; i < outPixels; i++) {
                    y[base + i] = (byte) requantizer.apply(sums[i]);
                }
            }
        }
        return y;
    }

    /** Adds weight · input to the sums of every output pixel whose window reads tap (ky, kx) inside the map. */
    private static void addTap(ConvGeometry g, byte[] x, int plane, int ky, int kx, int weight, int[] sums) {
        int columnOffset = kx * g.dilationW() - g.padLeft();
        int firstColumn = Math.max(0, -Math.floorDiv(columnOffset, g.strideW()));
        int lastColumn = Math.min(g.outWidth() - 1, Math.floorDiv(g.inWidth() - 1 - columnOffset, g.strideW()));
        for (int oy = 0; oy < g.outHeight(); oy++) {
            int iy = oy * g.strideH() - g.padTop() + ky * g.dilationH();
            if (iy < 0 || iy >= g.inHeight()) {
                continue;
            }
            int inRow = (plane + iy) * g.inWidth() + columnOffset;
            int outRow = oy * g.outWidth();
            for (int ox = firstColumn; ox <= lastColumn; ox++) {
                sums[outRow + ox] += weight * x[inRow + ox * g.strideW()];
            }
        }
    }

    private byte[] matrixProduct(Node node) {
        MatrixProduct p = MatrixProduct.of(node, graph);
        byte[] a = input(node, 0);
        byte[] w = model.weights(node.name());
        byte[] y = new byte[p.rows() * p.columns()];
        for (int n = 0; n < p.columns(); n++) {
            Requantizer requantizer = model.requantizer(node.name(), n);
            for (int m = 0; m < p.rows(); m++) {
                int sum = 0;
                for (int k = 0; k < p.depth(); k++) {
                    sum += a[m * p.depth() + k] * w[p.weightIndex(k, n)];
                }
                y[m * p.columns() + n] = (byte) requantizer.apply(sum);
            }
        }
        return y;
    }

    /**
     * ReLU, and Clip(0, max): the calibrator fixes a Clip's output scale to max / 127, so the upper
     * bound is the int8 maximum and only the lower bound needs an operation.
     */
    private byte[] relu(Node node) {
        byte[] x = input(node, 0);
        byte[] y = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (byte) Math.max(x[i], 0);
        }
        return y;
    }

    private byte[] lookUp(Node node, byte[] table) {
        byte[] x = input(node, 0);
        byte[] y = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = table[x[i] & 0xff];
        }
        return y;
    }

    /** HardSwish: x · HardSigmoid(x) as the Q7 multiply of x by its table value; the output keeps x's scale. */
    private byte[] hardSwish(Node node) {
        byte[] table = ActivationTables.hardSigmoid(ActivationTables.HARDSWISH_ALPHA, ActivationTables.HARDSWISH_BETA);
        byte[] x = input(node, 0);
        byte[] y = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (byte) IntegerArithmetic.multiplyQ7(x[i], table[x[i] & 0xff]);
        }
        return y;
    }

    /** Maximum over the taps inside the map: the same as the hardware's padding with -128. */
    private byte[] maxPool(Node node) {
        PoolWindow p = PoolWindow.of(node, graph);
        byte[] x = input(node, 0);
        byte[] y = new byte[p.batch() * p.channels() * p.outHeight() * p.outWidth()];
        int index = 0;
        for (int plane = 0; plane < p.batch() * p.channels(); plane++) {
            for (int oy = 0; oy < p.outHeight(); oy++) {
                for (int ox = 0; ox < p.outWidth(); ox++) {
                    int max = -128;
                    for (int ky = 0; ky < p.kernelHeight(); ky++) {
                        int iy = p.inputRow(oy, ky);
                        for (int kx = 0; kx < p.kernelWidth(); kx++) {
                            int ix = p.inputColumn(ox, kx);
                            if (iy >= 0 && iy < p.inHeight() && ix >= 0 && ix < p.inWidth()) {
                                max = Math.max(max, x[(plane * p.inHeight() + iy) * p.inWidth() + ix]);
                            }
                        }
                    }
                    y[index++] = (byte) max;
                }
            }
        }
        return y;
    }

    /** Sum of the taps inside the map (padding adds 0), requantized to divide by the full window size. */
    private byte[] averagePool(Node node) {
        PoolWindow p = PoolWindow.of(node, graph);
        Requantizer average = model.averageRequantizer(p.taps());
        byte[] x = input(node, 0);
        byte[] y = new byte[p.batch() * p.channels() * p.outHeight() * p.outWidth()];
        int index = 0;
        for (int plane = 0; plane < p.batch() * p.channels(); plane++) {
            for (int oy = 0; oy < p.outHeight(); oy++) {
                for (int ox = 0; ox < p.outWidth(); ox++) {
                    int sum = 0;
                    for (int ky = 0; ky < p.kernelHeight(); ky++) {
                        int iy = p.inputRow(oy, ky);
                        for (int kx = 0; kx < p.kernelWidth(); kx++) {
                            int ix = p.inputColumn(ox, kx);
                            if (iy >= 0 && iy < p.inHeight() && ix >= 0 && ix < p.inWidth()) {
                                sum += x[(plane * p.inHeight() + iy) * p.inWidth() + ix];
                            }
                        }
                    }
                    y[index++] = (byte) average.apply(sum);
                }
            }
        }
        return y;
    }

    private byte[] add(Node node) {
        byte[] a = input(node, 0);
        byte[] b = input(node, 1);
        byte[] y = new byte[a.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (byte) IntegerArithmetic.addSaturating(a[i], b[i]);
        }
        return y;
    }

    /** Mul of a map by a Q7 factor (a Sigmoid or HardSigmoid output) of the same shape or one per channel. */
    private byte[] mul(Node node) {
        Shape out = graph.tensor(node.outputs().get(0)).shape();
        int[] aIndex = Broadcast.sourceIndexes(out, graph.tensor(node.inputs().get(0)).shape());
        int[] bIndex = Broadcast.sourceIndexes(out, graph.tensor(node.inputs().get(1)).shape());
        byte[] a = input(node, 0);
        byte[] b = input(node, 1);
        byte[] y = new byte[aIndex.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (byte) IntegerArithmetic.multiplyQ7(a[aIndex[i]], b[bIndex[i]]);
        }
        return y;
    }

    private byte[] concat(Node node) {
        Shape out = graph.tensor(node.outputs().get(0)).shape();
        int axis = GraphChecks.concatAxis(node, out.rank());
        byte[] y = new byte[Math.toIntExact(out.elementCount())];
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= out.dim(d);
        }
        int outRun = y.length / outer;
        int offset = 0;
        for (int i = 0; i < node.inputs().size(); i++) {
            byte[] x = input(node, i);
            int run = x.length / outer;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(x, o * run, y, o * outRun + offset, run);
            }
            offset += run;
        }
        return y;
    }
}
