package io.github.cimflow.sim;

import io.github.cimflow.hw.CimUnitConfig;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.MemoryConfig;

/**
 * Every timing rule of the simulator, in clock cycles, in one place so calibration touches only
 * this class. The rules follow CIMFlow's simulator where it is known (see docs/simulator.md) and
 * say so where cimflow differs.
 */
final class TimingModel {
    /** Cycles of a scalar instruction, a branch in decode, CIM_CFG's group update and TAG. */
    static final int SINGLE_CYCLE = 1;
    /** Cycles a BARRIER takes after the last core arrives (the release broadcast). */
    static final int BARRIER_RELEASE_CYCLES = 1;
    /** Bytes of a handshake message (SEND's sender-ready, RECV's receiver-ready, a load request). */
    static final int HANDSHAKE_BYTES = 1;

    private final MemoryLayout layout;
    private final CimUnitConfig cim;
    /** Bits the CIM array writes per cycle: n·W·macros (CIMFlow's "intergroup" mode). */
    private final long cimWriteBitsPerCycle;

    TimingModel(HardwareConfig hardware, MemoryLayout layout) {
        this.layout = layout;
        this.cim = hardware.core().cim();
        this.cimWriteBitsPerCycle = (long) cim.macro().bitsPerRow() * cim.macro().elementsPerCompartment()
                * cim.macroTotalCount();
    }

    /**
     * Cycles one memory spends reading or writing {@code bytes} bytes: ceil(bytes / width) accesses
     * times the access latency for a RAM and the global memory; a register buffer reads in 0 cycles
     * and writes in its write latency per write width; the CIM array moves n·W·macros bits per
     * cycle.
     */
    long accessCycles(int memory, long bytes, boolean write) {
        if (bytes <= 0) {
            return 0;
        }
        switch (layout.kind[memory]) {
            case MemoryLayout.KIND_CIM: {
                int latency = write ? cim.sram().writeLatencyCycles() : cim.sram().readLatencyCycles();
                return ceilDiv(bytes * 8, cimWriteBitsPerCycle) * latency;
            }
            case MemoryLayout.KIND_REG_BUFFER: {
                MemoryConfig config = layout.config[memory];
                if (!write) {
                    return 0;
                }
                return ceilDiv(bytes, config.writeWidthBytes()) * config.writeLatencyCycles();
            }
            default: {
                MemoryConfig config = layout.config[memory];
                int latency = write ? config.writeLatencyCycles() : config.readLatencyCycles();
                return ceilDiv(bytes, config.widthBytes()) * latency;
            }
        }
    }

    /** Bytes one access of the memory moves: the access width (read or write) or 1,024 B of CIM rows. */
    long accessWidthBytes(int memory, boolean write) {
        if (layout.kind[memory] == MemoryLayout.KIND_CIM) {
            return cimWriteBitsPerCycle / 8;
        }
        MemoryConfig config = layout.config[memory];
        return write ? config.writeWidthBytes() : config.widthBytes();
    }

    /** CIM write beat width in bits, for the SRAM write energy. */
    long cimWriteBitsPerCycle() {
        return cimWriteBitsPerCycle;
    }

    /**
     * Cycles of a copy from one memory to another, both local to the core or the CIM array. Beats
     * of max(read width, write width) bytes; each beat reads, then writes. With the transfer
     * pipeline on and different memories, the read of beat i+1 overlaps the write of beat i.
     */
    long copyCycles(int source, int destination, long bytes, boolean pipeline) {
        if (bytes <= 0) {
            return SINGLE_CYCLE;
        }
        long beat = Math.max(accessWidthBytes(source, false), accessWidthBytes(destination, true));
        long fullBeats = bytes / beat;
        long lastBeat = bytes - fullBeats * beat;
        long read = accessCycles(source, beat, false);
        long write = accessCycles(destination, beat, true);
        long lastRead = accessCycles(source, lastBeat, false);
        long lastWrite = accessCycles(destination, lastBeat, true);
        long total;
        if (pipeline && source != destination) {
            // Beat i's write starts when both beat i's read and beat i-1's write are done.
            long readEnd = fullBeats * read;
            long writeEnd = fullBeats == 0 ? 0 : read + write + (fullBeats - 1) * Math.max(read, write);
            if (lastBeat > 0) {
                writeEnd = Math.max(writeEnd, readEnd + lastRead) + lastWrite;
            }
            total = writeEnd;
        } else {
            total = fullBeats * (read + write) + lastRead + lastWrite;
        }
        return Math.max(total, SINGLE_CYCLE);
    }

