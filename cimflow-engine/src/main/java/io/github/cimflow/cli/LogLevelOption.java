package io.github.cimflow.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@code -l/--log-level} option of a subcommand, as each of CIMFlow's commands takes one after the
 * command name. Without it the level given before the command applies.
 */
final class LogLevelOption {
    @Option(names = {"-l", "--log-level"}, paramLabel = "LEVEL", converter = LogLevel.Converter.class,
            description = "Log level: TRACE, DEBUG, VERBOSE, INFO, WARNING or ERROR, any case (default: the level "
                    + "given before the command, else INFO).")
    LogLevel level;

    /** Returns the level in effect for the command and configures {@code java.util.logging} with it. */
    LogLevel effective(CommandSpec spec) {
        LogLevel effective = level != null ? level : CimflowCli.root(spec).effectiveLogLevel();
        effective.configureLogging();
        return effective;
    }

    /** Returns a printer to standard output that drops lines below {@code threshold} (progress lines count as INFO). */
    static Consumer<String> printer(CommandSpec spec, LogLevel threshold) {
        PrintWriter out = spec.commandLine().getOut();
        return line -> {
            if (threshold.shows(LogLevel.ofLine(line))) {
                out.println(line);
                out.flush();
            }
        };
    }
}
