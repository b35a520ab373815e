package io.github.cimflow.cli;

import picocli.CommandLine;

/** The one place where subcommands join the command tree, one line each. */
final class Subcommands {
    private Subcommands() {
    }

    static void register(CommandLine root) {
        root.addSubcommand(new ModelCommand());
        // config export|check
        // compile cg|op
        root.addSubcommand(new CompileCommand());
        // isa convert|verify
        // sim
        // run pipeline|from-file
        // check
    }
}
