package io.github.cimflow.functional;

import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Tensor;

/**
 * The input order of a fully connected layer as the compiled program stores it. The programs keep
 * feature maps HWC, so a flattened C×H×W map arrives in (y, x, c) order while ONNX flattens in
 * (c, y, x) order; a vector (H = W = 1) is the same in both.
 *
 * @param channels the channels of the map that was flattened
 * @param pixels   its H·W
 */
record FlattenOrder(int channels, int pixels) {

    /** Returns the order of a Gemm or MatMul node's data input: the map that a Reshape or Flatten before it flattened. */
    static FlattenOrder of(Graph graph, Node node) {
        String name = node.inputs().get(0);
        Node producer = graph.producer(name);
        while (producer != null && (producer.opType().equals("Reshape") || producer.opType().equals("Flatten"))) {
            name = producer.inputs().get(0);
            producer = graph.producer(name);
        }
        Tensor tensor = graph.tensor(name);
        if (tensor.shape().rank() != 4) {
            return new FlattenOrder(1, 1);
        }
        return new FlattenOrder(tensor.shape().dim(1), tensor.shape().dim(2) * tensor.shape().dim(3));
    }

    /** Maps a program input index (y·W + x)·C + c to the ONNX index c·H·W + y·W + x. */
    int onnxIndex(int programIndex) {
        if (pixels == 1) {
            return programIndex;
        }
        int pixel = programIndex / channels;
        int channel = programIndex % channels;
        return channel * pixels + pixel;
    }
}
