package io.github.cimflow.isa;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the encoders, readers and the verifier need to know about one opcode. The instances
 * live in {@link InstructionSet}, the only place that defines them.
 *
 * @param opcode          the opcode
 * @param mnemonic        assembly name, or the stem for opcodes whose name depends on the funct
 *                        ({@code SC}, {@code VEC}, {@code REDUCE}) or on the offset flags ({@code MEM_CPY})
 * @param functKind       table of the funct field, NONE without one
 * @param fields          fields the opcode uses and their bits, in JSON key order; a field not listed
 *                        is 0 in every valid instruction
 * @param signedImmediate whether imm is sign-extended (two's complement) or unsigned
 * @param flagBits        flags the opcode accepts and the bit each one occupies
 * @param asmOperands     operand order of the assembly form (flags follow them)
 * @param specialFields   register fields that hold a special-register id instead of a GRF number
 * @param writtenField    the register field the instruction writes (GRF, or SRF when it is in
 *                        specialFields), or null; every other register field is read
 */
public record OpcodeSpec(Opcode opcode, String mnemonic, FunctKind functKind, Map<Field, BitRange> fields,
                         boolean signedImmediate, Map<Flag, Integer> flagBits, List<AsmOperand> asmOperands,
                         Set<Field> specialFields, Field writtenField) {
    public OpcodeSpec {
        fields = Collections.unmodifiableMap(new EnumMap<>(fields));
        flagBits = flagBits.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(flagBits));
        asmOperands = List.copyOf(asmOperands);
        specialFields = specialFields.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(specialFields));
    }

    /** True when the opcode has that field. */
    public boolean uses(Field field) {
        return fields.containsKey(field);
    }

    /** Returns the bits of a field, or null when the opcode does not use it. */
    public BitRange range(Field field) {
        return fields.get(field);
    }

    /** Smallest valid immediate (0 without an imm field). */
    public int minImmediate() {
        BitRange range = fields.get(Field.IMM);
        if (range == null || !signedImmediate) {
            return 0;
        }
        return -(1 << (range.width() - 1));
    }

    /** Largest valid immediate (0 without an imm field). */
    public int maxImmediate() {
        BitRange range = fields.get(Field.IMM);
        if (range == null) {
            return 0;
        }
        return signedImmediate ? (1 << (range.width() - 1)) - 1 : (1 << range.width()) - 1;
    }

    /** Returns the FLAG_* bits the opcode accepts, OR-ed together. */
    public int allowedFlags() {
        int mask = 0;
        for (Flag flag : flagBits.keySet()) {
            mask |= flag.mask();
        }
        return mask;
    }

    /** The word bits this opcode defines (opcode, fields, flags); every other bit must be zero. */
    public int definedBits() {
        int mask = InstructionSet.OPCODE_BITS.wordMask();
        for (BitRange range : fields.values()) {
            mask |= range.wordMask();
        }
        for (int bit : flagBits.values()) {
            mask |= 1 << bit;
        }
        return mask;
    }

    /** True when the register field contains a special-register id. */
    public boolean isSpecial(Field field) {
        return specialFields.contains(field);
    }
}
