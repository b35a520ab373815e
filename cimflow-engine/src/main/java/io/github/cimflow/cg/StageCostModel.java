package io.github.cimflow.cg;

import io.github.cimflow.hw.HardwareConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates the latency in cycles of one stage (a set of layers run together on the whole chip for
 * a batch of images) and picks its replication and placement, following CIMFlow's partitioner:
 *
 * <ul>
 *   <li>compute: per layer ceil(batch · computeCyclesPerImage / replicas); the stage takes the maximum;</li>
 *   <li>communication: the maximum of the busiest core's bytes / B, global-memory bytes / 64 and the
 *       largest on-chip transfer's bytes × Manhattan hops / B, plus the costliest replica's ring
 *       exchange (per gathered input and image, ceil(ring length in hops · largest per-core share / B));</li>
 *   <li>weight load: Σ loadCycles · replicas.</li>
 * </ul>
 *
 * <p>Edges inside a chain of the stage (chains are taken longest first) move core to core; other
 * edges inside the stage, inputs from earlier stages and outputs for later stages go through global
 * memory. A tensor written to global memory counts once per image however many layers read it.
 */
final class StageCostModel {
    private final LayerGraph graph;
    private final int batchSize;
    private final Strategy strategy;
    private final int coreCount;
    private final int side;
    private final int flitBytes;
    private final int[][] patternOrders;
    private final PlacementPattern[] patterns = PlacementPattern.values();
    private final Map<java.util.BitSet, StagePlan> cache = new HashMap<>();
    private final int cacheLimit;
    /** Stage searches run (cache misses), for the partitioner's work bound. */
    long stageSearches;
    /** Allocations evaluated over all searches. */
    long evaluations;

    StageCostModel(LayerGraph graph, HardwareConfig hardware, int batchSize, Strategy strategy, int cacheLimit) {
        this.graph = graph;
        this.batchSize = batchSize;
        this.strategy = strategy;
        this.coreCount = hardware.coreCount();
        this.side = hardware.meshSide();
        this.flitBytes = hardware.network().flitBytes();
        this.patternOrders = new int[patterns.length][];
        for (int p = 0; p < patterns.length; p++) {
            patternOrders[p] = patterns[p].order(side);
        }
        this.cacheLimit = cacheLimit;
    }

    /** Cores one replica of each of the layers needs together. */
    int coresNeeded(java.util.BitSet stage) {
        int total = 0;
        for (int i = stage.nextSetBit(0); i >= 0; i = stage.nextSetBit(i + 1)) {
            total += graph.layer(i).capacity().coresPerReplica();
        }
        return total;
    }

    /**
     * True when one replica of every layer fits on the chip; on a single-core chip a stage of one
     * layer always fits because that layer runs in several passes.
     */
    boolean fits(java.util.BitSet stage) {
        if (coreCount == 1) {
            return stage.cardinality() == 1;
        }
        return coresNeeded(stage) <= coreCount;
    }

    /**
     * A lower bound of the stage's cost under every allocation: compute at the most replicas each layer
     * could get, weight load at one replica, and the global-memory traffic of inputs from outside the
     * stage and outputs leaving it. The exact DP skips stages whose bound cannot improve a prefix.
     */
    long lowerBound(java.util.BitSet stage) {
        int used = coresNeeded(stage);
        long computeMax = 0;
        long computeSum = 0;
        long load = 0;
        long globalBytes = 0;
        for (int i = stage.nextSetBit(0); i >= 0; i = stage.nextSetBit(i + 1)) {
            Layer layer = graph.layer(i);
            LayerCapacity capacity = layer.capacity();
            int most = 1;
            if (strategy != Strategy.BASELINE2 && coreCount > 1) {
                most = Math.min(batchSize, 1 + (coreCount - used) / capacity.coresPerReplica());
            }
            long perImage = capacity.computeCyclesPerImage() * (coreCount == 1 ? capacity.coresPerReplica() : 1);
            long compute = LayerCapacity.ceilDiv(batchSize * perImage, most);
            computeMax = Math.max(computeMax, compute);
            computeSum += compute;
            load += strategy == Strategy.HALF_LOAD_TIME ? capacity.loadCycles() / 2 : capacity.loadCycles();
            for (LayerInput input : layer.inputs()) {
                if (input.sourceLayer() < 0 || !stage.get(input.sourceLayer())) {
                    globalBytes += input.bytes() * batchSize;
                }
            }
            for (LayerOutput output : layer.outputs()) {
                boolean leaves = output.graphOutput();
                for (int consumer : output.consumers()) {
                    leaves |= !stage.get(consumer);
                }
                if (leaves) {
                    globalBytes += output.bytes() * batchSize;
                }
            }
        }
        long compute = switch (strategy) {
            case SUM_CALC_TIME -> computeSum;
            case PIPELINED_CALCULATE_TIME -> computeSum + computeMax * batchSize;
            default -> computeMax;
        };
        long comm = LayerCapacity.ceilDiv(globalBytes, LayerCapacity.GLOBAL_BYTES_PER_CYCLE);
        if (strategy == Strategy.DOUBLE_COMMUNICATION_TIME) {
            comm *= 2;
        }
        return compute + comm + load;
    }

