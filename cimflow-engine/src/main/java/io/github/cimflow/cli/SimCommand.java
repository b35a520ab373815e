package io.github.cimflow.cli;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwareConfigJson;
import io.github.cimflow.hw.HardwareConfigs;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.isa.IsaJson;
import io.github.cimflow.isa.IsaProgram;
import io.github.cimflow.isa.ProgramMetadata;
import io.github.cimflow.report.CFormat;
import io.github.cimflow.report.JsonReport;
import io.github.cimflow.report.Metrics;
import io.github.cimflow.report.ProfileReport;
import io.github.cimflow.report.ProfilerConfig;
import io.github.cimflow.report.ReportInput;
import io.github.cimflow.report.TextReport;
import io.github.cimflow.sim.SimulationOptions;
import io.github.cimflow.sim.SimulationProfile;
import io.github.cimflow.sim.Simulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cimflow sim}: simulates an instruction file and writes CIMFlow's text report
 * ({@code simulation_<stem>.txt}), a JSON report ({@code simulation_<stem>.json}) and, with
 * {@code -p}, a profile.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Simulate an ISA instruction file and write the text and JSON reports.")
public final class SimCommand implements Callable<Integer> {
    /** Default cycle budget: 2 s of simulated time at 500 MHz, far beyond any compiled network. */
    static final long DEFAULT_MAX_CYCLES = 1_000_000_000L;

