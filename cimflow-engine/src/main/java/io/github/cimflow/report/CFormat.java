package io.github.cimflow.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Number formats of C's printf that Java's Formatter does not reproduce. */
public final class CFormat {
    private CFormat() {
    }

    /**
     * Formats like C's {@code %.6g}: 6 significant digits, trailing zeros and a trailing point
     * dropped, exponent form {@code 1.23457e+06} when the exponent is below -4 or at least 6.
     * Rounding is half-even on the exact binary value, as glibc does.
     */
    public static String g6(double value) {
        return g(value, 6);
    }

    /** C's {@code %.Ng} for {@code precision} significant digits (at least 1). */
    public static String g(double value, int precision) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        int digits = Math.max(1, precision);
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= digits) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String sign = exponent < 0 ? "-" : "+";
            return mantissa.toPlainString() + "e" + sign + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** C's {@code %.4f}, independent of the default locale. */
    public static String f4(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
