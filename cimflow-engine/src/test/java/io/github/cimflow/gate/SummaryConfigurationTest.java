package io.github.cimflow.gate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cimflow.CimflowException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryConfigurationTest {
    private static final String HINT = "run explore first";

    @TempDir
    Path folder;

    @Test
    void matchingParametersPass() {
        // okRun writes t=8, c=16, batch_size=1, strategy dp and model tiny.onnx.
        Path summary = SummaryFiles.write(folder, "summary.json", SummaryFiles.okRun("B16", 1.0, 2.0));

        assertDoesNotThrow(() -> SummaryConfiguration.requireMatch(summary,
                Map.of("c", List.of("16"), "model", List.of("tiny.onnx"), "strategy", List.of("dp")),
                Map.of(), HINT));
    }

    @Test
    void otherCoreCountFailsNamingRunAndSetting() {
        Path summary = SummaryFiles.write(folder, "summary.json", SummaryFiles.okRun("B16", 1.0, 2.0));

        CimflowException error = assertThrows(CimflowException.class, () -> SummaryConfiguration.requireMatch(
                summary, Map.of("c", List.of("4")), Map.of("c", "property cimflow.c"), HINT));

        assertEquals("summary.json in " + folder.toAbsolutePath() + " was written for a different configuration "
                + "(run B16: c=16, configured c=4 by property cimflow.c); run explore first", error.getMessage());
    }

    @Test
    void valueOutsideSweptListFails() {
        Path summary = SummaryFiles.write(folder, "summary.json", SummaryFiles.okRun("B16", 1.0, 2.0));

        CimflowException error = assertThrows(CimflowException.class, () -> SummaryConfiguration.requireMatch(
                summary, Map.of("batch_size", List.of("2", "4")), Map.of(), HINT));

        assertEquals("summary.json in " + folder.toAbsolutePath() + " was written for a different configuration "
                + "(run B16: batch_size=1, configured batch_size=2,4 by batch_size); run explore first",
                error.getMessage());
    }

    @Test
    void failedRunWithoutParametersIsSkipped() {
        Path summary = SummaryFiles.write(folder, "summary.json", SummaryFiles.failedRun("B8", "too large"));

        assertDoesNotThrow(() -> SummaryConfiguration.requireMatch(summary, Map.of("c", List.of("4")), Map.of(),
                HINT));
    }
}
