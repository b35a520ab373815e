package io.github.cimflow.explore;

/**
 * How to execute a batch.
 *
 * @param threads parallel runs (at least 1)
 * @param force   recompute runs whose cached result is still valid
 */
public record ExploreOptions(int threads, boolean force) {
}
