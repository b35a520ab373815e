package io.github.cimflow.cg;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.CimUnitConfig;
import io.github.cimflow.model.ConvGeometry;
import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Shape;
import io.github.cimflow.model.Tensor;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Groups the nodes of a model graph into weight-layer clusters and builds the reduced DAG.
 *
 * <p>Weight nodes are Conv (except depthwise), Gemm and MatMul with a static weight. A depthwise
 * Conv runs on the vector unit inside the cluster of the layer that produces its input, as in
 * CIMFlow: its weights are one k×k kernel per channel, which would fill one macro column in 8·T
 * per output channel and waste the array.
 *
 * <p>Every other node is a post-op when it is channel-wise and its inputs come from clusters (or
 * graph inputs) with matching channels; it joins the cluster of its input with the longest chain of
 * weight layers behind it, which keeps the residual Add of a ResNet block with the block's last conv.
 * Otherwise it is a pre-op of every weight layer it feeds.
 */
public final class Clustering {
    /** Operators that treat each channel independently, so a core can run them on its channel slice. */
    private static final Set<String> CHANNEL_WISE = Set.of(
            "Relu", "LeakyRelu", "Clip", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Elu", "Selu",
            "Add", "Sub", "Mul", "Div", "BatchNormalization",
            "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
            "Flatten", "Reshape", "Squeeze", "Unsqueeze", "Identity", "Dropout");

    private final Graph graph;
    private final CimUnitConfig cim;

    private final Map<String, Integer> clusterOfNode = new HashMap<>();
    private final Map<String, Integer> ratioOfTensor = new HashMap<>();
    private final Map<String, Integer> depthOfTensor = new HashMap<>();
    private final Set<String> preOpNodes = new LinkedHashSet<>();
    private final List<Node> weightNodes = new ArrayList<>();
    private final List<List<Node>> postOps = new ArrayList<>();

    private Clustering(Graph graph, CimUnitConfig cim) {
        this.graph = graph;
        this.cim = cim;
    }

    /** Builds the reduced DAG of a graph for cores with the given CIM unit. */
    public static LayerGraph build(Graph graph, CimUnitConfig cim) {
        return new Clustering(graph, cim).run();
    }

    /** True for a node whose weights live in CIM macros. */
    static boolean isWeightNode(Node node, Graph graph) {
        switch (node.opType()) {
            case "Conv":
                if (node.inputs().size() < 2 || !graph.tensor(node.inputs().get(1)).isStatic()) {
                    return false;
                }
                return !ConvGeometry.of(node, graph).isDepthwise();
            case "Gemm":
            case "MatMul":
                return node.inputs().size() >= 2 && graph.tensor(node.inputs().get(1)).isStatic()
                        && !graph.tensor(node.inputs().get(0)).isStatic();
            default:
                return false;
        }
    }

    private LayerGraph run() {
        for (Node node : graph.nodes()) {
            List<String> activations = activationInputs(node);
            if (isWeightNode(node, graph)) {
                addWeightNode(node, activations);
            } else if (!activations.isEmpty()) {
                classify(node, activations);
            }
        }
        if (weightNodes.isEmpty()) {
            throw new CimflowException("model has no Conv, Gemm or MatMul node with static weights; the CG "
                    + "compiler maps only weight layers onto CIM cores");
        }
        Map<String, Set<Integer>> preOpTargets = resolvePreOps();
        return assemble(preOpTargets);
    }

    private List<String> activationInputs(Node node) {
        List<String> result = new ArrayList<>();
        for (String input : node.inputs()) {
            if (!input.isEmpty() && !graph.tensor(input).isStatic() && !result.contains(input)) {
                result.add(input);
            }
        }
        return result;
    }

    private void addWeightNode(Node node, List<String> activations) {
        int cluster = weightNodes.size();
        weightNodes.add(node);
        postOps.add(new ArrayList<>());
        clusterOfNode.put(node.name(), cluster);
        int depth = 1 + maxDepth(activations);
        String output = node.outputs().get(0);
        depthOfTensor.put(output, depth);
        ratioOfTensor.put(output, 1);
    }

    private int maxDepth(List<String> tensors) {
        int depth = 0;
        for (String tensor : tensors) {
            depth = Math.max(depth, depthOfTensor.getOrDefault(tensor, 0));
        }
        return depth;
    }

    private void classify(Node node, List<String> activations) {
        int owner = postOpOwner(node, activations);
        String output = node.outputs().get(0);
        depthOfTensor.put(output, maxDepth(activations));
        if (owner < 0) {
            preOpNodes.add(node.name());
            return;
        }
        clusterOfNode.put(node.name(), owner);
        postOps.get(owner).add(node);
        int outChannels = layerOutChannels(weightNodes.get(owner));
        ratioOfTensor.put(output, graph.tensor(output).shape().dim(1) / outChannels);
    }

