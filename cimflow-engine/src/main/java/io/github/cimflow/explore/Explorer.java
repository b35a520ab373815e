package io.github.cimflow.explore;

import java.nio.file.Path;
import java.util.function.Consumer;

/** Runs a batch in parallel with a result cache and writes the reports, summaries and plots. */
public final class Explorer {
    private Explorer() {
    }

    /**
     * Runs every run of the batch; a failing run is recorded and the others go on.
     *
     * @param batch   the batch
     * @param options threads and cache use
     * @param log     receives one progress line per finished run and the decisions taken (cache hits)
     * @return the path of {@code summary.json} in the output folder
     */
    public static Path run(BatchSpec batch, ExploreOptions options, Consumer<String> log) {
        throw new UnsupportedOperationException("TODO: exploration");
    }
}
