package io.github.cimflow.cg;

import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Emits the CG IR operations of every core for a partition.
 *
 * <p>Ordering makes the blocking transfers deadlock-free. Every operation has a key (image, producing
 * layer, phase): the inputs a layer receives from layer P for image k have P's key, its ring exchange
 * and compute have its own. Stages, images and layers are generated in key order, so each core's list
 * is sorted by key and both ends of a transfer share one key. Inside a key, transfers are ordered by
 * (consumer layer, sender, receiver). In a ring, even cores send before they receive and odd cores
 * receive first.
 *
 * <p>Feature slices are ranges of dimension 1 of a tensor ({@code channel_offset}, and {@code shape}
 * with dimension 1 set to the slice length). Core j of a replica computes output channels
 * [channelOffset(j), +channelCount(j)) of its layer.
 */
final class InstructionGenerator {
    private final LayerGraph graph;
    private final Graph model;
    private final int side;
    private final int coreCount;
    private final int batchSize;
    private final NodeOps nodeOps;
    private final List<List<CgStage>> stagesPerCore = new ArrayList<>();
    /** Global writes by tensor and image: who wrote which slice under which write id. */
    private final Map<String, List<Write>> writes = new HashMap<>();

    private record Write(int core, int offset, int count, String writeId) {
    }

    /** A dimension-1 slice of a tensor held by one core. */
    private record Part(String tensor, int offset, int count) {
    }

    /** Per stage state: the operation list of each core. */
    private final class StageBuilder {
        final int stage;
        final StagePlan plan;
        final List<List<CgOp>> ops = new ArrayList<>();
        final int[] opIndex;
        int transferCount;

        StageBuilder(int stage, StagePlan plan) {
            this.stage = stage;
            this.plan = plan;
            for (int i = 0; i < coreCount; i++) {
                ops.add(new ArrayList<>());
            }
            opIndex = new int[coreCount];
        }

        void add(int core, String op, String groupKind, Map<String, Object> attr) {
            Map<String, Object> withGroup = new LinkedHashMap<>(attr);
            withGroup.put("inst_group_id", "core_" + core + ".stage_" + stage + "." + groupKind + ".inst_"
                    + opIndex[core]++);
            ops.get(core).add(new CgOp(op, withGroup));
        }

        String transferName(int layer, int image, String purpose) {
            return "s" + stage + "_l" + layer + "_img" + image + "_" + purpose + "_" + transferCount++;
        }
    }

    InstructionGenerator(LayerGraph graph, int side, int batchSize) {
        this.graph = graph;
        this.model = graph.graph();
        this.side = side;
        this.coreCount = side * side;
        this.batchSize = batchSize;
        this.nodeOps = new NodeOps(model);
        for (int i = 0; i < coreCount; i++) {
            stagesPerCore.add(new ArrayList<>());
        }
    }

    /** Generates every stage; returns the cores in id order. */
    List<CgCore> generate(List<StagePlan> stages) {
        for (int s = 0; s < stages.size(); s++) {
            generateStage(s, stages.get(s));
        }
        List<CgCore> cores = new ArrayList<>();
        for (int id = 0; id < coreCount; id++) {
            cores.add(new CgCore(id / side, id % side, stagesPerCore.get(id)));
        }
        return cores;
    }

    String coreName(int core) {
        return "core_" + core / side + "_" + core % side;
    }

    private void generateStage(int stage, StagePlan plan) {
        StageBuilder builder = new StageBuilder(stage, plan);
        int[] layers = plan.layers().clone();
        Arrays.sort(layers);
        boolean passes = coreCount == 1;
        if (passes) {
            generatePasses(builder, layers[0]);
        } else {
            for (int position = 0; position < plan.layers().length; position++) {
                for (int r = 0; r < plan.replicas()[position]; r++) {
                    int[] cores = plan.cores()[position][r];
                    for (int j = 0; j < cores.length; j++) {
                        readWeights(builder, graph.layer(plan.layers()[position]), cores[j], j);
                    }
                }
            }
            for (int image = 0; image < batchSize; image++) {
                for (int layer : layers) {
                    generateLayerImage(builder, layer, image);
                }
            }
        }
        finishStage(builder);
    }

