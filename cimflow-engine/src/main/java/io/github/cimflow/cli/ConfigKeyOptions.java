package io.github.cimflow.cli;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.ArchParams;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code -t} and {@code -b} of {@code compile op} and {@code sim}. CIMFlow needs them there to pick
 * {@code config-mg{T}-b{B}.json} from the configuration folder. cimflow reads T and B from the input
 * file's metadata instead, so values given here must agree with it, and they pick the file only when the
 * metadata records no architecture.
 */
final class ConfigKeyOptions {
    @Option(names = {"-t", "--mg-size"}, paramLabel = "T",
            description = "Macros per macro group; must match the input file's T (default: the T it records).")
    Integer macroGroupSize;

    @Option(names = {"-b", "--bandwidth"}, paramLabel = "B",
            description = "NoC flit size in bytes; must match the input file's B (default: the B it records).")
    Integer flitBytes;

    /** Returns true when both {@code -t} and {@code -b} are given. */
    boolean complete() {
        return macroGroupSize != null && flitBytes != null;
    }

    /**
     * Rejects a {@code -t} or {@code -b} that differs from the T or B recorded in {@code inputFile}.
     *
     * @param recorded the architecture in the input file's metadata, or null when it records none
     */
    void checkAgainst(ArchParams recorded, Path inputFile) {
        if (recorded == null) {
            return;
        }
        check("-t/--mg-size", macroGroupSize, "T", recorded.macroGroupSize(), inputFile);
        check("-b/--bandwidth", flitBytes, "B", recorded.flitBytes(), inputFile);
    }

    private static void check(String option, Integer given, String knob, int recorded, Path inputFile) {
        if (given != null && given != recorded) {
            throw new CimflowException(inputFile + " was compiled for " + knob + " = " + recorded + " but "
                    + option + " is " + given + "; drop the option or pass " + option.substring(0, 2) + " "
                    + recorded);
        }
    }
}
