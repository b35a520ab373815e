package io.github.cimflow.cli;

import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import picocli.CommandLine;

/**
 * CIMFlow's log levels, lowest first, and their {@code java.util.logging} equivalents. The
 * command line's {@code -l/--log-level} sets the level of the {@code io.github.cimflow} logger.
 */
public enum LogLevel {
    TRACE(Level.FINEST),
    DEBUG(Level.FINE),
    VERBOSE(Level.CONFIG),
    INFO(Level.INFO),
    WARNING(Level.WARNING),
    ERROR(Level.SEVERE);

    private final Level julLevel;

    LogLevel(Level julLevel) {
        this.julLevel = julLevel;
    }

    /** True when a message of {@code level} is shown at this threshold. */
    public boolean shows(LogLevel level) {
        return level.ordinal() >= ordinal();
    }

    /**
     * Returns the level of a line that starts with a level name and a colon ({@code WARNING: ...}); INFO for
     * any other line, such as a progress line.
     */
    public static LogLevel ofLine(String line) {
        for (LogLevel level : values()) {
            if (line.startsWith(level.name() + ":")) {
                return level;
            }
        }
        return INFO;
    }

    /** Makes {@code java.util.logging} under {@code io.github.cimflow} print at this level to stderr. */
    void configureLogging() {
        Logger logger = Logger.getLogger("io.github.cimflow");
        logger.setLevel(julLevel);
        logger.setUseParentHandlers(false);
        for (var handler : logger.getHandlers()) {
            logger.removeHandler(handler);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(julLevel);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                return name(record.getLevel()) + ": " + formatMessage(record) + "\n";
            }
        });
        logger.addHandler(handler);
    }

    private static String name(Level level) {
        for (LogLevel candidate : values()) {
            if (candidate.julLevel.equals(level)) {
                return candidate.name();
            }
        }
        return level.getName();
    }

    /** Parses a level name in any case; an unknown name is a usage error listing the valid ones. */
    static final class Converter implements CommandLine.ITypeConverter<LogLevel> {
        @Override
        public LogLevel convert(String value) {
            try {
                return LogLevel.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("unknown log level '" + value
                        + "'; use one of TRACE, DEBUG, VERBOSE, INFO, WARNING, ERROR");
            }
        }
    }
}