    /** The cheapest plan of the stage, or null when it does not fit; results are cached by layer set. */
    StagePlan plan(java.util.BitSet stage) {
        StagePlan cached = cache.get(stage);
        if (cached != null) {
            return cached;
        }
        if (!fits(stage)) {
            return null;
        }
        stageSearches++;
        StagePlan plan = new Evaluation(stage).search();
        if (cache.size() < cacheLimit) {
            cache.put((java.util.BitSet) stage.clone(), plan);
        }
        return plan;
    }

    /** The cost of one stage under one allocation, evaluated for every placement pattern. */
    private final class Evaluation {
        final int[] order;
        final int[] positionOf;
        final long[] onChipEdges;
        final int[] replicas;
        final int[] coresPerReplica;
        final boolean passes;
        final Traffic traffic = new Traffic(coreCount);

        Evaluation(java.util.BitSet stage) {
            List<int[]> chains = chains(stage);
            int count = stage.cardinality();
            order = new int[count];
            int at = 0;
            List<Long> edges = new ArrayList<>();
            for (int[] chain : chains) {
                for (int i = 0; i < chain.length; i++) {
                    order[at++] = chain[i];
                    if (i > 0) {
                        edges.add(StagePlan.edgeKey(chain[i - 1], chain[i]));
                    }
                }
            }
            onChipEdges = edges.stream().mapToLong(Long::longValue).sorted().toArray();
            positionOf = new int[graph.size()];
            Arrays.fill(positionOf, -1);
            for (int i = 0; i < count; i++) {
                positionOf[order[i]] = i;
            }
            replicas = new int[count];
            Arrays.fill(replicas, 1);
            coresPerReplica = new int[count];
            for (int i = 0; i < count; i++) {
                coresPerReplica[i] = graph.layer(order[i]).capacity().coresPerReplica();
            }
            passes = coreCount == 1;
        }

        /** Greedy replication search: add a replica to the slowest layer that still fits, keep the best. */
        StagePlan search() {
            StagePlan best = evaluate();
            boolean replicate = strategy != Strategy.BASELINE2 && !passes;
            int used = Arrays.stream(coresPerReplica).sum();
            while (replicate) {
                Integer[] byCompute = new Integer[order.length];
                for (int i = 0; i < order.length; i++) {
                    byCompute[i] = i;
                }
                Arrays.sort(byCompute, (a, b) -> {
                    int cmp = Long.compare(computeCycles(b), computeCycles(a));
                    return cmp != 0 ? cmp : Integer.compare(order[a], order[b]);
                });
                int chosen = -1;
                for (int i : byCompute) {
                    if (replicas[i] + 1 <= batchSize && used + coresPerReplica[i] <= coreCount) {
                        chosen = i;
                        break;
                    }
                }
                if (chosen < 0) {
                    break;
                }
                replicas[chosen]++;
                used += coresPerReplica[chosen];
                StagePlan candidate = evaluate();
                if (candidate.costCycles() < best.costCycles()) {
                    best = candidate;
                }
            }
            return best;
        }

