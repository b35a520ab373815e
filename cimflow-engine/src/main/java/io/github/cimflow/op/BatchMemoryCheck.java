package io.github.cimflow.op;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.AddressRegion;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Tensor;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Rejects a batch size that cannot fit the {@code global} region before the graph-level compile
 * starts, which at a large batch size takes minutes or runs out of heap. The check uses a lower bound
 * on what {@link GlobalMemoryPlan} places: every image's graph inputs are read from global memory and
 * its graph outputs are written there, one int8 byte per element, each entry aligned. Feature maps of
 * inner layers, weights and quantization parameters only add to that, so a batch size this check
 * rejects is also rejected by the full compile.
 */
public final class BatchMemoryCheck {
    private BatchMemoryCheck() {
    }

    /**
     * Throws when the graph inputs and outputs of {@code batchSize} images alone exceed the global region.
     *
     * @throws CimflowException naming the batch size, the bytes needed and available and the largest
     *                          batch size this bound allows
     */
    public static void check(Graph graph, HardwareConfig hardware, int batchSize) {
        AddressRegion region = hardware.region("global");
        long perImageBytes = minimumFeatureBytesPerImage(graph);
        if (perImageBytes == 0 || batchSize < 1) {
            return;
        }
        long capacityBytes = region.sizeBytes();
        if ((long) batchSize * perImageBytes <= capacityBytes) {
            return;
        }
        long fitting = capacityBytes / perImageBytes;
        String advice = fitting >= 1
                ? "lower --batch-size to at most " + fitting + " (the full compile may allow fewer)"
                : "not even one image fits; use a configuration with a larger global memory";
        throw new CimflowException("batch size " + batchSize + " does not fit global memory '" + region.name()
                + "': the input and output feature maps alone need " + GlobalMemoryPlan.format(batchSize * perImageBytes)
                + " bytes (" + GlobalMemoryPlan.format(perImageBytes) + " per image) but the region holds "
                + GlobalMemoryPlan.format(capacityBytes) + " bytes; " + advice);
    }

    /** Sums the aligned int8 bytes of one image's graph inputs and outputs, each tensor counted once. */
    static long minimumFeatureBytesPerImage(Graph graph) {
        Set<String> names = new LinkedHashSet<>(graph.inputs());
        names.addAll(graph.outputs());
        long bytes = 0;
        for (String name : names) {
            Tensor tensor = graph.tensor(name);
            if (tensor == null || tensor.isStatic() || tensor.shape() == null) {
                continue;
            }
            int[] dims = tensor.shape().dims();
            int images = dims.length > 0 && dims[0] > 1 ? dims[0] : 1;
            bytes += LocalAllocator.aligned(tensor.shape().elementCount() / images);
        }
        return bytes;
    }
}
