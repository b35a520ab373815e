package io.github.cimflow.sim;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.AddressRegion;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.MemoryConfig;
import io.github.cimflow.hw.MemoryType;
import java.util.ArrayList;
import java.util.List;

/**
 * The unified address space of a core as memory ids: one id per address region in address order,
 * plus one pseudo-memory for the CIM accumulators so that the hazard rules order CIM_MVM and
 * CIM_OUT like any other writer and reader.
 */
final class MemoryLayout {
    static final int KIND_RAM = 0;
    static final int KIND_REG_BUFFER = 1;
    static final int KIND_CIM = 2;
    static final int KIND_GLOBAL = 3;

    /** Memory ids are bits of an int mask in the hazard tracking, so at most 31 regions fit. */
    static final int MAX_MEMORIES = 31;

    final int count;
    final String[] names;
    final int[] kind;
    final long[] base;
    final long[] end;
    /** Configuration of each RAM, register buffer and the global memory; null for the CIM region. */
    final MemoryConfig[] config;
    final int cimId;
    final int globalId;
    /** Pseudo-memory id of the CIM accumulators (not addressable). */
    final int accumulatorId;

    MemoryLayout(HardwareConfig hardware) {
        List<AddressRegion> regions = new ArrayList<>(hardware.addressSpace());
        regions.sort((a, b) -> Integer.compare(a.baseAddress(), b.baseAddress()));
        if (regions.size() > MAX_MEMORIES) {
            throw new CimflowException("hardware configuration: address space has " + regions.size()
                    + " regions, the simulator supports at most " + MAX_MEMORIES + "; merge regions");
        }
        count = regions.size();
        names = new String[count];
        kind = new int[count];
        base = new long[count];
        end = new long[count];
        config = new MemoryConfig[count];
        int cim = -1;
        int global = -1;
        for (int id = 0; id < count; id++) {
            AddressRegion region = regions.get(id);
            names[id] = region.name();
            base[id] = region.baseAddress();
            end[id] = (long) region.baseAddress() + region.sizeBytes();
            if (region.name().equals(hardware.cimRegionName())) {
                kind[id] = KIND_CIM;
                cim = id;
            } else if (region.name().equals(hardware.globalMemory().name())) {
                kind[id] = KIND_GLOBAL;
                config[id] = hardware.globalMemory();
                global = id;
            } else {
                MemoryConfig memory = hardware.core().memory(region.name());
                if (memory == null) {
                    throw new CimflowException("hardware configuration: address region '" + region.name()
                            + "' names no local memory, no CIM unit and not the global memory; add the memory "
                            + "or remove the region");
                }
                kind[id] = memory.type() == MemoryType.REG_BUFFER ? KIND_REG_BUFFER : KIND_RAM;
                config[id] = memory;
            }
        }
        if (cim < 0 || global < 0) {
            throw new CimflowException("hardware configuration: the address space needs a '"
                    + hardware.cimRegionName() + "' region and a '" + hardware.globalMemory().name()
                    + "' region; found " + String.join(", ", names));
        }
        cimId = cim;
        globalId = global;
        accumulatorId = count;
    }

    /** Memory id containing the byte address, or -1. */
    int memoryAt(long address) {
        long[] starts = base;
        long[] ends = end;
        for (int id = starts.length - 1; id >= 0; id--) {
            if (address >= starts[id]) {
                return address < ends[id] ? id : -1;
            }
        }
        return -1;
    }

    /** Memory id containing all of [address, address + length), or -1. A zero length needs a valid address. */
    int memoryOf(long address, long length) {
        int id = memoryAt(address);
        if (id < 0 || address + length > end[id] || length < 0) {
            return -1;
        }
        return id;
    }

    /** Text of the regions for error messages: {@code macro [0, 524288), ...}. */
    String describe() {
        StringBuilder text = new StringBuilder();
        for (int id = 0; id < count; id++) {
            if (id > 0) {
                text.append(", ");
            }
            text.append(names[id]).append(" [").append(base[id]).append(", ").append(end[id]).append(')');
        }
        return text.toString();
    }
}
