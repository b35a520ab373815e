package io.github.cimflow.op;

import io.github.cimflow.hw.AddressRegion;
import java.util.Map;
import java.util.TreeMap;

/**
 * First-fit allocation inside one address region. Blocks are aligned to {@link #ALIGNMENT} bytes so
 * a CIM input vector of 32 bytes never straddles two blocks.
 */
final class LocalAllocator {
    static final int ALIGNMENT = 32;

    private final AddressRegion region;
    /** Free blocks: start address → length in bytes, never adjacent (freed blocks merge). */
    private final TreeMap<Integer, Integer> free = new TreeMap<>();
    private final Map<Integer, Integer> used = new TreeMap<>();
    private int peakUsedBytes;
    private int usedBytes;

    LocalAllocator(AddressRegion region) {
        this.region = region;
        free.put(region.baseAddress(), region.sizeBytes());
    }

    AddressRegion region() {
        return region;
    }

    static int aligned(long bytes) {
        return (int) ((bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT);
    }

    /** Takes the first free block with room for {@code bytes}; returns its address, or -1 when none is large enough. */
    int allocate(long bytes) {
        int size = aligned(Math.max(bytes, 1));
        for (Map.Entry<Integer, Integer> block : free.entrySet()) {
            if (block.getValue() >= size) {
                int address = block.getKey();
                free.remove(address);
                if (block.getValue() > size) {
                    free.put(address + size, block.getValue() - size);
                }
                used.put(address, size);
                usedBytes += size;
                peakUsedBytes = Math.max(peakUsedBytes, usedBytes);
                return address;
            }
        }
        return -1;
    }

    void release(int address) {
        Integer size = used.remove(address);
        if (size == null) {
            throw new IllegalStateException("address " + address + " is not allocated in " + region.name());
        }
        usedBytes -= size;
        int start = address;
        int length = size;
        Map.Entry<Integer, Integer> before = free.lowerEntry(start);
        if (before != null && before.getKey() + before.getValue() == start) {
            free.remove(before.getKey());
            start = before.getKey();
            length += before.getValue();
        }
        Integer after = free.get(address + size);
        if (after != null) {
            free.remove(address + size);
            length += after;
        }
        free.put(start, length);
    }

    int freeBytes() {
        return region.sizeBytes() - usedBytes;
    }

    int largestFreeBlock() {
        int largest = 0;
        for (int length : free.values()) {
            largest = Math.max(largest, length);
        }
        return largest;
    }

    int peakUsedBytes() {
        return peakUsedBytes;
    }
}
