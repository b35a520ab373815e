package io.github.cimflow.explore;

import io.github.cimflow.CimflowException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a batch in parallel with a result cache and writes the reports, summaries and plots.
 *
 * <p>Every run writes its own files under its own name, and the cache entry last, so runs are
 * independent: their results and files do not depend on the thread count or completion order,
 * and a process killed mid-batch keeps every finished run for the next invocation.
 */
public final class Explorer {
    private final RunExecutor executor;
    private final String engineFingerprint;

    Explorer(RunExecutor executor, String engineFingerprint) {
        this.executor = executor;
        this.engineFingerprint = engineFingerprint;
    }

    /**
     * Runs every run of the batch; a failing run is recorded and the others go on.
     *
     * @param batch   the batch
     * @param options threads, cache use and log level
     * @param log     receives one progress line per finished run and the decisions taken (cache hits)
     * @return the path of {@code summary.json} in the output folder
     * @throws InvalidBatchException when a run is invalid, before any run starts
     */
    public static Path run(BatchSpec batch, ExploreOptions options, Consumer<String> log) {
        return explore(batch, options, log).summaryJson();
    }

    /** Like {@link #run}, and returns every run's record, for callers that need the failures. */
    public static ExplorationResult explore(BatchSpec batch, ExploreOptions options, Consumer<String> log) {
        return new Explorer(new Pipeline(), EngineFingerprint.current()).execute(batch, options, log);
    }

    /**
     * The result of a batch.
     *
     * @param summaryJson {@code summary.json}
     * @param summary     the runs in batch order and the best per metric
     */
    public record ExplorationResult(Path summaryJson, Summary summary) {
        public long failedCount() {
            return summary.runs().stream().filter(run -> !run.ok()).count();
        }
    }

    ExplorationResult execute(BatchSpec batch, ExploreOptions options, Consumer<String> log) {
        if (options.threads() < 1) {
            throw new CimflowException("--threads must be at least 1, not " + options.threads());
        }
        BatchValidator.validate(batch);
        Consumer<String> batchLog = line -> {
            if (options.logLevel() == null || RunLog.shows(options.logLevel(), RunLog.levelOfLine(line))) {
                log.accept(line);
            }
        };
        Path outputDir = batch.outputDir();
        try {
            Files.createDirectories(outputDir);
        } catch (IOException e) {
            throw new CimflowException("could not create output folder " + outputDir + ": " + e);
        }
        int leftovers = AtomicFiles.deleteLeftovers(outputDir) + AtomicFiles.deleteLeftovers(
                outputDir.resolve(ResultCache.FOLDER));
        if (leftovers > 0) {
            batchLog.accept("INFO: deleted " + leftovers + " temporary files left by an interrupted run in " + outputDir);
        }

        List<RunSpec> specs = batch.runs();
        int threads = Math.min(options.threads(), specs.size());
        Progress progress = new Progress(specs.size(), threads, log);
        ResultCache cache = new ResultCache(outputDir);
        Map<Path, String> modelDigests = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, new WorkerThreads());
        List<RunRecord> records = new ArrayList<>();
        try {
            List<Future<RunRecord>> futures = new ArrayList<>();
            for (RunSpec spec : specs) {
                futures.add(pool.submit(() -> runOne(spec, batch.keepIr(), options, cache, modelDigests,
                        outputDir, progress)));
            }
            for (Future<RunRecord> future : futures) {
                records.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CimflowException("exploration interrupted; finished runs are kept and a rerun resumes");
        } catch (ExecutionException e) {
            throw new IllegalStateException("runOne records every error of a run", e.getCause());
        } finally {
            pool.shutdownNow();
        }

        Summary summary = new Summary(records);
        writeRunInfo(outputDir, records);
        Path summaryJson = outputDir.resolve("summary.json");
        String json = summary.json();
        boolean unchanged = json.equals(readIfPresent(summaryJson));
        AtomicFiles.writeString(summaryJson, json);
        AtomicFiles.writeString(outputDir.resolve("summary.csv"), summary.csv());
        AtomicFiles.writeString(outputDir.resolve("summary.md"), summary.markdown(batch.runName()));
        PlotWriter.write(summary, outputDir, unchanged, batchLog);
        batchLog.accept(summary.bestLine());
        return new ExplorationResult(outputDir.resolve("summary.json"), summary);
    }

