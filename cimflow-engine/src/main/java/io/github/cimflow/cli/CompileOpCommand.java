package io.github.cimflow.cli;

import io.github.cimflow.CimflowException;
import io.github.cimflow.cg.CgJson;
import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.ConfigResolver;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.isa.ProgramVerifier;
import io.github.cimflow.op.OpCompilation;
import io.github.cimflow.op.OpOutput;
import io.github.cimflow.op.OperatorCompiler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cimflow compile op}: operator-level compilation of a CG IR file into instruction programs. */
@Command(name = "op", mixinStandardHelpOptions = true,
        description = "Lower a CG IR JSON file into one instruction program per core and write "
                + "isa_instructions_<model>_<strategy>_T<T>_K<K>_B<B>_C<C>_batch<N>.json.")
public final class CompileOpCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input", "--instruction-file"}, required = true, paramLabel = "CG.json",
            description = "CG IR file written by 'cimflow compile cg' (CIMFlow's --instruction-file).")
    Path input;

    @Option(names = {"-o", "--output-dir"}, required = true, paramLabel = "DIR",
            description = "Directory for the instruction file (created when missing).")
    Path outputDir;

    @ArgGroup(exclusive = false)
    ConfigSource config;

    @Option(names = "--asm", description = "Also write the assembly form (.asm) next to the JSON file.")
    boolean asm;

    @Option(names = "--verify", description = "Run the program verifier on the result before writing it.")
    boolean verify;

    @Mixin
    ConfigKeyOptions configKey;

    @Mixin
    ToolPathOptions.CompilerBinary compilerBinary;

    @Mixin
    ToolPathOptions.PathsConfig pathsConfig;

    @Mixin
    LogLevelOption logLevel;

    @Spec
    CommandSpec spec;

    /**
     * The source of the hardware configuration. {@code -cf} wins when both options are given, as in CIMFlow.
     * With neither, the preset of the CG IR's T, K, B, C applies.
     */
    static final class ConfigSource {
        @Option(names = {"-cf", "--config"}, paramLabel = "FILE", description = "Hardware configuration JSON.")
        Path file;

        @Option(names = {"-cd", "--config-dir"}, paramLabel = "DIR",
                description = "Directory of config-mg<T>-b<B>.json files; the CG IR's T and B pick the file.")
        Path directory;
    }

    @Override
    public Integer call() {
        Consumer<String> log = LogLevelOption.printer(spec, logLevel.effective(spec));
        InputFiles.requireFile(spec, input, "-i/--input");
        if (config != null) {
            InputFiles.requireFileIfGiven(spec, config.file, "-cf/--config");
            InputFiles.requireDirectoryIfGiven(spec, config.directory, "-cd/--config-dir");
        }
        compilerBinary.logIgnored(log);
        pathsConfig.logIgnored(log);

        CgProgram cg = CgJson.read(input);
        if (cg.metadata() == null || cg.metadata().arch() == null) {
            throw new CimflowException(input + ": the CG IR metadata records no T, K, B and C; compile it again "
                    + "with 'cimflow compile cg'");
        }
        ArchParams knobs = cg.metadata().arch();
        configKey.checkAgainst(knobs, input);
        HardwareConfig hardware = ConfigResolver.resolve(knobs, config == null ? null : config.file,
                config == null ? null : config.directory);
        OpCompilation compilation = OperatorCompiler.compileWithStatistics(cg, hardware);
        if (verify) {
            ProgramVerifier.verify(compilation.program(), hardware);
        }
        List<Path> files = OpOutput.write(compilation, outputDir, asm);

        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format(Locale.ROOT, "%d cores, %,d instructions, %,d executed (expected)",
                compilation.program().cores().size(), compilation.statistics().totalStaticInstructions(),
                compilation.statistics().totalDynamicInstructions()));
        if (verify) {
            out.println("verifier: no problems");
        }
        for (Path file : files) {
            out.println("wrote " + file);
        }
        out.flush();
        return 0;
    }
}
