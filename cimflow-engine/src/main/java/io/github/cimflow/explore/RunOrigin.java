package io.github.cimflow.explore;

import java.util.Map;

/**
 * The position of a run's fields in its batch file, so that errors name the JSON path a user
 * edits: {@code $.runs[2].t}, or for a value from a matrix {@code $.runs[0].matrix.t[1]}.
 *
 * @param path       JSON path of the run object ({@code $.runs[2]})
 * @param label      the path, followed for a run expanded from a matrix by its varied values
 *                   ({@code $.runs[0] (matrix B8_batch1)})
 * @param fieldPaths JSON path per field whose value came from a matrix entry; other fields sit in the run object
 */
public record RunOrigin(String path, String label, Map<String, String> fieldPaths) {
    public RunOrigin {
        fieldPaths = Map.copyOf(fieldPaths);
    }

    /** Returns the origin of run {@code index} of a batch built without a file (a POM, a test). */
    static RunOrigin ofIndex(int index) {
        String path = "$.runs[" + index + "]";
        return new RunOrigin(path, path, Map.of());
    }

    /** Returns the JSON path of a field of the run ({@code t}, {@code hardware.sim_config.period_ns}). */
    public String field(String name) {
        return fieldPaths.getOrDefault(name, path + "." + name);
    }
}