    private void finishStage(StageBuilder builder) {
        StagePlan plan = builder.plan;
        String[] cluster = new String[coreCount];
        int[] replica = new int[coreCount];
        Arrays.fill(cluster, "-1");
        Arrays.fill(replica, -1);
        for (int position = 0; position < plan.layers().length; position++) {
            for (int r = 0; r < plan.replicas()[position]; r++) {
                for (int core : plan.cores()[position][r]) {
                    cluster[core] = graph.layer(plan.layers()[position]).name();
                    replica[core] = r;
                }
            }
        }
        for (int core = 0; core < coreCount; core++) {
            stagesPerCore.get(core).add(new CgStage(builder.stage, cluster[core], replica[core],
                    builder.ops.get(core)));
        }
    }

    private void readWeights(StageBuilder builder, Layer layer, int core, int coreInReplica) {
        LayerCapacity capacity = layer.capacity();
        int offset = capacity.channelOffset(coreInReplica);
        int count = capacity.channelCount(coreInReplica, layer.outChannels());
        int inOffset = inputOffset(layer, coreInReplica);
        int inCount = inputCount(layer, coreInReplica);
        Map<String, Object> attr = new LinkedHashMap<>();
        attr.put("tensor_type", "weight");
        attr.put("tensor", layer.weightTensor());
        attr.put("channel_offset", offset);
        attr.put("input_channel_offset", inOffset);
        if (layer.kind() == Layer.Kind.FC) {
            attr.put("shape", List.of(count, inCount));
            attr.put("transposed", layer.weightTransposed());
        } else {
            attr.put("shape", List.of(count, inCount, layer.geometry().kernelHeight(),
                    layer.geometry().kernelWidth()));
        }
        builder.add(core, "read", "read_weight", attr);
    }

    private static int inputOffset(Layer layer, int coreInReplica) {
        return layer.capacity().reductionSlice(coreInReplica) * layer.capacity().inputChannelsPerSplit();
    }

    private static int inputCount(Layer layer, int coreInReplica) {
        int perGroup = layer.geometry().inChannels() / layer.geometry().group();
        int offset = inputOffset(layer, coreInReplica);
        return Math.min(layer.capacity().inputChannelsPerSplit(), perGroup - offset);
    }

