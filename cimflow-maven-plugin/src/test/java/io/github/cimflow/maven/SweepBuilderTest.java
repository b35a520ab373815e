package io.github.cimflow.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cimflow.CimflowException;
import io.github.cimflow.explore.BatchSpec;
import io.github.cimflow.explore.RunNames;
import io.github.cimflow.explore.RunSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepBuilderTest {
    @TempDir
    Path project;

    private Run shared;

    @BeforeEach
    void writeModel() throws IOException {
        // The builder only checks that the model file exists; the pipeline reads it later.
        Files.writeString(project.resolve("net.onnx"), "placeholder");
        shared = new Run();
        shared.model = new File("net.onnx");
        shared.c = 16;
        shared.batchSize = 1;
    }

    private BatchSpec build(List<Run> runs, Map<String, String> overrides) {
        Path output = project.resolve("target/cimflow/explore");
        return new SweepBuilder(project, shared, runs, overrides)
                .build(output, "it", false, output.resolve("pom-batch.json"), line -> { });
    }

    private static Matrix matrix(String b, String batchSize) {
        Matrix matrix = new Matrix();
        matrix.b = b;
        matrix.batchSize = batchSize;
        return matrix;
    }

    @Test
    void matrixExpandsToCartesianProduct() {
        shared.matrix = matrix("8,16", "1,4");

        BatchSpec batch = build(List.of(), Map.of());

        assertEquals(List.of("B8_batch1", "B8_batch4", "B16_batch1", "B16_batch4"),
                batch.runs().stream().map(RunNames::of).toList());
        RunSpec last = batch.runs().get(3);
        assertEquals(16, last.b());
        assertEquals(4, last.batchSize());
        assertEquals(16, last.c());
        assertEquals(project.resolve("net.onnx"), last.modelPath());
    }

    @Test
    void commandLineAxisReplacesMatrixAxis() {
        shared.matrix = matrix("8,16", null);

        BatchSpec batch = build(List.of(), Map.of("b", "4,32"));

        assertEquals(List.of(4, 32), batch.runs().stream().map(RunSpec::b).toList());
    }

    @Test
    void runFieldsOverrideSharedFields() {
        Run wide = new Run();
        wide.name = "wide";
        wide.b = 32;

        BatchSpec batch = build(List.of(wide), Map.of());

        assertEquals("wide", batch.runs().get(0).name());
        assertEquals(32, batch.runs().get(0).b());
        assertEquals(16, batch.runs().get(0).c());
    }

    @Test
    void nonSquareCoreCountNamesElement() {
        Run run = new Run();
        run.c = 12;

        CimflowException error = assertThrows(CimflowException.class, () -> build(List.of(new Run(), run), Map.of()));

        assertEquals("<runs>/<run>[2]/<c> = 12 is invalid: the core count must be a perfect square because the cores "
                + "form a square mesh; use 9 or 16", error.getMessage());
    }

    @Test
    void emptyMatrixAxisNamesElement() {
        shared.matrix = matrix("  ", null);

        CimflowException error = assertThrows(CimflowException.class, () -> build(List.of(), Map.of()));

        assertEquals("<matrix>/<b> has no values; list them comma separated, for example 8,16, or remove the element",
                error.getMessage());
    }

    @Test
    void unknownStrategyListsKnownOnes() {
        shared.strategy = "greedy";

        CimflowException error = assertThrows(CimflowException.class, () -> build(List.of(), Map.of()));

        assertEquals("<strategy> = 'greedy' is invalid: unknown strategy 'greedy'; known strategies: dp, baseline1, "
                + "baseline2, 2x_communication_time, sum_calc_time, 0.5x_load_time, pipelined_calculate_time",
                error.getMessage());
    }

    @Test
    void missingModelFileNamesPath() {
        shared.model = new File("models/missing.onnx");

        CimflowException error = assertThrows(CimflowException.class, () -> build(List.of(), Map.of()));

        assertEquals("<model> = 'models/missing.onnx': file " + project.resolve("models/missing.onnx")
                + " not found; give a path relative to the project folder " + project, error.getMessage());
    }

    @Test
    void badAxisOverrideNamesProperty() {
        CimflowException error = assertThrows(CimflowException.class, () -> build(List.of(), Map.of("b", "8,x")));

        assertEquals("property cimflow.b = 'x' is not a whole number; write for example 8", error.getMessage());
    }

    @Test
    void emptyAxisOverrideNamesProperty() {
        CimflowException error = assertThrows(CimflowException.class, () -> build(List.of(), Map.of("b", "")));

        assertEquals("property cimflow.b has no values; list them comma separated, for example 8,16, "
                + "or drop the property", error.getMessage());
    }

    @Test
    void emptyItemInOverrideRejected() {
        CimflowException error = assertThrows(CimflowException.class,
                () -> build(List.of(), Map.of("batchSize", "1,,2")));

        assertEquals("property cimflow.batchSize = '1,,2' has an empty item; list the values comma separated "
                + "without empty items, for example 8,16", error.getMessage());
    }

    @Test
    void trailingCommaInMatrixRejected() {
        shared.matrix = matrix("8,16,", null);

        CimflowException error = assertThrows(CimflowException.class, () -> build(List.of(), Map.of()));

        assertEquals("<matrix>/<b> = '8,16,' has an empty item; list the values comma separated "
                + "without empty items, for example 8,16", error.getMessage());
    }

    @Test
    void threadsAcceptCountAndCoreMultiple() throws MojoExecutionException {
        assertEquals(3, AbstractSweepMojo.parseThreads("3", 8));
        assertEquals(4, AbstractSweepMojo.parseThreads("0.5C", 8));
        assertEquals(1, AbstractSweepMojo.parseThreads("0.1C", 2));
        assertEquals(2, AbstractSweepMojo.parseThreads(null, 2));
    }

    @Test
    void zeroThreadsIsRejected() {
        MojoExecutionException error = assertThrows(MojoExecutionException.class,
                () -> AbstractSweepMojo.parseThreads("0", 2));

        assertEquals("<threads> (or -Dcimflow.threads) = '0' is invalid; give a positive count such as 2, or a "
                + "multiple of the processors such as 1C", error.getMessage());
    }

    @Test
    void batchOutputIsRerootedUnderTarget() {
        Path root = project.resolve("target/cimflow");

        assertEquals(root.resolve("output/exploration"),
                ExploreMojo.reroot(project.resolve("output/exploration"), project, root));
        assertEquals(root.resolve("results"), ExploreMojo.reroot(Path.of("/tmp/elsewhere/results"), project, root));
    }
}
