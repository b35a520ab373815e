package io.github.cimflow.gate;

import io.github.cimflow.CimflowException;
import java.util.Locale;

/** What a violated rule does: {@code ERROR} fails the gate, {@code WARN} only reports. */
public enum Level {
    ERROR,
    WARN;

    /** Parses {@code error} or {@code warn} (any case; {@code warning} is accepted too). */
    public static Level parse(String text) {
        String normalized = text.trim().toUpperCase(Locale.ROOT);
        if (normalized.equals("WARNING")) {
            return WARN;
        }
        for (Level level : values()) {
            if (level.name().equals(normalized)) {
                return level;
            }
        }
        throw new CimflowException("unknown level '" + text + "'; use ERROR or WARN");
    }
}
