package io.github.cimflow.explore;

import io.github.cimflow.CimflowException;
import java.nio.file.Path;

/** Names of runs and of the files they write. */
public final class RunNames {
    private RunNames() {
    }

    /** Returns the run's {@code _name}, else CIMFlow's stem {@code <model>_<strategy>_T<T>_K<K>_B<B>_C<C>_batch<N>}. */
    public static String of(RunSpec run) {
        if (run.name() != null) {
            return run.name();
        }
        return modelName(run.modelPath()) + "_" + run.strategy() + "_T" + run.t() + "_K" + run.k() + "_B" + run.b()
                + "_C" + run.c() + "_batch" + run.batchSize();
    }

    /** Returns the ONNX file stem ({@code resnet18} for {@code data/models/resnet18.onnx}). */
    public static String modelName(Path modelPath) {
        String fileName = modelPath.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /** Names the text report of a run, the file the tutorial's grep loop reads. */
    public static String textReport(String runName) {
        return "simulation_report_" + runName + ".txt";
    }

    /** Names the JSON report of a run. */
    public static String jsonReport(String runName) {
        return "simulation_report_" + runName + ".json";
    }

    /** Names the CG IR of a run, written with keep_ir (CIMFlow's {@code instructions_<stem>.json}). */
    public static String cgIr(String runName) {
        return "instructions_" + runName + ".json";
    }

    /** Names the ISA JSON of a run, written with keep_ir. */
    public static String isaJson(String runName) {
        return "isa_instructions_" + runName + ".json";
    }

    /** Names the ISA assembly text of a run, written with keep_ir. */
    public static String isaAsm(String runName) {
        return "isa_instructions_" + runName + ".asm";
    }

    /** Names the log of a run, written with keep_ir. */
    public static String runLog(String runName) {
        return "run_" + runName + ".log";
    }

    /**
     * Returns the stem of a run's placement pictures, written with visualize: {@code placement_<name>},
     * followed by {@code _stage<s>.png} and {@code .svg} per CG stage.
     */
    public static String placementStem(String runName) {
        return "placement_" + runName;
    }

    /** Names the profiling JSON of a run that requested profiling. */
    public static String profilingJson(String runName) {
        return "profiling_" + runName + ".json";
    }

    /**
     * Checks that a run name can be part of a file name in the output folder.
     *
     * @param where the JSON path or option that gave the name, for the error message
     */
    public static void checkFileSafe(String name, String where) {
        if (name.isEmpty()) {
            throw new CimflowException(where + ": run name is empty; give a non-empty name");
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '/' || ch == '\\' || ch == ':' || Character.isISOControl(ch)) {
                throw new CimflowException(where + ": run name '" + name + "' contains '" + printable(ch)
                        + "', which cannot be part of a file name; use letters, digits, '-', '_' and '.'");
            }
        }
        if (name.startsWith(".")) {
            throw new CimflowException(where + ": run name '" + name + "' starts with '.', which would hide its "
                    + "files; start it with a letter or digit");
        }
    }

    private static String printable(char ch) {
        return Character.isISOControl(ch) ? String.format(java.util.Locale.ROOT, "\\u%04x", (int) ch)
                : String.valueOf(ch);
    }
}