        long computeCycles(int position) {
            LayerCapacity capacity = graph.layer(order[position]).capacity();
            long perImage = capacity.computeCyclesPerImage() * (passes ? capacity.coresPerReplica() : 1);
            return LayerCapacity.ceilDiv(batchSize * perImage, replicas[position]);
        }

        /** Slot (position along the placement order) of core j of replica r of the layer at a position. */
        int[][][] slots() {
            int[][][] slots = new int[order.length][][];
            int next = 0;
            for (int i = 0; i < order.length; i++) {
                slots[i] = new int[replicas[i]][coresPerReplica[i]];
                for (int r = 0; r < replicas[i]; r++) {
                    for (int j = 0; j < coresPerReplica[i]; j++) {
                        slots[i][r][j] = passes ? 0 : next++;
                    }
                }
            }
            return slots;
        }

        StagePlan evaluate() {
            evaluations++;
            int[][][] slots = slots();
            int slotCount = passes ? 1 : Arrays.stream(slots).mapToInt(l -> l.length * l[0].length).sum();
            traffic.reset(slotCount, replicas);
            for (int i = 0; i < order.length; i++) {
                addInputs(i, slots, traffic);
                addOutputs(i, slots, traffic);
            }

            long compute = 0;
            long computeSum = 0;
            for (int i = 0; i < order.length; i++) {
                long cycles = computeCycles(i);
                compute = Math.max(compute, cycles);
                computeSum += cycles;
            }
            if (strategy == Strategy.SUM_CALC_TIME) {
                compute = computeSum;
            } else if (strategy == Strategy.PIPELINED_CALCULATE_TIME) {
                compute = computeSum + compute * batchSize;
            }
            long load = 0;
            for (int i = 0; i < order.length; i++) {
                long cycles = graph.layer(order[i]).capacity().loadCycles();
                load += strategy == Strategy.HALF_LOAD_TIME ? cycles * replicas[i] / 2 : cycles * replicas[i];
            }

            long maxCoreLoad = 0;
            for (long bytes : traffic.coreBytes) {
                maxCoreLoad = Math.max(maxCoreLoad, bytes);
            }
            long base = Math.max(LayerCapacity.ceilDiv(maxCoreLoad, flitBytes),
                    LayerCapacity.ceilDiv(traffic.globalBytes, LayerCapacity.GLOBAL_BYTES_PER_CYCLE));

            long bestComm = Long.MAX_VALUE;
            int bestPattern = 0;
            for (int p = 0; p < patterns.length; p++) {
                long comm = base;
                if (!passes) {
                    comm = Math.max(comm, LayerCapacity.ceilDiv(traffic.maxRequest(patternOrders[p]), flitBytes))
                            + traffic.maxRing(patternOrders[p], slots);
                }
                if (strategy == Strategy.DOUBLE_COMMUNICATION_TIME) {
                    comm *= 2;
                }
                if (comm < bestComm) {
                    bestComm = comm;
                    bestPattern = p;
                }
            }
            int[][][] cores = new int[order.length][][];
            for (int i = 0; i < order.length; i++) {
                cores[i] = new int[replicas[i]][coresPerReplica[i]];
                for (int r = 0; r < replicas[i]; r++) {
                    for (int j = 0; j < coresPerReplica[i]; j++) {
                        cores[i][r][j] = patternOrders[bestPattern][slots[i][r][j]];
                    }
                }
            }
            return new StagePlan(order.clone(), replicas.clone(), patterns[bestPattern], cores, onChipEdges,
                    compute, bestComm, load, compute + bestComm + load);
        }

        /** Images of the batch that replica r of R serves: k = r, r+R, ... */
        private int imagesOf(int replica, int replicaCount) {
            return (batchSize - replica + replicaCount - 1) / replicaCount;
        }

