package io.github.cimflow.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON and assembly samples of CIMFlow's documentation decode to the documented instructions. */
class ReferenceSamplesTest {
    private static final String DOCS_JSON = """
            {"metadata": {"op_count": 1110836224},
             "0": [{"opcode":44,"rd":0,"imm":1060352},
                   {"opcode":48,"rs":0,"rt":2,"rd":1,"imm":0},
                   {"opcode":20,"rs":1,"rt":2,"rd":4,"re":3,"funct":0},
                   {"opcode":45,"rd":16,"imm":8}]}
            """;

    private static List<Instruction> docsInstructions() {
        IsaProgram program = IsaJson.read(new ByteArrayInputStream(DOCS_JSON.getBytes(StandardCharsets.UTF_8)), "docs");
        assertEquals(1_110_836_224L, program.metadata().opCount());
        return program.cores().get(0);
    }

    @Test
    void globalLoadImmediateSample() {
        Instruction instruction = docsInstructions().get(0);
        assertEquals(new Instruction(Opcode.G_LI, 0, 0, 0, 0, 0, 0, 1_060_352, 0), instruction);
        assertEquals("G_LI r0, 1060352", IsaAsm.format(instruction));
    }

    @Test
    void memCopySample() {
        Instruction instruction = docsInstructions().get(1);
        assertEquals(new Instruction(Opcode.MEM_CPY, 0, 2, 1, 0, 0, 0, 0, 0), instruction);
        assertEquals("MEM_CPY r1, r0, r2, 0", IsaAsm.format(instruction));
    }

    @Test
    void vectorAddSample() {
        Instruction instruction = docsInstructions().get(2);
        assertEquals(new Instruction(Opcode.VEC_OP2, 1, 2, 4, 3, 0, 0, 0, 0), instruction);
        assertEquals("VEC_ADD_1 r4, r1, r2, r3", IsaAsm.format(instruction));
    }

    @Test
    void specialLoadImmediateSample() {
        Instruction instruction = docsInstructions().get(3);
        assertEquals(new Instruction(Opcode.S_LI, 0, 0, 16, 0, 0, 0, 8, 0), instruction);
        assertEquals("S_LI VEC_IBW1, 8", IsaAsm.format(instruction));
    }

    @Test
    void assemblyTableSamplesParse() {
        // The operand orders of the documentation's assembly table, one sample each.
        assertEquals(new Instruction(Opcode.G_LI, 0, 0, 1, 0, 0, 0, 1024, 0), IsaAsm.parseInstruction("G_LI r1, 1024"));
        assertEquals(new Instruction(Opcode.S_LI, 0, 0, 0, 0, 0, 0, 8, 0), IsaAsm.parseInstruction("S_LI CIM_IBW, 8"));
        assertEquals(new Instruction(Opcode.GS_MOV, 10, 0, 4, 0, 0, 0, 0, 0),
                IsaAsm.parseInstruction("GS_MOV CIM_AG, r10"));
        assertEquals(new Instruction(Opcode.SG_MOV, 0, 0, 11, 0, 0, 0, 0, 0),
                IsaAsm.parseInstruction("SG_MOV r11, CIM_IBW"));
        assertEquals(new Instruction(Opcode.SC_RR, 1, 2, 3, 0, 0, 0, 0, 0), IsaAsm.parseInstruction("SC_ADD r3, r1, r2"));
        assertEquals(new Instruction(Opcode.SC_RI, 8, 0, 8, 0, 0, 0, -8, 0),
                IsaAsm.parseInstruction("SC_ADDI r8, r8, -8"));
        assertEquals(new Instruction(Opcode.SC_LD, 1, 0, 2, 0, 0, 0, 4, 0), IsaAsm.parseInstruction("SC_LD r2, 4(r1)"));
        assertEquals(new Instruction(Opcode.SC_ST, 1, 2, 0, 0, 0, 0, 64, 0),
                IsaAsm.parseInstruction("SC_ST r2, 64(r1)"));
        assertEquals(new Instruction(Opcode.REDUCE, 11, 12, 13, 0, 0, 0, 0, 0),
                IsaAsm.parseInstruction("REDUCE_MAX r13, r11, r12"));
        assertEquals(new Instruction(Opcode.BLT, 1, 2, 0, 0, 0, 0, 3, 0), IsaAsm.parseInstruction("BLT r1, r2, 3"));
        assertEquals(new Instruction(Opcode.JMP, 0, 0, 0, 0, 0, 0, -3, 0), IsaAsm.parseInstruction("JMP -3"));
        assertEquals(new Instruction(Opcode.SEND, 1, 2, 3, 4, 5, 0, 0, 0),
                IsaAsm.parseInstruction("SEND r1, r2, r3, r4, r5"));
        assertEquals(new Instruction(Opcode.WAIT, 1, 5, 6, 0, 0, 0, 0, 0), IsaAsm.parseInstruction("WAIT r1, r5, r6"));
        assertEquals(new Instruction(Opcode.TAG, 5, 0, 0, 0, 0, 0, 0, 0), IsaAsm.parseInstruction("TAG r5"));
    }

