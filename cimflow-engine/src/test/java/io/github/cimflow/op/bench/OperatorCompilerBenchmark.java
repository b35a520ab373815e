package io.github.cimflow.op.bench;

import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.cg.GraphCompiler;
import io.github.cimflow.cg.Strategy;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.onnx.OnnxImporter;
import io.github.cimflow.op.OpCompilation;
import io.github.cimflow.op.OperatorCompiler;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * OP-level compilation of CIFAR ResNet18 at batch 8 on T8 K16 B16 C64; the CG IR is compiled once
 * in the setup. Run from {@code cimflow-engine} (the model path is relative to it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OperatorCompilerBenchmark {
    static final Path MODEL = Path.of("..", "examples", "models", "resnet18_cifar.onnx");

    HardwareConfig hardware;
    CgProgram cg;

    @Setup
    public void setUp() {
        hardware = HardwarePresets.preset(ArchParams.DEFAULT);
        cg = GraphCompiler.compile(OnnxImporter.load(MODEL, null), hardware, 8, Strategy.DP);
    }

    @Benchmark
    public OpCompilation resnet18Batch8() {
        return OperatorCompiler.compileWithStatistics(cg, hardware);
    }
}
