package io.github.cimflow.maven;

import io.github.cimflow.gate.Baselines;
import io.github.cimflow.gate.Results;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Records the current results as the baseline of the {@code check} goal, by copying
 * {@code summary.json} to the baseline file. It is bound to no phase, so it runs only when asked:
 * {@code mvn verify cimflow:update-baseline}, then review the diff and commit the file.
 *
 * <pre>{@code mvn verify cimflow:update-baseline}</pre>
 *
 * @since 0.1.0
 */
@Mojo(name = "update-baseline", threadSafe = true)
public final class UpdateBaselineMojo extends AbstractCimflowMojo {

    /**
     * The results to record, as written by {@code explore}.
     *
     * <pre>{@code <results>${project.build.directory}/cimflow/explore/summary.json</results>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = CimflowProperties.RESULTS,
            defaultValue = "${project.build.directory}/cimflow/explore/summary.json", required = true)
    private File results;

    /**
     * The baseline file to write; the same path as the {@code check} goal's {@code <baseline>}.
     *
     * <pre>{@code <baseline>src/cimflow/baseline.json</baseline>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = CimflowProperties.BASELINE, defaultValue = "${project.basedir}/src/cimflow/baseline.json",
            required = true)
    private File baseline;

    @Override
    protected void executeGoal() {
        Results recorded = Baselines.update(results.toPath(), baseline.toPath());
        getLog().info("Recorded " + recorded.runs().size() + " run(s) of " + results + " as the baseline " + baseline
                + "; review the change and commit it");
    }
}