    @Option(names = {"-i", "--inst", "--inst-file"}, required = true, paramLabel = "ISA.json",
            description = "Instruction file (CIMFlow JSON form).")
    Path instructionFile;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "Directory for the reports; created if missing.")
    Path outputDirectory;

    // Both may be given, as in CIMFlow; -cf wins.
    @ArgGroup(exclusive = false)
    ConfigChoice config;

    static final class ConfigChoice {
        @Option(names = {"-cf", "--config"}, paramLabel = "FILE",
                description = "Hardware configuration JSON. Default: the preset for the T, K, B, C the instruction "
                        + "file records.")
        Path file;

        @Option(names = {"-cd", "--config-dir"}, paramLabel = "DIR",
                description = "Directory that contains config-mg{T}-b{B}.json; T and B come from the instruction file, "
                        + "or from -t and -b when it records none.")
        Path directory;
    }

    @Option(names = {"-p", "--profile"}, paramLabel = "FILE|from-config",
            description = "Profile the run: a CIMFlow profiler configuration JSON, 'from-config' for the built-in "
                    + "one (everything on, JSON to DIR/profiling.json), or \"\" for none (default).")
    String profile;

    @Option(names = "--max-cycles", paramLabel = "N", defaultValue = "" + DEFAULT_MAX_CYCLES,
            description = "Stop with an error after N simulated cycles (0: no limit). Default: ${DEFAULT-VALUE}.")
    long maxCycles;

    @Option(names = "--data", description = "Data mode: memories hold bytes and instructions compute values "
            + "(CIMFlow's real_data). Timing is the same either way.")
    boolean dataMode;

    // Long form only: CIMFlow's cimflow wrapper uses -l for --log-level on every command, while its
    // cim-simulator binary uses -l for this table.
    @Option(names = "--every-core", description = "Add the energy table of every core to the text report "
            + "(the cim-simulator binary's -l).")
    boolean everyCore;

    @Mixin
    ConfigKeyOptions configKey;

    @Mixin
    ToolPathOptions.SimulatorBinary simulatorBinary;

    @Mixin
    ToolPathOptions.PathsConfig pathsConfig;

    @Mixin
    LogLevelOption logLevel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (maxCycles < 0) {
            throw new CimflowException("--max-cycles " + maxCycles + " is negative; give 0 for no limit or a "
                    + "positive cycle count");
        }
        Consumer<String> log = LogLevelOption.printer(spec, logLevel.effective(spec));
        checkInputFiles();
        simulatorBinary.logIgnored(log);
        pathsConfig.logIgnored(log);

        IsaProgram program = IsaJson.read(instructionFile);
        configKey.checkAgainst(program.metadata().arch(), instructionFile);
        LoadedConfig loaded = loadConfig(program.metadata());
        checkAgreement(program.metadata(), loaded);

        ProfilerConfig profiler = profilerConfig();
        boolean profiling = profiler != null && profiler.profiling();
        // Booking work to layers slows the simulation, so only a profiled run reads the file's table.
        SimulationProfile result = Simulator.profile(program, loaded.hardware(),
                new SimulationOptions(maxCycles, dataMode), null, profiling ? program.layers() : null);
        ReportInput input = new ReportInput(result, loaded.hardware(), loaded.source(), instructionFile.toString(),
                dataMode);

        String stem = stem(instructionFile);
        String text = TextReport.render(input, everyCore);
        if (profiling) {
            text += ProfileReport.text(result, profiler);
            if (profiler.reportToJson()) {
                write(profiler.jsonFile(), ProfileReport.json(result, profiler));
            }
        }
        Path textFile = outputDirectory.resolve("simulation_" + stem + ".txt");
        Path jsonFile = outputDirectory.resolve("simulation_" + stem + ".json");
        write(textFile, text);
        write(jsonFile, JsonReport.render(input));

        Metrics metrics = input.metrics();
        PrintWriter out = spec.commandLine().getOut();
        out.println("latency " + CFormat.g6(metrics.latencyMilliseconds()) + " ms, average power "
                + CFormat.f4(metrics.averagePowerMilliwatts()) + " mW, TOPS " + CFormat.f4(metrics.tops())
                + ", TOPS/W " + CFormat.f4(metrics.topsPerWatt()));
        out.println("wrote " + textFile + " and " + jsonFile);
        out.flush();
        return 0;
    }

    private void checkInputFiles() {
        InputFiles.requireFile(spec, instructionFile, "-i/--inst-file");
        if (config != null) {
            InputFiles.requireFileIfGiven(spec, config.file, "-cf/--config");
            InputFiles.requireDirectoryIfGiven(spec, config.directory, "-cd/--config-dir");
        }
        if (profile != null && !profile.isEmpty() && !profile.equals("from-config")) {
            InputFiles.requireFile(spec, Path.of(profile), "-p/--profile");
        }
    }

    record LoadedConfig(HardwareConfig hardware, String source) {
    }

    private LoadedConfig loadConfig(ProgramMetadata metadata) {
        if (config != null && config.file != null) {
            return new LoadedConfig(HardwareConfigJson.read(config.file), config.file.toString());
        }
        ArchParams arch = metadata.arch();
        boolean fromDirectory = config != null && config.directory != null;
        if (arch == null && !(fromDirectory && configKey.complete())) {
            throw new CimflowException(instructionFile + ": the metadata records no architecture (T, K, B, C); "
                    + "pass the hardware configuration with -cf FILE, or -cd DIR with -t and -b");
        }
        if (fromDirectory) {
            int macroGroupSize = arch != null ? arch.macroGroupSize() : configKey.macroGroupSize;
            int flitBytes = arch != null ? arch.flitBytes() : configKey.flitBytes;
            String origin = arch != null ? "recorded in " + instructionFile : "given by -t and -b";
            Path file = config.directory.resolve("config-mg" + macroGroupSize + "-b" + flitBytes + ".json");
            if (!Files.isRegularFile(file)) {
                throw new CimflowException("configuration directory " + config.directory + ": no " + file.getFileName()
                        + " for T=" + macroGroupSize + ", B=" + flitBytes + " (" + origin + "); add the file or "
                        + "pass -cf FILE");
            }
            return new LoadedConfig(HardwareConfigJson.read(file), file.toString());
        }
        return new LoadedConfig(HardwarePresets.preset(arch), "preset " + arch.fileFragment());
    }

    /** Rejects a configuration whose T, K, B or C differs from the instruction file's. */
    private void checkAgreement(ProgramMetadata metadata, LoadedConfig loaded) {
        ArchParams recorded = metadata.arch();
        ArchParams actual = loaded.hardware().archParams();
        if (recorded != null) {
            compare("macro group size T", recorded.macroGroupSize(), actual.macroGroupSize(), loaded);
            compare("macro group count K", recorded.macroGroupCount(), actual.macroGroupCount(), loaded);
            compare("flit size B", recorded.flitBytes(), actual.flitBytes(), loaded);
            compare("core count C", recorded.coreCount(), actual.coreCount(), loaded);
        }
        String digest = metadata.configDigest();
        if (digest != null && !digest.equals(HardwareConfigs.digest(loaded.hardware()))) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("warning: " + loaded.source() + " differs from the configuration " + instructionFile
                    + " was compiled for (digest " + digest.substring(0, Math.min(12, digest.length()))
                    + "...); T, K, B and C agree, so the simulation runs");
            err.flush();
        }
    }

    private void compare(String name, int recorded, int actual, LoadedConfig loaded) {
        if (recorded != actual) {
            throw new CimflowException("hardware configuration " + loaded.source() + " has " + name + " = " + actual
                    + " but " + instructionFile + " was compiled for " + name + " = " + recorded
                    + "; simulate with the configuration the program was compiled for");
        }
    }

    private ProfilerConfig profilerConfig() {
        if (profile == null || profile.isEmpty()) {
            return null;
        }
        if (profile.equals("from-config")) {
            return ProfilerConfig.builtIn(outputDirectory);
        }
        return ProfilerConfig.read(Path.of(profile));
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    }

    private static void write(Path file, String content) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CimflowException(file + ": cannot write the report: " + e.getMessage()
                    + "; check that the directory is writable");
        }
    }
}