        private void addInputs(int position, int[][][] slots, Traffic traffic) {
            Layer layer = graph.layer(order[position]);
            int receivers = coresPerReplica[position];
            int receiverReplicas = replicas[position];
            for (LayerInput input : layer.inputs()) {
                long bytes = input.bytes();
                int source = input.sourceLayer();
                int sourcePosition = source < 0 ? -1 : positionOf[source];
                boolean onChip = sourcePosition >= 0
                        && Arrays.binarySearch(onChipEdges, StagePlan.edgeKey(source, order[position])) >= 0;
                boolean ring = input.gather() && receivers > 1 && !passes;
                if (onChip) {
                    int senderReplicas = replicas[sourcePosition];
                    int[] images = traffic.pairImages;
                    Arrays.fill(images, 0, senderReplicas * receiverReplicas, 0);
                    for (int image = 0; image < batchSize; image++) {
                        images[(image % senderReplicas) * receiverReplicas + image % receiverReplicas]++;
                    }
                    for (int pair = 0; pair < senderReplicas * receiverReplicas; pair++) {
                        if (images[pair] == 0) {
                            continue;
                        }
                        int[] sending = slots[sourcePosition][pair / receiverReplicas];
                        int[] receiving = slots[position][pair % receiverReplicas];
                        long maxShare = traffic.roundRobin(graph.layer(source), sending, receiving, bytes,
                                images[pair]);
                        if (ring) {
                            traffic.ringShares[position][pair % receiverReplicas] += maxShare * images[pair];
                        }
                    }
                    continue;
                }
                long share = LayerCapacity.ceilDiv(bytes, receivers);
                for (int r = 0; r < receiverReplicas; r++) {
                    int images = imagesOf(r, receiverReplicas);
                    traffic.globalBytes += bytes * images;
                    for (int slot : slots[position][r]) {
                        traffic.coreBytes[slot] += share * images;
                    }
                    if (ring) {
                        traffic.ringShares[position][r] += share * images;
                    }
                }
            }
        }

        private void addOutputs(int position, int[][][] slots, Traffic traffic) {
            Layer layer = graph.layer(order[position]);
            for (LayerOutput output : layer.outputs()) {
                boolean global = output.graphOutput();
                for (int consumer : output.consumers()) {
                    boolean inStage = positionOf[consumer] >= 0;
                    if (!inStage || Arrays.binarySearch(onChipEdges, StagePlan.edgeKey(order[position], consumer)) < 0) {
                        global = true;
                    }
                }
                if (!global) {
                    continue;
                }
                for (int r = 0; r < replicas[position]; r++) {
                    int images = imagesOf(r, replicas[position]);
                    traffic.globalBytes += output.bytes() * images;
                    int[] sending = slots[position][r];
                    for (int j = 0; j < sending.length; j++) {
                        traffic.coreBytes[sending[j]] += senderShare(layer, j, output.bytes()) * images;
                    }
                }
            }
        }
    }

    /** Bytes of a tensor of {@code totalBytes} that core j of a replica of the layer holds. */
    static long senderShare(Layer layer, int coreInReplica, long totalBytes) {
        LayerCapacity capacity = layer.capacity();
        if (capacity.reductionSlice(coreInReplica) != 0) {
            return 0;
        }
        int channels = capacity.channelCount(coreInReplica, layer.outChannels());
        return LayerCapacity.ceilDiv(totalBytes * channels, layer.outChannels());
    }

    /** Byte counters of one allocation. */
    private final class Traffic {
        int slotCount;
        final long[] coreBytes;
        long globalBytes;
        /** Largest on-chip transfer from slot a to slot b, at a·slotCount + b. */
        final long[] requestBytes;
        /** Indices of the non-zero entries of requestBytes. */
        int[] requestPairs = new int[64];
        int requestCount;
        /** Per position and replica, the sum over gathered inputs and images of the largest per-core share. */
        long[][] ringShares;
        private final long[] received;
        final int[] pairImages;

        /** Counters for up to {@code capacity} slots, reused by every allocation of a stage search. */
        Traffic(int capacity) {
            coreBytes = new long[capacity];
            received = new long[capacity];
            int replicaLimit = Math.min(batchSize, capacity);
            pairImages = new int[replicaLimit * replicaLimit];
            requestBytes = new long[capacity * capacity];
        }

        /** Clears the counters for an allocation with {@code slotCount} cores and the given replicas. */
        void reset(int slotCount, int[] replicas) {
            Arrays.fill(coreBytes, 0, Math.max(this.slotCount, slotCount), 0);
            for (int i = 0; i < requestCount; i++) {
                requestBytes[requestPairs[i]] = 0;
            }
            requestCount = 0;
            globalBytes = 0;
            this.slotCount = slotCount;
            ringShares = new long[replicas.length][];
            for (int i = 0; i < replicas.length; i++) {
                ringShares[i] = new long[replicas[i]];
            }
        }

