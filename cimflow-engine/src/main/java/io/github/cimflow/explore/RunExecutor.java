package io.github.cimflow.explore;

import java.nio.file.Path;

/** Executes one run of a batch. {@link Pipeline} is the real one; tests pass their own. */
interface RunExecutor {
    /**
     * Describes everything the run's result depends on apart from the model bytes and the engine
     * build, as stable text: the knobs, the effective hardware configuration, the input shape.
     *
     * @throws io.github.cimflow.CimflowException when the configuration cannot be resolved
     */
    String configurationKey(RunSpec run);

    /**
     * Compiles and simulates the run, writing its files into {@code outputDir} under names
     * derived from {@code name}.
     *
     * @param log the run's log, at the run's level
     * @throws io.github.cimflow.CimflowException when any stage fails
     */
    RunOutcome execute(RunSpec run, String name, Path outputDir, boolean keepIr, RunLog log);
}
