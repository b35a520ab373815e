package io.github.cimflow.op;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.AddressRegion;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.hw.MemoryConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local memories of one core: an allocator per region, the live buffers, and the overflow
 * message that names the knob that would make a buffer fit.
 */
final class LocalMemory {
    /** The quantity a buffer's size follows, for the advice of the overflow message. */
    enum Scaling {
        /** at most 8·T output channels of one core: a smaller T shrinks it. */
        OUTPUT_CHANNELS,
        /** all channels of one image's input: no knob shrinks it. */
        INPUT_MAP,
        /** fixed size. */
        CONSTANT
    }

    private final HardwareConfig hardware;
    private final Map<String, LocalAllocator> allocators = new LinkedHashMap<>();
    private final Map<Long, LocalAllocator> live = new LinkedHashMap<>();
    private final Set<Long> persistent = new HashSet<>();

    LocalMemory(HardwareConfig hardware) {
        this.hardware = hardware;
        for (MemoryConfig memory : hardware.core().localMemories()) {
            AddressRegion region = hardware.region(memory.name());
            if (region != null) {
                LocalAllocator allocator = new LocalAllocator(region);
                allocators.putIfAbsent(memory.role(), allocator);
                allocators.putIfAbsent(memory.name(), allocator);
            }
        }
        if (allocators.get("input_memory") == null || allocators.get("output_memory") == null) {
            throw new CimflowException("hardware configuration: the address space needs regions for the memories "
                    + "with the roles 'input_memory' and 'output_memory' (found " + hardware.addressSpace().stream()
                    .map(AddressRegion::name).toList() + ")");
        }
    }

    /**
     * Places a buffer in the first of {@code regions} (roles or names) with room, and records it.
     *
     * @throws CimflowException naming the operation, the buffer, the bytes needed and free, and the fix
     */
    long allocate(String label, String buffer, long bytes, Scaling scaling, List<BufferAllocation> table, int core,
                  int stage, String... regions) {
        LocalAllocator first = null;
        for (String name : regions) {
            LocalAllocator allocator = allocators.get(name);
            if (allocator == null) {
                continue;
            }
            if (first == null) {
                first = allocator;
            }
            long address = allocator.allocate(bytes);
            if (address >= 0) {
                live.put(address, allocator);
                table.add(new BufferAllocation(core, stage, label, buffer, allocator.region().name(), address,
                        LocalAllocator.aligned(bytes)));
                return address;
            }
        }
        throw overflow(label, buffer, bytes, scaling, first);
    }

    void keepForProgram(long address) {
        persistent.add(address);
    }

    boolean isLive(long address) {
        return live.containsKey(address);
    }

    void release(long address) {
        LocalAllocator allocator = live.remove(address);
        if (allocator != null) {
            allocator.release((int) address);
        }
    }

    /** Frees every buffer except those kept for the whole program. */
    void releaseStageBuffers() {
        for (Long address : new ArrayList<>(live.keySet())) {
            if (!persistent.contains(address)) {
                release(address);
            }
        }
    }

    private CimflowException overflow(String label, String buffer, long bytes, Scaling scaling,
                                      LocalAllocator region) {
        StringBuilder message = new StringBuilder(label).append(": the ").append(buffer).append(" needs ")
                .append(GlobalMemoryPlan.format(bytes)).append(" bytes but ").append(region.region().name())
                .append(" has ").append(GlobalMemoryPlan.format(region.largestFreeBlock()))
                .append(" bytes free in one block (").append(GlobalMemoryPlan.format(region.freeBytes()))
                .append(" of ").append(GlobalMemoryPlan.format(region.region().sizeBytes()))
                .append(" free in total); ");
        int t = hardware.core().cim().macroGroupSize();
        switch (scaling) {
            case OUTPUT_CHANNELS -> {
                Integer smaller = null;
                for (int candidate : HardwarePresets.KNOWN_GROUP_SIZES) {
                    if (candidate < t && bytes * candidate / t <= region.largestFreeBlock()) {
                        smaller = candidate;
                    }
                }
                message.append(smaller != null
                        ? "it holds up to 8·T output channels of this core, so T=" + smaller + " (at most "
                        + 8 * smaller + " channels, about " + GlobalMemoryPlan.format(bytes * smaller / t)
                        + " bytes) would fit; the batch size and the core count do not change it"
                        : "no smaller T makes it fit and the batch size and the core count do not change it; "
                        + "use a smaller input resolution");
            }
            case INPUT_MAP -> message.append("it holds one image with all the input channels the layer reads, so "
                    + "neither the batch size, the core count nor T shrinks it; use a smaller input resolution or "
                    + "a configuration with a larger ").append(region.region().name());
            case CONSTANT -> message.append("use a configuration with a larger ").append(region.region().name());
            default -> throw new IllegalStateException("unknown scaling " + scaling);
        }
        return new CimflowException(message.toString());
    }
}
