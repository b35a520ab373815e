package io.github.cimflow.gate;

import io.github.cimflow.CimflowException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One gate rule: a metric of one run or of every run, held either to absolute bounds or to the
 * baseline within a tolerance.
 *
 * @param metric    the metric checked
 * @param run       the run name, or null for every run in the results
 * @param minimum   the smallest allowed value in the metric's unit, or null
 * @param maximum   the largest allowed value in the metric's unit, or null
 * @param tolerance the allowed change towards worse relative to the baseline, or null for a bounds rule
 * @param level     whether a violation fails the gate or only warns
 */
public record Rule(Metric metric, String run, Double minimum, Double maximum, Tolerance tolerance, Level level) {

    public Rule {
        if (metric == null) {
            throw new CimflowException("rule without a metric; set one of: " + Metric.knownNames());
        }
        if (tolerance == null && minimum == null && maximum == null) {
            throw new CimflowException("rule on " + metric.ruleName()
                    + " has no limit; set a tolerance against the baseline, a minimum or a maximum");
        }
        if (tolerance != null && (minimum != null || maximum != null)) {
            throw new CimflowException("rule on " + metric.ruleName()
                    + " mixes a tolerance with a minimum or maximum; write them as two rules");
        }
        if (minimum != null && maximum != null && minimum > maximum) {
            throw new CimflowException("rule on " + metric.ruleName() + " has minimum "
                    + GateNumbers.format(minimum) + " above maximum " + GateNumbers.format(maximum)
                    + "; swap them");
        }
        if (run != null && run.isBlank()) {
            run = null;
        }
        if (level == null) {
            level = Level.ERROR;
        }
    }

    /**
     * Builds a rule from the text of its fields, as a POM or a command line gives them. Null or
     * blank fields are unset; {@code level} defaults to ERROR.
     */
    public static Rule of(String metric, String run, String minimum, String maximum, String tolerance,
                          String level) {
        if (metric == null || metric.isBlank()) {
            throw new CimflowException("rule without a metric; set one of: " + Metric.knownNames());
        }
        return new Rule(Metric.parse(metric), run,
                parseBound("minimum", minimum), parseBound("maximum", maximum),
                isSet(tolerance) ? Tolerance.parse(tolerance) : null,
                isSet(level) ? Level.parse(level) : Level.ERROR);
    }

    /**
     * Parses the command-line form {@code METRIC[@RUN]:KEY=VALUE[,KEY=VALUE...]} with keys
     * {@code tolerance}, {@code min}/{@code minimum}, {@code max}/{@code maximum} and {@code level},
     * for example {@code tops_per_w:tolerance=5%} or {@code latency@B16_batch1:max=2.5,level=warn}.
     */
    public static Rule parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw new CimflowException("invalid rule '" + spec
                    + "'; write METRIC[@RUN]:KEY=VALUE, for example tops_per_w:tolerance=5% or latency:max=2.5");
        }
        String subject = spec.substring(0, colon).trim();
        int at = subject.indexOf('@');
        String metric = at < 0 ? subject : subject.substring(0, at);
        String run = at < 0 ? null : subject.substring(at + 1);

        String minimum = null;
        String maximum = null;
        String tolerance = null;
        String level = null;
        Set<String> given = new HashSet<>();
        for (String pair : spec.substring(colon + 1).split(",")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair.trim() : pair.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String value = equals < 0 ? null : pair.substring(equals + 1).trim();
            if (value == null || value.isEmpty()) {
                throw new CimflowException("invalid rule '" + spec + "': '" + pair.trim()
                        + "' has no value; write KEY=VALUE");
            }
            String field = switch (key) {
                case "min", "minimum" -> "min";
                case "max", "maximum" -> "max";
                case "tolerance", "level" -> key;
                default -> throw new CimflowException("invalid rule '" + spec + "': unknown key '" + key
                        + "'; known keys: tolerance, min, max, level");
            };
            if (!given.add(field)) {
                throw new CimflowException("invalid rule '" + spec + "': " + field + " is given more than once; "
                        + "keep one " + field + "=VALUE");
            }
            switch (field) {
                case "min" -> minimum = value;
                case "max" -> maximum = value;
                case "tolerance" -> tolerance = value;
                default -> level = value;
            }
        }
        return of(metric, run, minimum, maximum, tolerance, level);
    }

    /** Whether this rule compares against the baseline. */
    public boolean needsBaseline() {
        return tolerance != null;
    }

    /** A one-line description, used as the JUnit test-case name and in failure lists. */
    public String describe() {
        String subject = metric.ruleName() + (run == null ? " of every run" : " of run " + run);
        String unit = " " + metric.unit();
        if (tolerance != null) {
            return subject + " within " + tolerance.text() + " of the baseline";
        }
        if (minimum != null && maximum != null) {
            return subject + " between " + GateNumbers.format(minimum) + " and " + GateNumbers.format(maximum) + unit;
        }
        if (minimum != null) {
            return subject + " at least " + GateNumbers.format(minimum) + unit;
        }
        return subject + " at most " + GateNumbers.format(maximum) + unit;
    }

    private static boolean isSet(String text) {
        return text != null && !text.isBlank();
    }

    private static Double parseBound(String field, String text) {
        if (!isSet(text)) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.trim());
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new CimflowException("invalid " + field + " '" + text + "'; write a plain number in the metric's unit");
        }
    }
}
