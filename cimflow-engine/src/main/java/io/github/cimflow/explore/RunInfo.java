package io.github.cimflow.explore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CIMFlow's {@code run_info.json} entry of a run: model, timestamp, strategy, params, files and
 * stage_times (wall-clock seconds, 2 decimals), plus cimflow's name, status and error.
 */
public final class RunInfo {
    public static final String FILE_NAME = "run_info.json";

    private RunInfo() {
    }

    public static Map<String, Object> of(RunRecord record) {
        Map<String, Object> info = new LinkedHashMap<>();
        RunSpec spec = record.spec();
        info.put("name", record.name());
        info.put("model", spec.modelPath().toString());
        info.put("strategy", spec.strategy());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("t", spec.t());
        params.put("k", spec.k());
        params.put("b", spec.b());
        params.put("c", spec.c());
        params.put("batch_size", spec.batchSize());
        info.put("params", params);
        info.put("status", record.ok() ? "ok" : "failed");
        if (record.ok()) {
            RunOutcome outcome = record.outcome();
            info.put("timestamp", outcome.timestamp());
            info.put("files", outcome.files());
            Map<String, Object> times = new LinkedHashMap<>();
            times.put("compilation", round2(outcome.stageTimes().compilationSeconds()));
            times.put("simulation", round2(outcome.stageTimes().simulationSeconds()));
            times.put("total", round2(outcome.stageTimes().totalSeconds()));
            info.put("stage_times", times);
        } else {
            info.put("error", record.error());
        }
        return info;
    }

    /** Writes the entry of a single run as {@code run_info.json} in the folder, as CIMFlow's keep_ir runs do. */
    public static void write(Path outputDir, RunRecord record) {
        AtomicFiles.writeString(outputDir.resolve(FILE_NAME), Json.write(of(record)));
    }

    private static BigDecimal round2(double seconds) {
        return BigDecimal.valueOf(seconds).setScale(2, RoundingMode.HALF_EVEN);
    }
}
