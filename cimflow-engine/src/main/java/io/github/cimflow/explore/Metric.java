package io.github.cimflow.explore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.ToDoubleFunction;

/**
 * The metrics of a run as summaries, plots and the gate name them: JSON key, label, unit, the
 * number of decimals written, and which direction is better.
 */
public enum Metric {
    LATENCY_MS("latency_ms", "latency", "ms", 6, false, RunMetrics::latencyMilliseconds),
    LATENCY_PER_IMAGE_MS("latency_per_image_ms", "latency per image", "ms", 6, false,
            RunMetrics::latencyPerImageMilliseconds),
    AVERAGE_POWER_MW("average_power_mw", "average power", "mW", 4, false, RunMetrics::averagePowerMilliwatts),
    TOTAL_ENERGY_PJ("total_energy_pj", "total energy", "pJ", 4, false, RunMetrics::totalEnergyPicojoules),
    TOPS("tops", "TOPS", "TOPS", 6, true, RunMetrics::tops),
    TOPS_PER_W("tops_per_w", "TOPS/W", "TOPS/W", 6, true, RunMetrics::topsPerWatt);

    private final String key;
    private final String label;
    private final String unit;
    private final int decimals;
    private final boolean higherIsBetter;
    private final ToDoubleFunction<RunMetrics> value;

    Metric(String key, String label, String unit, int decimals, boolean higherIsBetter,
           ToDoubleFunction<RunMetrics> value) {
        this.key = key;
        this.label = label;
        this.unit = unit;
        this.decimals = decimals;
        this.higherIsBetter = higherIsBetter;
        this.value = value;
    }

    /** Key in {@code summary.json} and column name in {@code summary.csv}. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public double of(RunMetrics metrics) {
        return value.applyAsDouble(metrics);
    }

    /** Returns the value rounded half-even to this metric's fixed decimals, or null when it is not finite. */
    public BigDecimal rounded(RunMetrics metrics) {
        double raw = of(metrics);
        if (!Double.isFinite(raw)) {
            return null;
        }
        return BigDecimal.valueOf(raw).setScale(decimals, RoundingMode.HALF_EVEN);
    }

    /** True when {@code candidate} is strictly better than {@code incumbent}. */
    boolean better(double candidate, double incumbent) {
        return higherIsBetter ? candidate > incumbent : candidate < incumbent;
    }
}
