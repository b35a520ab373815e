package io.github.cimflow.cg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.CimUnitConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.model.ConvGeometry;
import org.junit.jupiter.api.Test;

class LayerCapacityTest {
    private static CimUnitConfig cim(int t) {
        return HardwarePresets.preset(new ArchParams(t, 16, 16, 64)).core().cim();
    }

    /** 3×3 conv, Cin → Cout, on a size×size output with padding 1. */
    private static ConvGeometry conv3x3(int in, int out, int size) {
        return new ConvGeometry(1, in, size, size, out, size, size, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
    }

    @Test
    void coresPerReplicaIsCoutOverEightT() {
        // Reference partitions: 512 channels need 8 cores at T=8 and 6 at T=12, 128 need 2 at T=12.
        assertEquals(8, LayerCapacity.of(conv3x3(512, 512, 4), cim(8)).coresPerReplica());
        assertEquals(6, LayerCapacity.of(conv3x3(512, 512, 4), cim(12)).coresPerReplica());
        assertEquals(2, LayerCapacity.of(conv3x3(128, 128, 16), cim(12)).coresPerReplica());
    }

    @Test
    void computeAndLoadCyclesFollowCostModel() {
        // 3·3·512 = 4608 weights per channel fill ceil(4608/512) = 9 of 16 groups: one copy per core.
        // compute: 4·4 pixels · m=16 · 8 bits = 2048; load: 512·4608 bytes / 64 = 36864.
        LayerCapacity capacity = LayerCapacity.of(conv3x3(512, 512, 4), cim(8));
        assertEquals(1, capacity.copiesInCore());
        assertEquals(2048, capacity.computeCyclesPerImage());
        assertEquals(36864, capacity.loadCycles());
    }

    @Test
    void smallReductionGetsSeveralCopies() {
        // 3·3·64 = 576 weights need 2 groups, so 8 copies fit; compute 32·32·128/8 = 16384;
        // load ceil(64·576/64) = 576 times 8 copies = 4608.
        LayerCapacity capacity = LayerCapacity.of(conv3x3(64, 64, 32), cim(8));
        assertEquals(8, capacity.copiesInCore());
        assertEquals(16384, capacity.computeCyclesPerImage());
        assertEquals(4608, capacity.loadCycles());
    }

    @Test
    void depthwisePostOpAddsItsDiagonalBlock() {
        // 1×1 conv 64 → 64 on 8×8: reduction 64 fills 1 group, 16 copies; compute 64·16·8/16 = 512,
        // load ceil(64·64/64) · 16 = 1024. The 3×3 depthwise post-op on those 64 channels uses a block of
        // 64 columns × 9·64 = 576 inputs: 2 groups, 8 copies, compute 64·16·8/8 = 1024, load 64·576/64 = 576.
        ConvGeometry pointwise = new ConvGeometry(1, 64, 8, 8, 64, 8, 8, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1);
        ConvGeometry depthwise = new ConvGeometry(1, 64, 8, 8, 64, 8, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 64);
        LayerCapacity capacity = LayerCapacity.of(pointwise, cim(8)).withPostOps(java.util.List.of(depthwise), cim(8));
        assertEquals(512 + 1024, capacity.computeCyclesPerImage());
        assertEquals(1024 + 576, capacity.loadCycles());
    }

    @Test
    void longReductionIsSplitAcrossCores() {
        // 3·3·1024 = 9216 > H·m·K = 8192: two slices of 512 input channels, 64 channels → 1 slice.
        LayerCapacity capacity = LayerCapacity.of(conv3x3(1024, 64, 4), cim(8));
        assertEquals(2, capacity.reductionSplits());
        assertEquals(512, capacity.inputChannelsPerSplit());
        assertEquals(2, capacity.coresPerReplica());
        assertEquals(0, capacity.reductionSlice(0));
        assertEquals(1, capacity.reductionSlice(1));
    }

    @Test
    void lastCoreHoldsRemainingChannels() {
        // 100 channels at 64 per core: core 0 holds 64, core 1 holds 36 starting at 64.
        LayerCapacity capacity = LayerCapacity.of(conv3x3(16, 100, 8), cim(8));
        assertEquals(64, capacity.channelCount(0, 100));
        assertEquals(64, capacity.channelOffset(1));
        assertEquals(36, capacity.channelCount(1, 100));
    }
}
