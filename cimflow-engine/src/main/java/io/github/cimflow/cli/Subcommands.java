package io.github.cimflow.cli;

import picocli.CommandLine;

/** The one place where subcommands join the command tree, one line each. */
final class Subcommands {
    private Subcommands() {
    }

    static void register(CommandLine root) {
        // model inspect
        // config export|check
        // compile cg|op
        // isa convert|verify
        // sim
        root.addSubcommand(new RunCommand());
        // check
    }
}
