package io.github.cimflow.gate;

import io.github.cimflow.CimflowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Records the results of a sweep as the baseline that later gates compare against. */
public final class Baselines {
    private Baselines() {
    }

    /**
     * Copies the results file byte for byte to the baseline path, creating its folder. Results with
     * a failed run are rejected, because that run would have no baseline value and every later gate
     * would fail on it.
     *
     * @return the runs recorded
     */
    public static Results update(Path resultsFile, Path baselineFile) {
        Results results = Gate.readResults(resultsFile);
        List<String> failed = results.runs().stream().filter(run -> !run.ok()).map(RunResult::name).toList();
        if (!failed.isEmpty()) {
            throw new CimflowException(resultsFile + ": run(s) " + String.join(", ", failed)
                    + " failed; fix them and rerun the sweep before recording a baseline");
        }
        if (results.runs().isEmpty()) {
            throw new CimflowException(resultsFile + " contains no runs; there is nothing to record as a baseline");
        }
        try {
            Path parent = baselineFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.copy(resultsFile, baselineFile, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new CimflowException("cannot write the baseline " + baselineFile + ": " + e.getMessage(), e);
        }
        return results;
    }
}
