package io.github.cimflow.sim;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.CimUnitConfig;
import io.github.cimflow.hw.CoreConfig;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.MemoryConfig;
import io.github.cimflow.hw.ReduceFunctor;
import io.github.cimflow.hw.SimdFunctor;
import io.github.cimflow.hw.SimdInstruction;
import io.github.cimflow.isa.Instruction;
import io.github.cimflow.isa.IsaProgram;
import io.github.cimflow.isa.Opcode;
import java.util.ArrayList;
import java.util.List;

/**
 * The multi-core simulation loop. Each core issues at most one instruction per cycle, in order;
 * an instruction issues when its execute unit accepts it and no in-flight instruction of another
 * unit uses a memory it needs. Time is kept as cycle timestamps, not ticked: an instruction's
 * start, end and release cycles are computed at issue, so idle cycles cost nothing.
 *
 * <p>Cores are processed in order of their next issue cycle (ties by core id). A core runs ahead
 * through instructions that touch only its own state and stops before one that touches shared
 * state (NoC, global memory, synchronization) once its issue cycle passes the next core's, so
 * shared resources are reserved in nondecreasing issue order and results are deterministic.
 *
 * <p>Registers change at issue, in program order: an instruction reads the values its
 * predecessors wrote, as CIMFlow's decoder reads registers at decode. In data mode memory
 * contents also change at issue; the hazard rules keep every conflicting pair in program order,
 * and cross-core data moves only through SEND/RECV (at the rendezvous) and the global memory
 * (ordered by TAG/WAIT), so the values equal those of a cycle-exact execution.
 */
final class Engine {
    static final int UNIT_SCALAR = 0;
    static final int UNIT_VECTOR = 1;
    static final int UNIT_REDUCE = 2;
    static final int UNIT_CIM = 3;
    static final int UNIT_CIM_CONTROL = 4;
    static final int UNIT_TRANSFER = 5;
    static final int UNIT_COUNT = 6;
    /** Unit names as the busy fractions and profiles print them. */
    static final String[] UNIT_NAMES = {"scalar", "vector", "reduce", "cim", "cim_control", "transfer"};

    private static final int SRF_CIM_IBW = 0;
    private static final int SRF_CIM_OBW = 1;
    private static final int SRF_CIM_AG = 4;
    private static final int SRF_CIM_GSTEP = 6;
    private static final int SRF_VEC_IBW1 = 16;
    private static final int SRF_VEC_OBW = 20;
    private static final int SRF_VEC_IA3 = 21;
    private static final int SRF_VEC_IA4 = 22;

    private static final String[] INPUT_NAMES = {"input 1", "input 2", "input 3", "input 4"};

    static final int BLOCK_NONE = 0;
    static final int BLOCK_SEND = 1;
    static final int BLOCK_RECV = 2;
    static final int BLOCK_WAIT = 3;
    static final int BLOCK_BARRIER = 4;

    /**
     * Opcodes that touch state other cores also touch (the NoC, the global memory, synchronization).
     * A core runs ahead through all other instructions and yields before one of these until no
     * other core could still act earlier, so shared resources see requests in issue-cycle order.
     */
    private static final boolean[] SHARED = new boolean[64];

    static {
        for (Opcode opcode : new Opcode[] {Opcode.SC_LDG, Opcode.SC_STG, Opcode.MEM_CPY, Opcode.MEM_CPY_DST_O,
                Opcode.MEM_CPY_SRC_O, Opcode.MEM_CPY_SRC_O_DST_O, Opcode.SEND, Opcode.RECV, Opcode.WAIT,
                Opcode.BARRIER, Opcode.TAG}) {
            SHARED[opcode.code()] = true;
        }
    }

    /** State of one core; allocated once per simulation. */
    static final class Core {
        final int id;
        final DecodedProgram program;
        final int[] grf = new int[32];
        final int[] srf = new int[32];
        int pc;
        long nextIssue;
        long finishCycle;
        boolean done;
        long executed;
        long mvmVectors;

        final long[] unitAccept = new long[UNIT_COUNT];
        final long[] unitBusyEnd = new long[UNIT_COUNT];
        final long[] unitBusyCycles = new long[UNIT_COUNT];
        /** Per memory id: the unit of the in-flight instructions holding it, -1 for none. */
        final int[] holder;
        /** Per memory id: cycle the holding unit releases it. */
        final long[] release;
        /** Per memory id: cycle the holding unit's in-flight writes to it are released. */
        final long[] writeRelease;
        final double[] energyPicojoules;
        final long[] opcodeCount = new long[64];
        final long[] opcodeCycles = new long[64];

        int blockKind;
        int blockPc;
        long blockIssue;
        int blockUnit;
        int blockReadMask;
        int blockWriteMask;
        int blockPeer;
        int blockId;
        int blockCount;
        long blockBytes;
        long blockAddress;
        int blockMemory;
        long blockHandshakeArrival;

        Core(int id, DecodedProgram program, int memories, int components) {
            this.id = id;
            this.program = program;
            holder = new int[memories];
            java.util.Arrays.fill(holder, -1);
            release = new long[memories];
            writeRelease = new long[memories];
            energyPicojoules = new double[components];
        }
    }

    private final HardwareConfig hardware;
    private final SimulationOptions options;
    final MemoryLayout layout;
    final TimingModel timing;
    final EnergyModel energy;
    final NocModel noc;
    final Core[] cores;
    private final TagBoard tags = new TagBoard();
    /** Per-layer accounting of a profiled run, or null. */
    LayerProfiler layerProfiler;
    private final DataPath data;
    /** The data-mode callback after each instruction, null when none is set (always in timing-only mode). */
    private final InstructionObserver observer;
    private final DataMemoryImage image;
    private final double period;
    private final int coreCount;

    private final CimUnitConfig cim;
    /** CIM geometry and latencies the MVM path reads per instruction, copied out of the configuration records. */
    private final int macroGroupCount;
    private final int compartments;
    private final int rowsPerElement;
    private final long mvmDrainCycles;
    private final int resultAdderLatencyCycles;
    private final boolean simdPipeline;
    private final boolean reducePipeline;
    private final boolean transferPipeline;
    private final double scalarPicojoules;
    private final double[] readPicojoulesPerCycle;
    private final double[] writePicojoulesPerCycle;
    private final double[] regBufferPicojoulesPerUnit;
    private final SimdFunctor[] simdFunctors;
    private final ReduceFunctor[] reduceFunctors;
    /** VEC_OP bindings flattened: input count, funct, input widths, functor index, scalar-input mask. */
    private final int[] bindingInputCount;
    private final int[] bindingFunct;
    private final int[][] bindingWidths;
    private final int[] bindingFunctor;
    private final int[] bindingScalarMask;

    private final double[] mvmSramReadPerStep;
    private final double[] mvmIpuPerStep;
    private final double[] mvmAdderTreePerStep;
    private final double[] mvmShiftAdderPerStep;
    private final double[] mvmResultAdderPerVector;

    private long globalMemoryFree;
    /** Bytes the global memory served, over all cores. */
    long globalBytesRead;
    long globalBytesWritten;
    /** MEM_CPY count by kind: local to local, global load, global store. */
    long localCopies;
    long globalLoads;
    long globalStores;
    private final long[] vectorAddresses = new long[4];
    private final int[] vectorWidths = new int[5];
    private final int[] heap;
    private int heapSize;

