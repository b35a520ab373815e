package io.github.cimflow.isa;

/** The funct codes of REDUCE as the CIMFlow documentation numbers them; the mnemonic is {@code REDUCE_<name>}. */
public enum ReduceFunct {
    /** Maximum of 8-bit elements into one 8-bit value. */
    MAX,
    /** Sum of 8-bit elements into one 32-bit value. */
    SUM;

    private static final ReduceFunct[] BY_CODE = values();

    /** Returns the funct code, equal to the ordinal. */
    public int code() {
        return ordinal();
    }

    /** Returns the funct with that code, or null. */
    public static ReduceFunct fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
