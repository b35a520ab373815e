package io.github.cimflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cimflow run pipeline --functional} on small models at T4 K8 B8 C16. */
class FunctionalPipelineTest {
    private static final String TINY = "../examples/models/tinynet_trained.onnx";
    private static final String UNWEIGHTED = "src/test/resources/functional/one_conv_without_weights.onnx";

    @TempDir
    Path folder;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int execute(String model, String inputShape, String... extra) {
        CommandLine commandLine = CimflowCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] base = {"run", "pipeline", "-m", model, "-o", folder.resolve("out").toString(), "-t", "4", "-k", "8",
                "-b", "8", "-c", "16", "--batch-size", "1", "--input-shape", inputShape};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return commandLine.execute(args);
    }

    @Test
    void trainedModelIsBitExact() {
        assertEquals(0, execute(TINY, "1,3,16,16", "--functional"), err.toString());
        assertTrue(out.toString().contains("Functional check: bit-exact, 4 output elements of 1 image(s)\n"),
                out.toString());
        assertTrue(out.toString().contains("Float agreement: max abs error "), out.toString());
    }

    @Test
    void traceLayersCountsLayerElements() {
        assertEquals(0, execute(TINY, "1,3,16,16", "--functional", "--trace-layers"), err.toString());
        assertTrue(out.toString().contains("Functional check: bit-exact, 4 output elements of 1 image(s) and "),
                out.toString());
        assertTrue(out.toString().contains(" layer output elements in "), out.toString());
    }

    @Test
    void inputFileIsUsed() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(3 * 16 * 16 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 3 * 16 * 16; i++) {
            buffer.putFloat((i % 7) * 0.25f - 0.75f);
        }
        Path input = folder.resolve("input.bin");
        Files.write(input, buffer.array());
        assertEquals(0, execute(TINY, "1,3,16,16", "--functional", "--input", input.toString()), err.toString());
        assertTrue(out.toString().contains("Functional check: bit-exact, 4 output elements of 1 image(s)"),
                out.toString());
    }

    @Test
    void wrongInputSizeNamesBothSizes() throws IOException {
        Path input = folder.resolve("short.bin");
        Files.write(input, new byte[100]);
        assertEquals(1, execute(TINY, "1,3,16,16", "--functional", "--input", input.toString()));
        assertTrue(err.toString().startsWith("Error: input file " + input + " has 100 bytes but 1 image(s) of the "
                + "model's input 1×3×16×16 need 3,072 bytes"), err.toString());
    }

    @Test
    void unweightedModelWarnsOnce() {
        assertEquals(0, execute(UNWEIGHTED, "1,3,8,8", "--functional"), err.toString());
        String output = out.toString();
        assertEquals(1, output.split("WARNING: one_conv_without_weights carries no weights", -1).length - 1, output);
        assertTrue(output.contains("Functional check: bit-exact, 512 output elements of 1 image(s)"), output);
    }

    @Test
    void traceLayersNeedsFunctional() {
        assertEquals(2, execute(TINY, "1,3,16,16", "--trace-layers"));
        assertTrue(err.toString().contains("--input and --trace-layers apply to --functional only"), err.toString());
    }
}