    Engine(IsaProgram program, HardwareConfig hardware, SimulationOptions options, DataMemoryImage image) {
        this.hardware = hardware;
        this.options = options;
        this.layout = image != null ? image.layout() : new MemoryLayout(hardware);
        this.timing = new TimingModel(hardware, layout);
        this.energy = new EnergyModel(hardware, layout);
        this.noc = new NocModel(hardware);
        this.period = hardware.periodNanoseconds();
        this.coreCount = hardware.coreCount();
        if (program.cores().size() != coreCount) {
            throw new CimflowException("program has " + program.cores().size() + " core programs but the hardware "
                    + "configuration has " + coreCount + " cores; compile for " + coreCount + " cores or pick the "
                    + "matching configuration");
        }
        this.data = options.dataMode() ? new DataPath(image, hardware.core().cim()) : null;
        this.observer = options.dataMode() && image != null ? image.observer() : null;
        this.image = image;

        CoreConfig core = hardware.core();
        this.cim = core.cim();
        this.macroGroupCount = cim.macroGroupCount();
        this.compartments = cim.macro().compartments();
        this.rowsPerElement = cim.macro().rowsPerElement();
        this.mvmDrainCycles = timing.mvmDrainCycles();
        this.resultAdderLatencyCycles = cim.resultAdder().latencyCycles();
        this.simdPipeline = core.simdPipeline();
        this.reducePipeline = core.reducePipeline();
        this.transferPipeline = core.transferPipeline();
        this.scalarPicojoules = core.scalarDynamicPowerMilliwatts() * period;
        int memories = layout.count + 1;
        readPicojoulesPerCycle = new double[memories];
        writePicojoulesPerCycle = new double[memories];
        regBufferPicojoulesPerUnit = new double[memories];
        for (int id = 0; id < layout.count; id++) {
            MemoryConfig memory = layout.config[id];
            if (layout.kind[id] == MemoryLayout.KIND_CIM) {
                long bits = timing.cimWriteBitsPerCycle();
                writePicojoulesPerCycle[id] = cim.sram().writeDynamicPowerPerBitMilliwatts() * bits * period;
                readPicojoulesPerCycle[id] = cim.sram().readDynamicPowerPerBitMilliwatts() * bits * period;
            } else if (layout.kind[id] == MemoryLayout.KIND_REG_BUFFER) {
                regBufferPicojoulesPerUnit[id] = memory.readDynamicPowerMilliwatts() * period;
            } else {
                readPicojoulesPerCycle[id] = memory.readDynamicPowerMilliwatts() * period;
                writePicojoulesPerCycle[id] = memory.writeDynamicPowerMilliwatts() * period;
            }
        }
        int groupCount = cim.macroGroupCount();
        mvmSramReadPerStep = new double[groupCount + 1];
        mvmIpuPerStep = new double[groupCount + 1];
        mvmAdderTreePerStep = new double[groupCount + 1];
        mvmShiftAdderPerStep = new double[groupCount + 1];
        mvmResultAdderPerVector = new double[groupCount + 1];
        precomputeMvmEnergy();
        simdFunctors = core.simdFunctors().toArray(new SimdFunctor[0]);
        reduceFunctors = core.reduceFunctors().toArray(new ReduceFunctor[0]);
        List<int[]> bindings = new ArrayList<>();
        for (SimdInstruction instruction : core.simdInstructions()) {
            int scalarMask = 0;
            for (int k = 0; k < instruction.inputKinds().size(); k++) {
                if (instruction.inputKinds().get(k).equals("scalar")) {
                    scalarMask |= 1 << k;
                }
            }
            for (SimdInstruction.Binding binding : instruction.bindings()) {
                int functor = functorIndex(binding.functorName());
                int[] row = new int[8];
                row[0] = instruction.inputCount();
                row[1] = instruction.funct();
                for (int k = 0; k < 4; k++) {
                    row[2 + k] = k < binding.inputBitWidths().size() ? binding.inputBitWidths().get(k) : -1;
                }
                row[6] = functor;
                row[7] = scalarMask;
                bindings.add(row);
            }
        }
        bindingInputCount = new int[bindings.size()];
        bindingFunct = new int[bindings.size()];
        bindingWidths = new int[bindings.size()][];
        bindingFunctor = new int[bindings.size()];
        bindingScalarMask = new int[bindings.size()];
        for (int b = 0; b < bindings.size(); b++) {
            int[] row = bindings.get(b);
            bindingInputCount[b] = row[0];
            bindingFunct[b] = row[1];
            bindingWidths[b] = new int[] {row[2], row[3], row[4], row[5]};
            bindingFunctor[b] = row[6];
            bindingScalarMask[b] = row[7];
        }

        cores = new Core[coreCount];
        for (int id = 0; id < coreCount; id++) {
            List<Instruction> instructions = program.cores().get(id);
            checkRegisterFields(id, instructions);
            cores[id] = new Core(id, new DecodedProgram(instructions), memories, energy.componentCount);
        }
        heap = new int[coreCount];
    }

    private int functorIndex(String name) {
        for (int i = 0; i < simdFunctors.length; i++) {
            if (simdFunctors[i].name().equals(name)) {
                return i;
            }
        }
        throw new CimflowException("hardware configuration: simd instruction binding names functor '" + name
                + "', which is not in simd_unit_config.functor_list; add the functor or fix the name");
    }

    private static final String[] REGISTER_FIELDS = {"rs", "rt", "rd", "re", "rf"};

    private static void checkRegisterFields(int core, List<Instruction> instructions) {
        for (int i = 0; i < instructions.size(); i++) {
            Instruction instruction = instructions.get(i);
            int bad = -1;
            int value = 0;
            if (instruction.rs() < 0 || instruction.rs() > 31) {
                bad = 0;
                value = instruction.rs();
            } else if (instruction.rt() < 0 || instruction.rt() > 31) {
                bad = 1;
                value = instruction.rt();
            } else if (instruction.rd() < 0 || instruction.rd() > 31) {
                bad = 2;
                value = instruction.rd();
            } else if (instruction.re() < 0 || instruction.re() > 31) {
                bad = 3;
                value = instruction.re();
            } else if (instruction.rf() < 0 || instruction.rf() > 31) {
                bad = 4;
                value = instruction.rf();
            }
            if (bad >= 0) {
                throw new CimflowException("core " + core + " instruction " + i + " (" + instruction.opcode()
                        + "): register field " + REGISTER_FIELDS[bad] + " = " + value + " is outside 0..31; "
                        + "fix the instruction file");
            }
        }
    }

    // ---------------------------------------------------------------- scheduling

    /** Runs every core to completion; throws on deadlock, cycle budget overrun or an invalid access. */
    void run() {
        for (Core core : cores) {
            if (core.program.length == 0) {
                core.done = true;
            } else {
                heapPush(core.id);
            }
        }
        while (heapSize > 0) {
            Core core = cores[heapPop()];
            long limitCycle = Long.MAX_VALUE;
            int limitId = Integer.MAX_VALUE;
            if (heapSize > 0) {
                limitCycle = cores[heap[0]].nextIssue;
                limitId = heap[0];
            }
            runCore(core, limitCycle, limitId);
            if (!core.done && core.blockKind == BLOCK_NONE) {
                heapPush(core.id);
            }
        }
        for (Core core : cores) {
            if (!core.done) {
                throw deadlock();
            }
        }
    }