    /** The cluster a channel-wise node joins, or -1 when it must run as a pre-op. */
    private int postOpOwner(Node node, List<String> activations) {
        boolean channelWise = CHANNEL_WISE.contains(node.opType())
                || node.opType().equals("Conv") && ConvGeometry.of(node, graph).isDepthwise();
        if (!channelWise || node.outputs().size() != 1) {
            return -1;
        }
        int owner = -1;
        int ownerDepth = -1;
        long ownerBytes = -1;
        for (String input : activations) {
            if (preOpNodes.contains(producerName(input))) {
                return -1;
            }
            Integer cluster = clusterOfTensor(input);
            if (cluster == null) {
                continue;
            }
            int depth = depthOfTensor.getOrDefault(input, 0);
            long bytes = graph.tensor(input).shape().elementCount();
            if (depth > ownerDepth || depth == ownerDepth && bytes > ownerBytes) {
                owner = cluster;
                ownerDepth = depth;
                ownerBytes = bytes;
            }
        }
        if (owner < 0) {
            return -1;
        }
        return slicesAlign(node, activations, owner) ? owner : -1;
    }

    /** True when the node's output and inputs split into the owner's channel slices. */
    private boolean slicesAlign(Node node, List<String> activations, int owner) {
        int outChannels = layerOutChannels(weightNodes.get(owner));
        Shape out = graph.tensor(node.outputs().get(0)).shape();
        if (out.rank() < 2 || out.dim(0) != 1 || out.dim(1) % outChannels != 0) {
            return false;
        }
        int outRatio = out.dim(1) / outChannels;
        long outInner = out.elementCount() / out.dim(1);
        for (String input : activations) {
            Shape in = graph.tensor(input).shape();
            if (in.rank() < 2 || in.dim(0) != 1) {
                return false;
            }
            Integer cluster = clusterOfTensor(input);
            boolean sameLayout = in.dim(1) == out.dim(1) && in.elementCount() / in.dim(1) >= 1;
            boolean broadcast = in.dim(1) == 1;
            boolean reshaped = cluster != null && cluster == owner
                    && (long) ratioOfTensor.get(input) * (in.elementCount() / in.dim(1)) == outRatio * outInner;
            if (!sameLayout && !broadcast && !reshaped) {
                return false;
            }
        }
        return true;
    }

    private Integer clusterOfTensor(String tensor) {
        String producer = producerName(tensor);
        return producer == null ? null : clusterOfNode.get(producer);
    }

    private String producerName(String tensor) {
        Node producer = graph.producer(tensor);
        return producer == null ? null : producer.name();
    }

