package io.github.cimflow.gate;

import io.github.cimflow.CimflowException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The metrics a gate rule can check, named for rules ({@code tops_per_w}, {@code latency}). Key in
 * {@code summary.json}, unit and direction come from the explorer's {@link io.github.cimflow.explore.Metric},
 * so that the gate reads exactly what the sweep writes.
 */
public enum Metric {
    /** End-to-end latency of one batch, milliseconds. */
    LATENCY("latency", io.github.cimflow.explore.Metric.LATENCY_MS),
    /** Latency divided by the batch size, milliseconds per image. */
    LATENCY_PER_IMAGE("latency_per_image", io.github.cimflow.explore.Metric.LATENCY_PER_IMAGE_MS),
    /** Total energy of one batch, picojoules. */
    ENERGY("energy", io.github.cimflow.explore.Metric.TOTAL_ENERGY_PJ),
    /** Average power over the latency, milliwatts. */
    POWER("power", io.github.cimflow.explore.Metric.AVERAGE_POWER_MW),
    /** Throughput in tera-operations per second. */
    TOPS("tops", io.github.cimflow.explore.Metric.TOPS),
    /** Energy efficiency in tera-operations per second per watt. */
    TOPS_PER_W("tops_per_w", io.github.cimflow.explore.Metric.TOPS_PER_W);

    private final String ruleName;
    private final io.github.cimflow.explore.Metric summaryMetric;

    Metric(String ruleName, io.github.cimflow.explore.Metric summaryMetric) {
        this.ruleName = ruleName;
        this.summaryMetric = summaryMetric;
    }

    /** The name used in rules, tables and reports ({@code tops_per_w}). */
    public String ruleName() {
        return ruleName;
    }

    /** The key of this metric in the {@code metrics} object of a run in {@code summary.json}. */
    public String summaryKey() {
        return summaryMetric.key();
    }

    public String unit() {
        return summaryMetric.unit();
    }

    public Direction direction() {
        return summaryMetric.higherIsBetter() ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
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
            if (metric.ruleName.equals(normalized) || metric.summaryKey().equals(normalized)) {
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
