package io.github.cimflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CimflowCliTest {
    /** The subcommands of the full tree, which every command line that selects nothing must get. */
    private static List<String> allCommands() {
        return List.copyOf(CimflowCli.commandLine().getSubcommands().keySet());
    }

    @Test
    void subcommandAfterRootOptionsIsSelected() {
        assertEquals("run", CimflowCli.selectedSubcommand(new String[] {"run", "pipeline", "-m", "x.onnx"}));
        assertEquals("sim", CimflowCli.selectedSubcommand(new String[] {"--debug", "-l", "DEBUG", "sim"}));
        assertEquals("isa", CimflowCli.selectedSubcommand(new String[] {"--log-level=error", "isa"}));
        assertEquals("model", CimflowCli.selectedSubcommand(new String[] {"-lINFO", "model"}));
        assertEquals("config", CimflowCli.selectedSubcommand(new String[] {"-l=WARNING", "config"}));
    }

    @Test
    void invalidRootArgumentsSelectNothing() {
        assertNull(CimflowCli.selectedSubcommand(new String[0]));
        assertNull(CimflowCli.selectedSubcommand(new String[] {"--version"}));
        assertNull(CimflowCli.selectedSubcommand(new String[] {"--bogus", "run"}));
        assertNull(CimflowCli.selectedSubcommand(new String[] {"-l", "LOUD", "run"}));
        assertNull(CimflowCli.selectedSubcommand(new String[] {"-l"}));
    }

    @Test
    void namedSubcommandIsOnlyOneRegistered() {
        CommandLine commandLine = CimflowCli.commandLine(new String[] {"run", "pipeline"});
        assertEquals(List.of("help", "run"), List.copyOf(commandLine.getSubcommands().keySet()));
    }

    @Test
    void fullTreeHasEveryCommand() {
        assertTrue(allCommands().containsAll(List.of("help", "model", "config", "compile", "isa", "sim", "run",
                "check")), allCommands().toString());
    }

    @Test
    void unknownSubcommandGetsFullTree() {
        CommandLine commandLine = CimflowCli.commandLine(new String[] {"rnu", "pipeline"});
        assertEquals(allCommands(), List.copyOf(commandLine.getSubcommands().keySet()));
    }

    @Test
    void helpCommandGetsFullTree() {
        CommandLine commandLine = CimflowCli.commandLine(new String[] {"help", "run"});
        assertEquals(allCommands(), List.copyOf(commandLine.getSubcommands().keySet()));
    }
}
