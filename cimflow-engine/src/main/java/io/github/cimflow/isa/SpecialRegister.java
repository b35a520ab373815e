package io.github.cimflow.isa;

/**
 * The named special registers (SRF) by id. Ids 9..15 and 23..31 exist in the register file but have
 * no assigned meaning; the assembly form names them {@code RESERVED_<id>}.
 */
public enum SpecialRegister {
    /** CIM input bit width, the number of bit-serial steps of an MVM. */
    CIM_IBW(0),
    /** CIM output bit width, used by CIM_OUT. */
    CIM_OBW(1),
    /** CIM weight bit width. */
    CIM_WBW(2),
    /** Macros per group; must equal the configured group size T. */
    CIM_GSZ(3),
    /** Number of active macro groups. */
    CIM_AG(4),
    /** Active element columns per group. */
    CIM_AE(5),
    /** Input address step in bytes between consecutive groups (group mode). */
    CIM_GSTEP(6),
    /** Value-sparsity mask address (reserved in CIMFlow). */
    CIM_VMASK(7),
    /** Bit-sparsity metadata address (reserved in CIMFlow). */
    CIM_BMETA(8),
    /** Element bit width of vector input 1. */
    VEC_IBW1(16),
    /** Element bit width of vector input 2. */
    VEC_IBW2(17),
    /** Element bit width of vector input 3. */
    VEC_IBW3(18),
    /** Element bit width of vector input 4. */
    VEC_IBW4(19),
    /** Element bit width of the vector output. */
    VEC_OBW(20),
    /** Byte address of vector input 3. */
    VEC_IA3(21),
    /** Byte address of vector input 4. */
    VEC_IA4(22);

    /** Number of special registers, named or reserved. */
    public static final int COUNT = 32;

    private static final SpecialRegister[] BY_ID = new SpecialRegister[COUNT];

    static {
        for (SpecialRegister register : values()) {
            BY_ID[register.id] = register;
        }
    }

    private final int id;

    SpecialRegister(int id) {
        this.id = id;
    }

    /** The register id 0..31, the value of the rd field of S_LI. */
    public int id() {
        return id;
    }

    /** The named register with that id, or null for a reserved or out-of-range id. */
    public static SpecialRegister fromId(int id) {
        return id >= 0 && id < COUNT ? BY_ID[id] : null;
    }

    /** True for an id in 0..31 without an assigned meaning. */
    public static boolean isReserved(int id) {
        return id >= 0 && id < COUNT && BY_ID[id] == null;
    }

    /** The assembly name of an id: the register's name, or {@code RESERVED_<id>}. */
    public static String nameOf(int id) {
        SpecialRegister register = fromId(id);
        return register != null ? register.name() : "RESERVED_" + id;
    }

    /** The id an assembly name denotes ({@code CIM_IBW}, {@code RESERVED_9}), or -1. */
    public static int idOf(String name) {
        for (SpecialRegister register : values()) {
            if (register.name().equals(name)) {
                return register.id;
            }
        }
        if (name.startsWith("RESERVED_")) {
            try {
                int id = Integer.parseInt(name.substring("RESERVED_".length()));
                return isReserved(id) ? id : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }
}
