package io.github.cimflow.sim.bench;

import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.isa.IsaJson;
import io.github.cimflow.isa.IsaProgram;
import io.github.cimflow.sim.SimulationOptions;
import io.github.cimflow.sim.Simulator;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Prints simulated instructions per second of thread CPU time for the programs of
 * {@link SimulatorBenchmark}. CPU time, unlike JMH's wall-clock throughput, stays meaningful on a
 * machine shared with other jobs. Arguments: benchmark name (kernel, oneGroupKernel, scalarLoop,
 * oneGroupKernelData) and run count, or {@code file ISA.json} and run count to time a compiled
 * instruction file on the preset its metadata names (JSON reading not included). The bytes per
 * instruction are the thread's allocated-bytes counter ({@code com.sun.management.ThreadMXBean})
 * over the round, so they include each run's setup and results.
 */
public final class SimulatorThroughput {
    private SimulatorThroughput() {
    }

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "kernel";
        IsaProgram file = null;
        if (name.equals("file")) {
            file = IsaJson.read(Path.of(args[1]));
            args = new String[] {name, args.length > 2 ? args[2] : "6"};
        }
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        SimulatorBenchmark benchmark = new SimulatorBenchmark();
        benchmark.setUp();
        HardwareConfig fileHardware = file == null ? null : HardwarePresets.preset(file.metadata().arch());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) threads;
        long thread = Thread.currentThread().getId();
        for (int round = 0; round < 2; round++) {
            long instructions = 0;
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            long bytesStart = allocation.getThreadAllocatedBytes(thread);
            for (int i = 0; i < runs; i++) {
                instructions += file != null
                        ? Simulator.run(file, fileHardware, SimulationOptions.DEFAULT).executedInstructions()
                        : run(benchmark, name);
            }
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
            long bytes = allocation.getThreadAllocatedBytes(thread) - bytesStart;
            System.out.printf(Locale.ROOT, "%s %s: %.1f M simulated instructions per CPU second "
                    + "(%.1f M per wall second), %.3f bytes allocated per instruction%n", name,
                    round == 0 ? "warm-up" : "measured", instructions / cpuSeconds / 1e6,
                    instructions / wallSeconds / 1e6, (double) bytes / instructions);
        }
    }

    private static long run(SimulatorBenchmark benchmark, String name) {
        switch (name) {
            case "kernel":
                return benchmark.kernelTimingOnly().executedInstructions();
            case "oneGroupKernel":
                return benchmark.oneGroupKernelTimingOnly().executedInstructions();
            case "oneGroupKernelData":
                return benchmark.oneGroupKernelDataMode().executedInstructions();
            case "scalarLoop":
                return benchmark.scalarLoop().executedInstructions();
            default:
                throw new IllegalArgumentException("unknown benchmark '" + name
                        + "'; use kernel, oneGroupKernel, oneGroupKernelData or scalarLoop");
        }
    }
}
