package io.github.cimflow.op;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.AddressRegion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Places every global tensor one after another from the start of the {@code global} region:
 * feature maps first (in order of first appearance in the CG IR), then weight images and
 * quantization parameters as the lowering asks for them. Equal keys share one entry, so the replicas
 * of a layer read the same weights.
 */
final class GlobalMemoryPlan {
    private final AddressRegion region;
    private final int batchSize;
    private final Map<String, GlobalImage.Entry> entries = new LinkedHashMap<>();
    private long next;
    private long featureBytes;

    GlobalMemoryPlan(AddressRegion region, int batchSize) {
        this.region = region;
        this.batchSize = batchSize;
        this.next = region.baseAddress();
    }

    static String featureKey(String tensor, int image) {
        return tensor + "#" + image;
    }

    /** The model values that fill a weight image and its quantization parameters. */
    record WeightSource(String tensor, GlobalImage.Pattern pattern, int outputChannelOffset, int inputChannelOffset,
                        int averageCount) {
    }

    /** Places the feature map of a tensor and image, [height, width, channels] bytes (HWC). */
    void placeFeature(String tensor, int image, int height, int width, int channels) {
        String key = featureKey(tensor, image);
        long bytes = (long) height * width * channels;
        entries.put(key, new GlobalImage.Entry(GlobalImage.Kind.FEATURE, key, next, bytes,
                List.of(height, width, channels), GlobalImage.Pattern.NONE, null, tensor, image, 0, 0, 0));
        next += LocalAllocator.aligned(bytes);
        featureBytes += LocalAllocator.aligned(bytes);
    }

    GlobalImage.Entry feature(String key) {
        return entries.get(key);
    }

    /** The weight image for {@code key}, placed on first request. */
    GlobalImage.Entry weights(String key, List<Integer> shape, WeightSource source, MacroLayout layout) {
        String fullKey = key + " rows " + layout.rows() + " groups " + layout.groups();
        GlobalImage.Entry entry = entries.get(fullKey);
        if (entry == null) {
            entry = new GlobalImage.Entry(GlobalImage.Kind.WEIGHTS, fullKey, next, layout.imageBytes(), shape,
                    source.pattern(), layout, source.tensor(), 0, source.outputChannelOffset(),
                    source.inputChannelOffset(), source.averageCount());
            entries.put(fullKey, entry);
            next += LocalAllocator.aligned(layout.imageBytes());
        }
        return entry;
    }

    /** The quantization parameters (8 bytes per column) for {@code key}, placed on first request. */
    GlobalImage.Entry quantization(String key, int columns, WeightSource source) {
        String fullKey = key + " quantization";
        GlobalImage.Entry entry = entries.get(fullKey);
        if (entry == null) {
            long bytes = 8L * columns;
            entry = new GlobalImage.Entry(GlobalImage.Kind.QUANTIZATION, fullKey, next, bytes, List.of(columns),
                    source.pattern(), null, source.tensor(), 0, source.outputChannelOffset(),
                    source.inputChannelOffset(), source.averageCount());
            entries.put(fullKey, entry);
            next += LocalAllocator.aligned(bytes);
        }
        return entry;
    }

    /** Checks that everything fits the global region; the error names the batch size that would fit. */
    GlobalImage finish() {
        long needed = next - region.baseAddress();
        if (needed > region.sizeBytes()) {
            long fixed = needed - featureBytes;
            long perImage = batchSize == 0 ? featureBytes : MacroLayout.ceilDiv(featureBytes, batchSize);
            String advice;
            if (fixed >= region.sizeBytes() || perImage == 0) {
                advice = "the weights alone take " + format(fixed) + " bytes, so no batch size fits; "
                        + "use a configuration with a larger global memory";
            } else {
                long fitting = (region.sizeBytes() - fixed) / perImage;
                advice = fitting >= 1
                        ? "a batch size of at most " + fitting + " fits (each image's feature maps take about "
                        + format(perImage) + " bytes)"
                        : "not even one image fits; use a configuration with a larger global memory";
            }
            throw new CimflowException("global memory '" + region.name() + "': the weights and the feature maps of "
                    + batchSize + " images need " + format(needed) + " bytes but the region holds "
                    + format(region.sizeBytes()) + " bytes; " + advice);
        }
        List<GlobalImage.Entry> list = new ArrayList<>(entries.values());
        list.sort((a, b) -> Long.compare(a.address(), b.address()));
        return new GlobalImage(list);
    }

    static String format(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