    private void runCore(Core core, long limitCycle, int limitId) {
        DecodedProgram program = core.program;
        long maxCycles = options.maxCycles();
        InstructionObserver instructionObserver = observer;
        while (true) {
            if (core.pc == program.length) {
                core.done = true;
                return;
            }
            long cycle = core.nextIssue;
            if (SHARED[program.opcode[core.pc]]
                    && (cycle > limitCycle || (cycle == limitCycle && core.id > limitId))) {
                return;
            }
            if (maxCycles > 0 && cycle >= maxCycles) {
                throw error(core, core.pc, "the simulation reached the cycle budget of " + maxCycles
                        + " cycles at this instruction; raise --max-cycles or check the program for an endless loop");
            }
            if (instructionObserver == null) {
                if (layerProfiler == null) {
                    step(core);
                } else {
                    layerProfiler.step(core);
                }
            } else {
                int pc = core.pc;
                if (layerProfiler == null) {
                    step(core);
                } else {
                    layerProfiler.step(core);
                }
                if (core.blockKind == BLOCK_NONE) {
                    instructionObserver.executed(core.id, pc, core.pc, image);
                }
            }
            if (core.blockKind != BLOCK_NONE) {
                return;
            }
        }
    }

    private boolean before(int a, int b) {
        long cycleA = cores[a].nextIssue;
        long cycleB = cores[b].nextIssue;
        return cycleA < cycleB || (cycleA == cycleB && a < b);
    }

    private void heapPush(int id) {
        int index = heapSize++;
        heap[index] = id;
        while (index > 0) {
            int parent = (index - 1) / 2;
            if (!before(heap[index], heap[parent])) {
                break;
            }
            int swap = heap[parent];
            heap[parent] = heap[index];
            heap[index] = swap;
            index = parent;
        }
    }

    private int heapPop() {
        int top = heap[0];
        heap[0] = heap[--heapSize];
        int index = 0;
        while (true) {
            int left = 2 * index + 1;
            int smallest = index;
            if (left < heapSize && before(heap[left], heap[smallest])) {
                smallest = left;
            }
            if (left + 1 < heapSize && before(heap[left + 1], heap[smallest])) {
                smallest = left + 1;
            }
            if (smallest == index) {
                return top;
            }
            int swap = heap[smallest];
            heap[smallest] = heap[index];
            heap[index] = swap;
            index = smallest;
        }
    }

    // ---------------------------------------------------------------- dispatch

    void step(Core core) {
        DecodedProgram program = core.program;
        int pc = core.pc;
        int opcode = program.opcode[pc];
        core.executed++;
        core.opcodeCount[opcode]++;
        int[] grf = core.grf;
        switch (opcode) {
            case 32: // SC_RR
                grf[program.rd[pc]] = alu(core, pc, program.funct[pc], grf[program.rs[pc]], grf[program.rt[pc]]);
                scalar(core, core.nextIssue);
                break;
            case 36: // SC_RI
                grf[program.rd[pc]] = alu(core, pc, program.funct[pc], grf[program.rs[pc]], program.imm[pc]);
                scalar(core, core.nextIssue);
                break;
            case 44: // G_LI
                grf[program.rd[pc]] = program.imm[pc];
                scalar(core, core.nextIssue);
                break;
            case 45: // S_LI
                core.srf[program.rd[pc]] = program.imm[pc];
                scalar(core, core.nextIssue);
                break;
            case 46: // GS_MOV
                core.srf[program.rd[pc]] = grf[program.rs[pc]];
                scalar(core, core.nextIssue);
                break;
            case 47: // SG_MOV
                grf[program.rd[pc]] = core.srf[program.rs[pc]];
                scalar(core, core.nextIssue);
                break;
            case 40: // SC_LD
            case 41: // SC_ST
                scalarMemory(core, pc, opcode == 41);
                break;
            case 56: // BEQ
            case 57: // BNE
            case 58: // BGT
            case 59: // BLT
                branch(core, pc, opcode);
                break;
            case 60: // JMP
                jump(core, pc, program.imm[pc]);
                break;
            case 16:
            case 20:
            case 24:
            case 28:
                vector(core, pc, ((opcode >> 2) & 3) + 1);
                break;
            case 17:
                reduce(core, pc);
                break;
            case 0:
                mvm(core, pc);
                break;
            case 4:
                cimConfigure(core, pc);
                break;
            case 8:
                cimOutput(core, pc);
                break;
            case 48:
            case 49:
            case 50:
            case 51:
                memoryCopy(core, pc, opcode);
                break;
            case 42: // SC_LDG
            case 43: // SC_STG
                globalWord(core, pc, opcode == 43);
                break;
            case 52:
                send(core, pc);
                break;
            case 54:
                receive(core, pc);
                break;
            case 61:
                await(core, pc);
                break;
            case 62:
                barrier(core, pc);
                break;
            case 63:
                tag(core, pc);
                break;
            default:
                throw error(core, pc, "opcode " + opcode + " is not executed by the simulator; "
                        + "remove it from the program");
        }
    }

    // ---------------------------------------------------------------- scalar and control

    private int alu(Core core, int pc, int funct, int a, int b) {
        switch (funct) {
            case 0:
                return a + b;
            case 1:
                return a - b;
            case 2:
                return a * b;
            case 3:
                if (b == 0) {
                    throw error(core, pc, "division by zero (divisor register is 0)");
                }
                return a / b;
            case 4:
                return a << (b & 31);
            case 5:
                return a >>> (b & 31);
            case 6:
                return a >> (b & 31);
            case 7:
                if (b == 0) {
                    throw error(core, pc, "modulo by zero (divisor register is 0)");
                }
                return a % b;
            case 8:
                return Math.min(a, b);
            case 9:
                return Math.max(a, b);
            case 10:
                return a & b;
            case 11:
                return a | b;
            case 12:
                return a == b ? 1 : 0;
            case 13:
                return a != b ? 1 : 0;
            case 14:
                return a > b ? 1 : 0;
            case 15:
                return a < b ? 1 : 0;
            default:
                throw error(core, pc, "scalar funct " + funct + " is not one of 0..15 (ADD .. LT)");
        }
    }

    /** Finishes a one-cycle scalar instruction issued at {@code cycle}. */
    private void scalar(Core core, long cycle) {
        long end = cycle + TimingModel.SINGLE_CYCLE;
        core.nextIssue = end;
        if (end > core.finishCycle) {
            core.finishCycle = end;
        }
        core.energyPicojoules[EnergyModel.SCALAR] += scalarPicojoules;
        busy(core, UNIT_SCALAR, cycle, end);
        core.opcodeCycles[core.program.opcode[core.pc]] += TimingModel.SINGLE_CYCLE;
        core.pc++;
    }

    private void scalarMemory(Core core, int pc, boolean store) {
        DecodedProgram program = core.program;
        long address = (long) core.grf[program.rs[pc]] + program.imm[pc];
        int memory = checkRange(core, pc, address, 4, store ? "store" : "load");
        if (memory == layout.globalId || memory == layout.cimId) {
            throw error(core, pc, "address " + address + " is in " + layout.names[memory]
                    + "; SC_LD and SC_ST reach local memories only (use SC_LDG/SC_STG or MEM_CPY for global memory)");
        }
        int mask = 1 << memory;
        long cycle = Math.max(core.nextIssue, hazardReady(core, UNIT_SCALAR, store ? 0 : mask, store ? mask : 0));
        if (store) {
            if (data != null) {
                data.storeWord(core.id, address, core.grf[program.rt[pc]]);
            }
        } else {
            core.grf[program.rd[pc]] = data != null ? data.loadWord(core.id, address) : 0;
        }
        chargeAccess(core, memory, 4, store);
        hold(core, UNIT_SCALAR, store ? 0 : mask, store ? mask : 0, cycle + TimingModel.SINGLE_CYCLE);
        scalar(core, cycle);
    }

    private void branch(Core core, int pc, int opcode) {
        DecodedProgram program = core.program;
        int a = core.grf[program.rs[pc]];
        int b = core.grf[program.rt[pc]];
        boolean taken;
        switch (opcode) {
            case 56:
                taken = a == b;
                break;
            case 57:
                taken = a != b;
                break;
            case 58:
                taken = a > b;
                break;
            default:
                taken = a < b;
                break;
        }
        if (taken) {
            jump(core, pc, program.imm[pc]);
        } else {
            control(core, pc + 1);
        }
    }

