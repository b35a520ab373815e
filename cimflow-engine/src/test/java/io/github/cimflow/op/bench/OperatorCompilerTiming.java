package io.github.cimflow.op.bench;

import io.github.cimflow.op.OpCompilation;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Prints the CPU time per OP compilation of {@link OperatorCompilerBenchmark} after a warm-up, the
 * instruction counts and the heap in use afterwards. CPU time stays meaningful on a shared machine.
 * Argument: run count.
 */
public final class OperatorCompilerTiming {
    private OperatorCompilerTiming() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        OperatorCompilerBenchmark benchmark = new OperatorCompilerBenchmark();
        benchmark.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OpCompilation last = null;
        for (int round = 0; round < 2; round++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                last = benchmark.resnet18Batch8();
            }
            double cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / runs;
            double wallMillis = (System.nanoTime() - wallStart) / 1e6 / runs;
            System.out.printf(Locale.ROOT, "%s: %.1f ms CPU, %.1f ms wall per compilation%n",
                    round == 0 ? "warm-up" : "measured", cpuMillis, wallMillis);
        }
        System.gc();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.printf(Locale.ROOT, "%,d static, %,d executed instructions; heap in use %.0f MB%n",
                last.statistics().totalStaticInstructions(), last.statistics().totalDynamicInstructions(),
                memory.getHeapMemoryUsage().getUsed() / 1e6);
    }
}
