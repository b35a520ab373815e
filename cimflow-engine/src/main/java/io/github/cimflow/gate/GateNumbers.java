package io.github.cimflow.gate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Number formats of gate tables and messages: locale-independent and stable across runs. */
final class GateNumbers {
    private static final MathContext SIGNIFICANT = new MathContext(6);

    private GateNumbers() {
    }

    /** Formats with six significant digits, without exponent or trailing zeros ({@code 2.345}, {@code 1234570000}). */
    static String format(double value) {
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
    }

    /** Formats a relative change as a signed percentage with two decimals ({@code +3.20%}). */
    static String formatChange(double ratio) {
        return String.format(Locale.ROOT, "%+.2f%%", ratio * 100);
    }
}
