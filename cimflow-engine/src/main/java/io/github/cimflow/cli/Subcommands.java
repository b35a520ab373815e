package io.github.cimflow.cli;

import picocli.CommandLine;

/** The one place where subcommands join the command tree, one line each. */
final class Subcommands {
    private Subcommands() {
    }

    static void register(CommandLine root) {
        root.addSubcommand(new ModelCommand());
        root.addSubcommand(new ConfigCommand());
        root.addSubcommand(new CompileCommand());
        root.addSubcommand(new IsaCommand());
        root.addSubcommand(new SimCommand());
        root.addSubcommand(new RunCommand());
        root.addSubcommand(new CheckCommand());
    }
}
