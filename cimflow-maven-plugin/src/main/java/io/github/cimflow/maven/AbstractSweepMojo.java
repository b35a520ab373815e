package io.github.cimflow.maven;

import io.github.cimflow.explore.ExploreOptions;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The configuration shared by the goals that compile and simulate: the model, the four
 * architecture knobs, the strategy, and how many runs execute at once. Element names are the
 * fields of a CIMFlow batch run in camel case; unset fields take CIMFlow's defaults
 * (T=8, K=16, B=16, C=64, batch size 8, strategy dp).
 */
public abstract class AbstractSweepMojo extends AbstractCimflowMojo {

    /**
     * The ONNX model, relative to the project folder.
     *
     * <pre>{@code <model>src/main/cimflow/resnet18_cifar.onnx</model>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter
    protected File model;

    /**
     * A hardware JSON file in CIMFlow's format; unset means the preset for T, K, B and C.
     *
     * <pre>{@code <config>src/main/cimflow/hardware.json</config>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter
    protected File config;

    /**
     * Macro group size T (macros per macro group). Default 8.
     *
     * <pre>{@code <t>8</t>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter
    protected Integer t;

    /**
     * Macro groups per core K. Default 16.
     *
     * <pre>{@code <k>16</k>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter
    protected Integer k;

    /**
     * NoC flit size in bytes B. Default 16. {@code -Dcimflow.b=8,16} on the command line sweeps it.
     *
     * <pre>{@code <b>16</b>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter
    protected Integer b;

    /**
     * Core count C, a perfect square because the cores form a square mesh. Default 64.
     *
     * <pre>{@code <c>16</c>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter
    protected Integer c;

    /**
     * Images per batch. Default 8.
     *
     * <pre>{@code <batchSize>1</batchSize>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter
    protected Integer batchSize;

    /**
     * Graph-level strategy: dp (default), baseline1, baseline2, 2x_communication_time,
     * sum_calc_time, 0.5x_load_time or pipelined_calculate_time.
     *
     * <pre>{@code <strategy>dp</strategy>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter
    protected String strategy;

    /**
     * Input shape N,C,H,W the model is imported with; default 1,3,32,32.
     *
     * <pre>{@code <inputShape>1,3,32,32</inputShape>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter
    protected String inputShape;

    /**
     * Overrides of single values in the hardware JSON, keyed by dotted path.
     *
     * <pre>{@code
     * <hardware>
     *   <sim_config.period_ns>1.0</sim_config.period_ns>
     * </hardware>
     * }</pre>
     *
     * @since 0.1.0
     */
    @Parameter
    protected Map<String, String> hardware;

    /**
     * How many runs execute at once: a count ({@code 2}) or a multiple of the available processors
     * ({@code 1C}, {@code 0.5C}). Default: one per available processor. Under {@code mvn -T N} every
     * module runs its own pool, so the totals multiply. {@code -Dcimflow.threads} beats the POM value.
     *
     * <pre>{@code <threads>2</threads>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = CimflowProperties.THREADS)
    protected String threads;

    /**
     * Recomputes every run even when its cached result is still valid (same model bytes, effective
     * configuration and engine build). {@code -Dcimflow.force} beats the POM value.
     *
     * <pre>{@code <force>true</force>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = CimflowProperties.FORCE, defaultValue = "false")
    protected boolean force;

    /** Returns the top-level fields, which every run inherits. */
    protected Run sharedFields() {
        Run shared = new Run();
        shared.model = model;
        shared.config = config;
        shared.t = t;
        shared.k = k;
        shared.b = b;
        shared.c = c;
        shared.batchSize = batchSize;
        shared.strategy = strategy;
        shared.inputShape = inputShape;
        shared.hardware = hardware;
        return shared;
    }

    /** Makes one run per model of {@code <models>}, or of {@code <model>} when the list is empty. */
    protected List<Run> oneRunPerModel(List<File> models) throws MojoExecutionException {
        List<File> files = new ArrayList<>();
        if (models != null) {
            files.addAll(models);
        }
        if (files.isEmpty() && model != null) {
            files.add(model);
        }
        if (files.isEmpty()) {
            throw new MojoExecutionException("cimflow:" + goalName() + " has no model; set <model> or "
                    + "<models><model>, an ONNX file relative to the project folder");
        }
        List<Run> runs = new ArrayList<>();
        for (File file : files) {
            Run run = new Run();
            run.model = file;
            runs.add(run);
        }
        return runs;
    }

    /** Resolves the thread count and cache use, the command line beating the POM. */
    protected ExploreOptions exploreOptions() throws MojoExecutionException {
        String threadText = resolveText(CimflowProperties.THREADS, threads);
        int processors = Runtime.getRuntime().availableProcessors();
        return new ExploreOptions(parseThreads(threadText, processors), resolveFlag(CimflowProperties.FORCE, force));
    }

    /** Parses {@code 4} or {@code 1.5C} (times the processor count, rounded down, at least 1). */
    static int parseThreads(String text, int processors) throws MojoExecutionException {
        if (text == null || text.isBlank()) {
            return processors;
        }
        String trimmed = text.trim().toUpperCase(Locale.ROOT);
        try {
            if (trimmed.endsWith("C")) {
                double factor = Double.parseDouble(trimmed.substring(0, trimmed.length() - 1));
                if (factor > 0) {
                    return Math.max(1, (int) Math.floor(factor * processors));
                }
            } else {
                int count = Integer.parseInt(trimmed);
                if (count > 0) {
                    return count;
                }
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted forms
        }
        throw new MojoExecutionException("<threads> (or -D" + CimflowProperties.THREADS + ") = '" + text
                + "' is invalid; give a positive count such as 2, or a multiple of the processors such as 1C");
    }
}
