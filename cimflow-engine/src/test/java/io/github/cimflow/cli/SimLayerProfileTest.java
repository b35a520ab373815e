package io.github.cimflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cimflow.report.ProfileReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Per-layer profiles of {@code cimflow sim -p} from the layer table in the ISA JSON file, against the
 * profile of {@code cimflow run pipeline -p} for the same model and knobs.
 */
class SimLayerProfileTest {
    private static final String MODEL = "../examples/models/tinynet_trained.onnx";
    private static final String NAME = "tinynet_trained_dp_T8_K16_B16_C4_batch1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path directory;

    /** The ISA JSON file that {@code compile cg} and {@code compile op} wrote for tinynet on 4 cores. */
    static Path compiled;

    @BeforeAll
    static void compile() {
        Path cg = directory.resolve("cg");
        Path op = directory.resolve("op");
        // run pipeline's default input shape is CIMFlow's 1,3,32,32, so compile cg is given the same one.
        assertEquals(0, run(new StringWriter(), "compile", "cg", "-m", MODEL, "-o", cg.toString(), "-c", "4",
                "--batch-size", "1", "--input-shape", "1,3,32,32"));
        assertEquals(0, run(new StringWriter(), "compile", "op", "-i",
                cg.resolve("instructions_" + NAME + ".json").toString(), "-o", op.toString()));
        compiled = op.resolve("isa_instructions_" + NAME + ".json");
    }

    private static int run(StringWriter err, String... args) {
        CommandLine commandLine = CimflowCli.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter()));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    private static JsonNode layerProfiling(Path profilingJson) throws IOException {
        return MAPPER.readTree(profilingJson.toFile()).get("layer_profiling");
    }

    @Test
    void simOfCompiledFileMatchesPipeline() throws IOException {
        Path pipeline = directory.resolve("pipeline");
        assertEquals(0, run(new StringWriter(), "run", "pipeline", "-m", MODEL, "-o", pipeline.toString(), "-c", "4",
                "--batch-size", "1", "-p", "from-config"));
        Path simulated = directory.resolve("sim");
        assertEquals(0, run(new StringWriter(), "sim", "-i", compiled.toString(), "-o", simulated.toString(), "-p",
                "from-config"));

        JsonNode expected = layerProfiling(pipeline.resolve("profiling_" + NAME + ".json"));
        JsonNode actual = layerProfiling(simulated.resolve("profiling.json"));
        assertTrue(expected.has("/stem/stem.0/Conv"), expected.toString());
        assertTrue(expected.has("/head/Gemm"), expected.toString());
        assertEquals(expected, actual);
    }

    @Test
    void simTextListsLayers() throws IOException {
        Path simulated = directory.resolve("sim-text");
        assertEquals(0, run(new StringWriter(), "sim", "-i", compiled.toString(), "-o", simulated.toString(), "-p",
                "from-config"));
        String text = Files.readString(simulated.resolve("simulation_isa_instructions_" + NAME + ".txt"));
        assertTrue(text.contains("\nLayer Profiling (busy time and dynamic energy summed over cores):\n"
                + "\t(outside layers): instructions "), text);
        assertFalse(text.contains(ProfileReport.LAYERS_UNAVAILABLE), text);
    }

    @Test
    void simWithoutTableSaysUnavailable() throws IOException {
        Path file = directory.resolve("isa_bare.json");
        Files.writeString(file, "{\"metadata\": {\"op_count\": 100, \"t\": 8, \"k\": 16, \"b\": 16, \"c\": 1},\n"
                + " \"0\": [{\"opcode\": 44, \"rd\": 1, \"imm\": 5}, {\"opcode\": 44, \"rd\": 2, \"imm\": 6}]}\n");
        Path simulated = directory.resolve("sim-bare");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "sim", "-i", file.toString(), "-o", simulated.toString(), "-p", "from-config"));
        assertEquals("", err.toString());

        String text = Files.readString(simulated.resolve("simulation_isa_bare.txt"));
        int first = text.indexOf(ProfileReport.LAYERS_UNAVAILABLE + "\n");
        assertTrue(first > 0, text);
        assertEquals(first, text.lastIndexOf(ProfileReport.LAYERS_UNAVAILABLE), "one line");
        assertFalse(Files.readString(simulated.resolve("profiling.json")).contains("layer_profiling"));
    }

    @Test
    void simRejectsTableOfWrongLength() throws IOException {
        Path file = directory.resolve("isa_wrong.json");
        Files.writeString(file, "{\"metadata\": {\"op_count\": 100, \"t\": 8, \"k\": 16, \"b\": 16, \"c\": 1,\n"
                + "  \"layers\": {\"names\": [\"(outside layers)\", \"conv\"], \"runs\": {\"0\": [[1, 0], [2, 1]]}}},\n"
                + " \"0\": [{\"opcode\": 44, \"rd\": 1, \"imm\": 5}, {\"opcode\": 44, \"rd\": 2, \"imm\": 6}]}\n");
        StringWriter err = new StringWriter();
        assertEquals(1, run(err, "sim", "-i", file.toString(), "-o", directory.resolve("sim-wrong").toString()));
        assertEquals("Error: " + file + ": the layer table covers 3 instructions of core 0 but core 0 has 2 "
                + "instructions; the layer table belongs to other instructions, so write the file again with the "
                + "command that compiled it, or delete \"layers\" from the metadata to simulate without per-layer "
                + "profiles", err.toString().trim());
    }

    @Test
    void convertToAsmWarnsTableDropped() {
        Path asm = directory.resolve("converted.asm");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "isa", "convert", compiled.toString(), asm.toString()));
        assertEquals("warning: " + asm + " has no layer table, because only the JSON form stores one; cimflow sim "
                + "-p needs " + compiled + " for per-layer profiles", err.toString().trim());
    }

    @Test
    void convertJsonToJsonKeepsTable() throws IOException {
        Path copy = directory.resolve("copy.json");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "isa", "convert", compiled.toString(), copy.toString()));
        assertEquals("", err.toString());
        assertEquals(Files.readString(compiled), Files.readString(copy));
    }
}
