package io.github.cimflow.gate;

import io.github.cimflow.CimflowException;
import java.math.BigDecimal;

/**
 * How far a metric may move in its worse direction relative to the baseline, as a ratio of the
 * baseline value.
 *
 * @param ratio the allowed relative change, at least 0 ({@code 0.05} for 5 %)
 * @param text  the tolerance as the user wrote it, for messages
 */
public record Tolerance(BigDecimal ratio, String text) {

    /**
     * Parses a percentage ({@code 5%}) or a ratio ({@code 0.05}); both mean the same. A ratio above
     * 1 is rejected because it is almost always a percentage written without its {@code %}.
     */
    public static Tolerance parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        boolean percent = trimmed.endsWith("%");
        String number = percent ? trimmed.substring(0, trimmed.length() - 1).trim() : trimmed;
        BigDecimal value;
        try {
            value = new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw new CimflowException("invalid tolerance '" + text
                    + "'; write a percentage such as 5% or a ratio such as 0.05");
        }
        if (value.signum() < 0) {
            throw new CimflowException("invalid tolerance '" + text + "'; a tolerance cannot be negative");
        }
        if (percent) {
            return new Tolerance(value.movePointLeft(2), trimmed);
        }
        if (value.compareTo(BigDecimal.ONE) > 0) {
            throw new CimflowException("invalid tolerance '" + text + "'; a ratio must be at most 1, for "
                    + text.trim() + " percent write " + text.trim() + "%");
        }
        return new Tolerance(value, trimmed);
    }
}
