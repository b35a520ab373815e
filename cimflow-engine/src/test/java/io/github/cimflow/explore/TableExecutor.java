package io.github.cimflow.explore;

import io.github.cimflow.CimflowException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/**
 * A test double for the pipeline: metrics come from a table by run name, a run whose model file
 * name contains "broken" fails with a user error and one with "defect" with an internal error, and
 * each execution writes a one-line report and is counted.
 */
final class TableExecutor implements RunExecutor {
    private final Map<String, RunMetrics> metricsByName;
    private final long delayMillis;
    final List<String> executed = new CopyOnWriteArrayList<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();

    TableExecutor(Map<String, RunMetrics> metricsByName, long delayMillis) {
        this.metricsByName = metricsByName;
        this.delayMillis = delayMillis;
    }

    @Override
    public String configurationKey(RunSpec run) {
        return run.t() + "/" + run.k() + "/" + run.b() + "/" + run.c() + "/" + run.batchSize() + "/" + run.strategy();
    }

    @Override
    public RunOutcome execute(RunSpec run, String name, Path outputDir, boolean keepIr, RunLog log) {
        executed.add(name);
        threads.add(Thread.currentThread().getName());
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CimflowException("interrupted");
            }
        }
        if (run.modelPath().getFileName().toString().contains("defect")) {
            throw new IllegalStateException("stage defect");
        }
        if (run.modelPath().getFileName().toString().contains("broken")) {
            throw new CimflowException("model " + run.modelPath().getFileName() + ": no graph found");
        }
        RunMetrics metrics = metricsByName.get(name);
        String report = RunNames.textReport(name);
        AtomicFiles.writeString(outputDir.resolve(report), "  - latency:            "
                + metrics.latencyMilliseconds() + " ms\n");
        return new RunOutcome(metrics, Map.of("report", report), new StageTimes(0.5, 0.25, 0.75), "20260101_120000");
    }
}
