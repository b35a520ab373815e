package io.github.cimflow.quant;

import io.github.cimflow.CimflowException;
import io.github.cimflow.model.ConvGeometry;
import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Model;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Computes the int8 form of a model (docs/quantization.md): runs the float executor on calibration
 * inputs, takes each scale group's maximum magnitude, applies the scales that operators fix, and
 * quantizes the weights and requantizers of every Conv, Gemm and MatMul.
 */
public final class Calibrator {
    private final Model model;
    private final Graph graph;
    private final ScaleGroups groups = new ScaleGroups();

    private Calibrator(Model model) {
        this.model = model;
        this.graph = model.graph();
    }

    /**
     * Calibrates a model whose weights all carry data (see {@link SeededWeights} for models without).
     *
     * @param model  the simplified model
     * @param inputs one or more calibration inputs, each the graph input's values in NCHW order
     * @throws CimflowException when a weight has no data, an operator is not supported, or an operator's
     *         fixed scale contradicts another one in the same group
     */
    public static CalibratedModel calibrate(Model model, List<float[]> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("calibration needs at least one input");
        }
        Calibrator calibrator = new Calibrator(model);
        calibrator.collectGroups();
        Map<String, Double> range = calibrator.measureRanges(inputs);
        Map<String, Double> scales = calibrator.resolveScales(range);
        return calibrator.quantizeWeights(scales);
    }

    /**
     * Returns {@code count} seeded inputs for a graph's input: independent standard normal values
     * from {@link Random#nextGaussian()} (its algorithm is part of the Java specification, so a seed gives
     * the same values on every JDK).
     */
    public static List<float[]> randomInputs(Graph graph, long seed, int count) {
        int length = Math.toIntExact(graph.tensor(GraphChecks.singleInput(graph)).shape().elementCount());
        Random random = new Random(seed);
        List<float[]> inputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] input = new float[length];
            for (int j = 0; j < length; j++) {
                input[j] = (float) random.nextGaussian();
            }
            inputs.add(input);
        }
        return inputs;
    }

    /** Builds the scale groups and fixed scales from the operators' rules. */
    private void collectGroups() {
        groups.add(GraphChecks.singleInput(graph));
        for (Node node : graph.nodes()) {
            if (!FloatExecutor.OPERATORS.contains(node.opType())) {
                throw GraphChecks.unsupported(node);
            }
            String output = node.outputs().get(0);
            groups.add(output);
            String input = node.inputs().get(0);
            switch (node.opType()) {
                case "Conv", "Gemm", "MatMul" -> {
                    // The output keeps its own scale because the requantizer converts to any scale.
                }
                case "Relu", "MaxPool", "AveragePool", "GlobalAveragePool", "Flatten", "Reshape" ->
                        groups.union(input, output);
                case "Clip" -> clip(node);
                case "Add", "Concat" -> {
                    for (String operand : features(node)) {
                        groups.union(operand, output);
                    }
                    if (node.opType().equals("Add")) {
                        checkSameShapeAdd(node);
                    }
                }
                case "Sigmoid", "HardSigmoid" -> {
                    groups.fix(input, ActivationTables.INPUT_SCALE, node.opType() + " input");
                    groups.fix(output, ActivationTables.OUTPUT_SCALE, node.opType() + " output");
                }
                case "HardSwish" -> {
                    groups.fix(input, ActivationTables.INPUT_SCALE, "HardSwish input");
                    groups.union(input, output);
                }
                case "Mul" -> groups.union(mulMap(node), output);
                default -> throw GraphChecks.unsupported(node);
            }
        }
    }

    /** Feature inputs of a node; a constant operand of Add or Concat has no int8 form and is rejected. */
    private List<String> features(Node node) {
        List<String> features = new ArrayList<>();
        for (String input : node.inputs()) {
            if (graph.tensor(input).isStatic()) {
                throw new CimflowException(node.describe() + ": operand '" + input + "' is a constant; the int8 "
                        + node.opType() + " reads only feature maps of one shared scale");
            }
            features.add(input);
        }
        return features;
    }

    private void checkSameShapeAdd(Node node) {
        Shape out = graph.tensor(node.outputs().get(0)).shape();
        for (String input : node.inputs()) {
            if (!graph.tensor(input).shape().equals(out)) {
                throw new CimflowException(node.describe() + ": operand '" + input + "' has shape "
                        + graph.tensor(input).shape() + " but the output has " + out
                        + "; the 8-bit add needs operands of the output's shape (no broadcasting)");
            }
        }
    }

    /**
     * Clip(0, max) keeps only its lower bound in the hardware, so its output scale is max/127 and the
     * bound falls on int8 127. Without an upper bound it is a ReLU.
     */
    private void clip(Node node) {
        ClipBounds bounds = ClipBounds.of(node, graph);
        if (bounds.min() != 0f || !(bounds.max() > 0f)) {
            throw new CimflowException(node.describe() + ": Clip(" + bounds.min() + ", " + bounds.max()
                    + ") is not supported; the int8 Clip needs the lower bound 0 and a positive upper bound "
                    + "(ReLU6 is Clip(0, 6))");
        }
        String input = node.inputs().get(0);
        String output = node.outputs().get(0);
        groups.union(input, output);
        if (!Float.isInfinite(bounds.max())) {
            groups.fix(output, bounds.max() / 127.0, "Clip output with upper bound " + bounds.max());
        }
    }

    /**
     * Returns the map operand of a Mul: the product is roundHalfUp(map · factor / 2^7), so the factor
     * must be a Q7 value (a Sigmoid or HardSigmoid output) and the product keeps the map's scale.
     */
    private String mulMap(Node node) {
        String a = node.inputs().get(0);
        String b = node.inputs().get(1);
        Shape out = graph.tensor(node.outputs().get(0)).shape();
        String map;
        String factor;
        if (isQ7(b) && graph.tensor(a).shape().equals(out)) {
            map = a;
            factor = b;
        } else if (isQ7(a) && graph.tensor(b).shape().equals(out)) {
            map = b;
            factor = a;
        } else {
            throw new CimflowException(node.describe() + ": Mul needs one operand of the output's shape "
                    + out + " and one produced by Sigmoid or HardSigmoid (a Q7 factor); got '" + a + "' "
                    + graph.tensor(a).shape() + " and '" + b + "' " + graph.tensor(b).shape());
        }
        Shape factorShape = graph.tensor(factor).shape();
        boolean perChannel = factorShape.rank() == 4 && factorShape.dim(0) == out.dim(0)
                && factorShape.dim(1) == out.dim(1) && factorShape.dim(2) == 1 && factorShape.dim(3) == 1;
        if (!factorShape.equals(out) && !perChannel) {
            throw new CimflowException(node.describe() + ": factor '" + factor + "' has shape " + factorShape
                    + "; it must have the output's shape " + out + " or one value per channel [N, C, 1, 1]");
        }
        return map;
    }

    private boolean isQ7(String tensor) {
        Node producer = graph.producer(tensor);
        return producer != null && (producer.opType().equals("Sigmoid") || producer.opType().equals("HardSigmoid"));
    }

    /**
     * Runs the float executor on every input and returns each tensor's range: the maximum of |x|, or of
     * max(x, 0) for a tensor that only ReLUs read (its negative values become 0 anyway).
     */
    private Map<String, Double> measureRanges(List<float[]> inputs) {
        Map<String, Double> range = new HashMap<>();
        for (float[] input : inputs) {
            GraphChecks.checkFinite(GraphChecks.singleInput(graph), input);
            Map<String, float[]> values = FloatExecutor.run(graph, input);
            for (Map.Entry<String, float[]> entry : values.entrySet()) {
                boolean positivePart = onlyReluReads(entry.getKey());
                double max = range.getOrDefault(entry.getKey(), 0.0);
                for (float x : entry.getValue()) {
                    max = Math.max(max, positivePart ? x : Math.abs(x));
                }
                range.put(entry.getKey(), max);
            }
        }
        return range;
    }

    private boolean onlyReluReads(String tensor) {
        List<Node> consumers = graph.consumers(tensor);
        if (consumers.isEmpty() || graph.outputs().contains(tensor)) {
            return false;
        }
        for (Node consumer : consumers) {
            if (!consumer.opType().equals("Relu")) {
                return false;
            }
        }
        return true;
    }

    /** Scale of every feature tensor: its group's fixed scale, else the group's maximum range / 127. */
    private Map<String, Double> resolveScales(Map<String, Double> range) {
        Map<String, ScaleGroups.Fixed> fixed = groups.fixedScales();
        Map<String, Double> groupRange = new HashMap<>();
        for (String tensor : groups.tensors()) {
            groupRange.merge(groups.root(tensor), range.getOrDefault(tensor, 0.0), Math::max);
        }
        Map<String, Double> scales = new LinkedHashMap<>();
        for (String tensor : groups.tensors()) {
            String root = groups.root(tensor);
            ScaleGroups.Fixed fixedScale = fixed.get(root);
            double max = groupRange.get(root);
            if (fixedScale == null && !Double.isFinite(max)) {
                throw new CimflowException("tensor '" + tensor + "' reaches " + max + " on the calibration input, "
                        + "so it has no int8 scale; check the weights and the calibration input");
            }
            scales.put(tensor, fixedScale != null ? fixedScale.scale() : (max > 0 ? max : 1.0) / 127.0);
        }
        return scales;
    }

    private CalibratedModel quantizeWeights(Map<String, Double> scales) {
        Map<String, byte[]> weights = new LinkedHashMap<>();
        Map<String, double[]> weightScales = new LinkedHashMap<>();
        Map<String, Requantizer[]> requantizers = new LinkedHashMap<>();
        for (Node node : graph.nodes()) {
            if (!node.opType().equals("Conv") && !node.opType().equals("Gemm") && !node.opType().equals("MatMul")) {
                continue;
            }
            WeightQuantizer.Result result = node.opType().equals("Conv")
                    ? WeightQuantizer.conv(node, ConvGeometry.of(node, graph), graph, scales)
                    : WeightQuantizer.matrixProduct(node, MatrixProduct.of(node, graph), graph, scales);
            weights.put(node.name(), result.weights());
            weightScales.put(node.name(), result.scales());
            requantizers.put(node.name(), result.requantizers());
        }
        return new CalibratedModel(model, scales, weights, weightScales, requantizers);
    }
}
