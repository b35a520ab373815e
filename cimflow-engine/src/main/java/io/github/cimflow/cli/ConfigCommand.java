package io.github.cimflow.cli;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.ConfigResolver;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwareConfigJson;
import io.github.cimflow.hw.HardwareSummary;
import io.github.cimflow.hw.HardwareValidator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cimflow config export|check}: write a preset as CIMFlow hardware JSON, or validate a file. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Export or check hardware configuration files (CIMFlow's config-mg{T}-b{B}.json format).",
        subcommands = {ConfigCommand.Export.class, ConfigCommand.Check.class})
final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the built-in configuration of the knobs as hardware JSON, with the source of "
                    + "every number in _source comments.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LogLevelOption logLevel;

        @Option(names = {"-t", "--mg-size"}, paramLabel = "T", defaultValue = "8",
                description = "T, macros per macro group (default: ${DEFAULT-VALUE}).")
        int macroGroupSize;

        @Option(names = {"-k", "--mg-num"}, paramLabel = "K", defaultValue = "16",
                description = "K, macro groups per core (default: ${DEFAULT-VALUE}).")
        int macroGroupCount;

        @Option(names = {"-b", "--bandwidth"}, paramLabel = "B", defaultValue = "16",
                description = "B, NoC flit size in bytes (default: ${DEFAULT-VALUE}).")
        int flitBytes;

        @Option(names = {"-c", "--core-num"}, paramLabel = "C", defaultValue = "64",
                description = "C, cores on a √C×√C mesh, a perfect square (default: ${DEFAULT-VALUE}).")
        int coreCount;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "File to write; without it the JSON goes to standard output.")
        Path output;

        @Option(names = "--summary", description = "Also print derived figures: macros and CIM bytes per core, "
                + "output channels per group, largest reduction length, peak MACs per cycle and peak TOPS.")
        boolean summary;

        @Override
        public Integer call() {
            ArchParams knobs = new ArchParams(macroGroupSize, macroGroupCount, flitBytes, coreCount);
            HardwareConfig config = ConfigResolver.resolve(knobs, null, null);
            PrintWriter out = spec.commandLine().getOut();
            if (output == null) {
                out.print(HardwareConfigJson.write(config));
            } else {
                HardwareConfigJson.write(config, output);
                out.println("Wrote " + output);
            }
            if (summary) {
                HardwareSummary.lines(config).forEach(out::println);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a hardware JSON file and, for each knob given, check that the file agrees "
                    + "with it. Prints every problem, one per line.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LogLevelOption logLevel;

        @Parameters(paramLabel = "FILE", description = "Hardware configuration JSON.")
        Path file;

        @Option(names = {"-t", "--mg-size"}, paramLabel = "T", description = "Expected T (macro_group_size).")
        Integer macroGroupSize;

        @Option(names = {"-k", "--mg-num"}, paramLabel = "K", description = "Expected K (macro_total_cnt / macro_group_size).")
        Integer macroGroupCount;

        @Option(names = {"-b", "--bandwidth"}, paramLabel = "B", description = "Expected B (bus_width_byte).")
        Integer flitBytes;

        @Option(names = {"-c", "--core-num"}, paramLabel = "C", description = "Expected C (core_cnt).")
        Integer coreCount;

        @Override
        public Integer call() {
            InputFiles.requireFile(spec, file, "FILE");
            HardwareConfig config = HardwareConfigJson.read(file);
            ConfigResolver.checkKnobs(config, macroGroupSize, macroGroupCount, flitBytes, coreCount,
                    file.toString());
            List<String> problems = HardwareValidator.problems(config);
            if (!problems.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                problems.forEach(problem -> err.println(file + ": " + problem));
                err.flush();
                throw new CimflowException(file + ": " + problems.size() + " problem"
                        + (problems.size() == 1 ? "" : "s") + " found; fix them and run the check again");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(file + ": valid (" + config.archParams().fileFragment() + ")");
            out.flush();
            return 0;
        }
    }
}
