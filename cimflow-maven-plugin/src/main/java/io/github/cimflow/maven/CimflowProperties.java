package io.github.cimflow.maven;

import java.util.List;

/**
 * The user properties the goals read, in one place.
 *
 * <p>Maven lets a value in the POM's {@code <configuration>} win over {@code -Dname=value}. For the
 * flags users flip at the prompt, and for sweep axes, the goals reverse that order and resolve each
 * value as:
 * <ol>
 *   <li>{@code -Dname=value} on the command line (or {@code MAVEN_OPTS}, {@code .mvn/maven.config});</li>
 *   <li>the element in the plugin's {@code <configuration>};</li>
 *   <li>{@code <properties>} of the POM (only when the element is not configured);</li>
 *   <li>the parameter's default.</li>
 * </ol>
 * Every other parameter follows Maven's usual order: configuration element, then property, then default.
 */
public final class CimflowProperties {
    /** Skips every cimflow goal. */
    public static final String SKIP = "cimflow.skip";
    /** Skips the {@code check} goal only. */
    public static final String CHECK_SKIP = "cimflow.check.skip";
    /** Whether a failed gate fails the build. */
    public static final String CHECK_HALT_ON_FAILURE = "cimflow.check.haltOnFailure";
    /** Parallel runs of a sweep: a count ({@code 4}) or a multiple of the core count ({@code 1C}). */
    public static final String THREADS = "cimflow.threads";
    /** Recomputes runs whose cached result is still valid. */
    public static final String FORCE = "cimflow.force";
    /** The {@code summary.json} the gate reads. */
    public static final String RESULTS = "cimflow.results";
    /** The baseline file of the gate. */
    public static final String BASELINE = "cimflow.baseline";
    /** A CIMFlow batch JSON file to run instead of the POM's runs. */
    public static final String BATCH_FILE = "cimflow.batchFile";

    /** Prefix of the sweep-axis properties: {@code -Dcimflow.b=8,16} replaces the {@code b} axis. */
    public static final String AXIS_PREFIX = "cimflow.";
    /** The sweep axes that {@code -Dcimflow.<axis>=v1,v2} replaces, by POM element name. */
    public static final List<String> AXES = List.of("model", "t", "k", "b", "c", "batchSize", "strategy");

    private CimflowProperties() {
    }
}
