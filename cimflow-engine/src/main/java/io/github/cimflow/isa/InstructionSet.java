package io.github.cimflow.isa;

import static io.github.cimflow.isa.Field.FUNCT;
import static io.github.cimflow.isa.Field.IMM;
import static io.github.cimflow.isa.Field.RD;
import static io.github.cimflow.isa.Field.RE;
import static io.github.cimflow.isa.Field.RF;
import static io.github.cimflow.isa.Field.RS;
import static io.github.cimflow.isa.Field.RT;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The instruction set table: per opcode its fields and their bits, the immediate's signedness, the
 * flags and their bits, and the assembly form. Bit positions follow the CIMFlow documentation's five
 * formats; where it leaves a position open the choice is marked "cimflow choice" below.
 *
 * <pre>
 *        31:26   25:21  20:16  15:11  10:6   5:0
 * R      opcode  rs     rt     rd/re  re/rf  funct or flags (SEND, RECV, CIM_TRANSFER: rf in 5:1)
 * I-A    opcode  rs     rt/rd  rd/funct  imm[10:0] signed
 * I-B    opcode  rs     rt/rd  imm[15:0] signed
 * I-C    opcode  rd     imm[20:0] unsigned
 * J      opcode  imm[25:0] signed
 * </pre>
 */
public final class InstructionSet {
    /** The opcode's bits in every format. */
    public static final BitRange OPCODE_BITS = new BitRange(31, 26);
    /** Number of general-purpose registers r0..r31. */
    public static final int GENERAL_REGISTER_COUNT = 32;

    private static final BitRange B25_21 = new BitRange(25, 21);
    private static final BitRange B20_16 = new BitRange(20, 16);
    private static final BitRange B15_11 = new BitRange(15, 11);
    private static final BitRange B10_6 = new BitRange(10, 6);
    private static final BitRange B5_1 = new BitRange(5, 1);
    private static final BitRange B5_0 = new BitRange(5, 0);
    private static final BitRange IMM11 = new BitRange(10, 0);
    private static final BitRange IMM16 = new BitRange(15, 0);
    private static final BitRange IMM21 = new BitRange(20, 0);
    private static final BitRange IMM26 = new BitRange(25, 0);

    private static final Map<Opcode, OpcodeSpec> SPECS = new EnumMap<>(Opcode.class);
    private static final Map<String, Mnemonic> MNEMONICS = new HashMap<>();

