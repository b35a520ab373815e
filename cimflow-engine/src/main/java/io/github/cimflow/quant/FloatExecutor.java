package io.github.cimflow.quant;

import io.github.cimflow.CimflowException;
import io.github.cimflow.model.ConvGeometry;
import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Shape;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Evaluates a simplified graph in float with the ONNX semantics of each operator: the values the
 * calibrator measures and the float side of the int8-against-float comparison. Sums run in double
 * and round to float once per output element.
 */
public final class FloatExecutor {
    /** The operators this executor and the integer reference executor evaluate. */
    public static final SortedSet<String> OPERATORS = Collections.unmodifiableSortedSet(new TreeSet<>(List.of("Add",
            "AveragePool", "Clip", "Concat", "Conv", "Flatten", "Gemm", "GlobalAveragePool", "HardSigmoid",
            "HardSwish", "MatMul", "MaxPool", "Mul", "Relu", "Reshape", "Sigmoid")));

    private final Graph graph;
    private final Map<String, float[]> values = new LinkedHashMap<>();

    private FloatExecutor(Graph graph) {
        this.graph = graph;
    }

    /**
     * Runs the graph on one input.
     *
     * @param graph a graph with one run-time input whose weights all carry data
     * @param input the values of the graph input, row-major (NCHW) in its inferred shape
     * @return every feature tensor by name (the graph input, then each node's output in topological order)
     * @throws CimflowException when the input has the wrong length, a weight has no data, or a node is not supported
     */
    public static Map<String, float[]> run(Graph graph, float[] input) {
        FloatExecutor executor = new FloatExecutor(graph);
        String inputName = GraphChecks.singleInput(graph);
        GraphChecks.checkLength(graph, inputName, input.length);
        executor.values.put(inputName, input.clone());
        for (Node node : graph.nodes()) {
            executor.values.put(node.outputs().get(0), executor.evaluate(node));
        }
        return executor.values;
    }

    private float[] evaluate(Node node) {
        switch (node.opType()) {
            case "Conv":
                return conv(node);
            case "Gemm":
            case "MatMul":
                return matrixProduct(node);
            case "Relu":
                return map(node, x -> Math.max(x, 0f));
            case "Clip": {
                ClipBounds bounds = ClipBounds.of(node, graph);
                return map(node, x -> Math.min(Math.max(x, bounds.min()), bounds.max()));
            }
            case "Sigmoid":
                return map(node, x -> (float) (1.0 / (1.0 + Math.exp(-x))));
            case "HardSigmoid": {
                double alpha = node.floatAttribute("alpha", 0.2f);
                double beta = node.floatAttribute("beta", 0.5f);
                return map(node, x -> (float) hardSigmoid(x, alpha, beta));
            }
            case "HardSwish":
                return map(node, x -> (float) (x * hardSigmoid(x, ActivationTables.HARDSWISH_ALPHA,
                        ActivationTables.HARDSWISH_BETA)));
            case "MaxPool":
                return maxPool(node);
            case "AveragePool":
            case "GlobalAveragePool":
                return averagePool(node);
            case "Add":
                return elementwise(node, Double::sum);
            case "Mul":
                return elementwise(node, (a, b) -> a * b);
            case "Concat":
                return concat(node);
            case "Flatten":
            case "Reshape":
                return input(node, 0).clone();
            default:
                throw GraphChecks.unsupported(node);
        }
    }

    private float[] input(Node node, int index) {
        String name = node.inputs().get(index);
        float[] value = values.get(name);
        return value != null ? value : GraphChecks.constantValues(graph, node, name);
    }

    private Shape outputShape(Node node) {
        return graph.tensor(node.outputs().get(0)).shape();
    }

    private interface FloatFunction {
        float apply(float x);
    }

