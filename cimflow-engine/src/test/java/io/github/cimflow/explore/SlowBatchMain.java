package io.github.cimflow.explore;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs the four-run sweep of {@link ExplorerTest#TABLE} with one thread and a slow test double, so
 * that a test can kill this process in the middle of the batch. Arguments: output folder, model file.
 */
public final class SlowBatchMain {
    private SlowBatchMain() {
    }

    public static void main(String[] args) {
        BatchSpec batch = new BatchSpec(null, Path.of(args[0]), false, "killed", runs(Path.of(args[1])));
        new Explorer(new TableExecutor(ExplorerTest.TABLE, 3000), "engine-1")
                .execute(batch, new ExploreOptions(1, false), line -> {
                    System.out.println(line);
                    System.out.flush();
                });
    }

    /** The four runs of the sweep, B {8, 16} × batch {1, 8}. */
    static List<RunSpec> runs(Path model) {
        return List.of(
                new RunSpec("B8_batch1", model, 8, 16, 8, 64, 1, "dp", null, null, Map.of(), "", false, null),
                new RunSpec("B8_batch8", model, 8, 16, 8, 64, 8, "dp", null, null, Map.of(), "", false, null),
                new RunSpec("B16_batch1", model, 8, 16, 16, 64, 1, "dp", null, null, Map.of(), "", false, null),
                new RunSpec("B16_batch8", model, 8, 16, 16, 64, 8, "dp", null, null, Map.of(), "", false, null));
    }
}
