package io.github.cimflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The root handling of heap and stack exhaustion, which picocli does not pass to the exception handler. */
class ResourceErrorTest {
    private final StringWriter err = new StringWriter();

    private CommandLine runPipeline(boolean debug) {
        CommandLine root = CimflowCli.commandLine(new String[] {"run", "pipeline"});
        ((CimflowCli) root.getCommand()).debug = debug;
        CommandLine pipeline = root.getSubcommands().get("run").getSubcommands().get("pipeline");
        pipeline.setErr(new PrintWriter(err));
        return pipeline;
    }

    @Test
    void outOfMemoryPrintsOneErrorLine() {
        int exitCode = CimflowCli.handleResourceError(new OutOfMemoryError("Java heap space"), runPipeline(false));

        String[] lines = err.toString().split("\\R");
        assertEquals(1, exitCode);
        assertEquals(1, lines.length, err.toString());
        assertTrue(lines[0].startsWith("Error: cimflow run pipeline ran out of Java heap memory (maximum heap "),
                lines[0]);
        assertTrue(lines[0].endsWith(" MiB, Java heap space); raise the heap with CIMFLOW_OPTS=-Xmx4g, or lower "
                + "--batch-size or the model size"), lines[0]);
    }

    @Test
    void stackOverflowNamesStackOption() {
        int exitCode = CimflowCli.handleResourceError(new StackOverflowError(), runPipeline(false));

        assertEquals(1, exitCode);
        assertEquals("Error: cimflow run pipeline ran out of thread stack (StackOverflowError); raise the stack "
                + "size with CIMFLOW_OPTS=-Xss16m, or use a model with fewer nodes" + System.lineSeparator(),
                err.toString());
    }

    @Test
    void debugAddsStackTrace() {
        CimflowCli.handleResourceError(new OutOfMemoryError("Java heap space"), runPipeline(true));

        String[] lines = err.toString().split("\\R");
        assertTrue(lines.length > 2, err.toString());
        assertEquals("java.lang.OutOfMemoryError: Java heap space", lines[1]);
        assertTrue(lines[2].trim().startsWith("at io.github.cimflow.cli.ResourceErrorTest."), lines[2]);
    }
}