    /**
     * Cycles of a vector instruction: scalar inputs read once, then ceil(length / lanes) batches of
     * read inputs, functor latency, write output. With the SIMD pipeline on and the output memory
     * not among the input memories, batches overlap at the slowest stage's interval.
     *
     * @param batchReadCycles  cycles to read all vector inputs of one full batch
     * @param batchWriteCycles cycles to write one full batch of outputs
     */
    long vectorCycles(long batches, long scalarReadCycles, long batchReadCycles, int functorLatencyCycles,
                      int functorStages, long batchWriteCycles, boolean overlap) {
        long perBatch = batchReadCycles + functorLatencyCycles + batchWriteCycles;
        long total;
        if (overlap && batches > 1) {
            long functorInterval = ceilDiv(functorLatencyCycles, Math.max(1, functorStages));
            long interval = Math.max(Math.max(batchReadCycles, batchWriteCycles), Math.max(functorInterval, 1));
            total = scalarReadCycles + perBatch + (batches - 1) * interval;
        } else {
            total = scalarReadCycles + batches * perBatch;
        }
        return Math.max(total, SINGLE_CYCLE);
    }

    /**
     * Cycles of a REDUCE: ceil(length / inputs per batch) batches of read then functor, pipelined
     * when the reduce pipeline is on, then one write of the result.
     */
    long reduceCycles(long batches, long batchReadCycles, int functorLatencyCycles, int functorStages,
                      long writeCycles, boolean pipeline) {
        long total;
        if (pipeline && batches > 1) {
            long functorInterval = ceilDiv(functorLatencyCycles, Math.max(1, functorStages));
            long interval = Math.max(Math.max(batchReadCycles, functorInterval), 1);
            total = batchReadCycles + functorLatencyCycles + (batches - 1) * interval + writeCycles;
        } else {
            total = batches * (batchReadCycles + functorLatencyCycles) + writeCycles;
        }
        return Math.max(total, SINGLE_CYCLE);
    }

    /**
     * Cycles from a CIM_MVM vector's start until the IPU can take the next vector: the input read,
     * then one IPU step per input bit. All active groups run these steps in parallel.
     */
    long mvmIntervalCycles(long inputReadCycles, int inputBits) {
        return inputReadCycles + (long) inputBits * cim.ipu().latencyCycles();
    }

    /**
     * Cycles after the last IPU step until an MVM's result is in the accumulators: SRAM read,
     * adder tree and shift adder of the last bit, then the result adder once.
     */
    long mvmDrainCycles() {
        return cim.sram().readLatencyCycles() + cim.adderTree().latencyCycles() + cim.shiftAdder().latencyCycles()
                + cim.resultAdder().latencyCycles();
    }

    /** Extra cycles CIM_OUT with OSUM spends summing groups before the write. */
    long outputSumCycles() {
        return Math.max(0, cim.resultAdder().latencyCycles() - 1);
    }

    /**
     * Cycles from a NoC message's start to the arrival of its last flit: the head flit takes the
     * pair's per-flit latency and the others follow one per cycle (wormhole switching). CIMFlow's
     * table model charges flits × per-flit latency instead.
     */
    static long messageCycles(long flits, long cyclesPerFlit) {
        return cyclesPerFlit + flits - 1;
    }

    static long ceilDiv(long numerator, long denominator) {
        return (numerator + denominator - 1) / denominator;
    }
}
