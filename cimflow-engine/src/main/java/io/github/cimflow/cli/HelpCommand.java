package io.github.cimflow.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code cimflow help [COMMAND...]} command, which prints the help of a command at any depth,
 * such as {@code cimflow help run pipeline}. picocli 4.7's built-in help command takes one name only.
 */
@Command(name = "help", helpCommand = true,
        description = "Print the help of a command, for example: cimflow help run pipeline.")
final class HelpCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "The command and its subcommands, for example: run pipeline (default: cimflow itself).")
    List<String> names = new ArrayList<>();

    @Override
    public void run() {
        CommandLine target = spec.commandLine().getParent();
        for (String name : names) {
            CommandLine subcommand = target.getSubcommands().get(name);
            if (subcommand == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown command '" + name + "' in '"
                        + target.getCommandSpec().qualifiedName() + "'; its commands are "
                        + String.join(", ", target.getSubcommands().keySet()));
            }
            target = subcommand;
        }
        target.usage(spec.commandLine().getOut());
    }
}
