package io.github.cimflow.isa;

/**
 * The funct codes of SC_RR and SC_RI, in code order (ADD = 0 .. LT = 15). The comparisons produce 1
 * or 0, MUL keeps the low 32 bits, DIV and MOD are integer operations, SRL shifts in zeros and SRA
 * copies the sign bit.
 */
public enum ScalarFunct {
    ADD, SUB, MUL, DIV, SLL, SRL, SRA, MOD, MIN, MAX, AND, OR, EQ, NE, GT, LT;

    private static final ScalarFunct[] BY_CODE = values();

    /** Returns the funct code, equal to the ordinal. */
    public int code() {
        return ordinal();
    }

    /**
     * Computes {@code a op b} on signed 32-bit values as the scalar unit does. Shifts use the low 5
     * bits of {@code b}; DIV rounds toward zero and MOD takes the sign of {@code a}.
     *
     * @throws ArithmeticException for DIV or MOD by zero
     */
    public int apply(int a, int b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case SLL -> a << (b & 31);
            case SRL -> a >>> (b & 31);
            case SRA -> a >> (b & 31);
            case MOD -> a % b;
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
            case AND -> a & b;
            case OR -> a | b;
            case EQ -> a == b ? 1 : 0;
            case NE -> a != b ? 1 : 0;
            case GT -> a > b ? 1 : 0;
            case LT -> a < b ? 1 : 0;
        };
    }

    /** Returns the funct with that code, or null. */
    public static ScalarFunct fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
