package io.github.cimflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Options that every command of the tree shares: -V/--version, -l/--log-level and --debug. */
class SharedOptionsTest {
    private static final String MODEL = Path.of("..", "examples", "models", "tinynet_trained.onnx").toString();

    @TempDir
    Path output;

    private record Run(int exitCode, String out, String err) {
    }

    /** Runs {@code args} on the tree that {@link CimflowCli#execute} builds for them. */
    private static Run run(String... args) {
        CommandLine commandLine = CimflowCli.commandLine(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static boolean hasLineStartingWith(String text, String prefix) {
        return text.lines().anyMatch(line -> line.startsWith(prefix));
    }

    /** Lists the path of every command below the root, such as {@code [run, pipeline]}. */
    private static List<List<String>> subcommandPaths(CommandLine command, List<String> prefix) {
        List<List<String>> paths = new ArrayList<>();
        command.getSubcommands().forEach((name, subcommand) -> {
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            paths.add(path);
            paths.addAll(subcommandPaths(subcommand, path));
        });
        return paths;
    }

    @Test
    void versionOnEverySubcommandMatchesRoot() {
        // The jar manifest is absent under Surefire, so the version comes from the fallback in Version.
        assertEquals("cimflow 0.1.0-SNAPSHOT" + System.lineSeparator(), run("--version").out());
        for (List<String> path : subcommandPaths(CimflowCli.commandLine(), List.of())) {
            if (path.get(path.size() - 1).equals("help")) {
                continue;
            }
            List<String> args = new ArrayList<>(path);
            args.add("-V");
            Run run = run(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertEquals("cimflow 0.1.0-SNAPSHOT" + System.lineSeparator(), run.out(), String.join(" ", args));
        }
    }

    @Test
    void everyLeafCommandTakesLogLevel() {
        CommandLine root = CimflowCli.commandLine();
        for (List<String> path : subcommandPaths(root, List.of())) {
            CommandLine command = root;
            for (String name : path) {
                command = command.getSubcommands().get(name);
            }
            if (!command.getSubcommands().isEmpty() || path.get(path.size() - 1).equals("help")) {
                continue;
            }
            CommandLine.Model.OptionSpec option = command.getCommandSpec().findOption("-l");
            assertNotNull(option, String.join(" ", path) + " has no -l");
            assertEquals("--log-level", option.longestName(), String.join(" ", path));
        }
    }

    @Test
    void modelInspectAcceptsLogLevel() {
        Run run = run("model", "inspect", "-l", "debug", MODEL);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Input input [1, 3, 16, 16]"), run.out());
    }

    @Test
    void debugAfterCommandLogsDebugLines() {
        Run run = run("run", "pipeline", "-m", MODEL, "-o", output.toString(), "--batch-size", "1", "--debug");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(hasLineStartingWith(run.out(), "DEBUG: "), run.out());
        assertTrue(hasLineStartingWith(run.out(), "VERBOSE: "), run.out());
    }

    @Test
    void debugBeforeCommandLogsDebugLines() {
        Run run = run("--debug", "run", "pipeline", "-m", MODEL, "-o", output.toString(), "--batch-size", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(hasLineStartingWith(run.out(), "DEBUG: "), run.out());
    }

    @Test
    void explicitLogLevelWinsOverDebug() {
        Run run = run("run", "pipeline", "-m", MODEL, "-o", output.toString(), "--batch-size", "1", "--debug",
                "-l", "verbose");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(hasLineStartingWith(run.out(), "VERBOSE: "), run.out());
        assertFalse(hasLineStartingWith(run.out(), "DEBUG: "), run.out());
    }

    @Test
    void withoutDebugNoDebugLines() {
        Run run = run("run", "pipeline", "-m", MODEL, "-o", output.toString(), "--batch-size", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(hasLineStartingWith(run.out(), "DEBUG: "), run.out());
    }

    @Test
    void debugAfterCommandShowsStackTrace() {
        Run run = run("compile", "cg", "-m", Path.of("..", "examples", "models", "resnet18_cifar.onnx").toString(),
                "-o", output.toString(), "-c", "4", "--debug");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("Error: layer '"), run.err());
        assertTrue(run.err().contains("\tat io.github.cimflow."), run.err());
    }
}