    static {
        define(new Builder(Opcode.CIM_MVM, "CIM_MVM")
                .field(RS, B25_21).field(RT, B20_16).field(RE, B15_11).field(RF, B10_6)
                // GRP..SP_B at bits 5..2 as CIMFlow's predecessor simulator decodes them; BATCH has no
                // published position, so bit 1 is the cimflow choice and bit 0 stays reserved.
                .flag(Flag.GRP, 5).flag(Flag.GRP_I, 4).flag(Flag.SP_V, 3).flag(Flag.SP_B, 2).flag(Flag.BATCH, 1)
                .asm(AsmOperand.RS, AsmOperand.RT, AsmOperand.RE, AsmOperand.RF));
        define(new Builder(Opcode.CIM_CFG, "CIM_CFG")
                .field(RS, B25_21).field(RT, B20_16)
                .flag(Flag.GRP_B, 15)
                .asm(AsmOperand.RS, AsmOperand.RT));
        define(new Builder(Opcode.CIM_OUT, "CIM_OUT")
                .field(RS, B25_21).field(RT, B20_16).field(RD, B15_11)
                .flag(Flag.OSUM, 5).flag(Flag.OSUM_MOV, 4)
                .asm(AsmOperand.RS, AsmOperand.RT, AsmOperand.RD));
        // Five registers like SEND; the positions are the cimflow choice (no published encoding).
        define(new Builder(Opcode.CIM_TRANSFER, "CIM_TRANSFER")
                .field(RS, B25_21).field(RT, B20_16).field(RD, B15_11).field(RE, B10_6).field(RF, B5_1)
                .asm(AsmOperand.RS, AsmOperand.RT, AsmOperand.RD, AsmOperand.RE, AsmOperand.RF));
        // A one-input vector operation has no second input, so rt is left out.
        define(new Builder(Opcode.VEC_OP1, "VEC").funct(FunctKind.VECTOR)
                .field(RS, B25_21).field(RD, B15_11).field(RE, B10_6).field(FUNCT, B5_0)
                .asm(AsmOperand.RD, AsmOperand.RS, AsmOperand.RE));
        define(new Builder(Opcode.REDUCE, "REDUCE").funct(FunctKind.REDUCE)
                .field(RS, B25_21).field(RT, B20_16).field(RD, B15_11).field(FUNCT, B5_0)
                .asm(AsmOperand.RD, AsmOperand.RS, AsmOperand.RT));
        for (Opcode vector : List.of(Opcode.VEC_OP2, Opcode.VEC_OP3, Opcode.VEC_OP4)) {
            define(new Builder(vector, "VEC").funct(FunctKind.VECTOR)
                    .field(RS, B25_21).field(RT, B20_16).field(RD, B15_11).field(RE, B10_6).field(FUNCT, B5_0)
                    .asm(AsmOperand.RD, AsmOperand.RS, AsmOperand.RT, AsmOperand.RE));
        }
        define(new Builder(Opcode.SC_RR, "SC").funct(FunctKind.SCALAR)
                .field(RS, B25_21).field(RT, B20_16).field(RD, B15_11).field(FUNCT, B5_0).writes(RD)
                .asm(AsmOperand.RD, AsmOperand.RS, AsmOperand.RT));
        // The documentation's format table calls this funct 6 bits wide, but its bit diagram and the
        // code give 5 bits [15:11]; the 16 scalar functs fit either way.
        define(new Builder(Opcode.SC_RI, "SC").funct(FunctKind.SCALAR)
                .field(RS, B25_21).field(RD, B20_16).field(FUNCT, B15_11).field(IMM, IMM11).signed().writes(RD)
                .asm(AsmOperand.RD, AsmOperand.RS, AsmOperand.IMM));
        for (Opcode load : List.of(Opcode.SC_LD, Opcode.SC_LDG)) {
            define(new Builder(load, load.name())
                    .field(RS, B25_21).field(RD, B20_16).field(IMM, IMM16).signed().writes(RD)
                    .asm(AsmOperand.RD, AsmOperand.IMM_OF_RS));
        }
        for (Opcode store : List.of(Opcode.SC_ST, Opcode.SC_STG)) {
            define(new Builder(store, store.name())
                    .field(RS, B25_21).field(RT, B20_16).field(IMM, IMM16).signed()
                    .asm(AsmOperand.RT, AsmOperand.IMM_OF_RS));
        }
        define(new Builder(Opcode.G_LI, "G_LI")
                .field(RD, B25_21).field(IMM, IMM21).writes(RD)
                .asm(AsmOperand.RD, AsmOperand.IMM));
        define(new Builder(Opcode.S_LI, "S_LI")
                .field(RD, B25_21).field(IMM, IMM21).special(RD).writes(RD)
                .asm(AsmOperand.RD, AsmOperand.IMM));
        define(new Builder(Opcode.GS_MOV, "GS_MOV")
                .field(RS, B25_21).field(RD, B20_16).special(RD).writes(RD)
                .asm(AsmOperand.RD, AsmOperand.RS));
        define(new Builder(Opcode.SG_MOV, "SG_MOV")
                .field(RS, B25_21).field(RD, B20_16).special(RS).writes(RD)
                .asm(AsmOperand.RD, AsmOperand.RS));
        for (Opcode copy : List.of(Opcode.MEM_CPY, Opcode.MEM_CPY_DST_O, Opcode.MEM_CPY_SRC_O,
                Opcode.MEM_CPY_SRC_O_DST_O)) {
            define(new Builder(copy, "MEM_CPY")
                    .field(RS, B25_21).field(RT, B20_16).field(RD, B15_11).field(IMM, IMM11).signed()
                    .asm(AsmOperand.RD, AsmOperand.RS, AsmOperand.RT, AsmOperand.IMM));
        }
        for (Opcode transfer : List.of(Opcode.SEND, Opcode.RECV)) {
            define(new Builder(transfer, transfer.name())
                    .field(RS, B25_21).field(RT, B20_16).field(RD, B15_11).field(RE, B10_6).field(RF, B5_1)
                    .asm(AsmOperand.RS, AsmOperand.RT, AsmOperand.RD, AsmOperand.RE, AsmOperand.RF));
        }
        for (Opcode branch : List.of(Opcode.BEQ, Opcode.BNE, Opcode.BGT, Opcode.BLT)) {
            define(new Builder(branch, branch.name())
                    .field(RS, B25_21).field(RT, B20_16).field(IMM, IMM16).signed()
                    .asm(AsmOperand.RS, AsmOperand.RT, AsmOperand.IMM));
        }
        define(new Builder(Opcode.JMP, "JMP").field(IMM, IMM26).signed().asm(AsmOperand.IMM));
        define(new Builder(Opcode.WAIT, "WAIT")
                .field(RS, B25_21).field(RT, B20_16).field(RD, B15_11)
                .asm(AsmOperand.RS, AsmOperand.RT, AsmOperand.RD));
        define(new Builder(Opcode.BARRIER, "BARRIER")
                .field(RS, B25_21).field(RT, B20_16)
                .asm(AsmOperand.RS, AsmOperand.RT));
        define(new Builder(Opcode.TAG, "TAG").field(RS, B25_21).asm(AsmOperand.RS));

        for (Opcode opcode : Opcode.values()) {
            if (!SPECS.containsKey(opcode)) {
                throw new IllegalStateException("opcode " + opcode + " has no entry in the instruction set table");
            }
        }
        defineMnemonics();
    }

