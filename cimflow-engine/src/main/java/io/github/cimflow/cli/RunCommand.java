package io.github.cimflow.cli;

import io.github.cimflow.cg.Strategy;
import io.github.cimflow.explore.AtomicFiles;
import io.github.cimflow.explore.BatchFileReader;
import io.github.cimflow.explore.BatchSpec;
import io.github.cimflow.explore.ExploreOptions;
import io.github.cimflow.explore.Explorer;
import io.github.cimflow.explore.InvalidBatchException;
import io.github.cimflow.explore.Pipeline;
import io.github.cimflow.explore.RunInfo;
import io.github.cimflow.explore.RunNames;
import io.github.cimflow.explore.RunOutcome;
import io.github.cimflow.explore.RunLog;
import io.github.cimflow.explore.RunRecord;
import io.github.cimflow.explore.RunSpec;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.ConfigResolver;
import io.github.cimflow.report.ProfilerConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cimflow run pipeline} (one run, CIMFlow's options and defaults) and {@code cimflow run from-file} (a batch). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Compile and simulate a model in one step, or run a batch file of such runs.",
        subcommands = {RunCommand.PipelineCommand.class, RunCommand.FromFileCommand.class})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Rejects {@code cimflow run} without a subcommand as an invalid argument (exit code 2). */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("missing subcommand: pipeline or from-file (see cimflow run --help)");
        err.flush();
        return spec.exitCodeOnInvalidInput();
    }

    @Command(name = "pipeline", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Import an ONNX model, compile it for the chip, simulate it and write the reports.",
                    "Writes simulation_report_<name>.txt and .json into the output folder; with --keep-ir also "
                            + "the CG IR, the ISA JSON and assembly, the run log and run_info.json."})
    static final class PipelineCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-m", "--model-path"}, required = true, paramLabel = "FILE", description = "ONNX model file.")
        Path modelPath;

        @Option(names = {"-o", "--output-dir"}, required = true, paramLabel = "DIR", description = "Output folder.")
        Path outputDir;

        @Option(names = {"-t", "--mg-size"}, defaultValue = "8", paramLabel = "T",
                description = "Macros per macro group (default: ${DEFAULT-VALUE}).")
        int t;

        @Option(names = {"-k", "--mg-num"}, defaultValue = "16", paramLabel = "K",
                description = "Macro groups per core (default: ${DEFAULT-VALUE}).")
        int k;

        @Option(names = {"-b", "--bandwidth"}, defaultValue = "16", paramLabel = "B",
                description = "NoC flit size in bytes (default: ${DEFAULT-VALUE}).")
        int b;

        @Option(names = {"-c", "--core-num"}, defaultValue = "64", paramLabel = "C",
                description = "Number of cores, a perfect square (default: ${DEFAULT-VALUE}).")
        int c;

        @Option(names = "--batch-size", defaultValue = "8", paramLabel = "N",
                description = "Images per batch (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--strategy", defaultValue = "dp", paramLabel = "NAME", converter = StrategyConverter.class,
                description = "Graph-level partitioning strategy: dp, baseline1, baseline2, 2x_communication_time, "
                        + "sum_calc_time, 0.5x_load_time, pipelined_calculate_time (default: ${DEFAULT-VALUE}).")
        Strategy strategy;

        @Option(names = "--visualize", negatable = true, defaultValue = "false",
                description = "Also write each CG stage's placement on the core mesh as "
                        + "placement_<name>_stage<s>.png and .svg.")
        boolean visualize;

        @Option(names = "--keep-ir", negatable = true, defaultValue = "false",
                description = "Keep the CG IR, the ISA JSON and assembly, the run log and run_info.json.")
        boolean keepIr;

        @Option(names = {"-cf", "--config"}, paramLabel = "FILE",
                description = "Hardware JSON; must match -t, -k, -b and -c. Default: the built-in preset.")
        Path config;

        @Option(names = {"-cd", "--config-dir"}, paramLabel = "DIR",
                description = "Folder of config-mg{T}-b{B}.json files, used when --config is not given.")
        Path configDir;

        @Option(names = {"-p", "--profile"}, defaultValue = "", paramLabel = "FILE",
                description = "Profiling: a profiler config file, \"from-config\" for the built-in one, "
                        + "or \"\" for none (default).")
        String profile;

        @CommandLine.Mixin
        ToolPathOptions.PathsConfig pathsConfig;

        @Option(names = "--input-shape", split = ",", arity = "1", paramLabel = "N,C,H,W",
                description = "Input shape of the model (default: 1,3,32,32, as CIMFlow).")
        List<Integer> inputShape;

        @Option(names = "--name", paramLabel = "NAME",
                description = "Name in the output file names (default: <model>_<strategy>_T<T>_K<K>_B<B>_C<C>_batch<N>).")
        String name;

        @Option(names = "--functional",
                description = "Also run the compiled programs in data mode on real or seeded weights and compare the "
                        + "outputs with the reference executor; exit code 1 on the first difference.")
        boolean functional;

        @Option(names = "--input", paramLabel = "FILE",
                description = "With --functional: input images as raw little-endian float32, NCHW, --batch-size "
                        + "images of the model's input shape (default: seeded random inputs).")
        Path functionalInput;

        @Option(names = "--trace-layers",
                description = "With --functional: compare every layer's output, not only the graph outputs.")
        boolean traceLayers;

        @CommandLine.Mixin
        LogLevelOption logLevel;

        @Override
        public Integer call() {
            long start = System.nanoTime();
            LogLevel level = logLevel.effective(spec);
            Consumer<String> print = LogLevelOption.printer(spec, level);
            checkArguments();
            pathsConfig.logIgnored(print);

            Path configFile = config;
            if (configFile == null && configDir != null) {
                ArchParams knobs = new ArchParams(t, k, b, c);
                ConfigResolver.resolve(knobs, null, configDir);
                configFile = configDir.resolve(ConfigResolver.fileName(knobs));
            }
            String profileSetting = profile.isEmpty() || profile.equals("from-config")
                    ? profile : Path.of(profile).toAbsolutePath().toString();
            RunSpec run = new RunSpec(name, modelPath.toAbsolutePath().normalize(), t, k, b, c, batchSize,
                    strategy.cliName(), configFile == null ? null : configFile.toAbsolutePath().normalize(),
                    inputShape == null ? null : List.copyOf(inputShape), Map.of(), profileSetting, visualize,
                    level.name());
            String runName = RunNames.of(run);
            if (name != null) {
                RunNames.checkFileSafe(name, "--name");
            }
            List<float[]> fileInputs = functional && functionalInput != null
                    ? FunctionalVerification.readInputFile(run.modelPath(), Pipeline.inputShape(run), batchSize,
                            functionalInput)
                    : null;

            String timestamp = Pipeline.timestamp();
            PrintWriter out = spec.commandLine().getOut();
            Pipeline.Result result = Pipeline.compute(run, line -> {
                out.println(line);
                out.flush();
            }, new RunLog(level.name(), runName, print));
            Path output = outputDir.toAbsolutePath().normalize();
            RunOutcome outcome = Pipeline.write(run, runName, output, keepIr, result, timestamp);
            if (keepIr) {
                RunInfo.write(output, new RunRecord(runName, run, outcome, null, false));
            }

            Path report = output.resolve(outcome.files().get("report"));
            out.println("Report: " + report);
            printResultLines(report, out);
            if (functional) {
                int status = FunctionalVerification.run(run.modelPath(), Pipeline.inputShape(run), result.hardware(),
                        strategy, batchSize, fileInputs, traceLayers, out, print);
                if (status != 0) {
                    return status;
                }
            }
            out.println(String.format(Locale.ROOT, "=== Pipeline finished in %.2fs ===", (System.nanoTime() - start) / 1e9));
            out.flush();
            return 0;
        }

        /** Echoes the report's result lines, as CIMFlow's simulator prints its report. */
        private static void printResultLines(Path report, PrintWriter out) {
            try {
                for (String line : Files.readAllLines(report)) {
                    if (line.matches("  - (latency|average power|total energy|TOPS|TOPS/W):.*")) {
                        out.println(line);
                    }
                }
            } catch (java.io.IOException e) {
                throw new io.github.cimflow.CimflowException("could not read back report " + report + ": "
                        + AtomicFiles.describe(e) + "; check that nothing else writes into the output folder");
            }
        }

        private void checkArguments() {
            positive(t, "-t/--mg-size");
            positive(k, "-k/--mg-num");
            positive(b, "-b/--bandwidth");
            positive(c, "-c/--core-num");
            positive(batchSize, "--batch-size");
            if (config == null && configDir == null) {
                checkPreset();
            }
            if (inputShape != null && (inputShape.size() != 4 || inputShape.stream().anyMatch(dim -> dim < 1))) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--input-shape must be 4 positive "
                        + "numbers N,C,H,W, not " + inputShape);
            }
            if (inputShape != null && inputShape.get(0) != 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--input-shape must have batch "
                        + "dimension N=1 because the compiler maps one image at a time, not " + inputShape.get(0)
                        + "; give --input-shape 1," + inputShape.get(1) + "," + inputShape.get(2) + ","
                        + inputShape.get(3) + " and set the images per stage with --batch-size "
                        + inputShape.get(0));
            }
            if (!functional && (functionalInput != null || traceLayers)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--input and --trace-layers apply to "
                        + "--functional only; add --functional");
            }
            InputFiles.requireFileIfGiven(spec, functionalInput, "--input");
            InputFiles.requireFile(spec, modelPath, "-m/--model-path");
            InputFiles.requireFileIfGiven(spec, config, "-cf/--config");
            InputFiles.requireDirectoryIfGiven(spec, configDir, "-cd/--config-dir");
            if (!profile.isEmpty() && !profile.equals("from-config")) {
                InputFiles.requireFile(spec, Path.of(profile), "-p/--profile");
                try {
                    ProfilerConfig.read(Path.of(profile));
                } catch (io.github.cimflow.CimflowException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "-p/--profile: " + e.getMessage());
                }
            }
            InputFiles.requireWritableDirectory(spec, outputDir, "-o/--output-dir");
        }

        /**
         * Rejects knob values that give no valid preset as invalid arguments (exit code 2), the same as
         * out-of-range values, instead of failing later as a runtime error.
         */
        private void checkPreset() {
            int side = (int) Math.round(Math.sqrt(c));
            if (side * side != c) {
                int lower = (int) Math.floor(Math.sqrt(c));
                throw new CommandLine.ParameterException(spec.commandLine(), "-c/--core-num must be a perfect square "
                        + "because the cores form a square mesh, not " + c + "; use " + lower * lower + " or "
                        + (lower + 1) * (lower + 1));
            }
            try {
                ConfigResolver.resolve(new ArchParams(t, k, b, c), null, null);
            } catch (io.github.cimflow.CimflowException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "-t " + t + " -k " + k + " -b " + b
                        + " -c " + c + " give no valid hardware preset: " + e.getMessage());
            }
        }

        private void positive(int value, String option) {
            if (value < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + " must be at least 1, not " + value);
            }
        }
    }

    @Command(name = "from-file", mixinStandardHelpOptions = true,
            description = {"Run every run of a batch JSON file (CIMFlow's format, plus input_shape, hardware "
                    + "overrides and matrix sweeps).",
                    "Writes the reports, run_info.json, summary.csv/json/md and plots into the batch's output_dir. "
                            + "Finished runs are cached there; a rerun computes only missing or changed runs.",
                    "Exit code 1 when any run failed; 2 when the batch file or a run in it is invalid, "
                            + "which is checked before any run starts."})
    static final class FromFileCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "Batch JSON file.")
        Path file;

        @Option(names = "--threads", paramLabel = "N",
                description = "Runs executed in parallel, at least 1 (default: the number of processors).")
        Integer threads;

        @Option(names = "--force", description = "Recompute every run, even those with a valid cached result.")
        boolean force;

        @CommandLine.Mixin
        LogLevelOption logLevel;

        @Override
        public Integer call() {
            int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            if (threadCount < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1, not "
                        + threads);
            }
            LogLevel level = logLevel.effective(spec);
            Consumer<String> print = LogLevelOption.printer(spec, level);
            BatchSpec batch;
            try {
                batch = BatchFileReader.read(file, print);
            } catch (InvalidBatchException e) {
                return invalidBatch(e);
            }
            PrintWriter out = spec.commandLine().getOut();
            Thread interrupted = new Thread(() -> {
                out.println("Interrupted: finished runs are kept in " + batch.outputDir() + "; "
                        + resumeHint(force));
                out.flush();
            });
            Runtime.getRuntime().addShutdownHook(interrupted);
            Explorer.ExplorationResult result;
            try {
                // The explorer filters by level itself, because a run's log_level can show lines below -l.
                result = Explorer.explore(batch, new ExploreOptions(threadCount, force, level.name()),
                        LogLevelOption.printer(spec, LogLevel.TRACE));
            } catch (InvalidBatchException e) {
                return invalidBatch(e);
            } finally {
                removeHook(interrupted);
            }
            out.println("Summary: " + result.summaryJson());
            if (result.failedCount() > 0) {
                out.println(result.failedCount() + " of " + batch.runs().size() + " runs failed; their errors are in "
                        + result.summaryJson().resolveSibling("summary.md"));
                out.flush();
                return 1;
            }
            out.flush();
            return 0;
        }

        /**
         * Returns how to resume an interrupted batch. A rerun with {@code --force} would recompute the finished
         * runs too, so a forced batch is resumed without it.
         */
        static String resumeHint(boolean force) {
            return force ? "run it again without --force to compute only the missing ones"
                    : "run the same command again to compute only the missing ones";
        }

        /** Prints an error of the batch file as invalid input: exit code 2, with the stack trace under --debug. */
        private int invalidBatch(InvalidBatchException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("Error: " + e.getMessage());
            if (CimflowCli.root(spec).debug) {
                e.printStackTrace(err);
            }
            err.flush();
            return 2;
        }
    }

    /** Unregisters a shutdown hook; does nothing once the JVM is already shutting down. */
    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs and prints how to resume.
        }
    }

    /** Converts a strategy name; an unknown one is a usage error (exit code 2) listing the known names. */
    static final class StrategyConverter implements CommandLine.ITypeConverter<Strategy> {
        @Override
        public Strategy convert(String value) {
            try {
                return Strategy.parse(value);
            } catch (io.github.cimflow.CimflowException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
