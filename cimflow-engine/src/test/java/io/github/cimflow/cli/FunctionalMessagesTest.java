package io.github.cimflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code run pipeline --functional} prints about its input file, warnings and float agreement. */
class FunctionalMessagesTest {
    private static final Path MODELS = Path.of("../examples/models");
    private static final Path TINY = MODELS.resolve("tinynet_trained.onnx");

    @TempDir
    Path folder;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine commandLine = CimflowCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("run", "pipeline", "-o", folder.resolve("out").toString(),
                "--functional"));
        all.addAll(Arrays.asList(args));
        return commandLine.execute(all.toArray(String[]::new));
    }

    private Path floats(String name, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return Files.write(folder.resolve(name), buffer.array());
    }

    @Test
    void sizeOfDeclaredShapeNamesInputShape() throws IOException {
        // One 1×3×16×16 image, the shape tinynet declares, while the run uses 1×3×32×32.
        Path input = floats("tiny.bin", new float[3 * 16 * 16]);

        assertEquals(1, execute("-m", TINY.toString(), "-c", "16", "--batch-size", "1", "--input", input.toString()));

        assertTrue(err.toString().startsWith("Error: input file " + input + " has 3,072 bytes but 1 image(s) of the "
                + "model's input 1×3×32×32 need 12,288 bytes"), err.toString());
        assertTrue(err.toString().contains("; the model declares input shape 1×3×16×16, which matches the file: add "
                + "--input-shape 1,3,16,16" + System.lineSeparator()), err.toString());
    }

    @Test
    void nanInputNamesFileImageAndPosition() throws IOException {
        float[] values = new float[2 * 3 * 16 * 16];
        // Image 1, element 300 = c 1 · 256 + h 2 · 16 + w 12.
        values[768 + 300] = Float.NaN;
        Path input = floats("nan.bin", values);

        assertEquals(1, execute("-m", TINY.toString(), "-c", "16", "--input-shape", "1,3,16,16", "--batch-size", "2", "--input",
                input.toString()));

        assertEquals("Error: input file " + input + ": image 1 (counting from 0), element 300 [n, c, h, w] = "
                + "[0, 1, 2, 12] is NaN; write finite float32 values only" + System.lineSeparator(), err.toString());
    }

    @Test
    void narrowOutputsGetNote() {
        assertEquals(0, execute("-m", MODELS.resolve("efficientnet_b0_32.onnx").toString(), "--batch-size", "1"),
                err.toString());

        assertTrue(out.toString().contains(System.lineSeparator() + "NOTE: the int8 outputs span only "),
                out.toString());
        assertTrue(out.toString().contains("seeded weights, seeded inputs and scales calibrated on seeded noise make "
                + "it large (docs/functional.md, \"Reading the float agreement\")"), out.toString());
    }

    @Test
    void trainedModelCalibratedOnTaskImagesAgrees() throws IOException {
        // tinynet_trained_outputs.bin: int32 count, input length, output length, then per sample input and output.
        ByteBuffer samples = ByteBuffer.wrap(Files.readAllBytes(MODELS.resolve("tinynet_trained_outputs.bin")))
                .order(ByteOrder.LITTLE_ENDIAN);
        int count = samples.getInt();
        int inputLength = samples.getInt();
        int outputLength = samples.getInt();
        float[] inputs = new float[count * inputLength];
        for (int sample = 0; sample < count; sample++) {
            for (int i = 0; i < inputLength; i++) {
                inputs[sample * inputLength + i] = samples.getFloat();
            }
            samples.position(samples.position() + outputLength * 4);
        }
        Path input = floats("task.bin", inputs);

        assertEquals(0, execute("-m", TINY.toString(), "-c", "16", "--input-shape", "1,3,16,16", "--batch-size",
                Integer.toString(count), "--input", input.toString()), err.toString());

        // Trained weights, and scales calibrated on the task's own images: the int8 result keeps every top-1.
        assertTrue(out.toString().contains("top-1 equal in " + count + " of " + count + " image(s)"), out.toString());
        assertFalse(out.toString().contains("NOTE:"), out.toString());
    }

    @Test
    void agreeingWideOutputsGetNoNote() {
        assertEquals(0, execute("-m", MODELS.resolve("googlenet_32.onnx").toString(), "--batch-size", "1"),
                err.toString());

        assertTrue(out.toString().contains("top-1 equal in 1 of 1 image(s)"), out.toString());
        assertFalse(out.toString().contains("NOTE:"), out.toString());
    }

    @Test
    void boundedPartitionWarningPrintedOnce() {
        // GoogLeNet's partition search is bounded (docs/cg.md); the functional compile repeats it.
        PrintStream standardError = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, execute("-m", MODELS.resolve("googlenet_32.onnx").toString(), "--batch-size", "1"), err.toString());
        } finally {
            System.setErr(standardError);
        }

        String log = logged.toString(StandardCharsets.UTF_8);
        assertEquals(1, log.split("CG partition is bounded", -1).length - 1, log);
    }
}
