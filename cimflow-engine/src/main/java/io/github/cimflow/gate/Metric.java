package io.github.cimflow.gate;

import io.github.cimflow.CimflowException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The metrics a gate rule can check, each with its key in {@code summary.json}, its unit and its
 * direction. Every value is one number per run, as the explorer writes it.
 */
public enum Metric {
    /** End-to-end latency of one batch, milliseconds. */
    LATENCY("latency", "latency_ms", "ms", Direction.LOWER_IS_BETTER),
    /** Latency divided by the batch size, milliseconds per image. */
    LATENCY_PER_IMAGE("latency_per_image", "latency_per_image_ms", "ms", Direction.LOWER_IS_BETTER),
    /** Total energy of one batch, picojoules. */
    ENERGY("energy", "total_energy_pj", "pJ", Direction.LOWER_IS_BETTER),
    /** Average power over the latency, milliwatts. */
    POWER("power", "average_power_mw", "mW", Direction.LOWER_IS_BETTER),
    /** Throughput in tera-operations per second (one MAC counts as two operations). */
    TOPS("tops", "tops", "TOPS", Direction.HIGHER_IS_BETTER),
    /** Energy efficiency in tera-operations per second per watt. */
    TOPS_PER_W("tops_per_w", "tops_per_w", "TOPS/W", Direction.HIGHER_IS_BETTER);

    private final String ruleName;
    private final String summaryKey;
    private final String unit;
    private final Direction direction;

    Metric(String ruleName, String summaryKey, String unit, Direction direction) {
        this.ruleName = ruleName;
        this.summaryKey = summaryKey;
        this.unit = unit;
        this.direction = direction;
    }

    /** The name used in rules, tables and reports ({@code tops_per_w}). */
    public String ruleName() {
        return ruleName;
    }

    /** The key of this metric in the {@code metrics} object of a run in {@code summary.json}. */
    public String summaryKey() {
        return summaryKey;
    }

    public String unit() {
        return unit;
    }

    public Direction direction() {
        return direction;
    }

    /**
     * Parses a metric by rule name or summary key, ignoring case and accepting camel case
     * ({@code topsPerW}) and dashes.
     */
    public static Metric parse(String text) {
        String normalized = text == null ? "" : text.trim()
                .replaceAll("([a-z])([A-Z])", "$1_$2")
                .replace('-', '_')
                .toLowerCase(Locale.ROOT);
        for (Metric metric : values()) {
            if (metric.ruleName.equals(normalized) || metric.summaryKey.equals(normalized)) {
                return metric;
            }
        }
        throw new CimflowException("unknown metric '" + text + "'; known metrics: " + knownNames());
    }

    /** The rule names of all metrics, comma separated. */
    public static String knownNames() {
        return Arrays.stream(values()).map(Metric::ruleName).collect(Collectors.joining(", "));
    }
}
