package io.github.cimflow.isa;

/**
 * One decoded instruction. Register fields hold register numbers 0..31 (special-register ids for
 * S_LI, GS_MOV and SG_MOV); a field the opcode does not use is 0. {@code flags} is a bit set of
 * {@link #FLAG_GRP} and the other FLAG constants, independent of where the binary form puts them.
 *
 * @param opcode opcode
 * @param rs     rs field
 * @param rt     rt field
 * @param rd     rd field
 * @param re     re field
 * @param rf     rf field
 * @param funct  funct field (VEC_OP, REDUCE, SC_RR, SC_RI)
 * @param imm    immediate, sign-extended where the format is signed
 * @param flags  bit set of FLAG_* constants
 */
public record Instruction(Opcode opcode, int rs, int rt, int rd, int re, int rf, int funct, int imm, int flags) {
    /** CIM_MVM group mode. */
    public static final int FLAG_GRP = 1;
    /** CIM_MVM group input mode (per-group input offsets from a table). */
    public static final int FLAG_GRP_I = 1 << 1;
    /** CIM_MVM value sparsity. */
    public static final int FLAG_SP_V = 1 << 2;
    /** CIM_MVM bit sparsity. */
    public static final int FLAG_SP_B = 1 << 3;
    /** CIM_MVM batch mode: GRF[rf] consecutive input vectors. */
    public static final int FLAG_BATCH = 1 << 4;
    /** CIM_CFG broadcast to all groups. */
    public static final int FLAG_GRP_B = 1 << 5;
    /** CIM_OUT sums the groups' outputs. */
    public static final int FLAG_OSUM = 1 << 6;
    /** CIM_OUT sums and moves. */
    public static final int FLAG_OSUM_MOV = 1 << 7;

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }
}
