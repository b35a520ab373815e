package io.github.cimflow.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code compile} group: {@code compile cg} (graph level) and {@code compile op} (operator level). */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile a model at graph level (cg) or a CG IR file at operator level (op).",
        subcommands = {CompileCgCommand.class, CompileOpCommand.class})
public final class CompileCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
