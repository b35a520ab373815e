package io.github.cimflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {
    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path summary;
    private Path baseline;

    @BeforeEach
    void writeFiles() throws IOException {
        summary = folder.resolve("summary.json");
        baseline = folder.resolve("baseline.json");
        Files.writeString(summary, run(1.8));
        Files.writeString(baseline, run(2.0));
    }

    private static String run(double topsPerW) {
        return "{\"runs\": [{\"name\": \"B16_batch1\", \"status\": \"ok\", \"error\": null, \"metrics\": "
                + "{\"latency_ms\": 4.0, \"tops_per_w\": " + topsPerW + "}}]}";
    }

    private int execute(String... args) {
        CommandLine commandLine = CimflowCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void violationExitsWithOne() {
        int exit = execute("check", "--results", summary.toString(), "--baseline", baseline.toString(),
                "--rule", "tops_per_w:tolerance=5%");

        assertEquals(1, exit);
        assertTrue(out.toString().contains("B16_batch1  tops_per_w (TOPS/W)  2         1.8     -10.00%  >= 1.9  FAIL"),
                out.toString());
        assertEquals("Error: cimflow check failed: 1 of 1 rule failed\n  - tops_per_w of run B16_batch1 dropped to "
                + "1.8 TOPS/W, below the limit 1.9 TOPS/W (baseline 2 TOPS/W, change -10.00%, tolerance 5%)"
                + System.lineSeparator(), err.toString());
    }

    @Test
    void withinToleranceExitsWithZero() {
        int exit = execute("check", "--results", summary.toString(), "--baseline", baseline.toString(),
                "--rule", "tops_per_w:tolerance=10%");

        assertEquals(0, exit);
        assertTrue(out.toString().endsWith("cimflow check passed: 1 rule, 1 row, 0 failed, 0 warnings\n"),
                out.toString());
    }

    @Test
    void badRuleIsUsageError() {
        int exit = execute("check", "--results", summary.toString(), "--rule", "tops_per_w:tolerance=5");

        assertEquals(2, exit);
        assertTrue(err.toString().contains("invalid tolerance '5'; a ratio must be at most 1, for 5 percent write 5%"),
                err.toString());
    }

    @Test
    void updateBaselineCopiesResults() throws IOException {
        Path target = folder.resolve("new-baseline.json");
        int exit = execute("check", "--results", summary.toString(), "--baseline", target.toString(),
                "--update-baseline");

        assertEquals(0, exit);
        assertEquals(Files.readString(summary), Files.readString(target));
    }
    @Test
    void missingResultsIsUsageError() {
        Path missing = folder.resolve("absent.json");
        assertEquals(2, execute("check", "--results", missing.toString(), "--baseline", baseline.toString(),
                "--rule", "tops_per_w:tolerance=5%"));
        assertTrue(err.toString().startsWith("--results: file " + missing + " not found; check the path"),
                err.toString());
    }
}
