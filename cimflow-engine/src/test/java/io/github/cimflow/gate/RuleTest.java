package io.github.cimflow.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cimflow.CimflowException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RuleTest {

    @Test
    void parsesRunBoundAndLevel() {
        Rule rule = Rule.parse("latency@B16_batch1:max=2.5,level=warn");

        assertEquals(Metric.LATENCY, rule.metric());
        assertEquals("B16_batch1", rule.run());
        assertEquals(2.5, rule.maximum());
        assertNull(rule.minimum());
        assertEquals(Level.WARN, rule.level());
    }

    @Test
    void percentAndRatioToleranceAreEqual() {
        assertEquals(0, new BigDecimal("0.05").compareTo(Tolerance.parse("5%").ratio()));
        assertEquals(0, new BigDecimal("0.05").compareTo(Tolerance.parse("0.05").ratio()));
    }

    @Test
    void ratioAboveOneIsRejected() {
        CimflowException error = assertThrows(CimflowException.class, () -> Tolerance.parse("5"));
        assertEquals("invalid tolerance '5'; a ratio must be at most 1, for 5 percent write 5%", error.getMessage());
    }

    @Test
    void negativeToleranceIsRejected() {
        CimflowException error = assertThrows(CimflowException.class, () -> Tolerance.parse("-1%"));
        assertEquals("invalid tolerance '-1%'; a tolerance cannot be negative", error.getMessage());
    }

    @Test
    void metricAcceptsCamelCaseAndSummaryKey() {
        assertEquals(Metric.TOPS_PER_W, Metric.parse("topsPerW"));
        assertEquals(Metric.ENERGY, Metric.parse("total_energy_pj"));
        assertEquals(Metric.POWER, Metric.parse("power"));
    }

    @Test
    void unknownMetricListsKnownOnes() {
        CimflowException error = assertThrows(CimflowException.class, () -> Rule.parse("speed:max=1"));
        assertEquals("unknown metric 'speed'; known metrics: latency, latency_per_image, energy, power, tops, "
                + "tops_per_w", error.getMessage());
    }

    @Test
    void ruleWithoutLimitIsRejected() {
        CimflowException error = assertThrows(CimflowException.class,
                () -> Rule.of("tops", null, null, null, null, null));
        assertEquals("rule on tops has no limit; set a tolerance against the baseline, a minimum or a maximum",
                error.getMessage());
    }

    @Test
    void toleranceWithBoundIsRejected() {
        CimflowException error = assertThrows(CimflowException.class,
                () -> Rule.parse("tops:tolerance=5%,min=1"));
        assertEquals("rule on tops mixes a tolerance with a minimum or maximum; write them as two rules",
                error.getMessage());
    }

    @Test
    void unknownKeyIsRejected() {
        CimflowException error = assertThrows(CimflowException.class, () -> Rule.parse("tops:limit=1"));
        assertEquals("invalid rule 'tops:limit=1': unknown key 'limit'; known keys: tolerance, min, max, level",
                error.getMessage());
    }

    @Test
    void describeNamesSubjectAndLimit() {
        assertEquals("tops_per_w of every run within 5% of the baseline",
                Rule.parse("tops_per_w:tolerance=5%").describe());
        assertEquals("latency of run a between 1 and 3 ms", Rule.parse("latency@a:min=1,max=3").describe());
    }

    @Test
    void repeatedMaximumRejected() {
        CimflowException error = assertThrows(CimflowException.class, () -> Rule.parse("latency:max=1,max=2"));

        assertEquals("invalid rule 'latency:max=1,max=2': max is given more than once; keep one max=VALUE",
                error.getMessage());
    }

    @Test
    void maxAndMaximumCountAsOneKey() {
        CimflowException error = assertThrows(CimflowException.class,
                () -> Rule.parse("latency:maximum=1,max=2"));

        assertEquals("invalid rule 'latency:maximum=1,max=2': max is given more than once; keep one max=VALUE",
                error.getMessage());
    }
}
