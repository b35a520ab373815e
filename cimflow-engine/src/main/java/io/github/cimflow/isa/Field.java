package io.github.cimflow.isa;

/** The fields of an {@link Instruction} that the binary, JSON and assembly forms carry. */
public enum Field {
    RS("rs"),
    RT("rt"),
    RD("rd"),
    RE("re"),
    RF("rf"),
    FUNCT("funct"),
    IMM("imm");

    private final String key;

    Field(String key) {
        this.key = key;
    }

    /** The field's name in CIMFlow's JSON form and in messages ({@code rs}, {@code imm}, ...). */
    public String key() {
        return key;
    }

    /** Reads this field's value from an instruction. */
    public int valueOf(Instruction instruction) {
        return switch (this) {
            case RS -> instruction.rs();
            case RT -> instruction.rt();
            case RD -> instruction.rd();
            case RE -> instruction.re();
            case RF -> instruction.rf();
            case FUNCT -> instruction.funct();
            case IMM -> instruction.imm();
        };
    }
}
