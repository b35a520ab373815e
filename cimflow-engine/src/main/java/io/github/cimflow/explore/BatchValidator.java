package io.github.cimflow.explore;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.ConfigResolver;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwareConfigJson;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.hw.HardwareValidator;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks every run of a batch before the first one starts. The model and configuration files must
 * exist, the input shape must have batch dimension 1 and a configuration file must agree with the
 * run's four knobs. The hardware the run would compile for (preset or file, with its overrides) must
 * pass {@link HardwareValidator}. A typo in the tenth run of
 * a sweep then fails in well under a second instead of after the first nine runs.
 *
 * <p>Errors name the batch file, the JSON path of the field to edit ({@code $.runs[2].c}, or the
 * matrix entry the value came from), the run, the value and the fix.
 */
final class BatchValidator {
    private static final String CIM = "chip_config.core_config.cim_unit_config.";

    private BatchValidator() {
    }

    /**
     * Validates every run.
     *
     * @throws InvalidBatchException with the first invalid run and how many more there are
     */
    static void validate(BatchSpec batch) {
        List<String> problems = new ArrayList<>();
        Set<String> validHardware = new HashSet<>();
        for (int i = 0; i < batch.runs().size(); i++) {
            String problem = problem(batch.runs().get(i), batch.origins().get(i), validHardware);
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (problems.isEmpty()) {
            return;
        }
        String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more invalid run"
                + (problems.size() == 2 ? "" : "s") + ")";
        String file = batch.source() == null ? "" : batch.source() + ": ";
        throw new InvalidBatchException(file + problems.get(0) + more + "; nothing was run");
    }

    /** Returns the first problem of a run, or null when it can start. */
    private static String problem(RunSpec run, RunOrigin origin, Set<String> validHardware) {
        String name = "(run '" + RunNames.of(run) + "')";
        if (!Files.isRegularFile(run.modelPath())) {
            return origin.field("model_path") + " " + name + ": model file " + run.modelPath()
                    + " not found; fix the path, which is relative to the batch file";
        }
        if (run.configPath() != null && !Files.isRegularFile(run.configPath())) {
            return origin.field("config_path") + " " + name + ": configuration file " + run.configPath()
                    + " not found; fix the path, which is relative to the batch file, or drop config_path to "
                    + "use the built-in preset of t, k, b and c";
        }
        if (run.inputShape() != null && run.inputShape().get(0) != 1) {
            return origin.field("input_shape") + " = " + run.inputShape() + " " + name + ": the batch dimension N is "
                    + run.inputShape().get(0) + ", but the CG compiler maps one image at a time; use [1, "
                    + run.inputShape().get(1) + ", " + run.inputShape().get(2) + ", " + run.inputShape().get(3)
                    + "] and set the images per batch with batch_size";
        }
        String hardwareKey = run.configPath() + " " + new ArchParams(run.t(), run.k(), run.b(), run.c()).fileFragment()
                + " " + new TreeMap<>(run.hardware() == null ? Map.of() : run.hardware());
        if (validHardware.contains(hardwareKey)) {
            return null;
        }
        String problem = hardwareProblem(run, origin, name);
        if (problem == null) {
            validHardware.add(hardwareKey);
        }
        return problem;
    }

    private static String hardwareProblem(RunSpec run, RunOrigin origin, String name) {
        ArchParams knobs = new ArchParams(run.t(), run.k(), run.b(), run.c());
        HardwareConfig config;
        if (run.configPath() == null) {
            config = HardwarePresets.preset(knobs);
        } else {
            try {
                config = HardwareConfigJson.read(run.configPath());
            } catch (CimflowException e) {
                return origin.field("config_path") + " " + name + ": " + e.getMessage();
            }
            ConfigResolver.KnobNames names = new ConfigResolver.KnobNames(origin.field("t"), origin.field("k"),
                    origin.field("b"), origin.field("c"), false);
            try {
                ConfigResolver.checkKnobs(config, knobs, run.configPath().toString(), names);
            } catch (CimflowException e) {
                return origin.label() + " " + name + ": " + e.getMessage();
            }
        }
        Map<String, Object> overrides = run.hardware() == null ? Map.of() : run.hardware();
        if (!overrides.isEmpty()) {
            try {
                config = HardwareConfigJson.applyOverrides(config, overrides);
            } catch (CimflowException e) {
                return origin.field("hardware") + " " + name + ": " + e.getMessage();
            }
        }

        List<String> problems = HardwareValidator.problems(config);
        if (problems.isEmpty()) {
            return null;
        }
        String first = problems.get(0);
        String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more problem"
                + (problems.size() == 2 ? "" : "s") + " of this hardware)";
        return field(first, run, origin) + " " + name + ": " + first + more;
    }

    /**
     * Finds the field a hardware problem comes from: an override of that path, the configuration
     * file, or for the built-in preset the knob that sets the value.
     */
    private static String field(String problem, RunSpec run, RunOrigin origin) {
        if (run.hardware() != null) {
            for (Map.Entry<String, Object> override : run.hardware().entrySet()) {
                if (problem.startsWith(override.getKey() + ":")) {
                    return origin.field("hardware." + override.getKey()) + " = " + override.getValue();
                }
            }
        }
        if (run.configPath() != null) {
            return origin.field("config_path") + " (" + run.configPath() + ")";
        }
        if (problem.startsWith("chip_config.core_cnt:")) {
            return origin.field("c") + " = " + run.c();
        }
        if (problem.startsWith(CIM + "macro_group_size:")) {
            return origin.field("t") + " = " + run.t();
        }
        if (problem.startsWith(CIM + "macro_total_cnt:")) {
            return origin.field("k") + " = " + run.k();
        }
        if (problem.startsWith("chip_config.network_config.bus_width_byte:")) {
            return origin.field("b") + " = " + run.b();
        }
        return origin.path() + " (preset " + new ArchParams(run.t(), run.k(), run.b(), run.c()).fileFragment() + ")";
    }
}
