package io.github.cimflow.bench;

import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.cg.GraphCompiler;
import io.github.cimflow.cg.Strategy;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.OnnxImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Graph-level compilation (clustering, partitioning, placement and CG op generation) of the example
 * models at CIMFlow's defaults (T=8, K=16, B=16, C=64, batch 8, strategy dp), warm, in a 512 MB heap.
 * The model is imported once in the setup. Run from the repository root; docs/benchmarks.md has the
 * command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class GraphCompilerBenchmark {
    @Param({"resnet18_cifar", "resnet18_224", "resnet50_224", "mobilenet_v2_224", "efficientnet_b0_224",
            "googlenet_224"})
    public String model;

    Model imported;
    HardwareConfig hardware;

    @Setup
    public void importModel() {
        Path file = Path.of("examples", "models", model + ".onnx");
        if (!Files.exists(file)) {
            file = Path.of("..").resolve(file);
        }
        imported = OnnxImporter.load(file, null);
        hardware = HardwarePresets.preset(ArchParams.DEFAULT);
    }

    @Benchmark
    public CgProgram compileDp() {
        return GraphCompiler.compile(imported, hardware, 8, Strategy.DP);
    }
}
