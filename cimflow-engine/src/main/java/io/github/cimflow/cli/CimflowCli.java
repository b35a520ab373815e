package io.github.cimflow.cli;

import io.github.cimflow.CimflowException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code cimflow} command. Exit codes follow CIMFlow's: 0 success, 1 runtime error, 2 invalid
 * arguments. Subcommands are registered in {@link #commandLine()}.
 */
@Command(name = "cimflow", mixinStandardHelpOptions = true, versionProvider = CimflowCli.Version.class,
        description = "Compile ONNX CNNs for digital SRAM compute-in-memory accelerators, simulate them "
                + "and explore design spaces.",
        subcommands = {HelpCommand.class})
public final class CimflowCli implements Runnable {

    // INHERIT adds the option to every subcommand, so that "cimflow run pipeline ... --debug" sets this field.
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors and log at DEBUG level unless -l/--log-level is given.")
    boolean debug;

    @Option(names = {"-l", "--log-level"}, paramLabel = "LEVEL",
            converter = LogLevel.Converter.class,
            description = "Log level: TRACE, DEBUG, VERBOSE, INFO, WARNING or ERROR (default: INFO, or DEBUG with --debug).")
    LogLevel logLevel;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The log level in effect: {@code -l/--log-level}, else DEBUG with {@code --debug}, else INFO. */
    LogLevel effectiveLogLevel() {
        if (logLevel != null) {
            return logLevel;
        }
        return debug ? LogLevel.DEBUG : LogLevel.INFO;
    }

    /** The root command of the tree a subcommand runs in. */
    static CimflowCli root(CommandLine.Model.CommandSpec spec) {
        return (CimflowCli) spec.root().userObject();
    }

    /** Builds the command tree with every subcommand and the error handling of this tool. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * Builds the command tree to run {@code args}. When the arguments name a subcommand after valid
     * root options, only that subcommand joins the tree, because picocli reads the annotations of
     * every registered command and that takes most of the start-up time. Any other command line (no
     * subcommand, {@code help}, an unknown name or root option) gets the full tree, so usage and
     * error messages are unchanged.
     */
    static CommandLine commandLine(String[] args) {
        String selected = selectedSubcommand(args);
        SubcommandFilter commandLine = new SubcommandFilter(new CimflowCli(), selected);
        Subcommands.register(commandLine);
        commandLine.registerSkippedUnlessSelectedFound();
        shareVersion(commandLine, new Version());
        commandLine.setExecutionExceptionHandler(CimflowCli::handleExecutionException);
        CommandLine.IParameterExceptionHandler syntaxHandler = commandLine.getParameterExceptionHandler();
        commandLine.setParameterExceptionHandler((exception, arguments) ->
                handleParameterException(exception, arguments, syntaxHandler));
        commandLine.setExecutionStrategy(parseResult -> {
            configureLogging(parseResult);
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (OutOfMemoryError | StackOverflowError error) {
                List<CommandLine> parsed = parseResult.asCommandLineList();
                return handleResourceError(error, parsed.get(parsed.size() - 1));
            }
        });
        return commandLine;
    }

    /** Gives every subcommand the root's version provider, so that each one's -V/--version prints it. */
    private static void shareVersion(CommandLine command, Version version) {
        command.getCommandSpec().versionProvider(version);
        for (CommandLine subcommand : command.getSubcommands().values()) {
            shareVersion(subcommand, version);
        }
    }

    /**
     * Configures {@code java.util.logging} at the level of the command that runs: its own
     * {@code -l/--log-level} when it has one, else the level in effect before the command name.
     */
    private static void configureLogging(CommandLine.ParseResult parseResult) {
        List<CommandLine> parsed = parseResult.asCommandLineList();
        CommandLine.Model.CommandSpec leaf = parsed.get(parsed.size() - 1).getCommandSpec();
        for (CommandLine.Model.CommandSpec mixin : leaf.mixins().values()) {
            if (mixin.userObject() instanceof LogLevelOption option) {
                option.effective(leaf);
                return;
            }
        }
        ((CimflowCli) leaf.root().userObject()).effectiveLogLevel().configureLogging();
    }

    /** Runs the command line and returns the exit code instead of exiting, for tests and embedding. */
    public static int execute(String... args) {
        return commandLine(args).execute(args);
    }

    /**
     * Returns the first argument after the root options {@code --debug} and {@code -l/--log-level
     * LEVEL}, or null when there is none or a root argument is anything else (an invalid level, an
     * unknown option), because picocli then prints the root usage with every subcommand.
     */
    static String selectedSubcommand(String[] args) {
        int index = 0;
        while (index < args.length) {
            String arg = args[index];
            String level;
            if (arg.equals("--debug")) {
                index++;
                continue;
            } else if (arg.equals("-l") || arg.equals("--log-level")) {
                level = index + 1 < args.length ? args[index + 1] : null;
                index += 2;
            } else if (arg.startsWith("--log-level=")) {
                level = arg.substring("--log-level=".length());
                index++;
            } else if (arg.startsWith("-l")) {
                level = arg.substring(arg.startsWith("-l=") ? 3 : 2);
                index++;
            } else {
                return arg.startsWith("-") ? null : arg;
            }
            if (level == null || !isLogLevel(level)) {
                return null;
            }
        }
        return null;
    }

    private static boolean isLogLevel(String value) {
        try {
            new LogLevel.Converter().convert(value);
            return true;
        } catch (CommandLine.TypeConversionException e) {
            return false;
        }
    }

    /**
     * Root command line that holds back every subcommand except the selected one. If no registered
     * subcommand has the selected name or alias, {@link #registerSkippedUnlessSelectedFound} adds the
     * held-back ones in their original order, so the tree is the full one.
     */
    private static final class SubcommandFilter extends CommandLine {
        private final String selected;
        private final List<Object> skipped = new ArrayList<>();
        private boolean selectedFound;

        SubcommandFilter(Object command, String selected) {
            super(command);
            this.selected = selected;
        }

        @Override
        public CommandLine addSubcommand(Object command) {
            if (selected == null) {
                return super.addSubcommand(command);
            }
            Command annotation = command.getClass().getAnnotation(Command.class);
            boolean named = annotation != null && (annotation.name().equals(selected)
                    || Arrays.asList(annotation.aliases()).contains(selected));
            if (!named) {
                skipped.add(command);
                return this;
            }
            selectedFound = true;
            return super.addSubcommand(command);
        }

        void registerSkippedUnlessSelectedFound() {
            if (!selectedFound) {
                for (Object command : skipped) {
                    super.addSubcommand(command);
                }
            }
            skipped.clear();
        }
    }

    public static void main(String[] args) {
        // One line per log record, "WARNING: message", like the rest of the output; java.util.logging's
        // default prints a dated two-line record. A -D given on the JVM command line still wins.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        }
        System.exit(execute(args));
    }

    private static int handleExecutionException(Exception exception, CommandLine commandLine,
                                                CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        CommandLine root = commandLine;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        boolean debug = ((CimflowCli) root.getCommand()).debug;
        if (exception instanceof CimflowException) {
            err.println("Error: " + exception.getMessage());
        } else {
            err.println("Error: " + exception);
        }
        if (debug) {
            exception.printStackTrace(err);
        } else if (!(exception instanceof CimflowException)) {
            err.println("Run with --debug for the stack trace.");
        }
        err.flush();
        return 1;
    }

    /**
     * Prints a JVM resource error (heap or thread stack exhausted) as one {@code Error:} line that names
     * the command and the JVM option to raise, with the stack trace only under {@code --debug}, and
     * returns exit code 1. picocli passes only {@link Exception}s to the execution exception handler.
     */
    static int handleResourceError(VirtualMachineError error, CommandLine command) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        if (error instanceof StackOverflowError) {
            err.println("Error: " + name + " ran out of thread stack (StackOverflowError); raise the stack size "
                    + "with CIMFLOW_OPTS=-Xss16m, or use a model with fewer nodes");
        } else {
            long maxHeapMebibytes = Runtime.getRuntime().maxMemory() / (1024 * 1024);
            err.println("Error: " + name + " ran out of Java heap memory (maximum heap " + maxHeapMebibytes
                    + " MiB, " + error.getMessage() + "); raise the heap with CIMFLOW_OPTS=-Xmx4g, "
                    + "or lower --batch-size or the model size");
        }
        if (root(command.getCommandSpec()).debug) {
            error.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    /**
     * Prints an invalid option value (a plain {@link CommandLine.ParameterException}, thrown by a converter or a
     * command's own checks) as its message and one line pointing to the help. Unknown options, missing
     * required options and other syntax errors, which picocli throws as subclasses, go to
     * {@code syntaxHandler}, which prints the message and the usage. Both exit with code 2.
     */
    private static int handleParameterException(CommandLine.ParameterException exception, String[] args,
                                                CommandLine.IParameterExceptionHandler syntaxHandler)
            throws Exception {
        if (exception.getClass() != CommandLine.ParameterException.class) {
            return syntaxHandler.handleParseException(exception, args);
        }
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(exception.getMessage());
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Prints {@code cimflow <version>} from the jar manifest, or the build's version file. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CimflowCli.class.getPackage().getImplementationVersion();
            return new String[] {"cimflow " + (version == null ? "0.1.0-SNAPSHOT" : version)};
        }
    }
}
