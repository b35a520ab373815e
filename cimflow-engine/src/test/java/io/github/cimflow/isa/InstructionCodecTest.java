package io.github.cimflow.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.CimflowException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstructionCodecTest {

    @Test
    void roundTripOverFieldExtremes() {
        int checked = 0;
        for (OpcodeSpec spec : InstructionSet.specs()) {
            for (Instruction instruction : extremes(spec)) {
                int word = InstructionCodec.encode(instruction);
                Instruction decoded = InstructionCodec.decode(word);
                assertEquals(instruction, decoded, String.format("word 0x%08x", word));
                assertEquals(word, InstructionCodec.encode(decoded));
                checked++;
            }
        }
        assertEquals(Opcode.values().length * 4, checked);
    }

    /** Lists instructions with every used field at 0 and at its maximum, imm also at its minimum and -1, flags none and all. */
    static List<Instruction> extremes(OpcodeSpec spec) {
        List<Instruction> list = new ArrayList<>();
        int functMax = spec.functKind().size() - 1;
        int[] immediates = {0, spec.minImmediate(), spec.maxImmediate(), spec.signedImmediate() ? -1 : 1};
        for (int variant = 0; variant < 4; variant++) {
            int register = variant % 2 == 0 ? 0 : 31;
            int funct = variant < 2 ? 0 : functMax;
            int imm = spec.uses(Field.IMM) ? immediates[variant] : 0;
            int flags = variant % 2 == 0 ? 0 : spec.allowedFlags();
            list.add(new Instruction(spec.opcode(), use(spec, Field.RS, register), use(spec, Field.RT, register),
                    use(spec, Field.RD, 31 - register), use(spec, Field.RE, register), use(spec, Field.RF, 31 - register),
                    spec.uses(Field.FUNCT) ? funct : 0, imm, flags));
        }
        return list;
    }

    private static int use(OpcodeSpec spec, Field field, int value) {
        return spec.uses(field) ? value : 0;
    }

    @Test
    void globalLoadImmediateWord() {
        // 44 << 26 = 0xB0000000, rd 0, imm 1060352 = 0x102E00.
        assertEquals(0xB0102E00, InstructionCodec.encode(new Instruction(Opcode.G_LI, 0, 0, 0, 0, 0, 0, 1_060_352, 0)));
    }

    @Test
    void memCopyWord() {
        // 48 << 26 = 0xC0000000, rs 0, rt 2 << 16, rd 1 << 11.
        assertEquals(0xC0020800, InstructionCodec.encode(new Instruction(Opcode.MEM_CPY, 0, 2, 1, 0, 0, 0, 0, 0)));
    }

    @Test
    void vectorAddWord() {
        // 20 << 26 = 0x50000000, rs 1 << 21, rt 2 << 16, rd 4 << 11, re 3 << 6, funct 0.
        assertEquals(0x502220C0, InstructionCodec.encode(new Instruction(Opcode.VEC_OP2, 1, 2, 4, 3, 0, 0, 0, 0)));
    }

    @Test
    void specialLoadImmediateWord() {
        // 45 << 26 = 0xB4000000, rd 16 << 21 = 0x02000000, imm 8.
        assertEquals(0xB6000008, InstructionCodec.encode(new Instruction(Opcode.S_LI, 0, 0, 16, 0, 0, 0, 8, 0)));
    }

    @Test
    void negativeScalarImmediateWord() {
        // SC_ADDI r8, r8, -8: 36 << 26 = 0x90000000, rs 8 << 21, rd 8 << 16, funct 0, imm 0x7F8.
        assertEquals(0x910807F8, InstructionCodec.encode(new Instruction(Opcode.SC_RI, 8, 0, 8, 0, 0, 0, -8, 0)));
    }

    @Test
    void sendTransferIdInBitsFiveToOne() {
        // 52 << 26 = 0xD0000000, rs 1, rt 2, rd 3, re 4, rf 5 << 1.
        int expected = 0xD0000000 | 1 << 21 | 2 << 16 | 3 << 11 | 4 << 6 | 5 << 1;
        assertEquals(expected, InstructionCodec.encode(new Instruction(Opcode.SEND, 1, 2, 3, 4, 5, 0, 0, 0)));
    }

    @Test
    void batchFlagIsBitOne() {
        int word = InstructionCodec.encode(new Instruction(Opcode.CIM_MVM, 0, 0, 0, 0, 0, 0, 0,
                Instruction.FLAG_BATCH | Instruction.FLAG_GRP));
        assertEquals(0b100010, word);
    }

    @Test
    void groupBroadcastIsBitFifteen() {
        int word = InstructionCodec.encode(new Instruction(Opcode.CIM_CFG, 0, 0, 0, 0, 0, 0, 0,
                Instruction.FLAG_GRP_B));
        assertEquals(4 << 26 | 1 << 15, word);
    }

    @Test
    void immediateOutOfRangeNamesPosition() {
        CimflowException error = assertThrows(CimflowException.class, () -> InstructionCodec.encode(
                new Instruction(Opcode.G_LI, 0, 0, 1, 0, 0, 0, 2_097_152, 0), 2, 7));
        assertEquals("core 2 instruction 7 (G_LI): imm 2097152 is out of range 0..2097151 (unsigned 21 bits); "
                + "build a larger value with G_LI and SC_RI/SC_RR arithmetic (shift, then add)", error.getMessage());
    }

    @Test
    void registerOutOfRangeNamesField() {
        CimflowException error = assertThrows(CimflowException.class, () -> InstructionCodec.encode(
                new Instruction(Opcode.SC_RR, 32, 0, 1, 0, 0, 0, 0, 0), 0, 3));
        assertEquals("core 0 instruction 3 (SC_RR): register field rs is 32, which is not a general register "
                + "0..31 (r0..r31)", error.getMessage());
    }

    @Test
    void unknownOpcodeOnDecode() {
        CimflowException error = assertThrows(CimflowException.class, () -> InstructionCodec.decode(0x04000000, 1, 9));
        assertEquals("core 1 instruction 9: unknown opcode 1 in word 0x04000000; valid opcodes are listed in "
                + "docs/isa.md", error.getMessage());
    }

    @Test
    void unknownVectorFunctOnDecode() {
        int word = 20 << 26 | 18;
        CimflowException error = assertThrows(CimflowException.class, () -> InstructionCodec.decode(word, 0, 0));
        assertEquals("core 0 instruction 0 (VEC_OP2): funct 18 is not a vector funct 0..17 (VEC_ADD..VEC_GELU)",
                error.getMessage());
    }

    @Test
    void scalarFunctSixteenRejected() {
        CimflowException error = assertThrows(CimflowException.class, () -> InstructionCodec.encode(
                new Instruction(Opcode.SC_RR, 0, 0, 0, 0, 0, 16, 0, 0)));
        assertTrue(error.getMessage().contains("funct 16 is not a scalar funct 0..15"), error.getMessage());
    }

    @Test
    void unusedFieldMustBeZero() {
        CimflowException error = assertThrows(CimflowException.class, () -> InstructionCodec.encode(
                new Instruction(Opcode.G_LI, 0, 5, 1, 0, 0, 0, 0, 0)));
        assertEquals("instruction (G_LI): G_LI does not use field rt, so it must be 0, not 5", error.getMessage());
    }

    @Test
    void undefinedBitsRejectedOnDecode() {
        int word = 61 << 26 | 1;
        CimflowException error = assertThrows(CimflowException.class, () -> InstructionCodec.decode(word));
        assertTrue(error.getMessage().contains("sets bits 0x00000001 that WAIT does not define"), error.getMessage());
    }

    @Test
    void flagOfOtherOpcodeRejected() {
        CimflowException error = assertThrows(CimflowException.class, () -> InstructionCodec.encode(
                new Instruction(Opcode.CIM_OUT, 0, 0, 0, 0, 0, 0, 0, Instruction.FLAG_BATCH)));
        assertTrue(error.getMessage().endsWith("flags BATCH are not valid for CIM_OUT (valid: OSUM|OSUM_MOV)"),
                error.getMessage());
    }
}
