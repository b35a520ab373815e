package io.github.cimflow.isa;

/**
 * The instruction flags under the names CIMFlow's JSON keys and assembly use. Each wraps one
 * {@code Instruction.FLAG_*} bit; where a flag sits in the binary word is up to {@link InstructionSet}.
 */
public enum Flag {
    GRP(Instruction.FLAG_GRP),
    GRP_I(Instruction.FLAG_GRP_I),
    SP_V(Instruction.FLAG_SP_V),
    SP_B(Instruction.FLAG_SP_B),
    BATCH(Instruction.FLAG_BATCH),
    GRP_B(Instruction.FLAG_GRP_B),
    OSUM(Instruction.FLAG_OSUM),
    OSUM_MOV(Instruction.FLAG_OSUM_MOV);

    private final int mask;

    Flag(int mask) {
        this.mask = mask;
    }

    /** The bit of {@link Instruction#flags()} this flag sets. */
    public int mask() {
        return mask;
    }

    /** The flag with that JSON key or assembly name, or null. Accepts {@code OSUM_MOVE} as older assembly does. */
    public static Flag byName(String name) {
        if (name.equals("OSUM_MOVE")) {
            return OSUM_MOV;
        }
        for (Flag flag : values()) {
            if (flag.name().equals(name)) {
                return flag;
            }
        }
        return null;
    }
}
