package io.github.cimflow.cg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.OnnxImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The CG compiler on the ONNX models committed under examples/models, at CIMFlow's default knobs. */
class ExampleModelsTest {
    private static final Path MODELS = Path.of("..", "examples", "models");
    private static final HardwareConfig DEFAULT = HardwarePresets.preset(ArchParams.DEFAULT);

    static Stream<Path> models() throws IOException {
        try (Stream<Path> files = Files.list(MODELS)) {
            return files.filter(file -> file.toString().endsWith(".onnx")).sorted().toList().stream();
        }
    }

    private static Model load(Path file) {
        int[] shape = file.getFileName().toString().contains("dynamic_batch") ? new int[] {1, 3, 32, 32} : null;
        return OnnxImporter.load(file, shape);
    }

    private static StagePartitioner partitioner(Model model, Strategy strategy) {
        return new StagePartitioner(Clustering.build(model.graph(), DEFAULT.core().cim()), DEFAULT, 8, strategy);
    }

    @ParameterizedTest
    @MethodSource("models")
    void dpNoWorseThanBaselines(Path file) {
        Model model = load(file);
        long dp = partitioner(model, Strategy.DP).partition().costCycles();
        long baseline1 = partitioner(model, Strategy.BASELINE1).partition().costCycles();
        long baseline2 = partitioner(model, Strategy.BASELINE2).partition().costCycles();
        assertTrue(dp <= baseline1, "dp " + dp + " > baseline1 " + baseline1);
        assertTrue(baseline1 <= baseline2, "baseline1 " + baseline1 + " > baseline2 " + baseline2);
        if (file.getFileName().toString().startsWith("resnet18")) {
            assertTrue(dp < baseline2, "dp " + dp + " not below baseline2 " + baseline2);
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void boundedSearchDistanceFromExact(Path file) {
        StagePartitioner partitioner = partitioner(load(file), Strategy.DP);
        StagePartitioner.Partition exact = partitioner.exact(StagePartitioner.EXACT_PREFIX_LIMIT,
                StagePartitioner.EXACT_SEARCH_LIMIT);
        long bounded = partitioner.bounded().costCycles();
        if (exact == null) {
            return;
        }
        double gap = (double) bounded / exact.costCycles() - 1;
        System.out.printf(java.util.Locale.ROOT, "%s: exact %d, bounded %d, gap %.2f%%%n", file.getFileName(),
                exact.costCycles(), bounded, 100 * gap);
        assertTrue(exact.costCycles() <= bounded);
        assertTrue(gap <= 0.25, "bounded search " + bounded + " is more than 25% above exact " + exact.costCycles());
    }

    @ParameterizedTest
    @MethodSource("models")
    void compilesVerified(Path file) {
        Model model = load(file);
        CgProgram program = GraphCompiler.compile(model, DEFAULT, 2, Strategy.DP);
        assertEquals(List.of(), CgVerifier.check(program, DEFAULT, new HashSet<>(model.graph().inputs())));
    }
}