    private InstructionSet() {
    }

    /** Returns the table entry of an opcode. */
    public static OpcodeSpec spec(Opcode opcode) {
        return SPECS.get(opcode);
    }

    /** Returns every table entry, in opcode order. */
    public static List<OpcodeSpec> specs() {
        return List.copyOf(SPECS.values());
    }

    /** Number of inputs of a VEC_OP opcode (1..4), or 0 for any other opcode. */
    public static int vectorInputCount(Opcode opcode) {
        return switch (opcode) {
            case VEC_OP1 -> 1;
            case VEC_OP2 -> 2;
            case VEC_OP3 -> 3;
            case VEC_OP4 -> 4;
            default -> 0;
        };
    }

    /** Returns the VEC_OP opcode with that many inputs (1..4). */
    public static Opcode vectorOpcode(int inputCount) {
        return switch (inputCount) {
            case 1 -> Opcode.VEC_OP1;
            case 2 -> Opcode.VEC_OP2;
            case 3 -> Opcode.VEC_OP3;
            case 4 -> Opcode.VEC_OP4;
            default -> throw new IllegalArgumentException("a vector operation has 1 to 4 inputs, not " + inputCount);
        };
    }

    /**
     * Lists the special registers an instruction reads implicitly: bit widths, group settings and the
     * addresses of vector inputs 3 and 4. SG_MOV's explicit source is not included.
     */
    public static List<SpecialRegister> specialRegistersRead(Instruction instruction) {
        Opcode opcode = instruction.opcode();
        List<SpecialRegister> registers = new ArrayList<>();
        switch (opcode) {
            case CIM_MVM -> {
                registers.addAll(List.of(SpecialRegister.CIM_IBW, SpecialRegister.CIM_WBW, SpecialRegister.CIM_GSZ,
                        SpecialRegister.CIM_AG));
                if (instruction.hasFlag(Instruction.FLAG_GRP)) {
                    registers.add(SpecialRegister.CIM_GSTEP);
                }
            }
            case CIM_OUT -> registers.addAll(List.of(SpecialRegister.CIM_OBW, SpecialRegister.CIM_AG));
            case REDUCE -> registers.addAll(List.of(SpecialRegister.VEC_IBW1, SpecialRegister.VEC_OBW));
            case VEC_OP1, VEC_OP2, VEC_OP3, VEC_OP4 -> {
                int inputs = vectorInputCount(opcode);
                SpecialRegister[] widths = {SpecialRegister.VEC_IBW1, SpecialRegister.VEC_IBW2,
                        SpecialRegister.VEC_IBW3, SpecialRegister.VEC_IBW4};
                registers.addAll(List.of(widths).subList(0, inputs));
                registers.add(SpecialRegister.VEC_OBW);
                if (inputs >= 3) {
                    registers.add(SpecialRegister.VEC_IA3);
                }
                if (inputs == 4) {
                    registers.add(SpecialRegister.VEC_IA4);
                }
            }
            default -> {
            }
        }
        return registers;
    }

    /** True for BEQ, BNE, BGT, BLT and JMP, whose imm is an instruction offset from the branch itself. */
    public static boolean isBranch(Opcode opcode) {
        return opcode == Opcode.BEQ || opcode == Opcode.BNE || opcode == Opcode.BGT || opcode == Opcode.BLT
                || opcode == Opcode.JMP;
    }

    /** True for the four MEM_CPY opcodes. */
    public static boolean isMemCopy(Opcode opcode) {
        return (opcode.code() & 0b111100) == 0b110000;
    }

    /** True when the MEM_CPY opcode adds imm to the source address (opcode bit 1). */
    public static boolean hasSourceOffset(Opcode opcode) {
        return isMemCopy(opcode) && (opcode.code() & 0b10) != 0;
    }

    /** True when the MEM_CPY opcode adds imm to the destination address (opcode bit 0). */
    public static boolean hasDestinationOffset(Opcode opcode) {
        return isMemCopy(opcode) && (opcode.code() & 0b01) != 0;
    }

