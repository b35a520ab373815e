package io.github.cimflow.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstructionSetTest {

    @Test
    void opcodeCodesAreUniqueAndFitSixBits() {
        Set<Integer> codes = new HashSet<>();
        for (Opcode opcode : Opcode.values()) {
            assertTrue(opcode.code() >= 0, opcode + " code " + opcode.code());
            assertTrue(opcode.code() < 64, opcode + " code " + opcode.code());
            assertTrue(codes.add(opcode.code()), "duplicate code " + opcode.code());
            assertEquals(opcode, Opcode.fromCode(opcode.code()));
        }
    }

    @Test
    void everyOpcodeHasTableEntry() {
        for (Opcode opcode : Opcode.values()) {
            assertNotNull(InstructionSet.spec(opcode), opcode.name());
            assertEquals(opcode, InstructionSet.spec(opcode).opcode());
        }
    }

    @Test
    void fieldsAndFlagsDoNotOverlap() {
        for (OpcodeSpec spec : InstructionSet.specs()) {
            int used = InstructionSet.OPCODE_BITS.wordMask();
            for (Map.Entry<Field, BitRange> entry : spec.fields().entrySet()) {
                int mask = entry.getValue().wordMask();
                assertEquals(0, used & mask, spec.opcode() + " field " + entry.getKey() + " overlaps");
                used |= mask;
            }
            for (Map.Entry<Flag, Integer> entry : spec.flagBits().entrySet()) {
                int mask = 1 << entry.getValue();
                assertEquals(0, used & mask, spec.opcode() + " flag " + entry.getKey() + " overlaps");
                used |= mask;
            }
        }
    }

    @Test
    void registerFieldsAreFiveBits() {
        for (OpcodeSpec spec : InstructionSet.specs()) {
            for (Map.Entry<Field, BitRange> entry : spec.fields().entrySet()) {
                if (entry.getKey() != Field.FUNCT && entry.getKey() != Field.IMM) {
                    assertEquals(5, entry.getValue().width(), spec.opcode() + " " + entry.getKey());
                }
            }
        }
    }

    @Test
    void functFieldsHoldEveryCodeOfTheirTable() {
        for (OpcodeSpec spec : InstructionSet.specs()) {
            BitRange funct = spec.range(Field.FUNCT);
            if (spec.functKind() == FunctKind.NONE) {
                assertNull(funct, spec.opcode().name());
            } else {
                assertTrue(spec.functKind().size() <= 1 << funct.width(), spec.opcode().name());
            }
        }
    }

    @Test
    void registerFieldsSitWhereReferenceFormatsPutThem() {
        // The five formats: rs [25:21], rt [20:16], the third register [15:11], the fourth [10:6].
        assertEquals(new BitRange(25, 21), InstructionSet.spec(Opcode.SC_RR).range(Field.RS));
        assertEquals(new BitRange(20, 16), InstructionSet.spec(Opcode.SC_RR).range(Field.RT));
        assertEquals(new BitRange(15, 11), InstructionSet.spec(Opcode.SC_RR).range(Field.RD));
        assertEquals(new BitRange(15, 11), InstructionSet.spec(Opcode.CIM_MVM).range(Field.RE));
        assertEquals(new BitRange(10, 6), InstructionSet.spec(Opcode.CIM_MVM).range(Field.RF));
        assertEquals(new BitRange(10, 6), InstructionSet.spec(Opcode.VEC_OP2).range(Field.RE));
        assertEquals(new BitRange(20, 16), InstructionSet.spec(Opcode.SC_RI).range(Field.RD));
        assertEquals(new BitRange(15, 11), InstructionSet.spec(Opcode.SC_RI).range(Field.FUNCT));
        assertEquals(new BitRange(20, 16), InstructionSet.spec(Opcode.SC_LD).range(Field.RD));
        assertEquals(new BitRange(25, 21), InstructionSet.spec(Opcode.G_LI).range(Field.RD));
        assertEquals(new BitRange(5, 1), InstructionSet.spec(Opcode.SEND).range(Field.RF));
        assertEquals(new BitRange(25, 21), InstructionSet.spec(Opcode.TAG).range(Field.RS));
    }

    @Test
    void immediateRangesMatchFormats() {
        assertRange(Opcode.SC_RI, -1024, 1023);
        assertRange(Opcode.MEM_CPY, -1024, 1023);
        assertRange(Opcode.SC_LD, -32768, 32767);
        assertRange(Opcode.BLT, -32768, 32767);
        assertRange(Opcode.G_LI, 0, 2_097_151);
        assertRange(Opcode.S_LI, 0, 2_097_151);
        assertRange(Opcode.JMP, -33_554_432, 33_554_431);
        assertRange(Opcode.WAIT, 0, 0);
    }

    private static void assertRange(Opcode opcode, int min, int max) {
        assertEquals(min, InstructionSet.spec(opcode).minImmediate(), opcode + " min");
        assertEquals(max, InstructionSet.spec(opcode).maxImmediate(), opcode + " max");
    }

    @Test
    void flagBitsOfCimInstructions() {
        OpcodeSpec mvm = InstructionSet.spec(Opcode.CIM_MVM);
        assertEquals(Map.of(Flag.GRP, 5, Flag.GRP_I, 4, Flag.SP_V, 3, Flag.SP_B, 2, Flag.BATCH, 1), mvm.flagBits());
        assertEquals(Map.of(Flag.GRP_B, 15), InstructionSet.spec(Opcode.CIM_CFG).flagBits());
        assertEquals(Map.of(Flag.OSUM, 5, Flag.OSUM_MOV, 4), InstructionSet.spec(Opcode.CIM_OUT).flagBits());
    }

    @Test
    void specialRegisterIds() {
        assertEquals(0, SpecialRegister.CIM_IBW.id());
        assertEquals(4, SpecialRegister.CIM_AG.id());
        assertEquals(6, SpecialRegister.CIM_GSTEP.id());
        assertEquals(8, SpecialRegister.CIM_BMETA.id());
        assertEquals(16, SpecialRegister.VEC_IBW1.id());
        assertEquals(20, SpecialRegister.VEC_OBW.id());
        assertEquals(22, SpecialRegister.VEC_IA4.id());
        Set<Integer> ids = new HashSet<>();
        for (SpecialRegister register : SpecialRegister.values()) {
            assertTrue(ids.add(register.id()), register.name());
        }
    }

    @Test
    void reservedSpecialRegisterIds() {
        for (int id = 0; id < 32; id++) {
            boolean reserved = (id >= 9 && id <= 15) || id >= 23;
            assertEquals(reserved, SpecialRegister.isReserved(id), "id " + id);
        }
        assertEquals("RESERVED_9", SpecialRegister.nameOf(9));
        assertEquals(23, SpecialRegister.idOf("RESERVED_23"));
        assertEquals(-1, SpecialRegister.idOf("RESERVED_16"));
    }

    @Test
    void functCodes() {
        assertEquals(15, ScalarFunct.LT.code());
        assertEquals(4, ScalarFunct.SLL.code());
        assertEquals(17, VectorFunct.VEC_GELU.code());
        assertEquals(3, VectorFunct.VEC_QUANTIZE.code());
        assertEquals(6, VectorFunct.VEC_VVMAX.code());
        assertEquals(0, ReduceFunct.MAX.code());
        assertEquals(1, ReduceFunct.SUM.code());
    }

    @Test
    void mnemonicsResolveToOpcodeAndFunct() {
        assertEquals(new InstructionSet.Mnemonic(Opcode.VEC_OP2, 0), InstructionSet.lookupMnemonic("VEC_ADD_1"));
        assertEquals(new InstructionSet.Mnemonic(Opcode.VEC_OP3, 3), InstructionSet.lookupMnemonic("VEC_QUANTIZE_2"));
        assertEquals(new InstructionSet.Mnemonic(Opcode.SC_RI, 2), InstructionSet.lookupMnemonic("SC_MULI"));
        assertEquals(new InstructionSet.Mnemonic(Opcode.SC_RR, 15), InstructionSet.lookupMnemonic("SC_LT"));
        assertEquals(new InstructionSet.Mnemonic(Opcode.REDUCE, 1), InstructionSet.lookupMnemonic("REDUCE_SUM"));
        assertNull(InstructionSet.lookupMnemonic("VEC_ADD_4"));
    }

    @Test
    void memCopyOpcodeBits() {
        assertEquals(Opcode.MEM_CPY_SRC_O, InstructionSet.memCopyOpcode(true, false));
        assertEquals(Opcode.MEM_CPY_DST_O, InstructionSet.memCopyOpcode(false, true));
        assertTrue(InstructionSet.hasSourceOffset(Opcode.MEM_CPY_SRC_O_DST_O));
        assertTrue(InstructionSet.hasDestinationOffset(Opcode.MEM_CPY_SRC_O_DST_O));
    }

    @Test
    void scalarFunctArithmetic() {
        assertEquals(-3, ScalarFunct.DIV.apply(-7, 2));
        assertEquals(-1, ScalarFunct.MOD.apply(-7, 2));
        assertEquals(-4, ScalarFunct.SRA.apply(-8, 1));
        assertEquals(15, ScalarFunct.SRL.apply(-8, 28));
        assertEquals(2, ScalarFunct.SLL.apply(1, 33));
        assertEquals(0, ScalarFunct.MUL.apply(65536, 65536));
        assertEquals(1, ScalarFunct.LT.apply(-1, 0));
        assertEquals(0, ScalarFunct.GT.apply(-1, 0));
    }
}
