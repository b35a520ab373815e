package io.github.cimflow.explore;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Writes a run's files into the output folder, each atomically, and records them by role. */
final class ReportFiles {
    private ReportFiles() {
    }

    // TODO: write the reports with the report package once it is merged; until then this writes the
    // result block of CIMFlow's text report and a JSON report with the metrics only.
    static void writeReports(RunSpec run, String name, Path outputDir, Pipeline.Result result, RunMetrics metrics,
                             Map<String, String> files) {
        String text = "|*************** Simulation Report ***************|\n"
                + "Basic Information:\n"
                + line("config file:", result.hardware().archParams().fileFragment())
                + line("instruction file:", RunNames.isaJson(name))
                + line("simulation mode:", "run_one_round")
                + line("data mode:", "not_real_data")
                + "Simulation Result:\n"
                + line("latency:", cStyleG(metrics.latencyMilliseconds()) + " ms")
                + line("average power:", String.format(Locale.ROOT, "%.4f mW", metrics.averagePowerMilliwatts()))
                + line("total energy:", String.format(Locale.ROOT, "%.4f pJ/it", metrics.totalEnergyPicojoules()))
                + line("TOPS:", String.format(Locale.ROOT, "%.4f", metrics.tops()))
                + line("TOPS/W:", String.format(Locale.ROOT, "%.4f", metrics.topsPerWatt()))
                + line("OP_count:", Long.toString(result.simulation().opCount()));
        String report = RunNames.textReport(name);
        AtomicFiles.writeString(outputDir.resolve(report), text);
        files.put("report", report);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("latency_ms", metrics.latencyMilliseconds());
        json.put("average_power_mw", metrics.averagePowerMilliwatts());
        json.put("total_energy_pj", metrics.totalEnergyPicojoules());
        json.put("tops", metrics.tops());
        json.put("tops_per_w", metrics.topsPerWatt());
        json.put("op_count", result.simulation().opCount());
        json.put("batch_size", result.simulation().batchSize());
        String jsonReport = RunNames.jsonReport(name);
        AtomicFiles.writeString(outputDir.resolve(jsonReport), Json.write(json));
        files.put("report_json", jsonReport);
    }

    /** Writes the keep_ir files: the run's log now; the CG IR, ISA JSON and assembly once their writers exist. */
    static void writeIntermediate(String name, Path outputDir, Pipeline.Result result, Map<String, String> files) {
        String log = RunNames.runLog(name);
        AtomicFiles.writeString(outputDir.resolve(log), String.join("\n", result.log()) + "\n");
        files.put("log", log);
    }

    private static String line(String label, String value) {
        return String.format(Locale.ROOT, "  - %-20s%s\n", label, value);
    }

    /** C's {@code %g}: 6 significant digits, trailing zeros dropped. */
    static String cStyleG(double value) {
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
