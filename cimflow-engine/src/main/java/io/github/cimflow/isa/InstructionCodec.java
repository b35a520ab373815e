package io.github.cimflow.isa;

import io.github.cimflow.CimflowException;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Checks instructions against {@link InstructionSet} and converts them to and from 32-bit words.
 * Every error is a {@link CimflowException} whose message starts with the instruction's position
 * ({@code core 3 instruction 17 (SC_RI)}) when the caller passes one.
 */
public final class InstructionCodec {
    private static final Field[] FIELDS = Field.values();
    private static final int IMM = Field.IMM.ordinal();

    private InstructionCodec() {
    }

    /** An opcode's table entry unpacked into arrays once, so that encoding and decoding allocate little. */
    private static final class Layout {
        private static final Layout[] BY_CODE = new Layout[64];

        static {
            for (OpcodeSpec spec : InstructionSet.specs()) {
                BY_CODE[spec.opcode().code()] = new Layout(spec);
            }
        }

        final OpcodeSpec spec;
        final boolean[] used = new boolean[FIELDS.length];
        final BitRange[] ranges = new BitRange[FIELDS.length];
        final int[] flagMasks;
        final int[] flagBits;
        final int definedBits;
        final int allowedFlags;
        final int minImmediate;
        final int maxImmediate;

        private Layout(OpcodeSpec spec) {
            this.spec = spec;
            for (var entry : spec.fields().entrySet()) {
                used[entry.getKey().ordinal()] = true;
                ranges[entry.getKey().ordinal()] = entry.getValue();
            }
            flagMasks = new int[spec.flagBits().size()];
            flagBits = new int[spec.flagBits().size()];
            int i = 0;
            for (var entry : spec.flagBits().entrySet()) {
                flagMasks[i] = entry.getKey().mask();
                flagBits[i] = entry.getValue();
                i++;
            }
            definedBits = spec.definedBits();
            allowedFlags = spec.allowedFlags();
            minImmediate = spec.minImmediate();
            maxImmediate = spec.maxImmediate();
        }

        static Layout of(Opcode opcode) {
            return BY_CODE[opcode.code()];
        }
    }

    /** Encodes one instruction; errors name no position. */
    public static int encode(Instruction instruction) {
        return encode(instruction, -1, -1);
    }

    /**
     * Encodes one instruction.
     *
     * @param core  core id for messages, or -1
     * @param index instruction index within the core for messages, or -1
     * @throws CimflowException when a field is out of range or set on an opcode that does not use it
     */
    public static int encode(Instruction instruction, int core, int index) {
        validate(instruction, core, index);
        Layout layout = Layout.of(instruction.opcode());
        int word = InstructionSet.OPCODE_BITS.place(instruction.opcode().code());
        for (int f = 0; f < FIELDS.length; f++) {
            if (layout.used[f]) {
                word |= layout.ranges[f].place(FIELDS[f].valueOf(instruction));
            }
        }
        for (int i = 0; i < layout.flagMasks.length; i++) {
            if (instruction.hasFlag(layout.flagMasks[i])) {
                word |= 1 << layout.flagBits[i];
            }
        }
        return word;
    }

    /** Decodes one word; errors name no position. */
    public static Instruction decode(int word) {
        return decode(word, -1, -1);
    }

    /**
     * Decodes one word.
     *
     * @param core  core id for messages, or -1
     * @param index instruction index within the core for messages, or -1
     * @throws CimflowException for an unknown opcode or funct, or a set bit the opcode does not define
     */
    public static Instruction decode(int word, int core, int index) {
        int code = InstructionSet.OPCODE_BITS.extract(word);
        Opcode opcode = Opcode.fromCode(code);
        if (opcode == null) {
            throw new CimflowException(String.format(Locale.ROOT,
                    "%s: unknown opcode %d in word 0x%08x; valid opcodes are listed in docs/isa.md",
                    position(core, index), code, word));
        }
        Layout layout = Layout.of(opcode);
        int undefined = word & ~layout.definedBits;
        if (undefined != 0) {
            throw new CimflowException(String.format(Locale.ROOT,
                    "%s: word 0x%08x sets bits 0x%08x that %s does not define; they must be 0",
                    subject(core, index, opcode), word, undefined, opcode));
        }

        int[] values = new int[FIELDS.length];
        for (int f = 0; f < FIELDS.length; f++) {
            if (layout.used[f]) {
                BitRange range = layout.ranges[f];
                values[f] = f == IMM && layout.spec.signedImmediate() ? range.extractSigned(word) : range.extract(word);
            }
        }
        int flags = 0;
        for (int i = 0; i < layout.flagMasks.length; i++) {
            if ((word >>> layout.flagBits[i] & 1) != 0) {
                flags |= layout.flagMasks[i];
            }
        }
        Instruction instruction = new Instruction(opcode, values[Field.RS.ordinal()], values[Field.RT.ordinal()],
                values[Field.RD.ordinal()], values[Field.RE.ordinal()], values[Field.RF.ordinal()],
                values[Field.FUNCT.ordinal()], values[IMM], flags);
        OpcodeSpec spec = layout.spec;
        checkFunct(instruction, spec, core, index);
        return instruction;
    }