    private void jump(Core core, int pc, int offset) {
        long target = (long) pc + offset;
        if (target < 0 || target > core.program.length) {
            throw error(core, pc, "branch target " + target + " is outside the program [0, " + core.program.length
                    + "]; fix the offset " + offset);
        }
        control(core, (int) target);
    }

    /** Finishes a branch or jump: resolved in decode, one issue slot, no execute unit. */
    private void control(Core core, int nextPc) {
        long end = core.nextIssue + TimingModel.SINGLE_CYCLE;
        core.nextIssue = end;
        if (end > core.finishCycle) {
            core.finishCycle = end;
        }
        core.opcodeCycles[core.program.opcode[core.pc]] += TimingModel.SINGLE_CYCLE;
        core.pc = nextPc;
    }

    // ---------------------------------------------------------------- hazards and bookkeeping

    /**
     * Returns the first cycle an instruction of {@code unit} reading and writing these memories may issue:
     * after every other unit's in-flight use of a shared memory is released, and after the same
     * unit's in-flight writes to a memory it reads.
     */
    private static long hazardReady(Core core, int unit, int readMask, int writeMask) {
        int[] holder = core.holder;
        long[] release = core.release;
        long[] writeRelease = core.writeRelease;
        long ready = 0;
        int used = readMask | writeMask;
        while (used != 0) {
            int memory = Integer.numberOfTrailingZeros(used);
            used &= used - 1;
            if (holder[memory] != unit) {
                ready = Math.max(ready, release[memory]);
            } else if ((readMask & (1 << memory)) != 0) {
                ready = Math.max(ready, writeRelease[memory]);
            }
        }
        return ready;
    }

    private static void hold(Core core, int unit, int readMask, int writeMask, long releaseCycle) {
        int[] holder = core.holder;
        long[] release = core.release;
        long[] writeRelease = core.writeRelease;
        int used = readMask | writeMask;
        while (used != 0) {
            int memory = Integer.numberOfTrailingZeros(used);
            used &= used - 1;
            boolean writes = (writeMask & (1 << memory)) != 0;
            if (holder[memory] != unit) {
                holder[memory] = unit;
                release[memory] = releaseCycle;
                writeRelease[memory] = writes ? releaseCycle : 0;
            } else {
                if (releaseCycle > release[memory]) {
                    release[memory] = releaseCycle;
                }
                if (writes && releaseCycle > writeRelease[memory]) {
                    writeRelease[memory] = releaseCycle;
                }
            }
        }
    }

    /** Adds [start, end) to the unit's busy time; starts are nondecreasing per unit, so this is the union. */
    private static void busy(Core core, int unit, long start, long end) {
        long from = Math.max(start, core.unitBusyEnd[unit]);
        if (end > from) {
            core.unitBusyCycles[unit] += end - from;
            core.unitBusyEnd[unit] = end;
        }
    }

    /** Books a unit instruction issued at {@code cycle} that occupies its unit until {@code end}. */
    private void finish(Core core, int unit, int readMask, int writeMask, long cycle, long accept, long release,
                        long end) {
        core.unitAccept[unit] = accept;
        hold(core, unit, readMask, writeMask, release);
        busy(core, unit, cycle, end);
        core.nextIssue = cycle + TimingModel.SINGLE_CYCLE;
        if (end > core.finishCycle) {
            core.finishCycle = end;
        }
        core.opcodeCycles[core.program.opcode[core.pc]] += end - cycle;
        core.pc++;
    }

    private void chargeAccess(Core core, int memory, long bytes, boolean write) {
        if (bytes <= 0) {
            return;
        }
        int kind = layout.kind[memory];
        if (kind == MemoryLayout.KIND_REG_BUFFER) {
            long units = TimingModel.ceilDiv(bytes, layout.config[memory].unitBytes());
            core.energyPicojoules[write ? energy.memoryWrite(memory) : energy.memoryRead(memory)] +=
                    units * regBufferPicojoulesPerUnit[memory];
            return;
        }
        long cycles = timing.accessCycles(memory, bytes, write);
        if (kind == MemoryLayout.KIND_CIM) {
            core.energyPicojoules[write ? EnergyModel.SRAM_WRITE : EnergyModel.SRAM_READ] +=
                    cycles * (write ? writePicojoulesPerCycle[memory] : readPicojoulesPerCycle[memory]);
            return;
        }
        core.energyPicojoules[write ? energy.memoryWrite(memory) : energy.memoryRead(memory)] +=
                cycles * (write ? writePicojoulesPerCycle[memory] : readPicojoulesPerCycle[memory]);
    }

    private int checkRange(Core core, int pc, long address, long length, String what) {
        if (length < 0) {
            throw error(core, pc, what + " length " + length + " is negative; fix the size register");
        }
        int memory = layout.memoryOf(address, length);
        if (memory < 0) {
            throw error(core, pc, what + " range [" + address + ", " + (address + length)
                    + ") is not inside one memory (" + layout.describe() + "); fix the address or the length");
        }
        return memory;
    }

    CimflowException error(Core core, int pc, String message) {
        Opcode opcode = Opcode.fromCode(core.program.opcode[pc]);
        return new CimflowException("core " + core.id + " instruction " + pc + " ("
                + (opcode == null ? core.program.opcode[pc] : opcode.name()) + "): " + message);
    }

    // ---------------------------------------------------------------- vector and reduce

    private void vector(Core core, int pc, int inputCount) {
        DecodedProgram program = core.program;
        int[] srf = core.srf;
        int funct = program.funct[pc];
        long length = core.grf[program.re[pc]];
        if (length < 0) {
            throw error(core, pc, "vector length " + length + " is negative; fix register r" + program.re[pc]);
        }
        int binding = findBinding(inputCount, funct, srf);
        if (binding < 0) {
            throw error(core, pc, "no SIMD functor binds funct " + funct + " with " + inputCount
                    + " inputs of widths " + widthsText(srf, inputCount) + " bits (VEC_IBW1..4); set the widths to a "
                    + "bound combination or add a binding to simd_unit_config.instruction_list");
        }
        SimdFunctor functor = simdFunctors[bindingFunctor[binding]];
        int scalarMask = bindingScalarMask[binding];
        long[] addresses = vectorAddresses;
        addresses[0] = core.grf[program.rs[pc]];
        addresses[1] = core.grf[program.rt[pc]];
        addresses[2] = srf[SRF_VEC_IA3];
        addresses[3] = srf[SRF_VEC_IA4];
        int outputBits = srf[SRF_VEC_OBW] != 0 ? srf[SRF_VEC_OBW] : functor.outputBitWidth();
        long lanes = functor.functorCount();
        long batches = Math.max(1, TimingModel.ceilDiv(length, lanes));
        long batchLength = Math.max(1, Math.min(length, lanes));

        int readMask = 0;
        long scalarRead = 0;
        long batchRead = 0;
        for (int k = 0; k < inputCount; k++) {
            int bits = srf[SRF_VEC_IBW1 + k];
            boolean scalarInput = (scalarMask & (1 << k)) != 0;
            long bytes = TimingModel.ceilDiv((scalarInput ? 1 : length) * bits, 8);
            int memory = checkRange(core, pc, addresses[k], bytes, INPUT_NAMES[k]);
            readMask |= 1 << memory;
            chargeAccess(core, memory, bytes, false);
            if (scalarInput) {
                scalarRead += timing.accessCycles(memory, bytes, false);
            } else {
                batchRead += timing.accessCycles(memory, TimingModel.ceilDiv(batchLength * bits, 8), false);
            }
        }
        long outputAddress = core.grf[program.rd[pc]];
        long outputBytes = TimingModel.ceilDiv(length * outputBits, 8);
        int outputMemory = checkRange(core, pc, outputAddress, outputBytes, "output");
        int writeMask = 1 << outputMemory;
        chargeAccess(core, outputMemory, outputBytes, true);
        long batchWrite = timing.accessCycles(outputMemory, TimingModel.ceilDiv(batchLength * outputBits, 8), true);
        boolean overlap = simdPipeline && (readMask & writeMask) == 0;
        long duration = timing.vectorCycles(batches, scalarRead, batchRead, functor.latencyCycles(),
                functor.pipelineStages(), batchWrite, overlap);
        core.energyPicojoules[energy.simd(bindingFunctor[binding])] +=
                functor.dynamicPowerPerFunctorMilliwatts() * length * functor.latencyCycles() * period;

        long cycle = Math.max(Math.max(core.nextIssue, core.unitAccept[UNIT_VECTOR]),
                hazardReady(core, UNIT_VECTOR, readMask, writeMask));
        if (data != null) {
            int[] widths = vectorWidths;
            for (int k = 0; k < 4; k++) {
                widths[k] = srf[SRF_VEC_IBW1 + k];
            }
            widths[4] = outputBits;
            String problem = data.vector(core.id, funct, addresses, inputCount, outputAddress, (int) length, widths);
            if (problem != null) {
                throw error(core, pc, "data mode: " + problem);
            }
        }
        long end = cycle + duration;
        finish(core, UNIT_VECTOR, readMask, writeMask, cycle, end, end, end);
    }

