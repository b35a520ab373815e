package io.github.cimflow.sim.bench;

import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.isa.Instruction;
import io.github.cimflow.isa.IsaProgram;
import io.github.cimflow.isa.Opcode;
import io.github.cimflow.isa.ProgramMetadata;
import io.github.cimflow.sim.DataMemoryImage;
import io.github.cimflow.sim.SimulationOptions;
import io.github.cimflow.sim.SimulationResult;
import io.github.cimflow.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Simulated instructions per second on one thread. Each benchmark runs a 64-core program whose
 * dynamic instruction count is fixed, so JMH's operations are simulated instructions; with
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes allocated per simulated instruction.
 * The command is in docs/benchmarks.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SimulatorBenchmark {
    static final ArchParams ARCH = ArchParams.DEFAULT;
    static final int ITERATIONS = 2_000;
    static final int INPUT = 524_288;
    static final int OUTPUT = 786_432;

    /** Setup instructions before the loop of {@link #kernelCore}. */
    static final int KERNEL_SETUP = 13;
    /** Loop body of {@link #kernelCore}: 4 MVM, CIM_OUT, VEC_OP, MEM_CPY, SC_RI, BLT. */
    static final int KERNEL_BODY = 9;
    static final int KERNEL_INSTRUCTIONS = 64 * (KERNEL_SETUP + ITERATIONS * KERNEL_BODY);

    static final int LOOP_SETUP = 2;
    static final int LOOP_BODY = 8;
    static final int LOOP_INSTRUCTIONS = 64 * (LOOP_SETUP + ITERATIONS * LOOP_BODY);

    HardwareConfig hardware;
    IsaProgram kernel;
    /** The kernel with one active group, so data mode computes 16 times fewer MACs. */
    IsaProgram oneGroupKernel;
    IsaProgram loop;

    static Instruction op(Opcode opcode, int rs, int rt, int rd, int re, int rf, int funct, int imm, int flags) {
        return new Instruction(opcode, rs, rt, rd, re, rf, funct, imm, flags);
    }

    static Instruction li(int rd, int value) {
        return op(Opcode.G_LI, 0, 0, rd, 0, 0, 0, value, 0);
    }

    static Instruction sli(int special, int value) {
        return op(Opcode.S_LI, 0, 0, special, 0, 0, 0, value, 0);
    }

    /** Builds a conv-tile-like loop: four MVMs, an output, a partial-sum add, a copy, the loop counter. */
    static List<Instruction> kernelCore(int groups) {
        List<Instruction> code = new ArrayList<>(List.of(sli(0, 8), sli(4, groups), sli(1, 32), sli(16, 32),
                sli(17, 32), sli(20, 32), li(1, INPUT), li(2, 32), li(3, 0), li(4, OUTPUT), li(5, 64), li(6, 0),
                li(7, ITERATIONS)));
        code.add(op(Opcode.CIM_MVM, 1, 2, 0, 3, 0, 0, 0, 0));
        code.add(op(Opcode.CIM_MVM, 1, 2, 0, 3, 0, 0, 0, 0));
        code.add(op(Opcode.CIM_MVM, 1, 2, 0, 3, 0, 0, 0, 0));
        code.add(op(Opcode.CIM_MVM, 1, 2, 0, 3, 0, 0, 0, 0));
        code.add(op(Opcode.CIM_OUT, 5, 0, 4, 0, 0, 0, 0, 0));
        code.add(op(Opcode.VEC_OP2, 4, 4, 4, 5, 0, 0, 0, 0));
        code.add(op(Opcode.MEM_CPY, 4, 5, 1, 0, 0, 0, 0, 0));
        code.add(op(Opcode.SC_RI, 6, 0, 6, 0, 0, 0, 1, 0));
        code.add(op(Opcode.BLT, 6, 7, 0, 0, 0, 0, -(KERNEL_BODY - 1), 0));
        return code;
    }

    /** Builds a loop of scalar arithmetic and a branch only: the cheapest instructions, the decode path's speed. */
    static List<Instruction> loopCore() {
        List<Instruction> code = new ArrayList<>(List.of(li(1, 0), li(2, ITERATIONS)));
        for (int i = 0; i < LOOP_BODY - 2; i++) {
            code.add(op(Opcode.SC_RR, 1, 2, 3 + i, 0, 0, i % 12, 0, 0));
        }
        code.add(op(Opcode.SC_RI, 1, 0, 1, 0, 0, 0, 1, 0));
        code.add(op(Opcode.BLT, 1, 2, 0, 0, 0, 0, -(LOOP_BODY - 1), 0));
        return code;
    }

    static IsaProgram program(List<Instruction> core) {
        List<List<Instruction>> cores = new ArrayList<>();
        for (int i = 0; i < ARCH.coreCount(); i++) {
            cores.add(core);
        }
        return new IsaProgram(new ProgramMetadata(1, 1, ARCH, null, "bench", "bench"), cores);
    }

    @Setup
    public void setUp() {
        hardware = HardwarePresets.preset(ARCH);
        kernel = program(kernelCore(16));
        oneGroupKernel = program(kernelCore(1));
        loop = program(loopCore());
        check(Simulator.run(kernel, hardware, SimulationOptions.DEFAULT), KERNEL_INSTRUCTIONS);
        check(Simulator.run(loop, hardware, SimulationOptions.DEFAULT), LOOP_INSTRUCTIONS);
    }

    private static void check(SimulationResult result, long expected) {
        if (result.executedInstructions() != expected) {
            throw new IllegalStateException("benchmark program executed " + result.executedInstructions()
                    + " instructions, expected " + expected);
        }
    }

    @Benchmark
    @OperationsPerInvocation(KERNEL_INSTRUCTIONS)
    public SimulationResult kernelTimingOnly() {
        return Simulator.run(kernel, hardware, SimulationOptions.DEFAULT);
    }

    @Benchmark
    @OperationsPerInvocation(KERNEL_INSTRUCTIONS)
    public SimulationResult oneGroupKernelTimingOnly() {
        return Simulator.run(oneGroupKernel, hardware, SimulationOptions.DEFAULT);
    }

    @Benchmark
    @OperationsPerInvocation(KERNEL_INSTRUCTIONS)
    public SimulationResult oneGroupKernelDataMode() {
        return Simulator.run(oneGroupKernel, hardware, new SimulationOptions(0, true), new DataMemoryImage(hardware));
    }

    @Benchmark
    @OperationsPerInvocation(LOOP_INSTRUCTIONS)
    public SimulationResult scalarLoop() {
        return Simulator.run(loop, hardware, SimulationOptions.DEFAULT);
    }
}
