package io.github.cimflow.explore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed batch: CIMFlow's batch JSON, or the same built from a POM.
 *
 * @param source    the batch file, or null when built in memory
 * @param outputDir output folder (absolute)
 * @param keepIr    keep the CG IR, ISA JSON and asm of every run
 * @param runName   CIMFlow's {@code run_name}
 * @param runs      the runs, matrices expanded
 * @param origins   where each run was written in the batch file, one per run, for error messages
 */
public record BatchSpec(Path source, Path outputDir, boolean keepIr, String runName, List<RunSpec> runs,
                        List<RunOrigin> origins) {
    public BatchSpec {
        runs = List.copyOf(runs);
        origins = List.copyOf(origins);
        if (origins.size() != runs.size()) {
            throw new IllegalArgumentException(origins.size() + " origins for " + runs.size() + " runs");
        }
    }

    /** Creates a batch whose runs are numbered {@code $.runs[0]}, {@code $.runs[1]}, … in error messages. */
    public BatchSpec(Path source, Path outputDir, boolean keepIr, String runName, List<RunSpec> runs) {
        this(source, outputDir, keepIr, runName, runs, indexOrigins(runs.size()));
    }

    /** Returns the same batch writing into another folder. */
    public BatchSpec withOutputDir(Path folder) {
        return new BatchSpec(source, folder, keepIr, runName, runs, origins);
    }

    private static List<RunOrigin> indexOrigins(int count) {
        List<RunOrigin> origins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            origins.add(RunOrigin.ofIndex(i));
        }
        return origins;
    }
}