    private int findBinding(int inputCount, int funct, int[] srf) {
        for (int b = 0; b < bindingFunct.length; b++) {
            if (bindingInputCount[b] != inputCount || bindingFunct[b] != funct) {
                continue;
            }
            int[] widths = bindingWidths[b];
            boolean match = true;
            for (int k = 0; k < inputCount; k++) {
                if (widths[k] != srf[SRF_VEC_IBW1 + k]) {
                    match = false;
                    break;
                }
            }
            if (match) {
                return b;
            }
        }
        return -1;
    }

    private static String widthsText(int[] srf, int inputCount) {
        StringBuilder text = new StringBuilder("[");
        for (int k = 0; k < inputCount; k++) {
            text.append(k == 0 ? "" : ", ").append(srf[SRF_VEC_IBW1 + k]);
        }
        return text.append(']').toString();
    }

    private void reduce(Core core, int pc) {
        DecodedProgram program = core.program;
        int funct = program.funct[pc];
        int index = -1;
        for (int i = 0; i < reduceFunctors.length; i++) {
            if (reduceFunctors[i].funct() == funct) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            throw error(core, pc, "no reduce functor has funct " + funct
                    + "; add one to reduce_unit_config.functor_list or fix the funct");
        }
        ReduceFunctor functor = reduceFunctors[index];
        long length = core.grf[program.rt[pc]];
        if (length < 0) {
            throw error(core, pc, "reduce length " + length + " is negative; fix register r" + program.rt[pc]);
        }
        int inputBits = core.srf[SRF_VEC_IBW1] != 0 ? core.srf[SRF_VEC_IBW1] : functor.inputBitWidth();
        int outputBits = core.srf[SRF_VEC_OBW] != 0 ? core.srf[SRF_VEC_OBW] : functor.outputBitWidth();
        long inputAddress = core.grf[program.rs[pc]];
        long outputAddress = core.grf[program.rd[pc]];
        long inputBytes = TimingModel.ceilDiv(length * inputBits, 8);
        long outputBytes = TimingModel.ceilDiv(outputBits, 8);
        int inputMemory = checkRange(core, pc, inputAddress, inputBytes, "input");
        int outputMemory = checkRange(core, pc, outputAddress, outputBytes, "output");
        int readMask = 1 << inputMemory;
        int writeMask = 1 << outputMemory;
        long perBatch = functor.reduceInputCount();
        long batches = Math.max(1, TimingModel.ceilDiv(length, perBatch));
        long batchRead = timing.accessCycles(inputMemory,
                TimingModel.ceilDiv(Math.min(Math.max(length, 1), perBatch) * inputBits, 8), false);
        long write = timing.accessCycles(outputMemory, outputBytes, true);
        long duration = timing.reduceCycles(batches, batchRead, functor.latencyCycles(), functor.pipelineStages(),
                write, reducePipeline);
        chargeAccess(core, inputMemory, inputBytes, false);
        chargeAccess(core, outputMemory, outputBytes, true);
        core.energyPicojoules[energy.reduce(index)] +=
                functor.dynamicPowerMilliwatts() * batches * functor.latencyCycles() * period;

        long cycle = Math.max(Math.max(core.nextIssue, core.unitAccept[UNIT_REDUCE]),
                hazardReady(core, UNIT_REDUCE, readMask, writeMask));
        if (data != null) {
            String problem = data.reduce(core.id, funct, inputAddress, outputAddress, (int) length, inputBits,
                    outputBits);
            if (problem != null) {
                throw error(core, pc, "data mode: " + problem);
            }
        }
        long end = cycle + duration;
        finish(core, UNIT_REDUCE, readMask, writeMask, cycle, end, end, end);
    }

    // ---------------------------------------------------------------- CIM

    private void mvm(Core core, int pc) {
        DecodedProgram program = core.program;
        int[] srf = core.srf;
        int flags = program.flags[pc];
        int inputBits = srf[SRF_CIM_IBW];
        int groups = srf[SRF_CIM_AG];
        int groupCount = macroGroupCount;
        if (inputBits <= 0 || inputBits > 32) {
            throw error(core, pc, "CIM_IBW (special register 0) is " + inputBits
                    + "; set it to the input bit width (1..32) with S_LI before CIM_MVM");
        }
        if (groups <= 0 || groups > groupCount) {
            throw error(core, pc, "CIM_AG (special register 4) is " + groups + ", not in 1.." + groupCount
                    + " (K macro groups); set the active group count with S_LI before CIM_MVM");
        }
        int length = core.grf[program.rt[pc]];
        if (length <= 0 || length > compartments) {
            throw error(core, pc, "input length " + length + " (r" + program.rt[pc] + ") is not in 1.." + compartments
                    + " (H compartments per macro); split the reduction");
        }
        int vectors = (flags & Instruction.FLAG_BATCH) != 0 ? core.grf[program.rf[pc]] : 1;
        if (vectors <= 0) {
            throw error(core, pc, "batch count " + vectors + " (r" + program.rf[pc] + ") must be positive");
        }
        int row = core.grf[program.re[pc]];
        int rows = rowsPerElement;
        if (row < 0 || row + vectors > rows) {
            throw error(core, pc, "weight rows [" + row + ", " + (row + vectors) + ") are not inside 0.." + (rows - 1)
                    + " (m rows per element); fix the row register r" + program.re[pc]);
        }
        boolean grouped = (flags & Instruction.FLAG_GRP) != 0;
        long vectorBytes = TimingModel.ceilDiv((long) length * inputBits, 8);
        long groupStep = grouped ? srf[SRF_CIM_GSTEP] : 0;
        long base = core.grf[program.rs[pc]];
        int inputMemory = checkRange(core, pc, base, vectors * vectorBytes, "input");
        if (grouped && groups > 1) {
            long lastGroup = base + (groups - 1) * groupStep;
            int lastMemory = layout.memoryOf(lastGroup, vectors * vectorBytes);
            if (lastMemory < 0) {
                // Throws. The label is built only here, so a valid MVM allocates nothing.
                checkRange(core, pc, lastGroup, vectors * vectorBytes, "input of group " + (groups - 1));
            }
            if (lastMemory != inputMemory) {
                throw error(core, pc, "the inputs of groups 0 and " + (groups - 1) + " lie in different memories; "
                        + "keep CIM_GSTEP inside one memory");
            }
        }
        int readMask = (1 << inputMemory) | (1 << layout.cimId);
        int writeMask = 1 << layout.accumulatorId;

        long reads = grouped ? groups : 1;
        long readCycles = reads * timing.accessCycles(inputMemory, vectorBytes, false);
        long interval = timing.mvmIntervalCycles(readCycles, inputBits);
        long cycle = Math.max(Math.max(core.nextIssue, core.unitAccept[UNIT_CIM]),
                hazardReady(core, UNIT_CIM, readMask, writeMask));
        long accept = cycle + vectors * interval;
        long end = accept + mvmDrainCycles;
        long release = end - resultAdderLatencyCycles;

        chargeMvm(core, inputMemory, vectorBytes * reads * vectors, groups, inputBits, vectors);
        core.mvmVectors += vectors;
        if (data != null) {
            if (inputBits != 8) {
                throw error(core, pc, "data mode computes 8-bit inputs only; CIM_IBW is " + inputBits);
            }
            long macroBase = layout.base[layout.cimId];
            for (int b = 0; b < vectors; b++) {
                data.mvm(core.id, base + b * vectorBytes, groupStep, length, row + b, groups, macroBase);
            }
        }
        finish(core, UNIT_CIM, readMask, writeMask, cycle, accept, release, end);
    }

