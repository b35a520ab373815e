package io.github.cimflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Argument checks of {@code cimflow run} that happen before any compiling, and how their errors print. */
class RunPipelineChecksTest {
    private static final String TINY = "../examples/models/tinynet_trained.onnx";
    private static final String NL = System.lineSeparator();

    @TempDir
    Path folder;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine commandLine = CimflowCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void outputDirThatIsFileExitsTwo() throws IOException {
        Path file = Files.writeString(folder.resolve("input.bin"), "x");

        assertEquals(2, execute("run", "pipeline", "-m", TINY, "-o", file.toString()));

        assertTrue(err.toString().startsWith("-o/--output-dir: " + file + " is a file, not a folder; give a folder "
                + "path or remove the file" + NL), err.toString());
        assertEquals("", out.toString(), "nothing compiled");
    }

    @Test
    void outputDirUnderFileExitsTwo() throws IOException {
        Path file = Files.writeString(folder.resolve("input.bin"), "x");
        Path below = file.resolve("out");

        assertEquals(2, execute("run", "pipeline", "-m", TINY, "-o", below.toString()));

        assertTrue(err.toString().startsWith("-o/--output-dir: cannot create folder " + below + " because " + file
                + " is a file; choose another path" + NL), err.toString());
    }

    @Test
    void binaryProfileExitsTwoBeforeCompiling() throws IOException {
        Path profile = Files.write(folder.resolve("profile.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});

        assertEquals(2, execute("run", "pipeline", "-m", TINY, "-o", folder.resolve("out").toString(), "-p",
                profile.toString()));

        assertTrue(err.toString().startsWith("-p/--profile: profiler configuration " + profile + ": not UTF-8 text"),
                err.toString());
        assertEquals("", out.toString(), "nothing compiled");
    }

    @Test
    void invalidJsonProfileNamesLine() throws IOException {
        Path profile = Files.writeString(folder.resolve("profile.json"), "{\n  \"profiling\": tru\n}\n");

        assertEquals(2, execute("run", "pipeline", "-m", TINY, "-o", folder.resolve("out").toString(), "-p",
                profile.toString()));

        assertTrue(err.toString().startsWith("-p/--profile: profiler configuration " + profile + ": invalid JSON at "
                + "line 2, column "), err.toString());
        assertFalse(err.toString().contains("Exception"), err.toString());
    }

    @Test
    void valueErrorPrintsHelpHintNotUsage() {
        Path missing = folder.resolve("missing.bin");

        assertEquals(2, execute("run", "pipeline", "-m", TINY, "-o", folder.resolve("out").toString(), "--functional",
                "--input", missing.toString()));

        assertEquals("--input: file " + missing + " not found; check the path" + NL
                + "Try 'cimflow run pipeline --help' for the options." + NL, err.toString());
    }

    @Test
    void conversionErrorPrintsHelpHintNotUsage() {
        assertEquals(2, execute("run", "pipeline", "-m", TINY, "-o", "out", "--batch-size", "eight"));

        assertEquals(2, err.toString().split(NL).length, err.toString());
        assertTrue(err.toString().endsWith(NL + "Try 'cimflow run pipeline --help' for the options." + NL),
                err.toString());
    }

    @Test
    void unknownOptionStillPrintsUsage() {
        assertEquals(2, execute("run", "pipeline", "-m", TINY, "-o", "out", "--speed", "9"));

        assertTrue(err.toString().startsWith("Unknown options: '--speed', '9'"), err.toString());
        assertTrue(err.toString().contains("Usage: cimflow run pipeline"), err.toString());
    }

    @Test
    void runWithoutSubcommandExitsTwo() {
        assertEquals(2, execute("run"));

        assertEquals("missing subcommand: pipeline or from-file (see cimflow run --help)" + NL, err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void helpTakesNestedSubcommand() {
        assertEquals(0, execute("help", "run", "pipeline"));

        assertTrue(out.toString().startsWith("Usage: cimflow run pipeline "), out.toString());
    }

    @Test
    void helpOfUnknownNestedCommandExitsTwo() {
        assertEquals(2, execute("help", "run", "pipe"));

        assertTrue(err.toString().startsWith("unknown command 'pipe' in 'cimflow run'; its commands are pipeline, "
                + "from-file" + NL), err.toString());
    }

    @Test
    void interruptedForcedBatchHintDropsForce() {
        assertEquals("run it again without --force to compute only the missing ones",
                RunCommand.FromFileCommand.resumeHint(true));
    }

    @Test
    void interruptedBatchHintRepeatsCommand() {
        assertEquals("run the same command again to compute only the missing ones",
                RunCommand.FromFileCommand.resumeHint(false));
    }

    @Test
    void inputShapeBatchTwoExitsTwo() {
        assertEquals(2, execute("run", "pipeline", "-m", TINY, "-o", folder.resolve("out").toString(),
                "--input-shape", "2,3,16,16"));

        assertTrue(err.toString().startsWith("--input-shape must have batch dimension N=1 because the compiler maps "
                + "one image at a time, not 2; give --input-shape 1,3,16,16 and set the images per stage with "
                + "--batch-size 2" + NL), err.toString());
        assertEquals("", out.toString(), "nothing compiled");
    }

    @Test
    void wrongSizeInputFailsBeforeCompiling() throws IOException {
        Path input = Files.write(folder.resolve("short.bin"), new byte[100]);

        assertEquals(1, execute("run", "pipeline", "-m", TINY, "-o", folder.resolve("out").toString(),
                "--functional", "--input", input.toString()));

        // 8 images of 1×3×32×32 float32 values: 8 * 3072 * 4 bytes.
        assertTrue(err.toString().startsWith("Error: input file " + input + " has 100 bytes but 8 image(s) of the "
                + "model's input 1×3×32×32 need 98,304 bytes"), err.toString());
        assertEquals("", out.toString(), "nothing compiled");
    }

    @Test
    void oversizedBatchFailsBeforeCompiling() {
        assertEquals(1, execute("run", "pipeline", "-m", TINY, "-o", folder.resolve("out").toString(),
                "--input-shape", "1,3,16,16", "--batch-size", "100000"));

        // Per image: the 3×16×16 input (768 bytes) and the 10 logits, aligned to 32 bytes. 33,554,432 / 800 = 41,943.
        assertEquals("Error: batch size 100000 does not fit global memory 'global': the input and output feature "
                + "maps alone need 80,000,000 bytes (800 per image) but the region holds 33,554,432 bytes; lower "
                + "--batch-size to at most 41943 (the full compile may allow fewer)" + NL, err.toString());
        assertEquals("", out.toString(), "nothing compiled");
    }
}
