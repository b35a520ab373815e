package io.github.cimflow.explore;

/**
 * How to execute a batch.
 *
 * @param threads  parallel runs (at least 1)
 * @param force    recompute runs whose cached result is still valid
 * @param logLevel the command's log level, one of {@link RunLog#LEVELS}: it filters the batch's own
 *                 lines and is the level of every run without a {@code log_level}; null passes every
 *                 line on, for callers that filter by the level name a line starts with
 */
public record ExploreOptions(int threads, boolean force, String logLevel) {
    public ExploreOptions {
        if (logLevel != null && !RunLog.LEVELS.contains(logLevel)) {
            throw new IllegalArgumentException("unknown log level " + logLevel);
        }
    }

    /** Options that pass every log line on. */
    public ExploreOptions(int threads, boolean force) {
        this(threads, force, null);
    }
}
