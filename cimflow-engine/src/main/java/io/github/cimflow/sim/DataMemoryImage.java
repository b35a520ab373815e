package io.github.cimflow.sim;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.HardwareConfig;

/**
 * The bytes of every memory in data mode: each core's CIM array and local memories, and the one
 * global memory all cores share. Tests preload inputs and weights with {@link #write}, pass the
 * image to {@link Simulator#run(io.github.cimflow.isa.IsaProgram, HardwareConfig, SimulationOptions,
 * DataMemoryImage)} and read results back with {@link #read}. Addresses are the unified byte
 * addresses of the configuration; multi-byte values are little-endian. Memory a program never
 * touches is not allocated.
 */
public final class DataMemoryImage {
    private final MemoryLayout layout;
    private final int coreCount;
    private final byte[][][] local;
    private byte[] global;
    /** CIM accumulators per core: K groups × output columns per group, int32. */
    private final int[][] accumulators;
    private final int accumulatorCount;
    private InstructionObserver observer;

    public DataMemoryImage(HardwareConfig hardware) {
        this.layout = new MemoryLayout(hardware);
        this.coreCount = hardware.coreCount();
        this.local = new byte[coreCount][layout.count][];
        this.accumulators = new int[coreCount][];
        this.accumulatorCount = hardware.core().cim().macroGroupCount() * hardware.core().cim().outputChannelsPerGroup();
    }

    /**
     * Sets the callback a data-mode simulation on this image calls after every instruction, or null
     * for none (the default).
     */
    public void observe(InstructionObserver instructionObserver) {
        this.observer = instructionObserver;
    }

    InstructionObserver observer() {
        return observer;
    }

    /** Copies {@code bytes} into core {@code core}'s view of the address space at {@code address}. */
    public void write(int core, long address, byte[] bytes) {
        int memory = check(core, address, bytes.length, "write");
        System.arraycopy(bytes, 0, segment(core, memory), (int) (address - layout.base[memory]), bytes.length);
    }

    /** Returns a copy of {@code length} bytes at {@code address} as core {@code core} sees them. */
    public byte[] read(int core, long address, int length) {
        int memory = check(core, address, length, "read");
        byte[] result = new byte[length];
        System.arraycopy(segment(core, memory), (int) (address - layout.base[memory]), result, 0, length);
        return result;
    }

    private int check(int core, long address, long length, String verb) {
        if (core < 0 || core >= coreCount) {
            throw new CimflowException("data memory image: core " + core + " is not in [0, " + coreCount + ")");
        }
        int memory = layout.memoryOf(address, length);
        if (memory < 0) {
            throw new CimflowException("data memory image: cannot " + verb + " " + length + " bytes at address "
                    + address + ": the range is not inside one memory of " + layout.describe());
        }
        return memory;
    }

    MemoryLayout layout() {
        return layout;
    }

    /** The bytes of one memory as one core sees it (the global memory is shared), allocated on first use. */
    byte[] segment(int core, int memory) {
        if (memory == layout.globalId) {
            if (global == null) {
                global = new byte[(int) (layout.end[memory] - layout.base[memory])];
            }
            return global;
        }
        byte[] bytes = local[core][memory];
        if (bytes == null) {
            bytes = new byte[(int) (layout.end[memory] - layout.base[memory])];
            local[core][memory] = bytes;
        }
        return bytes;
    }

    int[] accumulators(int core) {
        int[] values = accumulators[core];
        if (values == null) {
            values = new int[accumulatorCount];
            accumulators[core] = values;
        }
        return values;
    }
}
