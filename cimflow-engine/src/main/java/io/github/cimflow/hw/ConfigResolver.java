package io.github.cimflow.hw;

import io.github.cimflow.CimflowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the hardware configuration of a run, as CIMFlow's {@code -cf/--config} and {@code -cd/--config-dir}
 * do: an explicit file wins, else {@code <dir>/config-mg{T}-b{B}.json}, else the built-in preset of the knobs.
 * Unlike CIMFlow, which compares only T and B, a file must agree with all four knobs (T, K, B, C).
 * The result is validated.
 */
public final class ConfigResolver {
    private ConfigResolver() {
    }

    /**
     * Resolves and validates the configuration.
     *
     * @param knobs      T, K, B, C of the run
     * @param configFile a hardware JSON, or null
     * @param configDir  a folder of {@code config-mg{T}-b{B}.json} files, used when configFile is null; or null
     */
    public static HardwareConfig resolve(ArchParams knobs, Path configFile, Path configDir) {
        if (configFile == null && configDir == null) {
            HardwareConfig preset = HardwarePresets.preset(knobs);
            HardwareValidator.validate(preset, "preset " + knobs.fileFragment());
            return preset;
        }
        Path file = configFile != null ? configFile : lookUp(knobs, configDir);
        HardwareConfig config = HardwareConfigJson.read(file);
        checkKnobs(config, knobs, file.toString());
        HardwareValidator.validate(config, file.toString());
        return config;
    }

    /** CIMFlow's file name for the knobs: {@code config-mg{T}-b{B}.json}. */
    public static String fileName(ArchParams knobs) {
        return "config-mg" + knobs.macroGroupSize() + "-b" + knobs.flitBytes() + ".json";
    }

    /**
     * Names of the four knobs in a mismatch message and the way its fix is phrased: the command line's
     * options ({@code pass -t 8}) or a batch file's fields ({@code set $.runs[2].t to 8}).
     *
     * @param options true for command-line options, false for batch file fields
     */
    public record KnobNames(String t, String k, String b, String c, boolean options) {
        /** The options of {@code run pipeline}, {@code compile op}, {@code sim} and {@code config check}. */
        public static final KnobNames OPTIONS = new KnobNames("-t/--mg-size", "-k/--mg-num", "-b/--bandwidth",
                "-c/--core-num", true);

        String fix(String name, int value) {
            return options ? "pass " + name.substring(0, 2) + " " + value : "set " + name + " to " + value;
        }
    }

    /** Rejects a configuration whose T, K, B or C differs from the knobs, naming both values. */
    public static void checkKnobs(HardwareConfig config, ArchParams knobs, String source) {
        checkKnobs(config, knobs, source, KnobNames.OPTIONS);
    }

    /** Rejects a configuration whose T, K, B or C differs from the knobs, naming the knobs by {@code names}. */
    public static void checkKnobs(HardwareConfig config, ArchParams knobs, String source, KnobNames names) {
        checkKnobs(config, knobs.macroGroupSize(), knobs.macroGroupCount(), knobs.flitBytes(), knobs.coreCount(),
                source, names);
    }

    /**
     * Rejects a configuration that disagrees with the knobs given; a null knob is not checked.
     *
     * @param source the file name, first in the message
     */
    public static void checkKnobs(HardwareConfig config, Integer t, Integer k, Integer b, Integer c, String source) {
        checkKnobs(config, t, k, b, c, source, KnobNames.OPTIONS);
    }

    private static void checkKnobs(HardwareConfig config, Integer t, Integer k, Integer b, Integer c, String source,
                                   KnobNames names) {
        CimUnitConfig cim = config.core().cim();
        String cimPath = "chip_config.core_config.cim_unit_config.";
        if (t != null && t != cim.macroGroupSize()) {
            throw mismatch(source, names, names.t(), t, cimPath + "macro_group_size", cim.macroGroupSize());
        }
        if (k != null && cim.macroGroupSize() > 0 && k != cim.macroTotalCount() / cim.macroGroupSize()) {
            throw mismatch(source, names, names.k(), k, cimPath + "macro_total_cnt / macro_group_size ("
                    + cim.macroTotalCount() + " / " + cim.macroGroupSize() + ")",
                    cim.macroTotalCount() / cim.macroGroupSize());
        }
        if (b != null && b != config.network().flitBytes()) {
            throw mismatch(source, names, names.b(), b, "chip_config.network_config.bus_width_byte",
                    config.network().flitBytes());
        }
        if (c != null && c != config.coreCount()) {
            throw mismatch(source, names, names.c(), c, "chip_config.core_cnt", config.coreCount());
        }
    }

    private static CimflowException mismatch(String source, KnobNames names, String knobName, int knob, String path,
                                             int fileValue) {
        return new CimflowException(source + ": " + path + " is " + fileValue + " but " + knobName + " is " + knob
                + "; " + names.fix(knobName, fileValue) + " to match the file, or edit the file");
    }

    private static Path lookUp(ArchParams knobs, Path configDir) {
        if (!Files.isDirectory(configDir)) {
            throw new CimflowException(configDir + ": configuration folder not found; check --config-dir");
        }
        Path file = configDir.resolve(fileName(knobs));
        if (Files.isRegularFile(file)) {
            return file;
        }
        List<String> available;
        try (Stream<Path> files = Files.list(configDir)) {
            available = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.matches("config-mg\\d+-b\\d+\\.json")).sorted().toList();
        } catch (IOException e) {
            throw new CimflowException(configDir + ": cannot list the configuration folder: " + e.getMessage(), e);
        }
        throw new CimflowException(file + ": no configuration for T=" + knobs.macroGroupSize() + ", B="
                + knobs.flitBytes() + "; available in " + configDir + ": "
                + (available.isEmpty() ? "none" : String.join(", ", available))
                + " (pick -t and -b to match one, or pass --config FILE)");
    }
}