    /** Returns the MEM_CPY opcode with the given offset flags. */
    public static Opcode memCopyOpcode(boolean sourceOffset, boolean destinationOffset) {
        return Opcode.fromCode(0b110000 | (sourceOffset ? 0b10 : 0) | (destinationOffset ? 0b01 : 0));
    }

    /**
     * Returns the assembly mnemonic of an instruction: {@code SC_ADD}, {@code SC_ADDI}, {@code VEC_ADD_1}
     * (funct name and input count − 1), {@code REDUCE_MAX}, {@code MEM_CPY}, or the opcode's name.
     * The caller has checked that the funct is valid.
     */
    public static String mnemonic(Instruction instruction) {
        Opcode opcode = instruction.opcode();
        int funct = instruction.funct();
        return switch (opcode) {
            case SC_RR -> "SC_" + ScalarFunct.fromCode(funct).name();
            case SC_RI -> "SC_" + ScalarFunct.fromCode(funct).name() + "I";
            case VEC_OP1, VEC_OP2, VEC_OP3, VEC_OP4 ->
                    VectorFunct.fromCode(funct).name() + "_" + (vectorInputCount(opcode) - 1);
            case REDUCE -> "REDUCE_" + ReduceFunct.fromCode(funct).name();
            default -> spec(opcode).mnemonic();
        };
    }

    /**
     * An assembly mnemonic resolved to its opcode and funct.
     *
     * @param opcode the opcode; MEM_CPY for all four copies, the offsets come from the flags
     * @param funct  funct code, 0 for opcodes without one
     */
    public record Mnemonic(Opcode opcode, int funct) {
    }

    /** Returns the opcode and funct of a mnemonic, or null when the name is not an instruction. */
    public static Mnemonic lookupMnemonic(String name) {
        return MNEMONICS.get(name);
    }

    /** Returns every mnemonic the assembly form accepts, sorted. */
    public static List<String> mnemonics() {
        List<String> names = new ArrayList<>(MNEMONICS.keySet());
        Collections.sort(names);
        return names;
    }

    private static void defineMnemonics() {
        for (ScalarFunct funct : ScalarFunct.values()) {
            MNEMONICS.put("SC_" + funct.name(), new Mnemonic(Opcode.SC_RR, funct.code()));
            MNEMONICS.put("SC_" + funct.name() + "I", new Mnemonic(Opcode.SC_RI, funct.code()));
        }
        for (VectorFunct funct : VectorFunct.values()) {
            for (int inputs = 1; inputs <= 4; inputs++) {
                MNEMONICS.put(funct.name() + "_" + (inputs - 1), new Mnemonic(vectorOpcode(inputs), funct.code()));
            }
        }
        for (ReduceFunct funct : ReduceFunct.values()) {
            MNEMONICS.put("REDUCE_" + funct.name(), new Mnemonic(Opcode.REDUCE, funct.code()));
        }
        for (OpcodeSpec spec : SPECS.values()) {
            if (spec.functKind() == FunctKind.NONE && !isMemCopy(spec.opcode())) {
                MNEMONICS.put(spec.mnemonic(), new Mnemonic(spec.opcode(), 0));
            }
        }
        MNEMONICS.put("MEM_CPY", new Mnemonic(Opcode.MEM_CPY, 0));
    }

    private static void define(Builder builder) {
        SPECS.put(builder.opcode, new OpcodeSpec(builder.opcode, builder.mnemonic, builder.functKind, builder.fields,
                builder.signedImmediate, builder.flagBits, builder.asm, builder.special, builder.written));
    }

    /** Collects one table entry; only used while the table is built. */
    private static final class Builder {
        private final Opcode opcode;
        private final String mnemonic;
        private FunctKind functKind = FunctKind.NONE;
        private final Map<Field, BitRange> fields = new LinkedHashMap<>();
        private boolean signedImmediate;
        private final Map<Flag, Integer> flagBits = new EnumMap<>(Flag.class);
        private List<AsmOperand> asm = List.of();
        private final Set<Field> special = EnumSet.noneOf(Field.class);
        private Field written;

        Builder(Opcode opcode, String mnemonic) {
            this.opcode = opcode;
            this.mnemonic = mnemonic;
        }

        Builder funct(FunctKind kind) {
            functKind = kind;
            return this;
        }

        Builder field(Field field, BitRange range) {
            fields.put(field, range);
            return this;
        }

        Builder signed() {
            signedImmediate = true;
            return this;
        }

        Builder flag(Flag flag, int bit) {
            flagBits.put(flag, bit);
            return this;
        }

        Builder special(Field field) {
            special.add(field);
            return this;
        }

        Builder writes(Field field) {
            written = field;
            return this;
        }

        Builder asm(AsmOperand... operands) {
            asm = List.of(operands);
            return this;
        }
    }
}
