package io.github.cimflow.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The log of one run, with CIMFlow's level names. The run's level (its batch file {@code log_level},
 * else the command's {@code -l/--log-level}, else INFO) selects which lines it keeps for the
 * {@code run_<name>.log} file and which it echoes to the console.
 *
 * <p>A run's INFO lines summarize it (hardware, model, compiled sizes, simulated cycles) and go only
 * to the log file, because the console already gets the run's progress line. Console echo starts
 * with WARNING lines, or at VERBOSE and below with every kept line, each prefixed by the run's name.
 *
 * <p>NOTE: warnings the CG compiler sends to {@code java.util.logging} (a bounded partition search)
 * follow the command's level, not the run's, and do not reach the run's log file.
 */
public final class RunLog {
    /** CIMFlow's log level names, lowest first. */
    public static final List<String> LEVELS = List.of("TRACE", "DEBUG", "VERBOSE", "INFO", "WARNING", "ERROR");
    /** The level of a line without a level name, such as a progress line. */
    public static final String DEFAULT_LEVEL = "INFO";

    private final String level;
    private final String runName;
    private final Consumer<String> console;
    private final List<String> lines = new ArrayList<>();

    /**
     * @param level   the run's threshold, one of {@link #LEVELS}
     * @param runName prefix of the console lines
     * @param console receives the echoed lines
     */
    public RunLog(String level, String runName, Consumer<String> console) {
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("unknown log level " + level);
        }
        this.level = level;
        this.runName = runName;
        this.console = console;
    }

    /** Returns the level a run logs at: its own {@code log_level} when set, else {@code fallback}, else INFO. */
    public static String levelOf(RunSpec run, String fallback) {
        if (run.logLevel() != null) {
            return run.logLevel();
        }
        return fallback != null ? fallback : DEFAULT_LEVEL;
    }

    /** True when a line of {@code lineLevel} passes the threshold {@code threshold}. */
    public static boolean shows(String threshold, String lineLevel) {
        return LEVELS.indexOf(lineLevel) >= LEVELS.indexOf(threshold);
    }

    /** Returns the level name a line starts with ({@code DEBUG: ...}), or INFO for any other line. */
    public static String levelOfLine(String line) {
        for (String name : LEVELS) {
            if (line.startsWith(name + ":")) {
                return name;
            }
        }
        return DEFAULT_LEVEL;
    }

    /** Returns the run's threshold. */
    public String level() {
        return level;
    }

    /** Keeps a line when its level passes the run's threshold, and echoes it to the console as described above. */
    public synchronized void log(String lineLevel, String message) {
        if (!shows(level, lineLevel)) {
            return;
        }
        lines.add(lineLevel + ": " + message);
        if (!lineLevel.equals(DEFAULT_LEVEL) || !shows(DEFAULT_LEVEL, level)) {
            console.accept(lineLevel + ": " + runName + ": " + message);
        }
    }

    /** Returns the kept lines, each {@code LEVEL: message}, in the order they were logged. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