    private void chargeMvm(Core core, int inputMemory, long inputBytes, int groups, int inputBits, int vectors) {
        chargeAccess(core, inputMemory, inputBytes, false);
        double[] energyPicojoules = core.energyPicojoules;
        long steps = (long) inputBits * vectors;
        energyPicojoules[EnergyModel.SRAM_READ] += mvmSramReadPerStep[groups] * steps;
        energyPicojoules[EnergyModel.IPU] += mvmIpuPerStep[groups] * steps;
        energyPicojoules[EnergyModel.ADDER_TREE] += mvmAdderTreePerStep[groups] * steps;
        energyPicojoules[EnergyModel.SHIFT_ADDER] += mvmShiftAdderPerStep[groups] * steps;
        energyPicojoules[EnergyModel.RESULT_ADDER] += mvmResultAdderPerVector[groups] * vectors;
    }

    /**
     * Fills the per-event MVM energies for each active group count: per input bit, SRAM read of
     * n·W·H bits per active macro, the IPU of each active group, adder tree and shift adder per
     * element column per active macro; once per vector, the result adder.
     */
    private void precomputeMvmEnergy() {
        long columns = cim.macro().elementsPerCompartment();
        long bitsPerMacro = (long) cim.macro().bitsPerRow() * columns * cim.macro().compartments();
        for (int groups = 0; groups <= cim.macroGroupCount(); groups++) {
            long macros = (long) groups * cim.macroGroupSize();
            mvmSramReadPerStep[groups] = cim.sram().readDynamicPowerPerBitMilliwatts() * bitsPerMacro * macros
                    * cim.sram().readLatencyCycles() * period;
            mvmIpuPerStep[groups] = cim.ipu().dynamicPowerMilliwatts() * groups * cim.ipu().latencyCycles() * period;
            mvmAdderTreePerStep[groups] = cim.adderTree().dynamicPowerMilliwatts() * columns * macros
                    * cim.adderTree().latencyCycles() * period;
            mvmShiftAdderPerStep[groups] = cim.shiftAdder().dynamicPowerMilliwatts() * columns * macros
                    * cim.shiftAdder().latencyCycles() * period;
            mvmResultAdderPerVector[groups] = cim.resultAdder().dynamicPowerMilliwatts() * columns * macros
                    * cim.resultAdder().latencyCycles() * period;
        }
    }

    private void cimConfigure(Core core, int pc) {
        DecodedProgram program = core.program;
        long maskBytes = TimingModel.ceilDiv((long) cim.macro().elementsPerCompartment() * cim.macroGroupSize(), 8);
        long address = core.grf[program.rt[pc]];
        int memory = checkRange(core, pc, address, maskBytes, "activation mask");
        int readMask = 1 << memory;
        int writeMask = 1 << layout.accumulatorId;
        long duration = timing.accessCycles(memory, maskBytes, false) + TimingModel.SINGLE_CYCLE;
        chargeAccess(core, memory, maskBytes, false);
        long cycle = Math.max(Math.max(core.nextIssue, core.unitAccept[UNIT_CIM_CONTROL]),
                hazardReady(core, UNIT_CIM_CONTROL, readMask, writeMask));
        long end = cycle + duration;
        finish(core, UNIT_CIM_CONTROL, readMask, writeMask, cycle, end, end, end);
    }

    private void cimOutput(Core core, int pc) {
        DecodedProgram program = core.program;
        int outputs = core.grf[program.rs[pc]];
        int perGroup = cim.outputChannelsPerGroup();
        if (outputs < 0 || outputs > perGroup) {
            throw error(core, pc, "outputs per group " + outputs + " (r" + program.rs[pc] + ") is not in 0.."
                    + perGroup + " (8·T columns of a group)");
        }
        int groups = core.srf[SRF_CIM_AG];
        if (groups <= 0 || groups > cim.macroGroupCount()) {
            throw error(core, pc, "CIM_AG (special register 4) is " + groups + ", not in 1.."
                    + cim.macroGroupCount() + "; set the active group count with S_LI before CIM_OUT");
        }
        int outputBits = core.srf[SRF_CIM_OBW] != 0 ? core.srf[SRF_CIM_OBW] : 32;
        boolean sum = (program.flags[pc] & (Instruction.FLAG_OSUM | Instruction.FLAG_OSUM_MOV)) != 0;
        long bytes = TimingModel.ceilDiv((long) outputBits * outputs * (sum ? 1 : groups), 8);
        long address = core.grf[program.rd[pc]];
        int memory = checkRange(core, pc, address, bytes, "output");

        int readMask = 1 << layout.accumulatorId;
        int writeMask = 1 << memory;
        long duration = Math.max(TimingModel.SINGLE_CYCLE,
                (sum ? timing.outputSumCycles() : 0) + timing.accessCycles(memory, bytes, true));
        chargeAccess(core, memory, bytes, true);
        long cycle = Math.max(Math.max(core.nextIssue, core.unitAccept[UNIT_CIM_CONTROL]),
                hazardReady(core, UNIT_CIM_CONTROL, readMask, writeMask));
        if (data != null) {
            if (outputBits != 32) {
                throw error(core, pc, "data mode writes int32 outputs only; CIM_OBW is " + outputBits);
            }
            data.cimOut(core.id, address, outputs, groups, sum);
        }
        long end = cycle + duration;
        finish(core, UNIT_CIM_CONTROL, readMask, writeMask, cycle, end, end, end);
    }

    // ---------------------------------------------------------------- transfers

