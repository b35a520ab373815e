package io.github.cimflow.isa;

/** Which funct table an opcode's funct field selects from. */
public enum FunctKind {
    /** The opcode has no funct field. */
    NONE,
    /** {@link ScalarFunct}: SC_RR and SC_RI. */
    SCALAR,
    /** {@link VectorFunct}: VEC_OP. */
    VECTOR,
    /** {@link ReduceFunct}: REDUCE. */
    REDUCE;

    /** True when {@code code} names a funct of this table. */
    public boolean isValid(int code) {
        return switch (this) {
            case NONE -> code == 0;
            case SCALAR -> ScalarFunct.fromCode(code) != null;
            case VECTOR -> VectorFunct.fromCode(code) != null;
            case REDUCE -> ReduceFunct.fromCode(code) != null;
        };
    }

    /** Number of codes of this table; valid codes are 0..size-1. */
    public int size() {
        return switch (this) {
            case NONE -> 1;
            case SCALAR -> ScalarFunct.values().length;
            case VECTOR -> VectorFunct.values().length;
            case REDUCE -> ReduceFunct.values().length;
        };
    }
}
