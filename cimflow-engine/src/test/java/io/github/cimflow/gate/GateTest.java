package io.github.cimflow.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.CimflowException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateTest {
    @TempDir
    Path folder;

    private Results results(String... runs) {
        return Results.read(SummaryFiles.write(folder, "summary.json", runs));
    }

    private Results baseline(String... runs) {
        return Results.read(SummaryFiles.write(folder, "baseline.json", runs));
    }

    @Test
    void valueExactlyAtToleranceLimitPasses() {
        // Baseline 2.0 TOPS/W, 5 % tolerance: the limit is 2.0 * 0.95 = 1.9.
        GateReport report = Gate.evaluate(List.of(Rule.parse("tops_per_w:tolerance=5%")),
                results(SummaryFiles.okRun("a", 4.0, 1.9)), baseline(SummaryFiles.okRun("a", 4.0, 2.0)));

        GateRow row = report.rows().get(0);
        assertEquals(Verdict.PASS, row.verdict());
        assertEquals(">= 1.9", row.limit());
        assertEquals(-0.05, row.change(), 1e-12);
        assertTrue(report.passed());
    }

    @Test
    void dropBeyondToleranceFailsWithValues() {
        GateReport report = Gate.evaluate(List.of(Rule.parse("tops_per_w:tolerance=5%")),
                results(SummaryFiles.okRun("B16_batch1", 4.0, 1.8)),
                baseline(SummaryFiles.okRun("B16_batch1", 4.0, 2.0)));

        GateRow row = report.rows().get(0);
        assertEquals(Verdict.FAIL, row.verdict());
        assertEquals("tops_per_w of run B16_batch1 dropped to 1.8 TOPS/W, below the limit 1.9 TOPS/W "
                + "(baseline 2 TOPS/W, change -10.00%, tolerance 5%)", row.message());
        assertFalse(report.passed());
    }

    @Test
    void latencyRiseBeyondRatioToleranceFails() {
        GateReport report = Gate.evaluate(List.of(Rule.parse("latency:tolerance=0.05")),
                results(SummaryFiles.okRun("a", 4.4, 2.0)), baseline(SummaryFiles.okRun("a", 4.0, 2.0)));

        assertEquals("latency of run a rose to 4.4 ms, above the limit 4.2 ms "
                + "(baseline 4 ms, change +10.00%, tolerance 0.05)", report.rows().get(0).message());
    }

    @Test
    void improvementPasses() {
        GateReport report = Gate.evaluate(
                List.of(Rule.parse("tops_per_w:tolerance=5%"), Rule.parse("latency:tolerance=5%")),
                results(SummaryFiles.okRun("a", 3.0, 2.5)), baseline(SummaryFiles.okRun("a", 4.0, 2.0)));

        assertTrue(report.passed());
        assertEquals(0.25, report.rows().get(0).change(), 1e-12);
        assertEquals(-0.25, report.rows().get(1).change(), 1e-12);
    }

    @Test
    void maximumViolationNamesBound() {
        GateReport report = Gate.evaluate(List.of(Rule.parse("latency:max=3")),
                results(SummaryFiles.okRun("a", 3.2, 2.0)), null);

        GateRow row = report.rows().get(0);
        assertEquals("latency of run a is 3.2 ms, above the maximum 3 ms", row.message());
        assertEquals("<= 3", row.limit());
        assertNull(row.baseline());
    }

    @Test
    void minimumViolationNamesBound() {
        GateReport report = Gate.evaluate(List.of(Rule.parse("tops:min=1.5")),
                results(SummaryFiles.okRun("a", 3.2, 2.0)), null);

        assertEquals("tops of run a is 1.25 TOPS, below the minimum 1.5 TOPS", report.rows().get(0).message());
    }

    @Test
    void ruleForEveryRunGivesRowPerRun() {
        GateReport report = Gate.evaluate(List.of(Rule.parse("latency:max=5")),
                results(SummaryFiles.okRun("a", 3.0, 2.0), SummaryFiles.okRun("b", 6.0, 2.0)), null);

        assertEquals(2, report.rows().size());
        assertEquals(Verdict.PASS, report.rows().get(0).verdict());
        assertEquals(Verdict.FAIL, report.rows().get(1).verdict());
    }

    @Test
    void ruleForOneRunChecksOnlyThatRun() {
        GateReport report = Gate.evaluate(List.of(Rule.parse("latency@a:max=5")),
                results(SummaryFiles.okRun("a", 3.0, 2.0), SummaryFiles.okRun("b", 6.0, 2.0)), null);

        assertEquals(1, report.rows().size());
        assertEquals("a", report.rows().get(0).run());
        assertTrue(report.passed());
    }

    @Test
    void unknownRunFailsListingRuns() {
        Results results = results(SummaryFiles.okRun("a", 3.0, 2.0));
        GateReport report = Gate.evaluate(List.of(Rule.parse("latency@zz:max=5")), results, null);

        assertEquals("latency of run zz: no such run in " + results.source() + " (runs: a)",
                report.rows().get(0).message());
    }

    @Test
    void failedRunFailsEveryRule() {
        GateReport report = Gate.evaluate(List.of(Rule.parse("latency:max=5")),
                results(SummaryFiles.failedRun("a", "core 3 ran out of memory")), null);

        assertEquals("latency of run a: the run failed (core 3 ran out of memory)", report.rows().get(0).message());
        assertFalse(report.passed());
    }

    @Test
    void runMissingFromBaselineFails() {
        Results baseline = baseline(SummaryFiles.okRun("other", 4.0, 2.0));
        GateReport report = Gate.evaluate(List.of(Rule.parse("tops_per_w:tolerance=5%")),
                results(SummaryFiles.okRun("a", 4.0, 2.0)), baseline);

        assertEquals("tops_per_w of run a: " + baseline.source()
                + " has no value for this run; record it with update-baseline", report.rows().get(0).message());
        assertEquals(Verdict.FAIL, report.rows().get(0).verdict());
    }

    @Test
    void warnLevelViolationKeepsGatePassing() {
        GateReport report = Gate.evaluate(List.of(Rule.parse("latency:max=3,level=warn")),
                results(SummaryFiles.okRun("a", 3.2, 2.0)), null);

        assertEquals(Verdict.WARN, report.rows().get(0).verdict());
        assertTrue(report.passed());
        assertEquals(1, report.violations().size());
    }

    @Test
    void failureMessageListsEveryFailedRow() {
        GateReport report = Gate.evaluate(
                List.of(Rule.parse("latency:max=3"), Rule.parse("tops:min=1"), Rule.parse("tops_per_w:min=2.5")),
                results(SummaryFiles.okRun("a", 3.2, 2.0), SummaryFiles.okRun("b", 3.5, 2.0)), null);

        assertEquals("""
                cimflow check failed: 2 of 3 rules failed
                  - latency of run a is 3.2 ms, above the maximum 3 ms
                  - latency of run b is 3.5 ms, above the maximum 3 ms
                  - tops_per_w of run a is 2 TOPS/W, below the minimum 2.5 TOPS/W
                  - tops_per_w of run b is 2 TOPS/W, below the minimum 2.5 TOPS/W""", report.failureMessage());
    }

    @Test
    void summaryLineCountsRowsAndWarnings() {
        GateReport report = Gate.evaluate(List.of(Rule.parse("latency:max=3,level=warn")),
                results(SummaryFiles.okRun("a", 3.2, 2.0), SummaryFiles.okRun("b", 2.0, 2.0)), null);

        assertEquals("cimflow check passed: 1 rule, 2 rows, 0 failed, 1 warning", report.summaryLine());
    }

    @Test
    void tableAlignsColumns() {
        GateReport report = Gate.evaluate(List.of(Rule.parse("tops_per_w:tolerance=5%")),
                results(SummaryFiles.okRun("B16_batch1", 4.0, 1.8)),
                baseline(SummaryFiles.okRun("B16_batch1", 4.0, 2.0)));

        assertEquals(List.of(
                "run         metric               baseline  actual  change   limit   verdict",
                "B16_batch1  tops_per_w (TOPS/W)  2         1.8     -10.00%  >= 1.9  FAIL"), report.tableLines());
    }

    @Test
    void missingResultsFileGivesAdvice() {
        Path missing = folder.resolve("target/cimflow/explore/summary.json");
        CimflowException error = assertThrows(CimflowException.class, () -> Gate.readResults(missing));

        assertEquals("results file " + missing + " not found; run the sweep first (mvn cimflow:explore, or "
                + "cimflow run from-file BATCH) or point the check at the summary.json the sweep wrote",
                error.getMessage());
    }

    @Test
    void missingBaselineFileGivesAdvice() {
        Path missing = folder.resolve("baseline.json");
        CimflowException error = assertThrows(CimflowException.class, () -> Gate.readBaseline(missing));

        assertEquals("baseline file " + missing + " not found; record the current results as the baseline with "
                + "mvn cimflow:update-baseline (or cimflow check --results SUMMARY --baseline " + missing
                + " --update-baseline), review it and commit it", error.getMessage());
    }
}