    /**
     * Checks that an instruction can be encoded: registers 0..31, unused fields 0, funct in its
     * table, immediate in range, only the opcode's flags.
     *
     * @throws CimflowException naming the position, the field, the value and the valid range
     */
    public static void validate(Instruction instruction, int core, int index) {
        if (instruction.opcode() == null) {
            throw new CimflowException(position(core, index) + ": the opcode is missing");
        }
        Layout layout = Layout.of(instruction.opcode());
        OpcodeSpec spec = layout.spec;
        for (int f = 0; f < FIELDS.length; f++) {
            Field field = FIELDS[f];
            int value = field.valueOf(instruction);
            if (!layout.used[f]) {
                if (value != 0) {
                    throw new CimflowException(String.format(Locale.ROOT,
                            "%s: %s does not use field %s, so it must be 0, not %d",
                            subject(core, index, instruction.opcode()), instruction.opcode(), field.key(), value));
                }
                continue;
            }
            if (field == Field.FUNCT) {
                checkFunct(instruction, spec, core, index);
            } else if (field == Field.IMM) {
                if (value < layout.minImmediate || value > layout.maxImmediate) {
                    checkImmediate(instruction, spec, core, index);
                }
            } else if (value < 0 || value >= InstructionSet.GENERAL_REGISTER_COUNT) {
                checkRegister(instruction, spec, field, value, core, index);
            }
        }
        int invalidFlags = instruction.flags() & ~layout.allowedFlags;
        if (invalidFlags != 0) {
            throw new CimflowException(String.format(Locale.ROOT, "%s: flags %s are not valid for %s (valid: %s)",
                    subject(core, index, instruction.opcode()), flagNames(invalidFlags), instruction.opcode(),
                    spec.allowedFlags() == 0 ? "none" : flagNames(spec.allowedFlags())));
        }
    }

    /** {@code core 3 instruction 17 (SC_RI)}, leaving out the parts that are unknown (-1). */
    public static String subject(int core, int index, Opcode opcode) {
        return position(core, index) + " (" + opcode + ")";
    }

    /** {@code core 3 instruction 17}, leaving out the parts that are unknown (-1). */
    public static String position(int core, int index) {
        StringBuilder text = new StringBuilder();
        if (core >= 0) {
            text.append("core ").append(core).append(' ');
        }
        text.append("instruction");
        if (index >= 0) {
            text.append(' ').append(index);
        }
        return text.toString();
    }

    /** Names of the flags set in a FLAG_* bit set, joined by {@code |}; unknown bits as hex. */
    public static String flagNames(int flags) {
        StringJoiner names = new StringJoiner("|");
        int known = 0;
        for (Flag flag : Flag.values()) {
            if ((flags & flag.mask()) != 0) {
                names.add(flag.name());
                known |= flag.mask();
            }
        }
        if ((flags & ~known) != 0) {
            names.add(String.format(Locale.ROOT, "0x%x", flags & ~known));
        }
        return names.toString();
    }

    private static void checkRegister(Instruction instruction, OpcodeSpec spec, Field field, int value, int core,
                                      int index) {
        if (value >= 0 && value < InstructionSet.GENERAL_REGISTER_COUNT) {
            return;
        }
        String kind = spec.isSpecial(field) ? "a special register id 0..31" : "a general register 0..31 (r0..r31)";
        throw new CimflowException(String.format(Locale.ROOT, "%s: register field %s is %d, which is not %s",
                subject(core, index, instruction.opcode()), field.key(), value, kind));
    }

    private static void checkImmediate(Instruction instruction, OpcodeSpec spec, int core, int index) {
        int imm = instruction.imm();
        if (imm >= spec.minImmediate() && imm <= spec.maxImmediate()) {
            return;
        }
        BitRange range = spec.range(Field.IMM);
        String hint = instruction.opcode() == Opcode.G_LI
                ? "; build a larger value with G_LI and SC_RI/SC_RR arithmetic (shift, then add)"
                : InstructionSet.isBranch(instruction.opcode())
                ? "; a longer jump needs a JMP or a chain of branches" : "; compute the value in a register instead";
        throw new CimflowException(String.format(Locale.ROOT, "%s: imm %d is out of range %d..%d (%s %d bits)%s",
                subject(core, index, instruction.opcode()), imm, spec.minImmediate(), spec.maxImmediate(),
                spec.signedImmediate() ? "signed" : "unsigned", range.width(), hint));
    }

    private static void checkFunct(Instruction instruction, OpcodeSpec spec, int core, int index) {
        FunctKind kind = spec.functKind();
        if (kind.isValid(instruction.funct())) {
            return;
        }
        String table = switch (kind) {
            case SCALAR -> "a scalar funct 0..15 (ADD..LT)";
            case VECTOR -> "a vector funct 0..17 (VEC_ADD..VEC_GELU)";
            case REDUCE -> "a reduce funct 0..1 (0 MAX, 1 SUM)";
            case NONE -> "0";
        };
        throw new CimflowException(String.format(Locale.ROOT, "%s: funct %d is not %s",
                subject(core, index, instruction.opcode()), instruction.funct(), table));
    }
}
