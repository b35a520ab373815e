package io.github.cimflow.cg;

import io.github.cimflow.hw.CimUnitConfig;
import io.github.cimflow.model.ConvGeometry;

/**
 * How one weight layer maps onto cores at 8-bit weights and features, with the per-layer terms of the
 * stage cost model.
 *
 * <p>A core holds {@code channelsPerCore} = 8·T output channels and a reduction length of at most
 * H·m·K. A layer whose reduction length Kh·Kw·Cin/group exceeds that is split into
 * {@code reductionSplits} slices of input channels on separate cores, whose partial sums are added.
 *
 * @param channelsPerCore  output channels one core computes (8·T at the defaults' macro geometry)
 * @param channelSlices    ceil(Cout / channelsPerCore)
 * @param reductionSplits  ceil(Kh·Kw·Cin/group / (H·m·K))
 * @param inputChannelsPerSplit input channels per reduction slice, ceil(Cin / reductionSplits)
 * @param coresPerReplica  channelSlices · reductionSplits
 * @param copiesInCore     weight copies that fit in one core's K macro groups (at least 1)
 * @param computeCyclesPerImage ceil(Hout·Wout·m·8 / copiesInCore), plus the CIM work of the layer's
 *                         depthwise and average-pooling post-ops (see {@link #withPostOps})
 * @param loadCycles       cycles to bring one copy of the weights from global memory at 64 B/cycle, times
 *                         copiesInCore, plus the diagonal blocks of those post-ops
 */
public record LayerCapacity(int channelsPerCore, int channelSlices, int reductionSplits, int inputChannelsPerSplit,
                            int coresPerReplica, int copiesInCore, long computeCyclesPerImage, long loadCycles) {

    /** Bytes per cycle between global memory and the chip assumed by the cost model. */
    public static final int GLOBAL_BYTES_PER_CYCLE = 64;
    /** Bits per feature element. */
    public static final int FEATURE_BITS = 8;

    /** Computes the capacity of a layer with the given geometry on cores of the given CIM unit. */
    public static LayerCapacity of(ConvGeometry geometry, CimUnitConfig cim) {
        int channelsPerCore = cim.outputChannelsPerGroup();
        int channelSlices = ceilDiv(geometry.outChannels(), channelsPerCore);
        int reduction = geometry.reductionLength();
        int reductionSplits = ceilDiv(reduction, cim.maxReductionLengthPerCore());
        int inputChannels = geometry.inChannels() / geometry.group();
        int inputChannelsPerSplit = ceilDiv(inputChannels, reductionSplits);
        int reductionPerCore = inputChannelsPerSplit * geometry.kernelHeight() * geometry.kernelWidth();
        int groupsPerCopy = ceilDiv(reductionPerCore, cim.reductionLengthPerGroup());
        int copiesInCore = Math.max(1, cim.macroGroupCount() / groupsPerCopy);
        long pixelCycles = (long) geometry.outHeight() * geometry.outWidth() * cim.macro().rowsPerElement()
                * FEATURE_BITS;
        long computeCycles = ceilDiv(pixelCycles, copiesInCore);
        long weightBytes = (long) geometry.outChannels() * reduction;
        long loadCycles = ceilDiv(weightBytes, GLOBAL_BYTES_PER_CYCLE) * copiesInCore;
        return new LayerCapacity(channelsPerCore, channelSlices, reductionSplits, inputChannelsPerSplit,
                channelSlices * reductionSplits, copiesInCore, computeCycles, loadCycles);
    }

    /**
     * Adds the CIM work of post-ops that the OP compiler runs on the macros with a diagonal weight block
     * on each core's slice of 8·T channels. These are depthwise convolutions (a block of 8T columns ×
     * Kh·Kw·8T inputs, zero off the diagonal) and average poolings (ones on the diagonal). Each block is
     * loaded once per stage, so its load counts once, and each output pixel of each image costs the
     * cycles of a dense layer with the block's reduction length. CIMFlow's cost model leaves these
     * out because its depthwise convolutions run on the vector unit; here a 5×5 depthwise layer
     * loads 25 times as many bytes per core as its weights, which dominates EfficientNet's stages.
     *
     * @param postOps geometries of the depthwise convolutions and average poolings, as convolutions
     *                whose reduction length is the window's taps (channels are the layer's)
     */
    LayerCapacity withPostOps(java.util.List<ConvGeometry> postOps, CimUnitConfig cim) {
        long compute = computeCyclesPerImage;
        long load = loadCycles;
        for (ConvGeometry post : postOps) {
            int columns = Math.min(channelsPerCore, post.outChannels());
            int taps = post.kernelHeight() * post.kernelWidth();
            int reduction = (int) Math.min((long) taps * columns, cim.maxReductionLengthPerCore());
            int groupsPerCopy = ceilDiv(reduction, cim.reductionLengthPerGroup());
            int copies = Math.max(1, cim.macroGroupCount() / groupsPerCopy);
            long pixelCycles = (long) post.outHeight() * post.outWidth() * cim.macro().rowsPerElement() * FEATURE_BITS;
            compute += ceilDiv(pixelCycles, copies);
            load += ceilDiv((long) columns * reduction, GLOBAL_BYTES_PER_CYCLE);
        }
        return new LayerCapacity(channelsPerCore, channelSlices, reductionSplits, inputChannelsPerSplit,
                coresPerReplica, copiesInCore, compute, load);
    }

    /** First output channel of core {@code coreInReplica}. */
    public int channelOffset(int coreInReplica) {
        return (coreInReplica / reductionSplits) * channelsPerCore;
    }

    /** Output channels of core {@code coreInReplica} for a layer with {@code outChannels} channels. */
    public int channelCount(int coreInReplica, int outChannels) {
        int offset = channelOffset(coreInReplica);
        return Math.min(channelsPerCore, outChannels - offset);
    }

    /** Reduction slice of core {@code coreInReplica}, 0 for the core that adds the partial sums. */
    public int reductionSlice(int coreInReplica) {
        return coreInReplica % reductionSplits;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
