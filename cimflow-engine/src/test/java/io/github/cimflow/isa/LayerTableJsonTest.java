package io.github.cimflow.isa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cimflow.CimflowException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layer table in the JSON form's metadata: layout, round trips and rejected tables. */
class LayerTableJsonTest {
    private static final ProgramMetadata METADATA = new ProgramMetadata(10, 0, null, null, null, null);
    private static final Instruction LOAD = new Instruction(Opcode.G_LI, 0, 0, 1, 0, 0, 0, 5, 0);
    private static final Instruction ADD = new Instruction(Opcode.SC_RI, 1, 0, 1, 0, 0, 0, 1, 0);

    /** Core 0: LOAD outside layers, then ADD, ADD, LOAD in "conv", then ADD outside. Core 1 is empty. */
    private static IsaProgram twoCoreProgram() {
        LayerTable layers = new LayerTable(List.of(LayerTable.OUTSIDE_LAYERS, "conv"),
                List.of(new int[] {0, 1, 1, 1, 0}, new int[0]));
        return new IsaProgram(METADATA, List.of(List.of(LOAD, ADD, ADD, LOAD, ADD), List.of()), layers);
    }

    private static IsaProgram readJson(String json) {
        return IsaJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    /** Returns a one-core file of two instructions whose metadata carries {@code layers}. */
    private static String oneCoreFile(String layers) {
        return "{\"metadata\": {\"op_count\": 1, \"layers\": " + layers + "},\n"
                + " \"0\": [{\"opcode\": 44, \"rd\": 1, \"imm\": 5}, {\"opcode\": 44, \"rd\": 2, \"imm\": 6}]}";
    }

    @Test
    void layoutIsRunsPerCore() {
        String expected = "{\n"
                + "  \"metadata\": {\"op_count\": 10,\n"
                + "    \"layers\": {\"names\": [\"(outside layers)\", \"conv\"], \"runs\": {\n"
                + "      \"0\": [[1, 0], [3, 1], [1, 0]],\n"
                + "      \"1\": []}}},\n"
                + "  \"0\": [\n"
                + "    {\"opcode\": 44, \"rd\": 1, \"imm\": 5},\n"
                + "    {\"opcode\": 36, \"rs\": 1, \"rd\": 1, \"funct\": 0, \"imm\": 1},\n"
                + "    {\"opcode\": 36, \"rs\": 1, \"rd\": 1, \"funct\": 0, \"imm\": 1},\n"
                + "    {\"opcode\": 44, \"rd\": 1, \"imm\": 5},\n"
                + "    {\"opcode\": 36, \"rs\": 1, \"rd\": 1, \"funct\": 0, \"imm\": 1}\n"
                + "  ],\n"
                + "  \"1\": []\n"
                + "}\n";
        assertEquals(expected, IsaJson.toJson(twoCoreProgram()));
    }

    @Test
    void jsonRoundTripKeepsTable() {
        IsaProgram program = twoCoreProgram();
        IsaProgram read = readJson(IsaJson.toJson(program));
        assertEquals(program.layers().layerNames(), read.layers().layerNames());
        assertArrayEquals(new int[] {0, 1, 1, 1, 0}, read.layers().layerOfInstruction().get(0));
        assertArrayEquals(new int[0], read.layers().layerOfInstruction().get(1));
        assertEquals(program, read);
    }

    @Test
    void layerNamesAreEscaped() {
        LayerTable layers = new LayerTable(List.of(LayerTable.OUTSIDE_LAYERS, "a \"quoted\"\\name"),
                List.of(new int[] {1}));
        IsaProgram program = new IsaProgram(METADATA, List.of(List.of(LOAD)), layers);
        assertEquals(program, readJson(IsaJson.toJson(program)));
    }

    @Test
    void fileWithoutTableReadsWithoutOne() {
        IsaProgram read = readJson("{\"metadata\": {\"op_count\": 1}, \"0\": [{\"opcode\": 44, \"rd\": 1}]}");
        assertNull(read.layers());
        assertEquals(1, read.instructionCount());
    }

    @Test
    void asmAndBinaryDropTable() {
        IsaProgram program = twoCoreProgram();
        IsaProgram withoutTable = new IsaProgram(METADATA, program.cores());
        IsaProgram fromAsm = IsaAsm.parse(IsaAsm.toAsm(program), "test.asm");
        IsaProgram fromBinary = IsaBinary.read(IsaBinary.toBytes(program), "test.bin");
        assertEquals(withoutTable, fromAsm);
        assertEquals(withoutTable, fromBinary);
    }

    @Test
    void runsLongerThanCoreRejected() {
        String file = oneCoreFile("{\"names\": [\"(outside layers)\", \"conv\"], \"runs\": {\"0\": [[1, 0], [2, 1]]}}");
        CimflowException error = assertThrows(CimflowException.class, () -> readJson(file));
        assertEquals("test.json: the layer table covers 3 instructions of core 0 but core 0 has 2 instructions; "
                + "the layer table belongs to other instructions, so write the file again with the command that "
                + "compiled it, or delete \"layers\" from the metadata to simulate without per-layer profiles",
                error.getMessage());
    }

    @Test
    void missingCoreRunsRejected() {
        String file = oneCoreFile("{\"names\": [\"(outside layers)\"], \"runs\": {}}");
        CimflowException error = assertThrows(CimflowException.class, () -> readJson(file));
        assertEquals("test.json: the layer table covers 0 instructions of core 0 but core 0 has 2 instructions; "
                + LayerTable.MISMATCH_FIX, error.getMessage());
    }

    @Test
    void runsOfExtraCoreRejected() {
        String file = oneCoreFile("{\"names\": [\"(outside layers)\"], \"runs\": {\"0\": [[2, 0]], \"1\": []}}");
        CimflowException error = assertThrows(CimflowException.class, () -> readJson(file));
        assertEquals("test.json: metadata \"layers\" lists runs for core 1 but the file has 1 core; "
                + LayerTable.MISMATCH_FIX, error.getMessage());
    }

    @Test
    void layerIndexOutsideNamesRejected() {
        String file = oneCoreFile("{\"names\": [\"(outside layers)\"], \"runs\": {\"0\": [[1, 0], [1, 3]]}}");
        CimflowException error = assertThrows(CimflowException.class, () -> readJson(file));
        assertEquals("test.json: metadata \"layers\": core 0 run 1 refers to layer 3 but \"names\" lists 1 layer; "
                + "add the name or correct the index", error.getMessage());
    }

    @Test
    void emptyRunRejectedWithLine() {
        String file = oneCoreFile("{\"names\": [\"(outside layers)\"], \"runs\": {\"0\": [[0, 0], [2, 0]]}}");
        CimflowException error = assertThrows(CimflowException.class, () -> readJson(file));
        assertEquals("test.json line 1: metadata \"layers\" core 0 run 0 is [0, 0]; the count must be at least 1 "
                + "and the layer index at least 0", error.getMessage());
    }

    @Test
    void duplicateLayerNameRejected() {
        String file = oneCoreFile("{\"names\": [\"conv\", \"conv\"], \"runs\": {\"0\": [[2, 0]]}}");
        CimflowException error = assertThrows(CimflowException.class, () -> readJson(file));
        assertEquals("test.json line 1: metadata \"layers\" \"names\" lists \"conv\" twice; each layer name must "
                + "appear once", error.getMessage());
    }

    @Test
    void tableWithoutRunsRejected() {
        String file = oneCoreFile("{\"names\": [\"conv\"]}");
        CimflowException error = assertThrows(CimflowException.class, () -> readJson(file));
        assertEquals("test.json line 1: metadata \"layers\" must contain both \"names\" and \"runs\"; add the "
                + "missing key or delete \"layers\"", error.getMessage());
    }

    @Test
    void programRejectsTableOfOtherLength() {
        LayerTable layers = new LayerTable(List.of(LayerTable.OUTSIDE_LAYERS), List.of(new int[] {0, 0}));
        CimflowException error = assertThrows(CimflowException.class,
                () -> new IsaProgram(METADATA, List.of(List.of(LOAD)), layers));
        assertEquals("program: the layer table covers 2 instructions of core 0 but core 0 has 1 instruction; "
                + LayerTable.MISMATCH_FIX, error.getMessage());
    }
}
