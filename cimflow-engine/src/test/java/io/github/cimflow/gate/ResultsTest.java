package io.github.cimflow.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cimflow.CimflowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {
    @TempDir
    Path folder;

    @Test
    void truncatedSummaryNamesLineAndRerun() throws IOException {
        Path summary = folder.resolve("summary.json");
        Files.writeString(summary, "{\n  \"runs\": [");

        CimflowException error = assertThrows(CimflowException.class, () -> Results.read(summary));

        // Line 2 is 12 characters long, and the parser reports the end of input at its last character.
        assertEquals(summary + ": invalid JSON at line 2, column 12 (the file is truncated or corrupted); "
                + "rerun cimflow:explore (or cimflow run from-file) to write it again", error.getMessage());
    }

    @Test
    void emptySummarySaysEmpty() throws IOException {
        Path summary = folder.resolve("summary.json");
        Files.writeString(summary, "");

        CimflowException error = assertThrows(CimflowException.class, () -> Results.read(summary));

        assertEquals(summary + ": the file is empty; rerun cimflow:explore (or cimflow run from-file) to write "
                + "it again", error.getMessage());
    }

    @Test
    void corruptedBaselineSaysRestore() throws IOException {
        Path baseline = folder.resolve("baseline.json");
        Files.writeString(baseline, "{\"runs\": x}");

        CimflowException error = assertThrows(CimflowException.class, () -> Gate.readBaseline(baseline));

        // The unexpected 'x' is the 10th character.
        assertEquals(baseline + ": invalid JSON at line 1, column 10 (the file is truncated or corrupted); "
                + "restore it from version control or record it again with mvn cimflow:update-baseline",
                error.getMessage());
    }
}
