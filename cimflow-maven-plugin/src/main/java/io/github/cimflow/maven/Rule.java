package io.github.cimflow.maven;

/**
 * One {@code <rule>} of the {@code check} goal. Give either {@code tolerance} (against the
 * baseline) or {@code minimum} and/or {@code maximum} (absolute, in the metric's unit).
 *
 * <pre>{@code
 * <rule>
 *   <metric>tops_per_w</metric>
 *   <tolerance>5%</tolerance>
 * </rule>
 * <rule>
 *   <metric>latency</metric>
 *   <run>B16_batch1</run>
 *   <maximum>2.5</maximum>
 *   <level>WARN</level>
 * </rule>
 * }</pre>
 */
public class Rule {
    /** latency, latency_per_image, energy, power, tops or tops_per_w. */
    String metric;
    /** The run to check; unset checks every run. */
    String run;
    /** Smallest allowed value, in the metric's unit. */
    String minimum;
    /** Largest allowed value, in the metric's unit. */
    String maximum;
    /** Allowed change towards worse relative to the baseline: {@code 5%} or {@code 0.05}. */
    String tolerance;
    /** ERROR (default) fails the gate; WARN only reports. */
    String level;
}
