package io.github.cimflow.isa;

/**
 * The funct codes of SC_RR and SC_RI, in code order (ADD = 0 .. LT = 15). The comparisons produce 1
 * or 0, MUL keeps the low 32 bits, DIV and MOD are integer operations, SRL shifts in zeros and SRA
 * copies the sign bit.
 */
public enum ScalarFunct {
    ADD, SUB, MUL, DIV, SLL, SRL, SRA, MOD, MIN, MAX, AND, OR, EQ, NE, GT, LT;

    private static final ScalarFunct[] BY_CODE = values();

    /** The funct code, equal to the ordinal. */
    public int code() {
        return ordinal();
    }

    /** The funct with that code, or null. */
    public static ScalarFunct fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
