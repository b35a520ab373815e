package io.github.cimflow.cli;

import io.github.cimflow.CimflowException;
import io.github.cimflow.cg.CgCompilation;
import io.github.cimflow.cg.CgJson;
import io.github.cimflow.cg.CgSummary;
import io.github.cimflow.cg.CgVerifier;
import io.github.cimflow.cg.GraphCompiler;
import io.github.cimflow.cg.PlacementRenderer;
import io.github.cimflow.cg.Strategy;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwareConfigJson;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.OnnxImporter;
import io.github.cimflow.op.BatchMemoryCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cimflow compile cg}: graph-level compilation of an ONNX model into CG IR JSON. */
@Command(name = "cg", mixinStandardHelpOptions = true,
        description = "Partition a model into stages, replicate and place its layers on the core mesh, and "
                + "write instructions_<model>_<strategy>_T<T>_K<K>_B<B>_C<C>_batch<N>.json with a summary.")
public final class CompileCgCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "ONNX model file.")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "Output directory; created when missing.")
    Path output;

    @Option(names = {"-t", "--mg-size"}, defaultValue = "8", paramLabel = "T",
            description = "Macros per macro group (default: ${DEFAULT-VALUE}).")
    int macroGroupSize;

    @Option(names = {"-k", "--mg-num"}, defaultValue = "16", paramLabel = "K",
            description = "Macro groups per core (default: ${DEFAULT-VALUE}).")
    int macroGroupCount;

    @Option(names = {"-b", "--bandwidth"}, defaultValue = "16", paramLabel = "B",
            description = "NoC flit size in bytes (default: ${DEFAULT-VALUE}).")
    int flitBytes;

    @Option(names = {"-c", "--core-num"}, defaultValue = "64", paramLabel = "C",
            description = "Core count, a perfect square (default: ${DEFAULT-VALUE}).")
    int coreCount;

    @Option(names = "--batch-size", defaultValue = "8", paramLabel = "N",
            description = "Images per stage (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--strategy", defaultValue = "dp", paramLabel = "NAME",
            description = "Partitioning strategy: dp, baseline1, baseline2, 2x_communication_time, sum_calc_time, "
                    + "0.5x_load_time or pipelined_calculate_time (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = {"-cf", "--config"}, paramLabel = "FILE",
            description = "CIMFlow hardware JSON file instead of the built-in preset; -t, -k, -b and -c, when "
                    + "given, must agree with it.")
    Path config;

    @Option(names = "--input-shape", paramLabel = "N,C,H,W",
            description = "Shape of the first graph input, overriding the model's own (N must be 1).")
    String inputShape;

    @Option(names = "--visualize", negatable = true, defaultValue = "false",
            description = "Also draw each stage's placement as PNG and SVG (default: off).")
    boolean visualize;

    @Option(names = "--verify", description = "Check the CG IR (transfers, write order, weight fit) and fail "
            + "when it is invalid.")
    boolean verify;

    @CommandLine.Mixin
    ToolPathOptions.CompilerBinary compilerBinary;

    @CommandLine.Mixin
    ToolPathOptions.PathsConfig pathsConfig;

    @CommandLine.Mixin
    LogLevelOption logLevel;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Consumer<String> log = LogLevelOption.printer(spec, logLevel.effective(spec));
        Strategy parsedStrategy = parseStrategy();
        if (batchSize < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option "
                    + "'--batch-size': " + batchSize + " (must be at least 1)");
        }
        int[] shape = null;
        if (inputShape != null) {
            try {
                shape = ModelCommand.parseInputShape(inputShape);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Invalid value for option '--input-shape': " + e.getMessage());
            }
        }
        InputFiles.requireFile(spec, model, "-m/--model");
        InputFiles.requireFileIfGiven(spec, config, "-cf/--config");
        compilerBinary.logIgnored(log);
        pathsConfig.logIgnored(log);

        HardwareConfig hardware = hardware();
        Model imported = OnnxImporter.load(model, shape);
        BatchMemoryCheck.check(imported.graph(), hardware, batchSize);
        CgCompilation compilation = GraphCompiler.compileDetailed(imported, hardware, batchSize, parsedStrategy);

        PrintWriter out = spec.commandLine().getOut();
        if (verify) {
            CgVerifier.verify(compilation.program(), hardware, new HashSet<>(imported.graph().inputs()));
        }
        createDirectory();
        String fileName = CgJson.fileName(compilation.program().metadata());
        Path file = output.resolve(fileName);
        CgJson.write(compilation.program(), file);
        String summary = CgSummary.format(compilation);
        String stem = fileName.substring(0, fileName.length() - ".json".length());
        writeText(output.resolve(stem + "_summary.txt"), summary);
        out.print(summary);
        if (verify) {
            out.println("verify: ok");
        }
        if (visualize) {
            List<Path> pictures = PlacementRenderer.write(compilation, output, stem);
            out.println("placement pictures: " + pictures.size() + " files in " + output);
        }
        out.println("wrote " + file);
        out.flush();
        return 0;
    }

    private Strategy parseStrategy() {
        try {
            return Strategy.parse(strategy);
        } catch (CimflowException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--strategy': " + e.getMessage());
        }
    }

    private HardwareConfig hardware() {
        if (config == null) {
            return HardwarePresets.preset(new ArchParams(macroGroupSize, macroGroupCount, flitBytes, coreCount));
        }
        HardwareConfig loaded = HardwareConfigJson.read(config);
        ArchParams arch = loaded.archParams();
        checkAgrees("-t/--mg-size", "--mg-size", macroGroupSize, arch.macroGroupSize(), "macro_group_size");
        checkAgrees("-k/--mg-num", "--mg-num", macroGroupCount, arch.macroGroupCount(),
                "macro_total_cnt / macro_group_size");
        checkAgrees("-b/--bandwidth", "--bandwidth", flitBytes, arch.flitBytes(), "bus_width_byte");
        checkAgrees("-c/--core-num", "--core-num", coreCount, arch.coreCount(), "core_cnt");
        return loaded;
    }

    private void checkAgrees(String flags, String longName, int given, int inConfig, String field) {
        boolean explicit = spec.commandLine().getParseResult().hasMatchedOption(longName);
        if (explicit && given != inConfig) {
            throw new CimflowException(config + ": " + field + " is " + inConfig + " but " + flags + " is " + given
                    + "; drop the option or pass the value of the configuration file");
        }
    }

    private void createDirectory() {
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new CimflowException("cannot create output directory " + output + ": " + e.getMessage(), e);
        }
    }

    private static void writeText(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new CimflowException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
