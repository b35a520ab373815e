package io.github.cimflow.isa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.ArchParams;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileFormsTest {
    private static final ProgramMetadata METADATA = new ProgramMetadata(1_110_836_224L, 8,
            new ArchParams(8, 16, 16, 4), "ab12", "resnet \"18\"", "dp");

    /** Three cores holding every opcode at its field extremes, spread round-robin. */
    static IsaProgram everyOpcodeProgram() {
        List<List<Instruction>> cores = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int next = 0;
        for (OpcodeSpec spec : InstructionSet.specs()) {
            for (Instruction instruction : InstructionCodecTest.extremes(spec)) {
                cores.get(next++ % 3).add(instruction);
            }
        }
        return new IsaProgram(METADATA, cores);
    }

    private static IsaProgram readJson(String json) {
        return IsaJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    @Test
    void jsonAsmJsonRoundTrip() {
        IsaProgram program = everyOpcodeProgram();
        String json = IsaJson.toJson(program);
        IsaProgram fromAsm = IsaAsm.parse(IsaAsm.toAsm(readJson(json)), "test.asm");
        assertEquals(program, fromAsm);
        assertEquals(json, IsaJson.toJson(fromAsm));
    }

    @Test
    void asmBinAsmRoundTrip() {
        IsaProgram program = everyOpcodeProgram();
        String asm = IsaAsm.toAsm(program);
        byte[] bytes = IsaBinary.toBytes(IsaAsm.parse(asm, "test.asm"));
        IsaProgram fromBinary = IsaBinary.read(bytes, "test.bin");
        assertEquals(program, fromBinary);
        assertEquals(asm, IsaAsm.toAsm(fromBinary));
        assertArrayEquals(bytes, IsaBinary.toBytes(fromBinary));
    }

    @Test
    void jsonLayoutOfTwoCores() {
        IsaProgram program = new IsaProgram(new ProgramMetadata(10, 0, null, null, null, null), List.of(
                List.of(new Instruction(Opcode.G_LI, 0, 0, 0, 0, 0, 0, 1_060_352, 0),
                        new Instruction(Opcode.CIM_MVM, 1, 2, 0, 3, 0, 0, 0, Instruction.FLAG_GRP)),
                List.of()));
        assertEquals("""
                {
                  "metadata": {"op_count": 10},
                  "0": [
                    {"opcode": 44, "rd": 0, "imm": 1060352},
                    {"opcode": 0, "rs": 1, "rt": 2, "re": 3, "rf": 0, "GRP": true}
                  ],
                  "1": []
                }
                """, IsaJson.toJson(program));
    }

    @Test
    void asmLayoutWithMetadataAndHeaders() {
        IsaProgram program = new IsaProgram(METADATA, List.of(
                List.of(new Instruction(Opcode.SC_LD, 1, 0, 2, 0, 0, 0, -4, 0)),
                List.of(new Instruction(Opcode.VEC_OP3, 1, 2, 4, 3, 0, 3, 0, 0))));
        assertEquals("""
                # metadata {"b": 16, "batch_size": 8, "c": 4, "config_digest": "ab12", "k": 16, \
                "model": "resnet \\"18\\"", "op_count": 1110836224, "strategy": "dp", "t": 8}
                # Core 0
                SC_LD r2, -4(r1)
                # Core 1
                VEC_QUANTIZE_2 r4, r1, r2, r3
                """, IsaAsm.toAsm(program));
    }

    @Test
    void binaryHeaderBytes() {
        IsaProgram program = new IsaProgram(new ProgramMetadata(0, 0, null, null, null, null),
                List.of(List.of(new Instruction(Opcode.TAG, 5, 0, 0, 0, 0, 0, 0, 0))));
        byte[] bytes = IsaBinary.toBytes(program);
        byte[] metadata = "{\"op_count\": 0}".getBytes(StandardCharsets.US_ASCII);
        assertEquals(12 + metadata.length + 4 + 4 + 4, bytes.length);
        assertArrayEquals(new byte[] {'C', 'F', 'I', 'S', 1, 0, 0, 0, (byte) metadata.length, 0, 0, 0},
                java.util.Arrays.copyOf(bytes, 12));
        // TAG r5: 63 << 26 | 5 << 21 = 0xFCA00000, stored little-endian as 00 00 A0 FC.
        int end = bytes.length;
        assertArrayEquals(new byte[] {0, 0, (byte) 0xA0, (byte) 0xFC}, java.util.Arrays.copyOfRange(bytes, end - 4, end));
    }

    @Test
    void asmErrorNamesLine() {
        CimflowException error = assertThrows(CimflowException.class,
                () -> IsaAsm.parse("# Core 0\nG_LI r1, 5\nG_LI r40, 5\n", "p.asm"));
        assertEquals("p.asm line 3 (core 0 instruction 1): register r40 is out of range r0..r31", error.getMessage());
    }

    @Test
    void asmUnknownMnemonic() {
        CimflowException error = assertThrows(CimflowException.class, () -> IsaAsm.parse("FOO r1\n", "p.asm"));
        assertTrue(error.getMessage().startsWith("p.asm line 1 (core 0 instruction 0): unknown mnemonic 'FOO'"),
                error.getMessage());
    }

    @Test
    void asmImmediateOutOfRangeNamesLine() {
        CimflowException error = assertThrows(CimflowException.class,
                () -> IsaAsm.parse("# Core 0\n\n SC_ADDI r1, r1, 1024 # too big\n", "p.asm"));
        assertTrue(error.getMessage().startsWith("p.asm line 3: core 0 instruction 0 (SC_RI): imm 1024 is out of range "
                + "-1024..1023"), error.getMessage());
    }

    @Test
    void asmCommentsAndMissingCoreIsError() {
        CimflowException error = assertThrows(CimflowException.class,
                () -> IsaAsm.parse("# Core 1\nTAG r1 ; sync\n", "p.asm"));
        assertTrue(error.getMessage().startsWith("p.asm: core 0 is missing"), error.getMessage());
    }

    @Test
    void jsonUnknownOpcodeNamesCoreAndLine() {
        CimflowException error = assertThrows(CimflowException.class,
                () -> readJson("{\"metadata\": {\"op_count\": 0},\n\"0\": [\n{\"opcode\": 53}]}"));
        assertEquals("test.json line 3: core 0 instruction 0: unknown opcode 53; valid opcodes are listed in "
                + "docs/isa.md", error.getMessage());
    }

    @Test
    void jsonMissingRegisterKey() {
        CimflowException error = assertThrows(CimflowException.class,
                () -> readJson("{\"metadata\": {\"op_count\": 0}, \"0\": [{\"opcode\": 44, \"imm\": 1}]}"));
        assertTrue(error.getMessage().endsWith("core 0 instruction 0 (G_LI): the \"rd\" key is missing"),
                error.getMessage());
    }

    @Test
    void jsonUnusedKeyWithValueRejected() {
        CimflowException error = assertThrows(CimflowException.class,
                () -> readJson("{\"metadata\": {\"op_count\": 0}, \"0\": [{\"opcode\": 44, \"rd\": 1, \"rt\": 3}]}"));
        assertTrue(error.getMessage().endsWith("G_LI does not use \"rt\" but it is 3; remove the key"),
                error.getMessage());
    }

    @Test
    void jsonAcceptsMinusOneForUnusedRegisters() {
        IsaProgram program = readJson("{\"metadata\": {\"op_count\": 0}, \"0\": [{\"opcode\": 44, \"rs\": -1, "
                + "\"rt\": -1, \"rd\": 1, \"re\": -1, \"rf\": -1, \"funct\": 0, \"imm\": 7, \"GRP\": false, "
                + "\"asm\": \"G_LI r1, 7\", \"opcode_binary\": \"x\"}]}");
        assertEquals(new Instruction(Opcode.G_LI, 0, 0, 1, 0, 0, 0, 7, 0), program.cores().get(0).get(0));
    }

    @Test
    void jsonOffsetKeysOnMemCopy() {
        IsaProgram program = readJson("{\"metadata\": {\"op_count\": 0}, \"0\": [{\"opcode\": 48, \"rs\": 0, "
                + "\"rt\": 2, \"rd\": 1, \"imm\": 4, \"SRC_O\": true}]}");
        assertEquals(Opcode.MEM_CPY_SRC_O, program.cores().get(0).get(0).opcode());
    }

    @Test
    void jsonCoreGapRejected() {
        CimflowException error = assertThrows(CimflowException.class,
                () -> readJson("{\"metadata\": {\"op_count\": 0}, \"0\": [], \"2\": []}"));
        assertEquals("test.json: core 1 is missing (cores must be numbered 0..1 without gaps, found core 2)",
                error.getMessage());
    }

    @Test
    void jsonCoresInAnyKeyOrder() {
        IsaProgram program = readJson("{\"1\": [{\"opcode\": 63, \"rs\": 1}], \"metadata\": {\"op_count\": 0}, "
                + "\"0\": []}");
        assertEquals(2, program.cores().size());
        assertEquals(1, program.cores().get(1).size());
    }

    @Test
    void binaryTruncatedRejected() {
        byte[] bytes = IsaBinary.toBytes(everyOpcodeProgram());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 2);
        CimflowException error = assertThrows(CimflowException.class, () -> IsaBinary.read(truncated, "t.bin"));
        assertTrue(error.getMessage().startsWith("t.bin: the binary program ends inside core"), error.getMessage());
    }

    @Test
    void binaryWrongMagicRejected() {
        CimflowException error = assertThrows(CimflowException.class,
                () -> IsaBinary.read("{\"metadata\": {}}".getBytes(StandardCharsets.US_ASCII), "t.bin"));
        assertTrue(error.getMessage().startsWith("t.bin: not a cimflow binary program"), error.getMessage());
    }
}
