package io.github.cimflow.explore;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed batch: CIMFlow's batch JSON, or the same built from a POM.
 *
 * @param source    the batch file, or null when built in memory
 * @param outputDir output folder (absolute)
 * @param keepIr    keep the CG IR, ISA JSON and asm of every run
 * @param runName   CIMFlow's {@code run_name}
 * @param runs      the runs, matrices expanded
 */
public record BatchSpec(Path source, Path outputDir, boolean keepIr, String runName, List<RunSpec> runs) {
    public BatchSpec {
        runs = List.copyOf(runs);
    }
}
