package io.github.cimflow.cli;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.ConfigResolver;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwareConfigJson;
import io.github.cimflow.hw.HardwareValidator;
import io.github.cimflow.isa.IsaAsm;
import io.github.cimflow.isa.IsaBinary;
import io.github.cimflow.isa.IsaJson;
import io.github.cimflow.isa.IsaProgram;
import io.github.cimflow.isa.ProgramVerifier;
import io.github.cimflow.isa.VerificationProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cimflow isa convert|verify}: converts instruction files between forms and checks programs. */
@Command(name = "isa", mixinStandardHelpOptions = true,
        description = "Convert and verify CIM instruction programs (JSON, assembly, binary).",
        subcommands = {IsaCommand.Convert.class, IsaCommand.Verify.class})
public final class IsaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The three file forms of a program. */
    enum Form {
        json, asm, bin;

        IsaProgram read(Path file) {
            return switch (this) {
                case json -> IsaJson.read(file);
                case asm -> IsaAsm.read(file);
                case bin -> IsaBinary.read(file);
            };
        }

        void write(IsaProgram program, Path file) {
            switch (this) {
                case json -> IsaJson.write(program, file);
                case asm -> IsaAsm.write(program, file);
                case bin -> IsaBinary.write(program, file);
            }
        }

        /** Returns the form a file name's extension implies ({@code .json}, {@code .asm}, {@code .bin}). */
        static Form ofFile(Path file, String option) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            for (Form form : values()) {
                if (name.endsWith("." + form.name())) {
                    return form;
                }
            }
            throw new CimflowException(file + ": cannot tell the form from the extension; pass " + option
                    + " json, asm or bin");
        }
    }

    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = "Convert an instruction program between the JSON, assembly and binary forms.")
    static final class Convert implements Runnable {
        @Option(names = "--from", paramLabel = "FORM",
                description = "Form of IN: json, asm or bin (default: from the extension).")
        Form from;

        @Option(names = "--to", paramLabel = "FORM",
                description = "Form of OUT: json, asm or bin (default: from the extension).")
        Form to;

        @Parameters(index = "0", paramLabel = "IN", description = "Program to read.")
        Path input;

        @Parameters(index = "1", paramLabel = "OUT", description = "File to write; replaced if it exists.")
        Path output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            Form inputForm = from != null ? from : Form.ofFile(input, "--from");
            Form outputForm = to != null ? to : Form.ofFile(output, "--to");
            InputFiles.requireFile(spec, input, "IN");
            IsaProgram program = inputForm.read(input);
            outputForm.write(program, output);
            if (program.layers() != null && outputForm != Form.json) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("warning: " + output + " has no layer table, because only the JSON form stores one; "
                        + "cimflow sim -p needs " + input + " for per-layer profiles");
                err.flush();
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "Wrote %s (%s): %d cores, %d instructions%n", output,
                    outputForm, program.cores().size(), program.instructionCount());
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check a program statically: encodable fields, branch targets inside the program, "
                    + "registers written and special registers set before use on every path, and addresses "
                    + "built from constants inside a memory of the right kind.",
                    "Without -cf or -cd the built-in preset for the T, K, B, C in the file's metadata is used "
                            + "(T8 K16 B16 C64 when it records none)."})
    static final class Verify implements Runnable {
        @Option(names = "--from", paramLabel = "FORM",
                description = "Form of FILE: json, asm or bin (default: from the extension).")
        Form from;

        @Option(names = {"-cf", "--config"}, paramLabel = "CONFIG", description = "Hardware configuration JSON.")
        Path configFile;

        @Option(names = {"-cd", "--config-dir"}, paramLabel = "DIR",
                description = "Folder of config-mg{T}-b{B}.json files; the file for the program's T and B is used.")
        Path configDir;

        @Parameters(index = "0", paramLabel = "FILE", description = "Program to check.")
        Path file;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            Form form = from != null ? from : Form.ofFile(file, "--from");
            InputFiles.requireFile(spec, file, "FILE");
            InputFiles.requireFileIfGiven(spec, configFile, "-cf/--config");
            InputFiles.requireDirectoryIfGiven(spec, configDir, "-cd/--config-dir");
            IsaProgram program = form.read(file);
            HardwareConfig hardware = hardware(program);
            List<VerificationProblem> problems = ProgramVerifier.check(program, hardware);
            if (!problems.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                for (VerificationProblem problem : problems) {
                    err.println(problem.message());
                }
                err.flush();
                throw new CimflowException(String.format(Locale.ROOT,
                        "%s: %d verification problem%s (listed above)", file, problems.size(),
                        problems.size() == 1 ? "" : "s"));
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: OK, %d cores, %d instructions%n", file,
                    program.cores().size(), program.instructionCount());
        }

        private HardwareConfig hardware(IsaProgram program) {
            if (configFile != null) {
                HardwareConfig config = HardwareConfigJson.read(configFile);
                HardwareValidator.validate(config, configFile.toString());
                return config;
            }
            ArchParams knobs = program.metadata().arch() != null ? program.metadata().arch() : ArchParams.DEFAULT;
            return ConfigResolver.resolve(knobs, null, configDir);
        }
    }
}