    private float[] map(Node node, FloatFunction function) {
        float[] x = input(node, 0);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = function.apply(x[i]);
        }
        return y;
    }

    private static double hardSigmoid(double x, double alpha, double beta) {
        return Math.max(0.0, Math.min(1.0, alpha * x + beta));
    }

    /** Sums tap by tap into double sums per output channel, adds the bias, and rounds to float once. */
    private float[] conv(Node node) {
        ConvGeometry g = ConvGeometry.of(node, graph);
        float[] x = input(node, 0);
        float[] w = input(node, 1);
        float[] b = node.inputs().size() > 2 && !node.inputs().get(2).isEmpty() ? input(node, 2) : null;
        int inPerGroup = g.inChannels() / g.group();
        int outPerGroup = g.outChannels() / g.group();
        int outPixels = g.outHeight() * g.outWidth();
        double[] sums = new double[outPixels];
        float[] y = new float[g.batch() * g.outChannels() * outPixels];
        for (int n = 0; n < g.batch(); n++) {
            for (int co = 0; co < g.outChannels(); co++) {
                Arrays.fill(sums, 0);
                int firstInput = co / outPerGroup * inPerGroup;
                for (int ci = 0; ci < inPerGroup; ci++) {
                    int plane = (n * g.inChannels() + firstInput + ci) * g.inHeight();
                    for (int ky = 0; ky < g.kernelHeight(); ky++) {
                        for (int kx = 0; kx < g.kernelWidth(); kx++) {
                            double weight = w[((co * inPerGroup + ci) * g.kernelHeight() + ky) * g.kernelWidth() + kx];
                            addTap(g, x, plane, ky, kx, weight, sums);
                        }
                    }
                }
                double bias = b == null ? 0 : b[co];
                int base = (n * g.outChannels() + co) * outPixels;
                for (int i = 0; i < outPixels; i++) {
                    y[base + i] = (float) (sums[i] + bias);
                }
            }
        }
        return y;
    }

    /** Adds weight · input to the sums of every output pixel whose window reads tap (ky, kx) inside the map. */
    private static void addTap(ConvGeometry g, float[] x, int plane, int ky, int kx, double weight, double[] sums) {
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

    private float[] matrixProduct(Node node) {
        MatrixProduct p = MatrixProduct.of(node, graph);
        float[] a = input(node, 0);
        float[] w = input(node, 1);
        float[] c = p.hasBias() ? input(node, 2) : null;
        int[] biasIndex = c == null ? null : Broadcast.sourceIndexes(outputShape(node),
                graph.tensor(node.inputs().get(2)).shape());
        float[] y = new float[p.rows() * p.columns()];
        for (int m = 0; m < p.rows(); m++) {
            for (int n = 0; n < p.columns(); n++) {
                double sum = 0;
                for (int k = 0; k < p.depth(); k++) {
                    sum += (double) a[m * p.depth() + k] * w[p.weightIndex(k, n)];
                }
                int i = m * p.columns() + n;
                double bias = c == null ? 0 : (double) p.beta() * c[biasIndex[i]];
                y[i] = (float) (p.alpha() * sum + bias);
            }
        }
        return y;
    }

    private float[] maxPool(Node node) {
        PoolWindow p = PoolWindow.of(node, graph);
        float[] x = input(node, 0);
        float[] y = new float[p.batch() * p.channels() * p.outHeight() * p.outWidth()];
        int index = 0;
        for (int plane = 0; plane < p.batch() * p.channels(); plane++) {
            for (int oy = 0; oy < p.outHeight(); oy++) {
                for (int ox = 0; ox < p.outWidth(); ox++) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int ky = 0; ky < p.kernelHeight(); ky++) {
                        int iy = p.inputRow(oy, ky);
                        for (int kx = 0; kx < p.kernelWidth(); kx++) {
                            int ix = p.inputColumn(ox, kx);
                            if (iy >= 0 && iy < p.inHeight() && ix >= 0 && ix < p.inWidth()) {
                                max = Math.max(max, x[(plane * p.inHeight() + iy) * p.inWidth() + ix]);
                            }
                        }
                    }
                    y[index++] = max;
                }
            }
        }
        return y;
    }

    /**
     * Averages with ONNX semantics: with {@code count_include_pad} 0 (the default) a border window
     * divides by the taps inside the padded map that fall on the input, else by the full window.
     * Taps beyond the explicit padding (ceil_mode windows) never count.
     */
    private float[] averagePool(Node node) {
        PoolWindow p = PoolWindow.of(node, graph);
        boolean includePad = node.intAttribute("count_include_pad", 0) != 0;
        int[] pads = node.intsAttribute("pads", new int[] {0, 0, 0, 0});
        float[] x = input(node, 0);
        float[] y = new float[p.batch() * p.channels() * p.outHeight() * p.outWidth()];
        int index = 0;
        for (int plane = 0; plane < p.batch() * p.channels(); plane++) {
            for (int oy = 0; oy < p.outHeight(); oy++) {
                for (int ox = 0; ox < p.outWidth(); ox++) {
                    double sum = 0;
                    int count = 0;
                    for (int ky = 0; ky < p.kernelHeight(); ky++) {
                        int iy = p.inputRow(oy, ky);
                        for (int kx = 0; kx < p.kernelWidth(); kx++) {
                            int ix = p.inputColumn(ox, kx);
                            boolean inside = iy >= 0 && iy < p.inHeight() && ix >= 0 && ix < p.inWidth();
                            boolean inPaddedMap = iy >= -pads[0] && iy < p.inHeight() + pads[2]
                                    && ix >= -pads[1] && ix < p.inWidth() + pads[3];
                            if (inside) {
                                sum += x[(plane * p.inHeight() + iy) * p.inWidth() + ix];
                            }
                            if (inside || (includePad && inPaddedMap)) {
                                count++;
                            }
                        }
                    }
                    y[index++] = (float) (sum / count);
                }
            }
        }
        return y;
    }

    private interface DoubleOperator {
        double apply(double a, double b);
    }

    private float[] elementwise(Node node, DoubleOperator operator) {
        Shape out = outputShape(node);
        float[] a = input(node, 0);
        float[] b = input(node, 1);
        int[] aIndex = Broadcast.sourceIndexes(out, graph.tensor(node.inputs().get(0)).shape());
        int[] bIndex = Broadcast.sourceIndexes(out, graph.tensor(node.inputs().get(1)).shape());
        float[] y = new float[aIndex.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) operator.apply(a[aIndex[i]], b[bIndex[i]]);
        }
        return y;
    }

    private float[] concat(Node node) {
        Shape out = outputShape(node);
        int axis = GraphChecks.concatAxis(node, out.rank());
        float[] y = new float[Math.toIntExact(out.elementCount())];
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= out.dim(d);
        }
        int outRun = y.length / outer;
        int offset = 0;
        for (int i = 0; i < node.inputs().size(); i++) {
            float[] x = input(node, i);
            int run = x.length / outer;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(x, o * run, y, o * outRun + offset, run);
            }
            offset += run;
        }
        return y;
    }
}