    private void memoryCopy(Core core, int pc, int opcode) {
        DecodedProgram program = core.program;
        int imm = program.imm[pc];
        long source = (long) core.grf[program.rs[pc]] + ((opcode & 2) != 0 ? imm : 0);
        long destination = (long) core.grf[program.rd[pc]] + ((opcode & 1) != 0 ? imm : 0);
        long bytes = core.grf[program.rt[pc]];
        int sourceMemory = checkRange(core, pc, source, bytes, "source");
        int destinationMemory = checkRange(core, pc, destination, bytes, "destination");
        int global = layout.globalId;
        if (sourceMemory == global && destinationMemory == global) {
            throw error(core, pc, "copies from global memory to global memory are not supported; "
                    + "stage the data through a local memory");
        }
        int readMask = 1 << sourceMemory;
        int writeMask = 1 << destinationMemory;
        long cycle = Math.max(Math.max(core.nextIssue, core.unitAccept[UNIT_TRANSFER]),
                hazardReady(core, UNIT_TRANSFER, readMask, writeMask));

        long end;
        if (sourceMemory == global) {
            globalLoads++;
            globalBytesRead += bytes;
            long requestArrival = noc.send(core.id, noc.globalEndpoint(), TimingModel.HANDSHAKE_BYTES, cycle);
            long readEnd = globalAccess(requestArrival, bytes, false);
            long responseArrival = noc.send(noc.globalEndpoint(), core.id, bytes, readEnd);
            end = responseArrival + timing.accessCycles(destinationMemory, bytes, true);
        } else if (destinationMemory == global) {
            globalStores++;
            globalBytesWritten += bytes;
            long readEnd = cycle + timing.accessCycles(sourceMemory, bytes, false);
            long dataArrival = noc.send(core.id, noc.globalEndpoint(), bytes, readEnd);
            long writeEnd = globalAccess(dataArrival, bytes, true);
            end = noc.send(noc.globalEndpoint(), core.id, TimingModel.HANDSHAKE_BYTES, writeEnd);
        } else {
            localCopies++;
            end = cycle + timing.copyCycles(sourceMemory, destinationMemory, bytes, transferPipeline);
        }
        end = Math.max(end, cycle + TimingModel.SINGLE_CYCLE);

        chargeAccess(core, sourceMemory, bytes, false);
        chargeAccess(core, destinationMemory, bytes, true);
        if (data != null) {
            data.copy(core.id, source, core.id, destination, (int) bytes);
        }
        finish(core, UNIT_TRANSFER, readMask, writeMask, cycle, end, end, end);
    }

    /** Serves one global memory access in FIFO order from {@code arrival}; returns its end cycle. */
    private long globalAccess(long arrival, long bytes, boolean write) {
        long start = Math.max(arrival, globalMemoryFree);
        long end = start + timing.accessCycles(layout.globalId, bytes, write);
        globalMemoryFree = end;
        return end;
    }

    private void globalWord(Core core, int pc, boolean store) {
        DecodedProgram program = core.program;
        long address = (long) core.grf[program.rs[pc]] + program.imm[pc];
        int memory = checkRange(core, pc, address, 4, store ? "store" : "load");
        if (memory != layout.globalId) {
            throw error(core, pc, "address " + address + " is in " + layout.names[memory]
                    + ", not in global memory; use SC_LD/SC_ST for local memories");
        }
        int mask = 1 << memory;
        long cycle = Math.max(Math.max(core.nextIssue, core.unitAccept[UNIT_TRANSFER]),
                hazardReady(core, UNIT_TRANSFER, store ? 0 : mask, store ? mask : 0));
        long end;
        if (store) {
            long arrival = noc.send(core.id, noc.globalEndpoint(), 4, cycle);
            end = noc.send(noc.globalEndpoint(), core.id, TimingModel.HANDSHAKE_BYTES, globalAccess(arrival, 4, true));
            if (data != null) {
                data.storeWord(core.id, address, core.grf[program.rt[pc]]);
            }
        } else {
            long arrival = noc.send(core.id, noc.globalEndpoint(), TimingModel.HANDSHAKE_BYTES, cycle);
            end = noc.send(noc.globalEndpoint(), core.id, 4, globalAccess(arrival, 4, false));
            core.grf[program.rd[pc]] = data != null ? data.loadWord(core.id, address) : 0;
        }
        chargeAccess(core, memory, 4, store);
        finish(core, UNIT_TRANSFER, store ? 0 : mask, store ? mask : 0, cycle, end, end, end);
    }

    private void send(Core core, int pc) {
        DecodedProgram program = core.program;
        int destination = core.grf[program.rt[pc]];
        if (destination < 0 || destination >= coreCount || destination == core.id) {
            throw error(core, pc, "destination core " + destination + " (r" + program.rt[pc] + ") is not another "
                    + "core in [0, " + coreCount + ")");
        }
        long bytes = core.grf[program.re[pc]];
        long address = core.grf[program.rs[pc]];
        int memory = checkLocal(core, pc, address, bytes, "source");
        int readMask = 1 << memory;
        long cycle = Math.max(Math.max(core.nextIssue, core.unitAccept[UNIT_TRANSFER]),
                hazardReady(core, UNIT_TRANSFER, readMask, 0));
        block(core, pc, BLOCK_SEND, cycle, UNIT_TRANSFER, readMask, 0);
        core.blockPeer = destination;
        core.blockId = core.grf[program.rf[pc]];
        core.blockBytes = bytes;
        core.blockAddress = address;
        core.blockMemory = memory;
        core.blockHandshakeArrival = noc.send(core.id, destination, TimingModel.HANDSHAKE_BYTES, cycle);
        Core receiver = cores[destination];
        if (receiver.blockKind == BLOCK_RECV && receiver.blockPeer == core.id && receiver.blockId == core.blockId) {
            rendezvous(core, receiver, core);
        }
    }

    private void receive(Core core, int pc) {
        DecodedProgram program = core.program;
        int source = core.grf[program.rs[pc]];
        if (source < 0 || source >= coreCount || source == core.id) {
            throw error(core, pc, "source core " + source + " (r" + program.rs[pc] + ") is not another "
                    + "core in [0, " + coreCount + ")");
        }
        long bytes = core.grf[program.re[pc]];
        long address = core.grf[program.rd[pc]];
        int memory = checkLocal(core, pc, address, bytes, "destination");
        int writeMask = 1 << memory;
        long cycle = Math.max(Math.max(core.nextIssue, core.unitAccept[UNIT_TRANSFER]),
                hazardReady(core, UNIT_TRANSFER, 0, writeMask));
        block(core, pc, BLOCK_RECV, cycle, UNIT_TRANSFER, 0, writeMask);
        core.blockPeer = source;
        core.blockId = core.grf[program.rf[pc]];
        core.blockBytes = bytes;
        core.blockAddress = address;
        core.blockMemory = memory;
        Core sender = cores[source];
        if (sender.blockKind == BLOCK_SEND && sender.blockPeer == core.id && sender.blockId == core.blockId) {
            rendezvous(sender, core, core);
        }
    }

    private int checkLocal(Core core, int pc, long address, long bytes, String what) {
        int memory = checkRange(core, pc, address, bytes, what);
        if (memory == layout.globalId) {
            throw error(core, pc, what + " address " + address + " is in global memory; SEND and RECV move data "
                    + "between local memories, so load it with MEM_CPY first");
        }
        return memory;
    }

