package io.github.cimflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code cimflow model inspect} on the committed tiny network (16x16 input, real weights). */
class ModelCommandTest {
    private static final Path TINY = Path.of("../examples/models/tinynet_trained.onnx");

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine commandLine = CimflowCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void jsonHasInputsNodesAndTotals() throws Exception {
        assumeTrue(Files.exists(TINY), TINY + " is missing");
        Run run = run("model", "inspect", "--json", "--input-shape", "2,3,16,16", TINY.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("[2,3,16,16]", json.get("inputs").get(0).get("shape").toString());
        JsonNode stem = json.get("nodes").get(0);
        assertEquals("Conv", stem.get("op").asText());
        assertEquals("[2,8,16,16]", stem.get("outputShape").toString());
        // 8 * 16 * 16 * 3 * 3 * 3 per image
        assertEquals(55_296L, stem.get("macs").asLong());
        assertEquals(302_144L, json.get("totals").get("macs").asLong());
        assertEquals(604_288L, json.get("totals").get("opCount").asLong());
        assertEquals(2_476L, json.get("totals").get("weightCount").asLong());
    }

    @Test
    void jsonIsByteIdenticalAcrossRuns() {
        assumeTrue(Files.exists(TINY), TINY + " is missing");
        assertEquals(run("model", "inspect", "--json", TINY.toString()).out(),
                run("model", "inspect", "--json", TINY.toString()).out());
    }

    @Test
    void tableUsesRootLocaleGrouping() {
        assumeTrue(Files.exists(TINY), TINY + " is missing");
        Run run = run("model", "inspect", TINY.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Input input [1, 3, 16, 16]"), run.out());
        assertTrue(run.out().contains("MACs          302,144 per image (batch 1)"), run.out());
    }

    @Test
    void malformedInputShapeIsUsageError() {
        Run run = run("model", "inspect", "--input-shape", "1,3,x,16", "model.onnx");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("Invalid value for option '--input-shape': '1,3,x,16' is not a shape: "
                + "dimension 2 'x' is not an integer"), run.err());
    }

    @Test
    void missingModelIsUsageError() {
        Run run = run("model", "inspect", "absent.onnx");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("MODEL.onnx: file absent.onnx not found; check the path"
                + System.lineSeparator()), run.err());
    }
}