        /**
         * Adds the on-chip transfers of {@code images} images, output-holding sender core i to receiver
         * i mod n; returns the largest share one receiver gets per image.
         */
        long roundRobin(Layer source, int[] sending, int[] receiving, long bytes, int images) {
            Arrays.fill(received, 0, receiving.length, 0);
            int holder = 0;
            for (int j = 0; j < sending.length; j++) {
                long share = senderShare(source, j, bytes);
                if (share == 0) {
                    continue;
                }
                int target = holder++ % receiving.length;
                coreBytes[sending[j]] += share * images;
                coreBytes[receiving[target]] += share * images;
                int pair = sending[j] * slotCount + receiving[target];
                if (requestBytes[pair] == 0) {
                    if (requestCount == requestPairs.length) {
                        requestPairs = Arrays.copyOf(requestPairs, requestCount * 2);
                    }
                    requestPairs[requestCount++] = pair;
                }
                requestBytes[pair] = Math.max(requestBytes[pair], share);
                received[target] += share;
            }
            long max = 0;
            for (int target = 0; target < receiving.length; target++) {
                max = Math.max(max, received[target]);
            }
            return max;
        }

        long maxRequest(int[] patternOrder) {
            long max = 0;
            for (int i = 0; i < requestCount; i++) {
                int pair = requestPairs[i];
                int from = patternOrder[pair / slotCount];
                int to = patternOrder[pair % slotCount];
                max = Math.max(max, requestBytes[pair] * hops(from, to));
            }
            return max;
        }

        /**
         * The costliest replica ring: ring length in hops × summed shares / B. CIMFlow rounds each
         * (input, image) term up separately; one rounding per replica differs by at most one cycle per term.
         */
        long maxRing(int[] patternOrder, int[][][] slots) {
            long max = 0;
            for (int position = 0; position < ringShares.length; position++) {
                for (int replica = 0; replica < ringShares[position].length; replica++) {
                    long shares = ringShares[position][replica];
                    if (shares == 0) {
                        continue;
                    }
                    int[] ring = slots[position][replica];
                    long length = 0;
                    for (int j = 0; j < ring.length; j++) {
                        length += hops(patternOrder[ring[j]], patternOrder[ring[(j + 1) % ring.length]]);
                    }
                    max = Math.max(max, LayerCapacity.ceilDiv(length * shares, flitBytes));
                }
            }
            return max;
        }
    }

    /** Manhattan distance between two cores of the mesh. */
    int hops(int from, int to) {
        return Math.abs(from / side - to / side) + Math.abs(from % side - to % side);
    }

    /**
     * Splits the stage's sub-DAG into chains, longest first (ties: the chain starting at the lowest
     * layer index), each chain in edge order.
     */
    private List<int[]> chains(java.util.BitSet stage) {
        java.util.BitSet remaining = (java.util.BitSet) stage.clone();
        List<int[]> chains = new ArrayList<>();
        int n = graph.size();
        int[] length = new int[n];
        int[] next = new int[n];
        while (!remaining.isEmpty()) {
            int bestStart = -1;
            for (int v = remaining.previousSetBit(n - 1); v >= 0; v = remaining.previousSetBit(v - 1)) {
                length[v] = 1;
                next[v] = -1;
                java.util.BitSet successors = graph.successors().get(v);
                for (int w = successors.nextSetBit(0); w >= 0; w = successors.nextSetBit(w + 1)) {
                    if (remaining.get(w) && length[w] + 1 > length[v]) {
                        length[v] = length[w] + 1;
                        next[v] = w;
                    }
                }
                if (bestStart < 0 || length[v] >= length[bestStart]) {
                    bestStart = v;
                }
            }
            int[] chain = new int[length[bestStart]];
            int v = bestStart;
            for (int i = 0; i < chain.length; i++) {
                chain[i] = v;
                remaining.clear(v);
                v = next[v];
            }
            chains.add(chain);
        }
        return chains;
    }
}
