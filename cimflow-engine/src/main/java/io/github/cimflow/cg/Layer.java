package io.github.cimflow.cg;

import io.github.cimflow.model.ConvGeometry;
import io.github.cimflow.model.Node;
import java.util.List;

/**
 * One weight layer of the reduced DAG: a Conv, Gemm or MatMul whose weights live in CIM macros, with
 * the non-weight nodes that execute on the same cores (its cluster).
 *
 * <p>Post-ops are channel-wise nodes after the weight node (ReLU, Add, pooling, depthwise conv on the
 * vector unit, Flatten); each core applies them to its own output-channel slice. Pre-ops are nodes
 * that are not channel-wise (Concat, or anything reading such a node) and that feed this layer's
 * weight node; every core of the layer computes them in full on the gathered input. A pre-op that
 * feeds several weight layers belongs to each of them.
 *
 * @param index      position in the layer order, which is topological over the reduced DAG
 * @param kind       conv or fully connected
 * @param node       the weight node
 * @param geometry   per-image geometry; a fully connected layer is a 1×1 convolution on a 1×1 input
 *                   with Cin = the reduction length
 * @param weightTensor     name of the weight initializer
 * @param biasTensor       name of the bias initializer, or null
 * @param weightTransposed true when the weight tensor is stored [Cin, Cout] (MatMul, Gemm with transB=0)
 * @param preOps     pre-ops in topological order
 * @param postOps    post-ops in topological order
 * @param inputs     tensors the cluster reads from other clusters or from the graph inputs
 * @param outputs    tensors the cluster produces for other clusters or for the graph outputs
 * @param capacity   how the layer maps onto cores
 */
public record Layer(int index, Kind kind, Node node, ConvGeometry geometry, String weightTensor, String biasTensor,
                    boolean weightTransposed, List<Node> preOps, List<Node> postOps, List<LayerInput> inputs,
                    List<LayerOutput> outputs, LayerCapacity capacity) {

    /** Weight layer kinds. */
    public enum Kind { CONV, FC }

    public Layer {
        preOps = List.copyOf(preOps);
        postOps = List.copyOf(postOps);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** The ONNX node name, which is the CG IR's {@code cluster_id}. */
    public String name() {
        return node.name();
    }

    /** Output channels (Cout), the dimension split across cores. */
    public int outChannels() {
        return geometry.outChannels();
    }

    /** Multiply-accumulates of one image. */
    public long macsPerImage() {
        return (long) geometry.outChannels() * geometry.outHeight() * geometry.outWidth()
                * geometry.reductionLength();
    }

    /** Formats as {@code layer '/layer1/Conv' (Conv)}, the subject of error messages. */
    public String describe() {
        return "layer '" + node.name() + "' (" + node.opType() + ")";
    }
}
