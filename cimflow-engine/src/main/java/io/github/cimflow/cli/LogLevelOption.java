package io.github.cimflow.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@code -l/--log-level} option of a subcommand, as each of CIMFlow's commands takes one after the
 * command name. Without it the level given before the command applies, else DEBUG with {@code --debug},
 * else INFO. {@link CimflowCli} configures {@code java.util.logging} from it before the command runs, so a
 * command that filters no output lines of its own needs only the field.
 */
final class LogLevelOption {
    @Option(names = {"-l", "--log-level"}, paramLabel = "LEVEL", converter = LogLevel.Converter.class,
            description = "Log level: TRACE, DEBUG, VERBOSE, INFO, WARNING or ERROR, any case (default: the level "
                    + "given before the command, else DEBUG with --debug, else INFO).")
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
