package io.github.cimflow.cli;

import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * CIMFlow's options that locate its external compiler and simulator binaries. cimflow compiles and
 * simulates in process, so it accepts these options for command lines written for CIMFlow, reads
 * nothing from them and logs one INFO line per option given.
 */
final class ToolPathOptions {
    private ToolPathOptions() {
    }

    /**
     * {@code --paths-cfg}: CIMFlow's {@code tool_paths.json}. Its {@code config_dir} and {@code profiler_cfg}
     * are ignored as well, so pass {@code -cd} or {@code -p FILE} to use those files.
     */
    static final class PathsConfig {
        @Option(names = "--paths-cfg", paramLabel = "FILE",
                description = "CIMFlow's tool_paths.json; accepted and ignored, because cimflow runs no external "
                        + "tools (give -cd DIR or -p FILE for its config_dir or profiler_cfg).")
        Path file;

        void logIgnored(Consumer<String> log) {
            if (file != null) {
                log.accept(ignored("--paths-cfg", file.toString()));
            }
        }
    }

    /** {@code --compiler-bin}: the path of CIMFlow's {@code cim-compiler}. */
    static final class CompilerBinary {
        @Option(names = "--compiler-bin", paramLabel = "PATH",
                description = "CIMFlow's cim-compiler binary; accepted and ignored, because cimflow compiles in process.")
        String path;

        void logIgnored(Consumer<String> log) {
            if (path != null) {
                log.accept(ignored("--compiler-bin", path));
            }
        }
    }

    /** {@code --simulator-bin}: the path of CIMFlow's {@code cim-simulator}. */
    static final class SimulatorBinary {
        @Option(names = "--simulator-bin", paramLabel = "PATH",
                description = "CIMFlow's cim-simulator binary; accepted and ignored, because cimflow simulates in process.")
        String path;

        void logIgnored(Consumer<String> log) {
            if (path != null) {
                log.accept(ignored("--simulator-bin", path));
            }
        }
    }

    private static String ignored(String option, String value) {
        return "INFO: " + option + " " + value + " is ignored: cimflow runs no external compiler or simulator "
                + "binaries";
    }
}