    @Test
    void cimInstructionForms() {
        assertEquals(new Instruction(Opcode.CIM_MVM, 1, 2, 0, 3, 4, 0, 0,
                        Instruction.FLAG_GRP | Instruction.FLAG_GRP_I | Instruction.FLAG_BATCH),
                IsaAsm.parseInstruction("CIM_MVM r1, r2, r3, r4, GRP|GRP_I|BATCH"));
        assertEquals(new Instruction(Opcode.CIM_MVM, 1, 2, 0, 3, 0, 0, 0, Instruction.FLAG_GRP),
                IsaAsm.parseInstruction("CIM_MVM r1, r2, r3, GRP"));
        assertEquals(new Instruction(Opcode.CIM_CFG, 1, 2, 0, 0, 0, 0, 0, Instruction.FLAG_GRP_B),
                IsaAsm.parseInstruction("CIM_CFG r1, r2, GRP_B"));
        assertEquals(new Instruction(Opcode.CIM_OUT, 1, 2, 3, 0, 0, 0, 0, Instruction.FLAG_OSUM_MOV),
                IsaAsm.parseInstruction("CIM_OUT r1, r2, r3, OSUM_MOVE"));
    }

    @Test
    void memCopyOffsetFlagsPickOpcode() {
        assertEquals(Opcode.MEM_CPY_SRC_O, IsaAsm.parseInstruction("MEM_CPY r1, r0, r2, 16, SRC_O").opcode());
        assertEquals(Opcode.MEM_CPY_SRC_O_DST_O,
                IsaAsm.parseInstruction("MEM_CPY r1, r0, r2, 16, SRC_O, DST_O").opcode());
        assertEquals("MEM_CPY r1, r0, r2, 16, DST_O",
                IsaAsm.format(new Instruction(Opcode.MEM_CPY_DST_O, 0, 2, 1, 0, 0, 0, 16, 0)));
    }

    @Test
    void olderVectorFormWithInputCount() {
        assertEquals(new Instruction(Opcode.VEC_OP2, 1, 2, 4, 3, 0, 0, 0, 0),
                IsaAsm.parseInstruction("VEC_ADD r4, r1, r2, r3, 1"));
    }

    @Test
    void hexadecimalImmediates() {
        assertEquals(4096, IsaAsm.parseInstruction("G_LI r1, 0x1000").imm());
        assertEquals(-16, IsaAsm.parseInstruction("SC_ADDI r1, r1, -0x10").imm());
    }

    @Test
    void loadDestinationInRtAccepted() {
        String json = "{\"metadata\": {\"op_count\": 0}, \"0\": [{\"opcode\":40,\"rs\":1,\"rt\":2,\"imm\":4}]}";
        IsaProgram program = IsaJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "c.json");
        assertEquals(new Instruction(Opcode.SC_LD, 1, 0, 2, 0, 0, 0, 4, 0), program.cores().get(0).get(0));
    }

    @Test
    void descriptiveSendForm() {
        // CIMCompiler's form: SEND rs to rt[rd], size: re, trans-id: rf.
        assertEquals(new Instruction(Opcode.SEND, 0, 1, 0, 2, 3, 0, 0, 0),
                IsaAsm.parseInstruction("SEND r0 to r1[r0], size: r2, trans-id: r3"));
    }
}
