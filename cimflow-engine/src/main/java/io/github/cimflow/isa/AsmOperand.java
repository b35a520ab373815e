package io.github.cimflow.isa;

/** One operand position of an assembly line; the register kind of a field comes from {@link OpcodeSpec}. */
public enum AsmOperand {
    RS(Field.RS),
    RT(Field.RT),
    RD(Field.RD),
    RE(Field.RE),
    RF(Field.RF),
    IMM(Field.IMM),
    /** {@code imm(rs)}: a byte offset and its base register, as in {@code SC_LD r2, 4(r1)}. */
    IMM_OF_RS(Field.IMM);

    private final Field field;

    AsmOperand(Field field) {
        this.field = field;
    }

    /** Returns the instruction field the operand sets. IMM_OF_RS also sets rs. */
    public Field field() {
        return field;
    }
}
