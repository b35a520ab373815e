package io.github.cimflow.explore;

/**
 * A run after execution.
 *
 * @param name    the run's name (file names and summary rows)
 * @param spec    what was run
 * @param outcome what it produced, or null when it failed
 * @param error   the one-line error, or null when it succeeded
 * @param cached  the outcome came from the result cache
 */
public record RunRecord(String name, RunSpec spec, RunOutcome outcome, String error, boolean cached) {
    public boolean ok() {
        return error == null;
    }
}
