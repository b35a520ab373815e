package io.github.cimflow.maven;

import io.github.cimflow.explore.BatchFileReader;
import io.github.cimflow.explore.BatchSpec;
import io.github.cimflow.explore.ExploreOptions;
import io.github.cimflow.explore.Explorer;
import io.github.cimflow.explore.RunRecord;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs a design-space sweep: every run compiles the model for its hardware and simulates it; runs
 * execute in parallel and reuse cached results whose inputs did not change. The sweep is declared
 * in the POM ({@code <runs>}, {@code <matrix>} and the shared fields) or read from a CIMFlow batch
 * file ({@code <batchFile>}). Prints one line per finished run and the summary table, and writes
 * {@code summary.json}, {@code summary.csv}, {@code summary.md}, the reports of every run and the
 * plots into {@code <outputDirectory>}.
 *
 * <p>A failed run does not stop the others; when all have finished the goal fails, listing every
 * failed run with its error, unless {@code <failOnRunError>} is false.
 *
 * <p>Minimal configuration, a 2 x 2 sweep of NoC flit size and batch size:
 * <pre>{@code
 * <plugin>
 *   <groupId>io.github.cimflow</groupId>
 *   <artifactId>cimflow-maven-plugin</artifactId>
 *   <configuration>
 *     <model>models/resnet18_cifar.onnx</model>
 *     <c>16</c>
 *     <matrix>
 *       <b>8,16</b>
 *       <batchSize>1,4</batchSize>
 *     </matrix>
 *   </configuration>
 * </plugin>
 * }</pre>
 *
 * @since 0.1.0
 */
