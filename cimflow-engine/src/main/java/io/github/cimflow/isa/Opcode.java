package io.github.cimflow.isa;

/**
 * The opcodes of the 32-bit CIM instruction set, in numeric order. The 6-bit opcode sits in bits
 * [31:26]; the class is in the high bits (00 CIM, 01 vector, 10 scalar, 110 transfer, 111 control).
 * VEC_OP, MEM_CPY and BRANCH occupy several numbers: the low bits carry the input count, the offset
 * flags and the comparison.
 */
public enum Opcode {
    CIM_MVM(0, Format.R),
    CIM_CFG(4, Format.R),
    CIM_OUT(8, Format.R),
    CIM_TRANSFER(12, Format.R),
    /** VEC_OP with 1 input (opcode 16); 2, 3 and 4 inputs are 20, 24 and 28. */
    VEC_OP1(16, Format.R),
    REDUCE(17, Format.R),
    VEC_OP2(20, Format.R),
    VEC_OP3(24, Format.R),
    VEC_OP4(28, Format.R),
    SC_RR(32, Format.R),
    SC_RI(36, Format.I_A),
    SC_LD(40, Format.I_B),
    SC_ST(41, Format.I_B),
    SC_LDG(42, Format.I_B),
    SC_STG(43, Format.I_B),
    G_LI(44, Format.I_C),
    S_LI(45, Format.I_C),
    GS_MOV(46, Format.I_B),
    SG_MOV(47, Format.I_B),
    /** MEM_CPY without offsets; 49 adds imm to the destination, 50 to the source, 51 to both. */
    MEM_CPY(48, Format.I_A),
    MEM_CPY_DST_O(49, Format.I_A),
    MEM_CPY_SRC_O(50, Format.I_A),
    MEM_CPY_SRC_O_DST_O(51, Format.I_A),
    SEND(52, Format.R),
    RECV(54, Format.R),
    BEQ(56, Format.I_B),
    BNE(57, Format.I_B),
    BGT(58, Format.I_B),
    BLT(59, Format.I_B),
    JMP(60, Format.J),
    WAIT(61, Format.I_A),
    BARRIER(62, Format.I_B),
    TAG(63, Format.I_C);

    /** Encoding types: which bit ranges hold registers and the immediate. */
    public enum Format {
        /** rs[25:21] rt[20:16] rd/re[15:11] re/rf[10:6] funct/flags[5:0]. */
        R,
        /** rs[25:21] rt/rd[20:16] rd/funct[15:11] imm[10:0], signed 11 bits. */
        I_A,
        /** rs[25:21] rt/rd[20:16] imm[15:0], signed 16 bits. */
        I_B,
        /** rd[25:21] imm[20:0], unsigned 21 bits. */
        I_C,
        /** imm[25:0], signed 26 bits. */
        J
    }

    private static final Opcode[] BY_CODE = new Opcode[64];

    static {
        for (Opcode opcode : values()) {
            BY_CODE[opcode.code] = opcode;
        }
    }

    private final int code;
    private final Format format;

    Opcode(int code, Format format) {
        this.code = code;
        this.format = format;
    }

    /** The 6-bit opcode number. */
    public int code() {
        return code;
    }

    public Format format() {
        return format;
    }

    /** The opcode with that number, or null when the number is not assigned. */
    public static Opcode fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
