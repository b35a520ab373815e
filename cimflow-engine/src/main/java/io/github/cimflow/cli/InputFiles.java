package io.github.cimflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks of the files and folders a command reads. A missing or unreadable path given on the command
 * line is an invalid argument (exit code 2), so the error names the option as well as the path.
 */
final class InputFiles {
    private InputFiles() {
    }

    /** Rejects {@code file} unless it is an existing, readable regular file; {@code option} is the flag that named it. */
    static void requireFile(CommandSpec spec, Path file, String option) {
        if (!Files.exists(file)) {
            throw invalid(spec, option + ": file " + file + " not found; check the path");
        }
        if (!Files.isRegularFile(file)) {
            throw invalid(spec, option + ": " + file + " is not a regular file; give the path of a file");
        }
        if (!Files.isReadable(file)) {
            throw invalid(spec, option + ": file " + file + " is not readable; check its permissions");
        }
    }

    /** Rejects {@code directory} unless it is an existing, readable folder; {@code option} is the flag that named it. */
    static void requireDirectory(CommandSpec spec, Path directory, String option) {
        if (!Files.exists(directory)) {
            throw invalid(spec, option + ": folder " + directory + " not found; check the path");
        }
        if (!Files.isDirectory(directory)) {
            throw invalid(spec, option + ": " + directory + " is not a folder; give the path of a folder");
        }
        if (!Files.isReadable(directory)) {
            throw invalid(spec, option + ": folder " + directory + " is not readable; check its permissions");
        }
    }

    /**
     * Rejects {@code directory} unless it is a writable folder, or does not exist and its nearest
     * existing ancestor is a writable folder. Creates nothing.
     */
    static void requireWritableDirectory(CommandSpec spec, Path directory, String option) {
        Path absolute = directory.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            if (!Files.isDirectory(absolute)) {
                throw invalid(spec, option + ": " + directory + " is a file, not a folder; give a folder path or "
                        + "remove the file");
            }
            if (!Files.isWritable(absolute)) {
                throw invalid(spec, option + ": folder " + directory + " is not writable; check its permissions or "
                        + "choose another folder");
            }
            return;
        }
        Path ancestor = absolute.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            return;
        }
        if (!Files.isDirectory(ancestor)) {
            throw invalid(spec, option + ": cannot create folder " + directory + " because " + ancestor
                    + " is a file; choose another path");
        }
        if (!Files.isWritable(ancestor)) {
            throw invalid(spec, option + ": cannot create folder " + directory + " because " + ancestor
                    + " is not writable; check its permissions or choose another path");
        }
    }

    /** Applies {@link #requireFile} when {@code file} is given (not null). */
    static void requireFileIfGiven(CommandSpec spec, Path file, String option) {
        if (file != null) {
            requireFile(spec, file, option);
        }
    }

    /** Applies {@link #requireDirectory} when {@code directory} is given (not null). */
    static void requireDirectoryIfGiven(CommandSpec spec, Path directory, String option) {
        if (directory != null) {
            requireDirectory(spec, directory, option);
        }
    }

    private static CommandLine.ParameterException invalid(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
