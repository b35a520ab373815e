package io.github.cimflow.bench;

import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.OnnxImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Load + simplify + shape inference of ONNX files, in process and warm: torchvision ResNet50 at
 * 224x224 without weights, and a CIFAR ResNet18 with random weights (about 45 MB) under a 256 MB
 * heap. The weighted file is written to {@code target/resnet18_weights.onnx} by
 * {@code examples/models/export_models.py} on first use, with Debian's {@code /usr/bin/python3}
 * (python3-torch and python3-torchvision). Run from the repository root; docs/benchmarks.md has the
 * command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class OnnxImportBenchmark {
    Path resnet50;
    Path resnet18WithWeights;

    @Setup
    public void locateModels() throws IOException, InterruptedException {
        Path root = repositoryRoot();
        resnet50 = root.resolve("examples/models/resnet50_224.onnx");
        resnet18WithWeights = root.resolve("cimflow-engine/target/resnet18_weights.onnx");
        if (!Files.exists(resnet18WithWeights)) {
            exportResNet18WithWeights(root, resnet18WithWeights);
        }
    }

    @Benchmark
    public Model resnet50WithoutWeights() {
        return OnnxImporter.load(resnet50, null);
    }

    @Benchmark
    public Model resnet18WithWeights() {
        return OnnxImporter.load(resnet18WithWeights, null);
    }

    /** Returns the folder that contains examples/models, searched upward from the working directory. */
    private static Path repositoryRoot() {
        Path folder = Path.of("").toAbsolutePath();
        while (folder != null && !Files.isDirectory(folder.resolve("examples/models"))) {
            folder = folder.getParent();
        }
        if (folder == null) {
            throw new IllegalStateException("examples/models not found above " + Path.of("").toAbsolutePath()
                    + "; run the benchmark from the repository");
        }
        return folder;
    }

    private static void exportResNet18WithWeights(Path root, Path target) throws IOException, InterruptedException {
        Files.createDirectories(target.getParent());
        Process process = new ProcessBuilder("/usr/bin/python3", "examples/models/export_models.py",
                "--with-weights-resnet18", target.toString()).directory(root.toFile()).inheritIO().start();
        int exitCode = process.waitFor();
        if (exitCode != 0 || !Files.exists(target)) {
            throw new IllegalStateException("exporting " + target + " failed (exit code " + exitCode
                    + "); install python3-torch and python3-torchvision for /usr/bin/python3");
        }
    }
}
