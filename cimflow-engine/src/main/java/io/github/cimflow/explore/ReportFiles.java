package io.github.cimflow.explore;

import io.github.cimflow.CimflowException;
import io.github.cimflow.cg.CgJson;
import io.github.cimflow.cg.PlacementRenderer;
import io.github.cimflow.isa.IsaAsm;
import io.github.cimflow.isa.IsaJson;
import io.github.cimflow.report.JsonReport;
import io.github.cimflow.report.ProfileReport;
import io.github.cimflow.report.ProfilerConfig;
import io.github.cimflow.report.ReportInput;
import io.github.cimflow.report.TextReport;
import java.nio.file.Path;
import java.util.Map;

/** Writes a run's files into the output folder, each atomically, and records them by role. */
final class ReportFiles {
    private ReportFiles() {
    }

    /**
     * Writes the text report (with the profile appended when the run requests one), the JSON
     * report and, when profiling, {@code profiling_<name>.json}.
     */
    static void writeReports(RunSpec run, String name, Path outputDir, Pipeline.Result result,
                             Map<String, String> files) {
        String configSource = run.configPath() != null ? run.configPath().toString()
                : "built-in preset " + result.hardware().archParams().fileFragment();
        if (run.hardware() != null && !run.hardware().isEmpty()) {
            configSource += " with overrides " + run.hardware();
        }
        // The instruction file is named relative to the report, so reports do not depend on the output folder.
        ReportInput input = new ReportInput(result.simulation(), result.hardware(), configSource,
                RunNames.isaJson(name), false);

        String text = TextReport.render(input, false);
        ProfilerConfig profiler = profilerConfig(run.profile(), outputDir, name);
        if (profiler != null && profiler.profiling()) {
            text += ProfileReport.text(result.simulation(), profiler);
            if (profiler.reportToJson()) {
                String profiling = RunNames.profilingJson(name);
                AtomicFiles.writeString(outputDir.resolve(profiling), ProfileReport.json(result.simulation(), profiler));
                files.put("profiling", profiling);
            }
        }
        String report = RunNames.textReport(name);
        AtomicFiles.writeString(outputDir.resolve(report), text);
        files.put("report", report);

        String jsonReport = RunNames.jsonReport(name);
        AtomicFiles.writeString(outputDir.resolve(jsonReport), JsonReport.render(input));
        files.put("report_json", jsonReport);
    }

    /**
     * Reads the run's profiler configuration, or returns null for none. The JSON profile goes to
     * {@code profiling_<name>.json} in the output folder, whatever {@code json_file} the configuration
     * sets, so every run of a batch keeps its own.
     */
    private static ProfilerConfig profilerConfig(String profile, Path outputDir, String name) {
        if (profile == null || profile.isEmpty()) {
            return null;
        }
        ProfilerConfig config = profile.equals("from-config")
                ? ProfilerConfig.builtIn(outputDir) : ProfilerConfig.read(Path.of(profile));
        return new ProfilerConfig(config.profiling(), config.reportToJson(), config.jsonFlat(),
                outputDir.resolve(RunNames.profilingJson(name)), config.eachCore(), config.instructionTypes());
    }

    /**
     * Writes the placement pictures of every CG stage, {@code placement_<name>_stage<s>.png} and
     * {@code .svg}, recorded under the roles {@code placement_stage<s>_png} and {@code _svg}.
     */
    static void writePlacements(String name, Path outputDir, Pipeline.Result result, Map<String, String> files) {
        String stem = RunNames.placementStem(name);
        Map<String, byte[]> pictures;
        try {
            pictures = PlacementRenderer.render(result.compilation(), stem);
        } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
            // Java 2D needs fonts from the system to draw the PNG labels.
            String reason = e.getMessage() == null ? "Java 2D failed without a message" : e.getMessage();
            throw new CimflowException("placement pictures of run " + name + " could not be drawn: " + reason
                    + "; install a font package (for example fonts-dejavu-core) or set visualize to false");
        }
        for (Map.Entry<String, byte[]> picture : pictures.entrySet()) {
            String fileName = picture.getKey();
            AtomicFiles.write(outputDir.resolve(fileName), picture.getValue());
            String role = "placement_" + fileName.substring(stem.length() + 1).replace('.', '_');
            files.put(role, fileName);
        }
    }

    /** Writes the keep_ir files: the CG IR, the ISA JSON and assembly, and the run's log at its level. */
    static void writeIntermediate(String name, Path outputDir, Pipeline.Result result, Map<String, String> files) {
        String cgIr = RunNames.cgIr(name);
        AtomicFiles.writeString(outputDir.resolve(cgIr), CgJson.write(result.cg()));
        files.put("cg_ir", cgIr);

        String isa = RunNames.isaJson(name);
        AtomicFiles.writeString(outputDir.resolve(isa), IsaJson.toJson(result.isa()));
        files.put("isa", isa);

        String asm = RunNames.isaAsm(name);
        AtomicFiles.writeString(outputDir.resolve(asm), IsaAsm.toAsm(result.isa()));
        files.put("asm", asm);

        String log = RunNames.runLog(name);
        AtomicFiles.writeString(outputDir.resolve(log), result.log().isEmpty() ? ""
                : String.join("\n", result.log()) + "\n");
        files.put("log", log);
    }
}