@Mojo(name = "explore", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class ExploreMojo extends AbstractSweepMojo {

    /**
     * The runs of the sweep. Each {@code <run>} takes the fields of a CIMFlow batch run in camel
     * case ({@code name}, {@code model}, {@code config}, {@code t}, {@code k}, {@code b}, {@code c},
     * {@code batchSize}, {@code strategy}, {@code inputShape}, {@code hardware}, {@code matrix});
     * unset fields take the value at the top of the configuration. Without {@code <runs>}, the
     * top-level fields and {@code <matrix>} form the only run.
     *
     * <pre>{@code
     * <runs>
     *   <run>
     *     <name>narrow</name>
     *     <b>8</b>
     *   </run>
     *   <run>
     *     <name>wide</name>
     *     <b>32</b>
     *     <matrix><batchSize>1,4</batchSize></matrix>
     *   </run>
     * </runs>
     * }</pre>
     *
     * @since 0.1.0
     */
    @Parameter
    private List<Run> runs;

    /**
     * Fields varied over every run, each a comma-separated list; the runs are the cartesian product,
     * named from the varied values ({@code B8_batch1}). Axes: {@code model}, {@code t}, {@code k},
     * {@code b}, {@code c}, {@code batchSize}, {@code strategy}. A run's own {@code <matrix>} replaces
     * an axis of this one; {@code -Dcimflow.<axis>=v1,v2} on the command line replaces it in every run
     * (but is rejected together with {@code <batchFile>}).
     *
     * <pre>{@code
     * <matrix>
     *   <b>8,16</b>
     *   <batchSize>1,4</batchSize>
     * </matrix>
     * }</pre>
     *
     * @since 0.1.0
     */
    @Parameter
    private Matrix matrix;

    /**
     * A CIMFlow batch JSON file to run instead of the POM's runs: when set, {@code <runs>},
     * {@code <matrix>} and the shared run fields are not used, and a {@code -Dcimflow.<axis>} property
     * is rejected, so a profile or
     * {@code -Dcimflow.batchFile=FILE} can switch a POM-declared sweep to a batch file. Its paths
     * stay relative to the file; its {@code output_dir} is re-rooted under
     * {@code ${project.build.directory}/cimflow/}, so nothing is written into the source tree.
     *
     * <pre>{@code <batchFile>exploration.json</batchFile>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = CimflowProperties.BATCH_FILE)
    private File batchFile;

    /**
     * The folder of the results of a POM-declared sweep. The {@code check} goal reads
     * {@code summary.json} from here by default.
     *
     * <pre>{@code <outputDirectory>${project.build.directory}/cimflow/explore</outputDirectory>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.directory}/cimflow/explore", required = true)
    private File outputDirectory;

    /**
     * The title of the summary ({@code run_name} of a batch file).
     *
     * <pre>{@code <runName>resnet18-noc-sweep</runName>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.artifactId}")
    private String runName;

    /**
     * Keeps the intermediate files of every run (CG IR, ISA program, run log), CIMFlow's {@code keep_ir}.
     *
     * <pre>{@code <keepIr>true</keepIr>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "false")
    private boolean keepIr;

    /**
     * Fails the build when any run failed, after all runs have finished, listing every failed run.
     * When false, failed runs are logged as warnings and recorded in the summary.
     *
     * <pre>{@code <failOnRunError>false</failOnRunError>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = "cimflow.failOnRunError", defaultValue = "true")
    private boolean failOnRunError;

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        long start = System.nanoTime();
        BatchSpec batch = batch();
        ExploreOptions options = exploreOptions();
        getLog().info("Exploring " + batch.runs().size() + (batch.runs().size() == 1 ? " run" : " runs") + " with "
                + Math.min(options.threads(), batch.runs().size()) + " thread(s) into " + relative(batch.outputDir())
                + (options.force() ? " (force: cached results ignored)" : ""));

        Explorer.ExplorationResult result = Explorer.explore(batch, options, engineLog());

        for (String line : SummaryTable.lines(result.summary())) {
            getLog().info(line);
        }
        getLog().info("Summary: " + relative(result.summaryJson()));
        List<RunRecord> failed = result.summary().runs().stream().filter(run -> !run.ok()).toList();
        long cached = result.summary().runs().stream().filter(RunRecord::cached).count();
        getLog().info(String.format(Locale.ROOT, "cimflow:explore finished %d runs (%d from cache, %d failed) in %.2f s",
                batch.runs().size(), cached, failed.size(), (System.nanoTime() - start) / 1e9));

        if (failed.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder();
        message.append(failed.size()).append(" of ").append(batch.runs().size()).append(" runs failed:");
        for (RunRecord run : failed) {
            message.append("\n  - ").append(run.name()).append(": ").append(run.error());
        }
        if (failOnRunError) {
            throw new MojoFailureException(message.toString());
        }
        getLog().warn(message + "\n(failOnRunError is false, so the build goes on)");
    }

    private BatchSpec batch() throws MojoExecutionException {
        Path buildFolder = Path.of(project.getBuild().getDirectory());
        if (batchFile != null) {
            if (runs != null && !runs.isEmpty() || matrix != null) {
                getLog().info("<batchFile> is set, so the POM's <runs> and <matrix> are not used");
            }
            for (String axis : CimflowProperties.AXES) {
                String property = CimflowProperties.AXIS_PREFIX + axis;
                if (commandLineProperty(property).isPresent()) {
                    throw new MojoExecutionException("property " + property + " cannot change the runs of "
                            + "<batchFile> " + batchFile + "; edit the batch file, or drop the batch file to "
                            + "sweep the POM's runs with -D" + property);
                }
            }
            Path file = batchFile.toPath().toAbsolutePath();
            BatchSpec read = BatchFileReader.read(file, engineLog());
            Path rerooted = reroot(read.outputDir(), file.getParent(), buildFolder.resolve("cimflow"));
            getLog().info("Batch file " + relative(file) + ": output_dir re-rooted to " + relative(rerooted));
            return read.withOutputDir(rerooted);
        }
        Run shared = sharedFields();
        shared.matrix = matrix;
        Map<String, String> overrides = axisOverrides();
        SweepBuilder builder = new SweepBuilder(project.getBasedir().toPath(), shared, runs, overrides);
        Path output = outputDirectory.toPath().toAbsolutePath();
        return builder.build(output, runName, keepIr, output.resolve("pom-batch.json"), engineLog());
    }

    private Map<String, String> axisOverrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String axis : CimflowProperties.AXES) {
            commandLineProperty(CimflowProperties.AXIS_PREFIX + axis).ifPresent(values -> {
                overrides.put(axis, values);
                getLog().info("-D" + CimflowProperties.AXIS_PREFIX + axis + "=" + values
                        + " replaces the " + axis + " axis of every run");
            });
        }
        return overrides;
    }

    /**
     * Moves a batch's output folder under {@code root}: the part of it below the batch file's folder,
     * or its last name when it lies elsewhere.
     */
    static Path reroot(Path outputDir, Path batchFolder, Path root) {
        Path normalized = outputDir.toAbsolutePath().normalize();
        Path base = batchFolder.toAbsolutePath().normalize();
        Path relative = normalized.startsWith(base) && !normalized.equals(base)
                ? base.relativize(normalized) : normalized.getFileName();
        return relative == null ? root : root.resolve(relative).normalize();
    }
}
