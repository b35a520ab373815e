package io.github.cimflow.bench;

import io.github.cimflow.cg.GraphCompiler;
import io.github.cimflow.cg.Strategy;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.OnnxImporter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Thread CPU time of one warm {@code dp} compilation per example model at the defaults, which stays
 * meaningful on a machine shared with other work (wall-clock JMH numbers do not). Arguments: model
 * names under examples/models (default: the benchmark's set); run from the repository root.
 */
public final class GraphCompilerCpuTime {
    private static final int WARMUP = 5;
    private static final int MEASURED = 10;

    private GraphCompilerCpuTime() {
    }

    public static void main(String[] args) {
        String[] models = args.length > 0 ? args : new String[] {"resnet18_cifar", "resnet18_224", "resnet50_224",
                "mobilenet_v2_224", "efficientnet_b0_224", "googlenet_224"};
        HardwareConfig hardware = HardwarePresets.preset(ArchParams.DEFAULT);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String name : models) {
            Model model = OnnxImporter.load(Path.of("examples", "models", name + ".onnx"), null);
            for (int i = 0; i < WARMUP; i++) {
                GraphCompiler.compile(model, hardware, 8, Strategy.DP);
            }
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < MEASURED; i++) {
                GraphCompiler.compile(model, hardware, 8, Strategy.DP);
            }
            double millis = (threads.getCurrentThreadCpuTime() - start) / 1e6 / MEASURED;
            System.out.printf(Locale.ROOT, "%-22s %8.1f ms CPU per compile%n", name, millis);
        }
    }
}
