package io.github.cimflow.cg;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.HardwareConfig;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the layers into stages that run one after another, each on the whole chip.
 *
 * <p>{@code dp} and the four ablations minimize the sum of estimated stage costs by dynamic
 * programming over the dependency-closed prefixes (down-sets) of the reduced DAG: a stage is the
 * difference of two prefixes. A stage whose lower bound (see {@link StageCostModel#lowerBound}) cannot
 * improve its target prefix is skipped. When the DAG has more than {@link #EXACT_PREFIX_LIMIT} prefixes,
 * or the exact search needs more than {@link #EXACT_SEARCH_LIMIT} stage searches, the search is bounded: it
 * keeps one topological order and considers only stages that are contiguous runs of it, which is
 * exact over that restricted set and never worse than the greedy baselines. {@code baseline1} and
 * {@code baseline2} grow each stage along the same topological order until the next layer no longer fits.
 */
public final class StagePartitioner {
    /** Largest number of prefixes for which the exact DP runs. */
    public static final int EXACT_PREFIX_LIMIT = 200_000;
    /**
     * Largest number of distinct stages whose replication and placement the exact DP searches before
     * it falls back; each search evaluates up to C allocations with four placement patterns.
     */
    public static final long EXACT_SEARCH_LIMIT = 6_000L;
    private static final int STAGE_CACHE_LIMIT = 300_000;
    private static final System.Logger LOG = System.getLogger(StagePartitioner.class.getName());

    /** Search actually run: exact DP, bounded DP over contiguous runs, or greedy. */
    public enum Search { EXACT, BOUNDED, GREEDY }

    /**
     * A partition into stages.
     *
     * @param stages     stage plans in execution order
     * @param costCycles sum of the stage costs
     * @param search     how it was found
     * @param prefixes   number of prefixes considered
     */
    public record Partition(List<StagePlan> stages, long costCycles, Search search, long prefixes) {
        public Partition {
            stages = List.copyOf(stages);
        }
    }

    private final LayerGraph graph;
    private final StageCostModel costModel;
    private final int coreCount;
    private final Strategy strategy;

    public StagePartitioner(LayerGraph graph, HardwareConfig hardware, int batchSize, Strategy strategy) {
        this.graph = graph;
        this.coreCount = hardware.coreCount();
        this.strategy = strategy;
        this.costModel = new StageCostModel(graph, hardware, batchSize, strategy, STAGE_CACHE_LIMIT);
        checkEveryLayerFits(hardware);
    }

    /** Partitions with the strategy's search. */
    public Partition partition() {
        if (strategy == Strategy.BASELINE1 || strategy == Strategy.BASELINE2) {
            return greedy();
        }
        Partition exact = exact(EXACT_PREFIX_LIMIT, EXACT_SEARCH_LIMIT);
        return exact != null ? exact : bounded();
    }

    /**
     * Exact DP over prefixes, or null when the prefix or transition count exceeds the limits (with a
     * WARN line saying so).
     */
    Partition exact(int prefixLimit, long searchLimit) {
        List<BitSet> prefixes = enumeratePrefixes(prefixLimit);
        if (prefixes == null) {
            LOG.log(Level.WARNING, "CG partition is bounded: the reduced DAG of {0} layers has more than {1} "
                    + "dependency-closed prefixes, so only stages that are contiguous runs of one topological "
                    + "order are searched", graph.size(), prefixLimit);
            return null;
        }
        Map<BitSet, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < prefixes.size(); i++) {
            indexOf.put(prefixes.get(i), i);
        }
        long[] best = new long[prefixes.size()];
        java.util.Arrays.fill(best, Long.MAX_VALUE);
        int[] previous = new int[prefixes.size()];
        best[indexOf.get(new BitSet())] = 0;
        for (int i = 0; i < prefixes.size(); i++) {
            if (best[i] == Long.MAX_VALUE) {
                continue;
            }
            BitSet prefix = prefixes.get(i);
            int from = i;
            boolean completed = extend(prefix, new BitSet(), 0, 0, stage -> {
                BitSet union = (BitSet) prefix.clone();
                union.or(stage);
                int target = indexOf.get(union);
                if (best[target] != Long.MAX_VALUE && best[from] + costModel.lowerBound(stage) >= best[target]) {
                    return true;
                }
                long cost = best[from] + costModel.plan(stage).costCycles();
                if (cost < best[target]) {
                    best[target] = cost;
                    previous[target] = from;
                }
                return costModel.stageSearches <= searchLimit;
            });
            if (!completed) {
                LOG.log(Level.WARNING, "CG partition is bounded: the exact search over {0} prefixes needed more "
                        + "than {1} stage cost searches, so only stages that are contiguous runs of one "
                        + "topological order are searched", prefixes.size(), searchLimit);
                return null;
            }
        }
        BitSet all = new BitSet();
        all.set(0, graph.size());
        int at = indexOf.get(all);
        List<StagePlan> stages = new ArrayList<>();
        while (!prefixes.get(at).isEmpty()) {
            int from = previous[at];
            BitSet stage = (BitSet) prefixes.get(at).clone();
            stage.andNot(prefixes.get(from));
            stages.add(0, costModel.plan(stage));
            at = from;
        }
        return new Partition(stages, best[indexOf.get(all)], Search.EXACT, prefixes.size());
    }

    /** Receives each feasible stage that extends a prefix; returns false to stop the enumeration. */
    private interface StageVisitor {
        boolean visit(BitSet stage);
    }

    /**
     * Enumerates the non-empty stages S that fit the chip and make prefix ∪ S a prefix. Layers are added
     * in increasing index, so each S is produced once. Returns false when the visitor stopped early.
     */
    private boolean extend(BitSet prefix, BitSet stage, int from, int cores, StageVisitor visitor) {
        for (int v = from; v < graph.size(); v++) {
            if (prefix.get(v) || !ready(v, prefix, stage)) {
                continue;
            }
            int needed = cores + graph.layer(v).capacity().coresPerReplica();
            if (coreCount > 1 && needed > coreCount || coreCount == 1 && !stage.isEmpty()) {
                continue;
            }
            stage.set(v);
            boolean go = visitor.visit(stage) && extend(prefix, stage, v + 1, needed, visitor);
            stage.clear(v);
            if (!go) {
                return false;
            }
        }
        return true;
    }

    private boolean ready(int layer, BitSet prefix, BitSet stage) {
        BitSet predecessors = graph.predecessors().get(layer);
        for (int p = predecessors.nextSetBit(0); p >= 0; p = predecessors.nextSetBit(p + 1)) {
            if (!prefix.get(p) && !stage.get(p)) {
                return false;
            }
        }
        return true;
    }

    /** Lists all prefixes, smallest first, or returns null when there are more than {@code limit}. */
    List<BitSet> enumeratePrefixes(int limit) {
        List<BitSet> result = new ArrayList<>();
        result.add(new BitSet());
        List<BitSet> frontier = new ArrayList<>();
        frontier.add(new BitSet());
        while (!frontier.isEmpty()) {
            List<BitSet> next = new ArrayList<>();
            for (BitSet prefix : frontier) {
                for (int v = 0; v < graph.size(); v++) {
                    if (prefix.get(v) || !ready(v, prefix, prefix)) {
                        continue;
                    }
                    // Canonical parent: a prefix is generated only from the prefix without its
                    // largest removable layer, so each appears once.
                    BitSet child = (BitSet) prefix.clone();
                    child.set(v);
                    if (v != largestRemovable(child)) {
                        continue;
                    }
                    next.add(child);
                    if (result.size() + next.size() > limit) {
                        return null;
                    }
                }
            }
            result.addAll(next);
            frontier = next;
        }
        return result;
    }

    /** Returns the largest layer of a prefix on which no other layer of the prefix depends. */
    private int largestRemovable(BitSet prefix) {
        for (int v = prefix.previousSetBit(graph.size() - 1); v >= 0; v = prefix.previousSetBit(v - 1)) {
            BitSet successors = graph.successors().get(v);
            if (!successors.intersects(prefix)) {
                return v;
            }
        }
        throw new IllegalStateException("a non-empty prefix always has a layer without successors in it");
    }

    /** DP over prefixes that are the first t layers of the topological layer order. */
    Partition bounded() {
        int n = graph.size();
        long[] best = new long[n + 1];
        int[] previous = new int[n + 1];
        StagePlan[] plans = new StagePlan[n + 1];
        java.util.Arrays.fill(best, Long.MAX_VALUE);
        best[0] = 0;
        for (int start = 0; start < n; start++) {
            if (best[start] == Long.MAX_VALUE) {
                continue;
            }
            BitSet stage = new BitSet();
            for (int end = start + 1; end <= n; end++) {
                stage.set(end - 1);
                if (!costModel.fits(stage)) {
                    break;
                }
                StagePlan plan = costModel.plan(stage);
                if (best[start] + plan.costCycles() < best[end]) {
                    best[end] = best[start] + plan.costCycles();
                    previous[end] = start;
                    plans[end] = plan;
                }
            }
        }
        List<StagePlan> stages = new ArrayList<>();
        for (int at = n; at > 0; at = previous[at]) {
            stages.add(0, plans[at]);
        }
        return new Partition(stages, best[n], Search.BOUNDED, n + 1);
    }

    /** Greedy stages along the topological layer order, each grown until the next layer does not fit. */
    Partition greedy() {
        List<StagePlan> stages = new ArrayList<>();
        long total = 0;
        BitSet stage = new BitSet();
        for (int v = 0; v < graph.size(); v++) {
            stage.set(v);
            if (!costModel.fits(stage)) {
                stage.clear(v);
                StagePlan plan = costModel.plan(stage);
                stages.add(plan);
                total += plan.costCycles();
                stage = new BitSet();
                stage.set(v);
            }
        }
        StagePlan last = costModel.plan(stage);
        stages.add(last);
        total += last.costCycles();
        return new Partition(stages, total, Search.GREEDY, graph.size() + 1);
    }

    private void checkEveryLayerFits(HardwareConfig hardware) {
        if (coreCount == 1) {
            for (Layer layer : graph.layers()) {
                if (layer.capacity().reductionSplits() > 1) {
                    throw tooLarge(layer, hardware);
                }
            }
            return;
        }
        for (Layer layer : graph.layers()) {
            if (layer.capacity().coresPerReplica() > coreCount) {
                throw tooLarge(layer, hardware);
            }
        }
    }

    private CimflowException tooLarge(Layer layer, HardwareConfig hardware) {
        LayerCapacity capacity = layer.capacity();
        int t = hardware.core().cim().macroGroupSize();
        String split = capacity.reductionSplits() == 1 ? "" : " × " + capacity.reductionSplits()
                + " reduction slices of at most " + hardware.core().cim().maxReductionLengthPerCore() + " weights";
        return new CimflowException(layer.describe() + " needs " + capacity.coresPerReplica() + " cores ("
                + layer.outChannels() + " output channels at " + capacity.channelsPerCore() + " per core" + split
                + ") but the chip has C="
                + coreCount + " cores (T=" + t + "); raise the core count C or the macro group size T"
                + (capacity.reductionSplits() > 1 ? ", or the macro group count K for the reduction length" : ""));
    }

}
