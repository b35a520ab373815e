package io.github.cimflow.maven;

import io.github.cimflow.explore.BatchSpec;
import io.github.cimflow.explore.Explorer;
import io.github.cimflow.explore.RunRecord;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compiles and simulates each configured model on one hardware configuration (the top-level
 * knobs) and writes CIMFlow's reports ({@code simulation_report_<run>.txt} and {@code .json}) and a
 * {@code summary.json} into {@code <outputDirectory>}. Results are cached like those of
 * {@code explore}. Fails when any model fails, after all have finished.
 *
 * <pre>{@code
 * <configuration>
 *   <models>
 *     <model>models/resnet18_cifar.onnx</model>
 *     <model>models/tinynet_trained.onnx</model>
 *   </models>
 *   <c>16</c>
 *   <batchSize>1</batchSize>
 * </configuration>
 * }</pre>
 *
 * @since 0.1.0
 */
@Mojo(name = "simulate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class SimulateMojo extends AbstractSweepMojo {

    /**
     * The models to simulate, each on the same configuration. {@code <model>} alone works for one.
     *
     * <pre>{@code
     * <models>
     *   <model>models/resnet18_cifar.onnx</model>
     * </models>
     * }</pre>
     *
     * @since 0.1.0
     */
    @Parameter
    private List<File> models;

    /**
     * The folder of the reports and {@code summary.json}.
     *
     * <pre>{@code <outputDirectory>${project.build.directory}/cimflow/simulate</outputDirectory>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.directory}/cimflow/simulate", required = true)
    private File outputDirectory;

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        long start = System.nanoTime();
        List<Run> runs = oneRunPerModel(models);

        Path output = outputDirectory.toPath().toAbsolutePath();
        SweepBuilder builder = new SweepBuilder(project.getBasedir().toPath(), sharedFields(), runs, Map.of());
        BatchSpec batch = builder.build(output, project.getArtifactId(), false, output.resolve("pom-batch.json"),
                engineLog());
        Explorer.ExplorationResult result = Explorer.explore(batch, exploreOptions(), engineLog());

        for (String line : SummaryTable.lines(result.summary())) {
            getLog().info(line);
        }
        List<RunRecord> failed = result.summary().runs().stream().filter(run -> !run.ok()).toList();
        getLog().info(String.format(Locale.ROOT, "cimflow:simulate finished %d model(s) into %s in %.2f s",
                runs.size(), output, (System.nanoTime() - start) / 1e9));
        if (!failed.isEmpty()) {
            StringBuilder message = new StringBuilder();
            message.append(failed.size()).append(" of ").append(runs.size()).append(" simulations failed:");
            for (RunRecord run : failed) {
                message.append("\n  - ").append(run.name()).append(": ").append(run.error());
            }
            throw new MojoFailureException(message.toString());
        }
    }
}