    private RunRecord runOne(RunSpec spec, boolean keepIr, ExploreOptions options, ResultCache cache,
                             Map<Path, String> modelDigests, Path outputDir, Progress progress) {
        String name = RunNames.of(spec);
        String level = RunLog.levelOf(spec, options.logLevel());
        // Without a command level every line goes on, and the caller filters by the level each line starts with.
        boolean showsProgress = options.logLevel() == null || RunLog.shows(level, "INFO");
        boolean showsDebug = options.logLevel() == null || RunLog.shows(level, "DEBUG");
        long start = System.nanoTime();
        RunRecord record;
        try {
            String modelDigest = modelDigests.computeIfAbsent(spec.modelPath(), ResultCache::fileSha256);
            // The log file of a keep_ir run contains the lines at the run's level, so the level is part of the key.
            String configuration = executor.configurationKey(spec) + (keepIr ? " log_level=" + level : "");
            String key = ResultCache.key(modelDigest, configuration, engineFingerprint, keepIr, name);
            RunOutcome cached = options.force() ? null : cache.lookup(name, key);
            if (cached != null) {
                record = new RunRecord(name, spec, cached, null, true);
            } else {
                cache.remove(name);
                RunOutcome outcome = executor.execute(spec, name, outputDir, keepIr,
                        new RunLog(level, name, progress::log));
                cache.store(name, key, outcome);
                record = new RunRecord(name, spec, outcome, null, false);
            }
        } catch (CimflowException e) {
            record = new RunRecord(name, spec, null, e.getMessage(), false);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // A defect in a stage must not stop the other runs; the summary shows it as this run's error,
            // and the stack trace goes to the log at DEBUG level (--debug or -l DEBUG).
            record = new RunRecord(name, spec, null, "internal error: " + e, false);
            if (showsDebug) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                progress.log("DEBUG: run " + name + " failed with an internal error:\n"
                        + trace.toString().stripTrailing());
            }
        }
        progress.finished(record, (System.nanoTime() - start) / 1e9, showsProgress || !record.ok());
        return record;
    }

    private static void writeRunInfo(Path outputDir, List<RunRecord> records) {
        List<Map<String, Object>> infos = new ArrayList<>();
        for (RunRecord record : records) {
            infos.add(RunInfo.of(record));
        }
        AtomicFiles.writeString(outputDir.resolve(RunInfo.FILE_NAME), Json.write(infos));
    }

    private static String readIfPresent(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Prints one line per finished run with the time left, from any worker thread. */
    static final class Progress {
        private final int total;
        private final int threads;
        private final Consumer<String> log;
        private int done;
        private int computed;
        private double computedSeconds;

        Progress(int total, int threads, Consumer<String> log) {
            this.total = total;
            this.threads = threads;
            this.log = log;
        }

        synchronized void log(String line) {
            log.accept(line);
        }

        /**
         * Counts a finished run and prints its progress line.
         *
         * @param print false for a run whose log level hides its progress line; it still counts
         */
        synchronized void finished(RunRecord record, double seconds, boolean print) {
            done++;
            StringBuilder line = new StringBuilder();
            line.append('[').append(done).append('/').append(total).append("] ").append(record.name());
            if (record.ok()) {
                RunMetrics metrics = record.outcome().metrics();
                line.append("  latency=").append(significant(metrics.latencyMilliseconds())).append(" ms")
                        .append("  TOPS/W=").append(significant(metrics.topsPerWatt()));
            } else {
                line.append("  FAILED");
            }
            if (record.cached()) {
                line.append("  (cached: model, configuration and engine unchanged)");
            } else {
                computed++;
                computedSeconds += seconds;
                line.append("  (").append(String.format(Locale.ROOT, "%.1f", seconds)).append(" s)");
            }
            int left = total - done;
            if (left > 0 && computed > 0) {
                // Estimate: the mean time of the computed runs so far, spread over the worker threads.
                double estimate = computedSeconds / computed * Math.ceil((double) left / threads);
                line.append("  about ").append(String.format(Locale.ROOT, "%.1f", estimate)).append(" s left");
            }
            if (!record.ok()) {
                line.append(": ").append(record.error());
            }
            if (print) {
                log.accept(line.toString());
            }
        }
    }

    /** Formats with 3 significant digits and no trailing zeros: 0.47, 0.054, 2090. */
    static String significant(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros();
        return rounded.toPlainString();
    }

    /** Daemon workers, so that an interrupted command line can exit without waiting for them. */
    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "cimflow-explore-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