    /** For every pre-op, the weight layers it feeds (directly or through other pre-ops). */
    private Map<String, Set<Integer>> resolvePreOps() {
        Map<String, Set<Integer>> targets = new HashMap<>();
        List<Node> nodes = graph.nodes();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node node = nodes.get(i);
            if (!preOpNodes.contains(node.name())) {
                continue;
            }
            Set<Integer> fed = new TreeSet<>();
            for (String output : node.outputs()) {
                for (Node consumer : graph.consumers(output)) {
                    if (preOpNodes.contains(consumer.name())) {
                        fed.addAll(targets.get(consumer.name()));
                    } else if (clusterOfNode.containsKey(consumer.name())
                            && isWeightNode(consumer, graph)) {
                        fed.add(clusterOfNode.get(consumer.name()));
                    } else if (clusterOfNode.containsKey(consumer.name())) {
                        throw new IllegalStateException("post-op " + consumer.describe() + " reads pre-op output");
                    }
                }
            }
            if (fed.isEmpty()) {
                throw new CimflowException(node.describe() + " is not channel-wise and feeds no Conv, Gemm or "
                        + "MatMul, so no CIM core can run it; export the model without it (for example "
                        + "without a final Softmax)");
            }
            targets.put(node.name(), fed);
        }
        return targets;
    }

    private LayerGraph assemble(Map<String, Set<Integer>> preOpTargets) {
        int count = weightNodes.size();
        List<List<Node>> preOps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            preOps.add(new ArrayList<>());
        }
        for (Node node : graph.nodes()) {
            Set<Integer> fed = preOpTargets.get(node.name());
            if (fed != null) {
                for (int cluster : fed) {
                    preOps.get(cluster).add(node);
                }
            }
        }

        List<Map<String, LayerInput>> inputs = new ArrayList<>();
        for (int cluster = 0; cluster < count; cluster++) {
            inputs.add(clusterInputs(cluster, preOps.get(cluster)));
        }
        int[] order = topologicalOrder(inputs);
        int[] newIndex = new int[count];
        for (int i = 0; i < count; i++) {
            newIndex[order[i]] = i;
        }
        return buildLayers(order, newIndex, preOps, inputs);
    }

    private Map<String, LayerInput> clusterInputs(int cluster, List<Node> preOps) {
        Map<String, LayerInput> inputs = new LinkedHashMap<>();
        Set<String> local = new LinkedHashSet<>();
        Node weight = weightNodes.get(cluster);
        for (Node node : preOps) {
            local.addAll(node.outputs());
        }
        local.addAll(weight.outputs());
        for (Node node : postOps.get(cluster)) {
            local.addAll(node.outputs());
        }
        List<Node> gathered = new ArrayList<>(preOps);
        gathered.add(weight);
        for (Node node : gathered) {
            for (String tensor : activationInputs(node)) {
                if (!local.contains(tensor)) {
                    inputs.put(tensor, input(tensor, true));
                }
            }
        }
        for (Node node : postOps.get(cluster)) {
            for (String tensor : activationInputs(node)) {
                if (!local.contains(tensor) && !inputs.containsKey(tensor)) {
                    boolean broadcast = graph.tensor(tensor).shape().dim(1) == 1;
                    inputs.put(tensor, input(tensor, broadcast));
                }
            }
        }
        return inputs;
    }

    private LayerInput input(String tensor, boolean gather) {
        Integer source = clusterOfTensor(tensor);
        Tensor value = graph.tensor(tensor);
        if (source == null && graph.producer(tensor) != null) {
            throw new IllegalStateException("tensor '" + tensor + "' has a producer outside every cluster");
        }
        return new LayerInput(tensor, value.shape(), source == null ? -1 : source, gather);
    }

    /** Orders clusters so every edge goes forward, smallest original index first among ready ones. */
    private int[] topologicalOrder(List<Map<String, LayerInput>> inputs) {
        int count = inputs.size();
        int[] pending = new int[count];
        List<Set<Integer>> successors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            successors.add(new TreeSet<>());
        }
        for (int i = 0; i < count; i++) {
            Set<Integer> sources = new TreeSet<>();
            for (LayerInput input : inputs.get(i).values()) {
                if (input.sourceLayer() >= 0 && input.sourceLayer() != i) {
                    sources.add(input.sourceLayer());
                }
            }
            pending[i] = sources.size();
            for (int source : sources) {
                successors.get(source).add(i);
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < count; i++) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        int[] order = new int[count];
        int placed = 0;
        while (!ready.isEmpty()) {
            int next = ready.poll();
            order[placed++] = next;
            for (int successor : successors.get(next)) {
                if (--pending[successor] == 0) {
                    ready.add(successor);
                }
            }
        }
        if (placed != count) {
            throw new CimflowException("the clusters of weight layers form a cycle around "
                    + weightNodes.get(firstPending(pending)).describe()
                    + "; the CG compiler cannot order this graph");
        }
        return order;
    }

    private static int firstPending(int[] pending) {
        for (int i = 0; i < pending.length; i++) {
            if (pending[i] > 0) {
                return i;
            }
        }
        return 0;
    }

    private LayerGraph buildLayers(int[] order, int[] newIndex, List<List<Node>> preOps,
                                   List<Map<String, LayerInput>> inputs) {
        int count = order.length;
        List<Layer> layers = new ArrayList<>();
        List<BitSet> predecessors = new ArrayList<>();
        List<BitSet> successors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            predecessors.add(new BitSet(count));
            successors.add(new BitSet(count));
        }
        Map<String, Set<Integer>> consumersOfTensor = new HashMap<>();
        List<List<LayerInput>> renumbered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<LayerInput> list = new ArrayList<>();
            for (LayerInput input : inputs.get(order[i]).values()) {
                int source = input.sourceLayer() < 0 ? -1 : newIndex[input.sourceLayer()];
                list.add(new LayerInput(input.tensor(), input.shape(), source, input.gather()));
                if (source >= 0) {
                    predecessors.get(i).set(source);
                    successors.get(source).set(i);
                    consumersOfTensor.computeIfAbsent(input.tensor(), key -> new TreeSet<>()).add(i);
                }
            }
            renumbered.add(list);
        }
        Set<String> graphOutputs = new LinkedHashSet<>(graph.outputs());
        for (int i = 0; i < count; i++) {
            int cluster = order[i];
            Node weight = weightNodes.get(cluster);
            List<LayerOutput> outputs = new ArrayList<>();
            List<Node> producers = new ArrayList<>();
            producers.add(weight);
            producers.addAll(postOps.get(cluster));
            for (Node producer : producers) {
                String tensor = producer.outputs().get(0);
                Set<Integer> consumers = consumersOfTensor.getOrDefault(tensor, Set.of());
                boolean isGraphOutput = graphOutputs.contains(tensor);
                if (!consumers.isEmpty() || isGraphOutput) {
                    outputs.add(new LayerOutput(tensor, graph.tensor(tensor).shape(), ratioOfTensor.get(tensor),
                            new ArrayList<>(consumers), isGraphOutput));
                }
            }
            layers.add(layer(i, weight, preOps.get(cluster), postOps.get(cluster), renumbered.get(i), outputs));
        }
        return new LayerGraph(graph, layers, predecessors, successors);
    }

    private Layer layer(int index, Node weight, List<Node> preOps, List<Node> postOps, List<LayerInput> inputs,
                        List<LayerOutput> outputs) {
        ConvGeometry geometry;
        Layer.Kind kind;
        boolean transposed = false;
        String bias = weight.inputs().size() > 2 && !weight.inputs().get(2).isEmpty()
                ? weight.inputs().get(2) : null;
        if (weight.opType().equals("Conv")) {
            geometry = ConvGeometry.of(weight, graph);
            kind = Layer.Kind.CONV;
        } else {
            geometry = fullyConnectedGeometry(weight);
            kind = Layer.Kind.FC;
            transposed = weight.opType().equals("MatMul") || weight.intAttribute("transB", 0) == 0;
        }
        if (geometry.batch() != 1) {
            throw new CimflowException(weight.describe() + " has batch dimension " + geometry.batch()
                    + "; the CG compiler maps one image at a time, so import the model with --input-shape "
                    + "1,C,H,W and set the images per stage with --batch-size");
        }
        LayerCapacity capacity = LayerCapacity.of(geometry, cim).withPostOps(macroPostOps(postOps), cim);
        return new Layer(index, kind, weight, geometry, weight.inputs().get(1), bias, transposed, preOps, postOps,
                inputs, outputs, capacity);
    }

    /**
     * Lists the post-ops that the OP compiler runs on the macros (depthwise Conv, AveragePool,
     * GlobalAveragePool), each as a convolution geometry whose kernel is the window.
     */
    private List<ConvGeometry> macroPostOps(List<Node> postOps) {
        List<ConvGeometry> result = new ArrayList<>();
        for (Node node : postOps) {
            switch (node.opType()) {
                case "Conv" -> result.add(ConvGeometry.of(node, graph));
                case "AveragePool", "GlobalAveragePool" -> {
                    Shape x = graph.tensor(node.inputs().get(0)).shape();
                    Shape y = graph.tensor(node.outputs().get(0)).shape();
                    int[] kernel = node.opType().equals("AveragePool")
                            ? node.intsAttribute("kernel_shape", new int[] {1, 1})
                            : new int[] {x.dim(2), x.dim(3)};
                    result.add(new ConvGeometry(1, x.dim(1), x.dim(2), x.dim(3), y.dim(1), y.dim(2), y.dim(3),
                            kernel[0], kernel[1], 1, 1, 0, 0, 0, 0, 1, 1, x.dim(1)));
                }
                default -> {
                }
            }
        }
        return result;
    }

    private ConvGeometry fullyConnectedGeometry(Node node) {
        Shape x = graph.tensor(node.inputs().get(0)).shape();
        Shape w = graph.tensor(node.inputs().get(1)).shape();
        Shape y = graph.tensor(node.outputs().get(0)).shape();
        if (x.rank() != 2 || w.rank() != 2 || y.rank() != 2) {
            throw new CimflowException(node.describe() + " has input shape " + x + " and weight shape " + w
                    + "; the CG compiler maps only 2-D fully connected layers [N, K] × [K, Cout], so flatten "
                    + "the input first");
        }
        boolean transposed = node.opType().equals("MatMul") || node.intAttribute("transB", 0) == 0;
        int reduction = transposed ? w.dim(0) : w.dim(1);
        int outChannels = transposed ? w.dim(1) : w.dim(0);
        return new ConvGeometry(x.dim(0), reduction, 1, 1, outChannels, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1);
    }

    private int layerOutChannels(Node weight) {
        Shape y = graph.tensor(weight.outputs().get(0)).shape();
        return y.dim(1);
    }
}