    /**
     * Completes a matched SEND/RECV pair. The sender's ready message is already on its way; the
     * receiver replies when both it has issued and that message has arrived; the sender then reads
     * its data and sends it; the receiver writes it. The SEND ends when its data is handed to the
     * network, the RECV when the data is written.
     */
    private void rendezvous(Core sender, Core receiver, Core current) {
        if (sender.blockBytes != receiver.blockBytes) {
            Core other = current == sender ? receiver : sender;
            throw error(current, current.blockPc, (current == sender ? "sends " : "receives ") + current.blockBytes
                    + " bytes with transfer id " + current.blockId + " but core " + other.id + " instruction "
                    + other.blockPc + " (" + (other == sender ? "SEND" : "RECV") + ") " + (other == sender ? "sends "
                    : "receives ") + other.blockBytes + " bytes; make both sizes equal");
        }
        long bytes = sender.blockBytes;
        long answer = Math.max(receiver.blockIssue, sender.blockHandshakeArrival);
        long readyArrival = noc.send(receiver.id, sender.id, TimingModel.HANDSHAKE_BYTES, answer);
        long readEnd = readyArrival + timing.accessCycles(sender.blockMemory, bytes, false);
        long dataArrival = noc.send(sender.id, receiver.id, bytes, readEnd);
        long writeEnd = dataArrival + timing.accessCycles(receiver.blockMemory, bytes, true);
        chargeAccess(sender, sender.blockMemory, bytes, false);
        chargeAccess(receiver, receiver.blockMemory, bytes, true);
        if (data != null) {
            data.copy(sender.id, sender.blockAddress, receiver.id, receiver.blockAddress, (int) bytes);
        }
        unblock(sender, Math.max(readEnd, sender.blockIssue + TimingModel.SINGLE_CYCLE), current);
        unblock(receiver, Math.max(writeEnd, receiver.blockIssue + TimingModel.SINGLE_CYCLE), current);
    }

    private void block(Core core, int pc, int kind, long cycle, int unit, int readMask, int writeMask) {
        core.blockKind = kind;
        core.blockPc = pc;
        core.blockIssue = cycle;
        core.blockUnit = unit;
        core.blockReadMask = readMask;
        core.blockWriteMask = writeMask;
    }

    /**
     * Ends a blocking instruction at {@code end}: the core issues again from then on. A core other
     * than {@code current} goes back into the schedule.
     */
    private void unblock(Core core, long end, Core current) {
        int unit = core.blockUnit;
        if (unit >= 0) {
            core.unitAccept[unit] = end;
            hold(core, unit, core.blockReadMask, core.blockWriteMask, end);
            busy(core, unit, core.blockIssue, end);
        }
        core.nextIssue = end;
        if (end > core.finishCycle) {
            core.finishCycle = end;
        }
        core.opcodeCycles[core.program.opcode[core.blockPc]] += end - core.blockIssue;
        core.pc = core.blockPc + 1;
        core.blockKind = BLOCK_NONE;
        if (core != current) {
            // The current core's own instruction is reported by runCore once its step returns.
            if (observer != null) {
                observer.executed(core.id, core.blockPc, core.pc, image);
            }
            heapPush(core.id);
        }
    }

    // ---------------------------------------------------------------- synchronization

    private void tag(Core core, int pc) {
        // The transfer unit runs MEM_CPYs one at a time, so its accept cycle is when the preceding
        // global stores are complete.
        long cycle = Math.max(core.nextIssue, core.unitAccept[UNIT_TRANSFER]);
        long visible = cycle + TimingModel.SINGLE_CYCLE;
        tags.publish(core.id, core.grf[core.program.rs[pc]], visible);
        finish(core, UNIT_TRANSFER, 0, 0, cycle, visible, visible, visible);
        for (Core waiter : cores) {
            if (waiter.blockKind == BLOCK_WAIT) {
                long ready = tags.cycleOf(waiter.blockPeer, waiter.blockId, waiter.blockCount);
                if (ready >= 0) {
                    unblock(waiter, Math.max(waiter.blockIssue, ready) + TimingModel.SINGLE_CYCLE, core);
                }
            }
        }
    }

    private void await(Core core, int pc) {
        DecodedProgram program = core.program;
        int source = core.grf[program.rs[pc]];
        if (source != TagBoard.ANY_CORE && (source < 0 || source >= coreCount)) {
            throw error(core, pc, "source core " + source + " (r" + program.rs[pc] + ") is neither -1 (any core) "
                    + "nor a core in [0, " + coreCount + ")");
        }
        long cycle = Math.max(core.nextIssue, core.unitAccept[UNIT_TRANSFER]);
        block(core, pc, BLOCK_WAIT, cycle, UNIT_TRANSFER, 0, 0);
        core.blockPeer = source;
        core.blockId = core.grf[program.rt[pc]];
        core.blockCount = core.grf[program.rd[pc]];
        long ready = tags.cycleOf(source, core.blockId, core.blockCount);
        if (ready >= 0) {
            unblock(core, Math.max(cycle, ready) + TimingModel.SINGLE_CYCLE, core);
        }
    }

    private void barrier(Core core, int pc) {
        DecodedProgram program = core.program;
        int count = core.grf[program.rs[pc]];
        if (count <= 0 || count > coreCount) {
            throw error(core, pc, "core count " + count + " (r" + program.rs[pc] + ") is not in 1.." + coreCount);
        }
        block(core, pc, BLOCK_BARRIER, core.nextIssue, -1, 0, 0);
        core.blockId = core.grf[program.rt[pc]];
        core.blockCount = count;
        int arrived = 0;
        long last = 0;
        for (Core other : cores) {
            if (other.blockKind == BLOCK_BARRIER && other.blockId == core.blockId) {
                if (other.blockCount != count) {
                    throw error(core, pc, "barrier " + core.blockId + " expects " + count + " cores but core "
                            + other.id + " instruction " + other.blockPc + " expects " + other.blockCount
                            + "; use one core count per barrier id");
                }
                arrived++;
                last = Math.max(last, other.blockIssue);
            }
        }
        if (arrived == count) {
            long release = last + TimingModel.BARRIER_RELEASE_CYCLES;
            for (Core other : cores) {
                if (other.blockKind == BLOCK_BARRIER && other.blockId == core.blockId) {
                    unblock(other, release, core);
                }
            }
        }
    }

    // ---------------------------------------------------------------- deadlock

    private CimflowException deadlock() {
        List<String> waits = new ArrayList<>();
        long cycle = 0;
        for (Core core : cores) {
            if (core.done) {
                continue;
            }
            cycle = Math.max(cycle, core.blockIssue);
            String subject = "core " + core.id + " instruction " + core.blockPc + " ("
                    + Opcode.fromCode(core.program.opcode[core.blockPc]) + ")";
            switch (core.blockKind) {
                case BLOCK_SEND:
                    waits.add(subject + " waits for a RECV on core " + core.blockPeer + " with transfer id "
                            + core.blockId);
                    break;
                case BLOCK_RECV:
                    waits.add(subject + " waits for a SEND from core " + core.blockPeer + " with transfer id "
                            + core.blockId);
                    break;
                case BLOCK_WAIT:
                    waits.add(subject + " waits for " + core.blockCount + " TAGs with sync id " + core.blockId
                            + (core.blockPeer == TagBoard.ANY_CORE ? " from any core" : " from core " + core.blockPeer)
                            + " (" + tags.count(core.blockPeer, core.blockId) + " published)");
                    break;
                default:
                    int arrived = 0;
                    for (Core other : cores) {
                        if (other.blockKind == BLOCK_BARRIER && other.blockId == core.blockId) {
                            arrived++;
                        }
                    }
                    waits.add(subject + " waits at barrier " + core.blockId + " for " + core.blockCount
                            + " cores (" + arrived + " arrived)");
                    break;
            }
        }
        int shown = Math.min(waits.size(), 8);
        String list = String.join("; ", waits.subList(0, shown));
        if (waits.size() > shown) {
            list += "; and " + (waits.size() - shown) + " more blocked cores";
        }
        return new CimflowException("deadlock at cycle " + cycle + ": no core can proceed: " + list
                + "; check that every SEND has a matching RECV, every WAIT its TAGs and every BARRIER its core count");
    }

    // ---------------------------------------------------------------- results

    long globalMemoryFreeCycle() {
        return globalMemoryFree;
    }

    HardwareConfig hardware() {
        return hardware;
    }
}
