package io.github.cimflow.op;

/**
 * General and special register numbers the lowering uses. Every kernel loads what it needs before
 * use, so no value except {@link #ZERO} survives from one CG operation to the next.
 */
final class Registers {
    /** r0 to r3: operands of single instructions (addresses, sizes, ids). */
    static final int SCRATCH0 = 0;
    static final int SCRATCH1 = 1;
    static final int SCRATCH2 = 2;
    static final int SCRATCH3 = 3;
    /** r4 to r19: kernel registers, assigned per kernel (see docs/op.md). */
    static final int KERNEL_FIRST = 4;
    /** r20 to r23: loop counters, by nesting depth. */
    static final int LOOP_FIRST = 20;
    static final int LOOP_DEPTH = 4;
    /** r30 carries a special-register value above the S_LI range into GS_MOV. */
    static final int SPECIAL_VALUE = 30;
    /** r31 contains 0 for the whole program (set by the first instruction). */
    static final int ZERO = 31;

    /** Special register ids (SRF). */
    static final int CIM_IBW = 0;
    static final int CIM_OBW = 1;
    static final int CIM_WBW = 2;
    static final int CIM_GSZ = 3;
    static final int CIM_AG = 4;
    static final int CIM_GSTEP = 6;
    static final int VEC_IBW1 = 16;
    static final int VEC_IBW2 = 17;
    static final int VEC_IBW3 = 18;
    static final int VEC_IBW4 = 19;
    static final int VEC_OBW = 20;
    static final int VEC_IA3 = 21;
    static final int VEC_IA4 = 22;

    /** SC_RR and SC_RI funct codes. */
    static final int ADD = 0;
    static final int SUB = 1;
    static final int SLL = 4;

    /** VEC_OP funct codes. */
    static final int VEC_ADD = 0;
    static final int VEC_SC_ADD = 1;
    /** VEC_VSMUL: cimflow's multiply of two int8 vectors shifted right by a scalar. */
    static final int VEC_MULTIPLY_SHIFT = 7;
    static final int VEC_QUANTIZE = 3;
    static final int VEC_VVMAX = 6;
    /** VEC_VSET: cimflow's 256-entry byte table lookup. */
    static final int VEC_LOOKUP = 9;

    private Registers() {
    }
}