    /** Emits one layer's work for one image: inputs, ring, compute, partial sums, outputs. */
    private void generateLayerImage(StageBuilder builder, int layerIndex, int image) {
        StagePlan plan = builder.plan;
        Layer layer = graph.layer(layerIndex);
        int position = plan.position(layerIndex);
        int replica = image % plan.replicas()[position];
        int[] cores = plan.cores()[position][replica];

        List<LayerInput> inputs = new ArrayList<>(layer.inputs());
        inputs.sort(Comparator.comparingInt(LayerInput::sourceLayer));
        List<List<List<Part>>> bundles = new ArrayList<>();
        for (LayerInput input : inputs) {
            bundles.add(deliver(builder, layer, cores, input, image));
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).gather() && cores.length > 1) {
                ring(builder, layerIndex, cores, bundles.get(i), inputs.get(i), image);
            }
        }
        for (int j = 0; j < cores.length; j++) {
            compute(builder, layer, cores[j], j, image);
        }
        addPartialSums(builder, layer, cores, image);
        for (int j = 0; j < cores.length; j++) {
            writeOutputs(builder, layer, cores[j], j, image);
        }
    }

    /**
     * Brings one input of one image to the replica's cores. Returns, for a gathered input, the parts
     * each core has before the ring exchange.
     */
    private List<List<Part>> deliver(StageBuilder builder, Layer layer, int[] cores, LayerInput input, int image) {
        List<List<Part>> held = new ArrayList<>();
        for (int j = 0; j < cores.length; j++) {
            held.add(new ArrayList<>());
        }
        int source = input.sourceLayer();
        StagePlan plan = builder.plan;
        boolean onChip = source >= 0 && plan.contains(source) && plan.onChip(source, layer.index());
        int dim1 = input.shape().dim(1);
        if (onChip) {
            Layer producer = graph.layer(source);
            int producerPosition = plan.position(source);
            int[] senders = plan.cores()[producerPosition][image % plan.replicas()[producerPosition]];
            int ratio = ratioOf(producer, input.tensor());
            int holder = 0;
            for (int i = 0; i < senders.length; i++) {
                if (producer.capacity().reductionSlice(i) != 0) {
                    continue;
                }
                Part part = new Part(input.tensor(), producer.capacity().channelOffset(i) * ratio,
                        producer.capacity().channelCount(i, producer.outChannels()) * ratio);
                if (input.gather()) {
                    int target = holder++ % cores.length;
                    transfer(builder, layer.index(), image, senders[i], cores[target], part, input.shape(), "edge");
                    held.get(target).add(part);
                } else {
                    for (int j = 0; j < cores.length; j++) {
                        Part needed = intersect(part, neededSlice(layer, j, dim1));
                        if (needed != null) {
                            transfer(builder, layer.index(), image, senders[i], cores[j], needed, input.shape(),
                                    "edge");
                        }
                    }
                }
            }
            return held;
        }
        for (int j = 0; j < cores.length; j++) {
            Part part;
            if (input.gather()) {
                int from = (int) ((long) dim1 * j / cores.length);
                int to = (int) ((long) dim1 * (j + 1) / cores.length);
                part = to > from ? new Part(input.tensor(), from, to - from) : null;
            } else {
                part = neededSlice(layer, j, dim1);
                if (part != null) {
                    part = new Part(input.tensor(), part.offset(), part.count());
                }
            }
            if (part != null) {
                readFeature(builder, cores[j], part, input.shape(), image);
                held.get(j).add(part);
            }
        }
        return held;
    }

    /** Returns the slice of a post-op input that core j needs, or null for a core without post-ops. */
    private static Part neededSlice(Layer layer, int coreInReplica, int dim1) {
        LayerCapacity capacity = layer.capacity();
        if (capacity.reductionSlice(coreInReplica) != 0) {
            return null;
        }
        if (dim1 == 1) {
            return new Part(null, 0, 1);
        }
        int ratio = dim1 / layer.outChannels();
        return new Part(null, capacity.channelOffset(coreInReplica) * ratio,
                capacity.channelCount(coreInReplica, layer.outChannels()) * ratio);
    }

    private static Part intersect(Part held, Part needed) {
        if (needed == null) {
            return null;
        }
        int from = Math.max(held.offset(), needed.offset());
        int to = Math.min(held.offset() + held.count(), needed.offset() + needed.count());
        return to > from ? new Part(held.tensor(), from, to - from) : null;
    }

    private static int ratioOf(Layer layer, String tensor) {
        for (LayerOutput output : layer.outputs()) {
            if (output.tensor().equals(tensor)) {
                return output.ratio();
            }
        }
        throw new IllegalStateException(layer.describe() + " does not output '" + tensor + "'");
    }

    private void transfer(StageBuilder builder, int layer, int image, int from, int to, Part part, Shape shape,
                          String purpose) {
        String name = builder.transferName(layer, image, purpose);
        Map<String, Object> send = featureAttr(part, shape, image);
        send.put("dist_core_name", coreName(to));
        send.put("name", name);
        builder.add(from, "send", "send", send);
        Map<String, Object> receive = featureAttr(part, shape, image);
        receive.put("src_core_name", coreName(from));
        receive.put("name", name);
        builder.add(to, "receive", "receive", receive);
    }

    private static Map<String, Object> featureAttr(Part part, Shape shape, int image) {
        Map<String, Object> attr = new LinkedHashMap<>();
        attr.put("tensor", part.tensor());
        attr.put("channel_offset", part.offset());
        attr.put("image", image);
        attr.put("shape", NodeOps.slice(shape, part.count()));
        return attr;
    }

    private void readFeature(StageBuilder builder, int core, Part part, Shape shape, int image) {
        for (Write write : writes.getOrDefault(writeKey(part.tensor(), image), List.of())) {
            boolean overlaps = write.offset() < part.offset() + part.count()
                    && part.offset() < write.offset() + write.count();
            if (overlaps && write.core() != core) {
                Map<String, Object> wait = new LinkedHashMap<>();
                wait.put("write_id", write.writeId());
                wait.put("src_core_name", coreName(write.core()));
                builder.add(core, "wait_write", "wait_write", wait);
            }
        }
        Map<String, Object> attr = featureAttr(part, shape, image);
        attr.put("tensor_type", "feature");
        builder.add(core, "read", "read_feature", attr);
    }

    /** All-gather of the parts over the replica's ring (core j sends to core j+1), in n−1 rounds. */
    private void ring(StageBuilder builder, int layer, int[] cores, List<List<Part>> bundles, LayerInput input,
                      int image) {
        int n = cores.length;
        for (int round = 1; round < n; round++) {
            String[][] names = new String[n][];
            for (int j = 0; j < n; j++) {
                List<Part> bundle = bundles.get(Math.floorMod(j - round + 1, n));
                names[j] = new String[bundle.size()];
                for (int p = 0; p < bundle.size(); p++) {
                    names[j][p] = builder.transferName(layer, image, "ring");
                }
            }
            for (int j = 0; j < n; j++) {
                int next = (j + 1) % n;
                int prev = Math.floorMod(j - 1, n);
                List<Part> outgoing = bundles.get(Math.floorMod(j - round + 1, n));
                List<Part> incoming = bundles.get(Math.floorMod(j - round, n));
                if (j % 2 == 0) {
                    ringSends(builder, cores[j], cores[next], outgoing, names[j], input.shape(), image);
                    ringReceives(builder, cores[j], cores[prev], incoming, names[prev], input.shape(), image);
                } else {
                    ringReceives(builder, cores[j], cores[prev], incoming, names[prev], input.shape(), image);
                    ringSends(builder, cores[j], cores[next], outgoing, names[j], input.shape(), image);
                }
            }
        }
    }

    private void ringSends(StageBuilder builder, int core, int to, List<Part> parts, String[] names, Shape shape,
                           int image) {
        for (int p = 0; p < parts.size(); p++) {
            Map<String, Object> attr = featureAttr(parts.get(p), shape, image);
            attr.put("dist_core_name", coreName(to));
            attr.put("name", names[p]);
            builder.add(core, "send", "send", attr);
        }
    }

    private void ringReceives(StageBuilder builder, int core, int from, List<Part> parts, String[] names,
                              Shape shape, int image) {
        for (int p = 0; p < parts.size(); p++) {
            Map<String, Object> attr = featureAttr(parts.get(p), shape, image);
            attr.put("src_core_name", coreName(from));
            attr.put("name", names[p]);
            builder.add(core, "receive", "receive", attr);
        }
    }

    private void compute(StageBuilder builder, Layer layer, int core, int coreInReplica, int image) {
        for (Node node : layer.preOps()) {
            CgOp op = nodeOps.preOp(node);
            builder.add(core, op.op(), op.op(), withImage(op.attr(), image));
        }
        LayerCapacity capacity = layer.capacity();
        int offset = capacity.channelOffset(coreInReplica);
        int count = capacity.channelCount(coreInReplica, layer.outChannels());
        Map<String, Object> weight = nodeOps.weightOp(layer, offset, count, inputOffset(layer, coreInReplica),
                inputCount(layer, coreInReplica));
        String name = NodeOps.weightOpName(layer);
        builder.add(core, name, name, withImage(weight, image));
    }

    private void postOps(StageBuilder builder, Layer layer, int core, int coreInReplica, int image) {
        LayerCapacity capacity = layer.capacity();
        int offset = capacity.channelOffset(coreInReplica);
        int count = capacity.channelCount(coreInReplica, layer.outChannels());
        for (Node node : layer.postOps()) {
            CgOp op = nodeOps.postOp(node, layer.outChannels(), offset, count);
            builder.add(core, op.op(), op.op(), withImage(op.attr(), image));
        }
    }

    private static Map<String, Object> withImage(Map<String, Object> attr, int image) {
        Map<String, Object> result = new LinkedHashMap<>(attr);
        result.put("image", image);
        return result;
    }

    /** Reduction slices send their partial sums to slice 0 of the same channels, which adds them. */
    private void addPartialSums(StageBuilder builder, Layer layer, int[] cores, int image) {
        LayerCapacity capacity = layer.capacity();
        int splits = capacity.reductionSplits();
        for (int j = 0; j < cores.length; j++) {
            if (capacity.reductionSlice(j) != 0) {
                continue;
            }
            int offset = capacity.channelOffset(j);
            int count = capacity.channelCount(j, layer.outChannels());
            for (int s = 1; s < splits; s++) {
                Part part = new Part(layer.node().outputs().get(0), offset, count);
                Shape shape = model.tensor(part.tensor()).shape();
                transfer(builder, layer.index(), image, cores[j + s], cores[j], part, shape, "partial");
                Map<String, Object> add = new LinkedHashMap<>();
                add.put("node", layer.name());
                add.put("partial_sum", true);
                add.put("channel_offset", offset);
                add.put("shape", NodeOps.slice(shape, count));
                add.put("inputs", List.of(part.tensor(), part.tensor()));
                add.put("output", part.tensor());
                add.put("image", image);
                builder.add(cores[j], "add", "add", add);
            }
        }
        for (int j = 0; j < cores.length; j++) {
            if (capacity.reductionSlice(j) == 0) {
                postOps(builder, layer, cores[j], j, image);
            }
        }
    }

    /** Writes to global memory every output slice that a later stage, an off-chain layer or the graph needs. */
    private void writeOutputs(StageBuilder builder, Layer layer, int core, int coreInReplica, int image) {
        if (layer.capacity().reductionSlice(coreInReplica) != 0) {
            return;
        }
        StagePlan plan = builder.plan;
        for (LayerOutput output : layer.outputs()) {
            boolean global = output.graphOutput();
            for (int consumer : output.consumers()) {
                if (!plan.contains(consumer) || !plan.onChip(layer.index(), consumer)) {
                    global = true;
                }
            }
            if (!global) {
                continue;
            }
            LayerCapacity capacity = layer.capacity();
            int offset = capacity.channelOffset(coreInReplica) * output.ratio();
            int count = capacity.channelCount(coreInReplica, layer.outChannels()) * output.ratio();
            writeFeature(builder, core, new Part(output.tensor(), offset, count), output.shape(), image);
        }
    }

    private void writeFeature(StageBuilder builder, int core, Part part, Shape shape, int image) {
        String writeId = part.tensor() + ":image" + image + ":ch" + part.offset();
        Map<String, Object> attr = featureAttr(part, shape, image);
        attr.put("tensor_type", "feature");
        attr.put("write_id", writeId);
        builder.add(core, "write", "write_feature", attr);
        writes.computeIfAbsent(writeKey(part.tensor(), image), key -> new ArrayList<>())
                .add(new Write(core, part.offset(), part.count(), writeId));
    }

    private static String writeKey(String tensor, int image) {
        return tensor + "\u0000" + image;
    }

    /**
     * Emits a stage of a single-core chip, whose one layer runs in passes of one output-channel slice.
     * Each pass reads its weight slice once. Then, per image, it reads the whole inputs from global
     * memory, computes its slice and writes it back.
     */
    private void generatePasses(StageBuilder builder, int layerIndex) {
        Layer layer = graph.layer(layerIndex);
        LayerCapacity capacity = layer.capacity();
        for (int pass = 0; pass < capacity.coresPerReplica(); pass++) {
            readWeights(builder, layer, 0, pass);
            for (int image = 0; image < batchSize; image++) {
                for (LayerInput input : layer.inputs()) {
                    Part part;
                    if (input.gather()) {
                        part = new Part(input.tensor(), 0, input.shape().dim(1));
                    } else {
                        Part needed = neededSlice(layer, pass, input.shape().dim(1));
                        part = new Part(input.tensor(), needed.offset(), needed.count());
                    }
                    readFeature(builder, 0, part, input.shape(), image);
                }
                compute(builder, layer, 0, pass, image);
                postOps(builder, layer, 0, pass, image);
                writeOutputs(builder, layer, 0, pass, image);
            }
        }
    }
}
