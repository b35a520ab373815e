package io.github.cimflow.gate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class GateReportWriterTest {
    @TempDir
    Path folder;

    private GateReport report() {
        Results results = Results.read(SummaryFiles.write(folder, "summary.json",
                SummaryFiles.okRun("a", 3.2, 2.0), SummaryFiles.okRun("b", 2.0, 2.0)));
        return Gate.evaluate(List.of(Rule.parse("latency:max=3"), Rule.parse("tops_per_w:min=1")), results, null);
    }

    @Test
    void junitHasOneTestCasePerRule() throws Exception {
        GateReportWriter.writeAll(report(), folder.resolve("reports"));
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(folder.resolve("reports/TEST-cimflow-check.xml").toFile());

        Element suite = xml.getDocumentElement();
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(2, cases.getLength());
        assertEquals("latency of every run at most 3 ms", ((Element) cases.item(0)).getAttribute("name"));
        Element failure = (Element) ((Element) cases.item(0)).getElementsByTagName("failure").item(0);
        assertEquals("latency of run a is 3.2 ms, above the maximum 3 ms", failure.getAttribute("message"));
        assertEquals(0, ((Element) cases.item(1)).getElementsByTagName("failure").getLength());
    }

    @Test
    void jsonCarriesVerdictsWithSortedKeys() throws Exception {
        JsonNode json = new ObjectMapper().readTree(GateReportWriter.json(report()));

        assertEquals(false, json.get("passed").asBoolean());
        assertEquals("FAIL", json.get("rows").get(0).get("verdict").asText());
        assertEquals(3.2, json.get("rows").get(0).get("actual").asDouble());
        List<String> keys = iteratorToList(json.fieldNames());
        assertEquals(List.of("passed", "rows", "rules", "summary"), keys);
    }

    @Test
    void markdownHasTableAndViolations() {
        String markdown = GateReportWriter.markdown(report());

        assertEquals("""
                ## cimflow check failed: 2 rules, 4 rows, 1 failed, 0 warnings

                | run | metric | baseline | actual | change | limit | verdict |
                |---|---|---|---|---|---|---|
                | a | latency (ms) | - | 3.2 | - | <= 3 | FAIL |
                | b | latency (ms) | - | 2 | - | <= 3 | PASS |
                | a | tops_per_w (TOPS/W) | - | 2 | - | >= 1 | PASS |
                | b | tops_per_w (TOPS/W) | - | 2 | - | >= 1 | PASS |

                - **FAIL** latency of run a is 3.2 ms, above the maximum 3 ms
                """, markdown);
    }

    @Test
    void rewritingGivesIdenticalBytes() throws Exception {
        GateReportWriter.writeAll(report(), folder.resolve("first"));
        GateReportWriter.writeAll(report(), folder.resolve("second"));

        for (String name : List.of(GateReportWriter.TEXT_FILE, GateReportWriter.JUNIT_FILE,
                GateReportWriter.JSON_FILE, GateReportWriter.MARKDOWN_FILE)) {
            assertArrayEquals(Files.readAllBytes(folder.resolve("first").resolve(name)),
                    Files.readAllBytes(folder.resolve("second").resolve(name)), name);
        }
    }

    @Test
    void baselineUpdateCopiesResults() throws Exception {
        Path summary = SummaryFiles.write(folder, "summary.json", SummaryFiles.okRun("a", 3.2, 2.0));
        Path baseline = folder.resolve("src/cimflow/baseline.json");

        Baselines.update(summary, baseline);

        assertArrayEquals(Files.readAllBytes(summary), Files.readAllBytes(baseline));
    }

    private static List<String> iteratorToList(java.util.Iterator<String> iterator) {
        List<String> list = new java.util.ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
