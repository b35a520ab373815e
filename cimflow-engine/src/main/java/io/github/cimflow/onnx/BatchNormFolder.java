package io.github.cimflow.onnx;

import io.github.cimflow.model.DataType;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Shape;
import io.github.cimflow.model.Tensor;
import io.github.cimflow.model.TensorOrigin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Folds an inference-mode BatchNormalization into the Conv that feeds it:
 * {@code W'[o] = W[o]·s[o]} and {@code b'[o] = (b[o] − mean[o])·s[o] + beta[o]} with
 * {@code s = gamma / sqrt(var + epsilon)}. With every value present the arithmetic runs in double
 * and rounds to float once. When some weights carry no data, the folded weight and bias are
 * shape-only. A BatchNormalization that cannot fold stays as an affine per-channel operation.
 */
final class BatchNormFolder {
    private BatchNormFolder() {
    }

    static void run(ImportState state) {
        Map<String, Node> producers = state.producers();
        Map<String, Integer> uses = state.useCounts();
        List<Node> result = new ArrayList<>(state.nodes.size());

        for (Node node : state.nodes) {
            if (!node.opType().equals("BatchNormalization") || !foldable(state, node, producers, uses)) {
                result.add(node);
                continue;
            }
            Node conv = producers.get(node.inputs().get(0));
            int convIndex = result.indexOf(conv);
            result.set(convIndex, folded(state, conv, node));
        }
        state.nodes = result;
    }

    private static boolean foldable(ImportState state, Node batchNorm, Map<String, Node> producers,
                                    Map<String, Integer> uses) {
        for (int i = 1; i < batchNorm.outputs().size(); i++) {
            String extra = batchNorm.outputs().get(i);
            if (!extra.isEmpty() && uses.getOrDefault(extra, 0) > 0) {
                return false;
            }
        }
        String input = batchNorm.inputs().get(0);
        Node conv = producers.get(input);
        if (conv == null || !conv.opType().equals("Conv") || uses.getOrDefault(input, 0) != 1) {
            return false;
        }
        for (int i = 1; i < 5; i++) {
            if (!state.tensors.get(batchNorm.inputs().get(i)).isStatic()) {
                return false;
            }
        }
        boolean biasStatic = conv.inputs().size() < 3 || conv.inputs().get(2).isEmpty()
                || state.tensors.get(conv.inputs().get(2)).isStatic();
        return state.tensors.get(conv.inputs().get(1)).isStatic() && biasStatic;
    }

    private static Node folded(ImportState state, Node conv, Node batchNorm) {
        Tensor weight = state.tensors.get(conv.inputs().get(1));
        boolean hasBias = conv.inputs().size() > 2 && !conv.inputs().get(2).isEmpty();
        Tensor bias = hasBias ? state.tensors.get(conv.inputs().get(2)) : null;
        Tensor gamma = state.tensors.get(batchNorm.inputs().get(1));
        Tensor beta = state.tensors.get(batchNorm.inputs().get(2));
        Tensor mean = state.tensors.get(batchNorm.inputs().get(3));
        Tensor variance = state.tensors.get(batchNorm.inputs().get(4));
        int outChannels = weight.shape().dim(0);

        String weightName = batchNorm.name() + "/folded_weight";
        String biasName = batchNorm.name() + "/folded_bias";
        boolean exact = weight.values() != null && (bias == null || bias.values() != null)
                && gamma.values() != null && beta.values() != null && mean.values() != null
                && variance.values() != null;
        if (exact) {
            double epsilon = batchNorm.floatAttribute("epsilon", 1e-5f);
            float[] newWeight = new float[weight.values().length];
            float[] newBias = new float[outChannels];
            int perChannel = newWeight.length / outChannels;
            for (int o = 0; o < outChannels; o++) {
                double scale = gamma.values()[o] / Math.sqrt(variance.values()[o] + epsilon);
                for (int i = o * perChannel; i < (o + 1) * perChannel; i++) {
                    newWeight[i] = (float) (weight.values()[i] * scale);
                }
                double oldBias = bias == null ? 0 : bias.values()[o];
                newBias[o] = (float) ((oldBias - mean.values()[o]) * scale + beta.values()[o]);
            }
            state.tensors.put(weightName, new Tensor(weightName, weight.type(), weight.shape(), TensorOrigin.CONSTANT,
                    newWeight, null));
            state.tensors.put(biasName, new Tensor(biasName, weight.type(), Shape.of(outChannels),
                    TensorOrigin.CONSTANT, newBias, null));
        } else {
            state.tensors.put(weightName, Tensor.withoutData(weightName, weight.type(), weight.shape(),
                    TensorOrigin.WEIGHT_WITHOUT_DATA));
            DataType biasType = weight.type();
            state.tensors.put(biasName, Tensor.withoutData(biasName, biasType, Shape.of(outChannels),
                    TensorOrigin.WEIGHT_WITHOUT_DATA));
        }

        List<String> inputs = List.of(conv.inputs().get(0), weightName, biasName);
        List<String> outputs = List.of(batchNorm.outputs().get(0));
        return new Node(conv.name(), conv.opType(), inputs, outputs, conv.attributes());
    }
}
