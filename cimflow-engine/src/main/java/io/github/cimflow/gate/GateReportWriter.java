package io.github.cimflow.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.cimflow.CimflowException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a gate report as text, JUnit XML (one test case per rule, so CI dashboards list the gate
 * beside the unit tests), JSON and Markdown. The files carry no timestamps, so an unchanged result
 * gives byte-identical reports.
 */
public final class GateReportWriter {
    /** The JUnit XML file name; {@code TEST-*.xml} is the pattern CI servers pick up. */
    public static final String JUNIT_FILE = "TEST-cimflow-check.xml";
    public static final String TEXT_FILE = "cimflow-check.txt";
    public static final String JSON_FILE = "cimflow-check.json";
    public static final String MARKDOWN_FILE = "cimflow-check.md";

    private static final String SUITE = "cimflow.check";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private GateReportWriter() {
    }

    /** Writes all four reports into the folder, creating it, and returns their paths. */
    public static List<Path> writeAll(GateReport report, Path folder) {
        try {
            Files.createDirectories(folder);
            List<Path> written = new ArrayList<>();
            written.add(write(folder.resolve(TEXT_FILE), text(report)));
            written.add(write(folder.resolve(JUNIT_FILE), junitXml(report)));
            written.add(write(folder.resolve(JSON_FILE), json(report)));
            written.add(write(folder.resolve(MARKDOWN_FILE), markdown(report)));
            return written;
        } catch (IOException e) {
            throw new CimflowException("cannot write the gate reports to " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The table, the violations and the summary line. */
    public static String text(GateReport report) {
        StringBuilder text = new StringBuilder();
        for (String line : report.tableLines()) {
            text.append(line).append('\n');
        }
        for (GateRow row : report.violations()) {
            text.append(row.verdict()).append(": ").append(row.message()).append('\n');
        }
        text.append(report.summaryLine()).append('\n');
        return text.toString();
    }

    /** A JUnit XML test suite with one test case per rule; a rule fails when any of its rows failed. */
    public static String junitXml(GateReport report) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", SUITE);
            xml.writeAttribute("tests", Integer.toString(report.rules().size()));
            xml.writeAttribute("failures", Integer.toString(report.failedRules().size()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("time", "0");
            xml.writeCharacters("\n");
            for (Rule rule : report.rules()) {
                writeTestCase(xml, report, rule);
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing JUnit XML to memory failed", e);
        }
        return out.toString();
    }

    private static void writeTestCase(XMLStreamWriter xml, GateReport report, Rule rule) throws XMLStreamException {
        List<GateRow> rows = report.rowsOf(rule);
        List<String> failures = rows.stream().filter(row -> row.verdict() == Verdict.FAIL).map(GateRow::message).toList();
        List<String> warnings = rows.stream().filter(row -> row.verdict() == Verdict.WARN).map(GateRow::message).toList();

        xml.writeCharacters("  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", SUITE);
        xml.writeAttribute("name", rule.describe());
        xml.writeAttribute("time", "0");
        if (!failures.isEmpty()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("failure");
            xml.writeAttribute("message", failures.get(0));
            xml.writeAttribute("type", "cimflow.gate");
            xml.writeCharacters(String.join("\n", failures));
            xml.writeEndElement();
        }
        xml.writeCharacters("\n    ");
        xml.writeStartElement("system-out");
        StringBuilder out = new StringBuilder();
        for (GateRow row : rows) {
            out.append(String.join("  ", GateReport.cells(row))).append('\n');
        }
        for (String warning : warnings) {
            out.append("WARN: ").append(warning).append('\n');
        }
        xml.writeCharacters(out.toString());
        xml.writeEndElement();
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    /** The report as JSON with sorted keys: {@code passed}, {@code rows}, {@code rules}, {@code summary}. */
    public static String json(GateReport report) {
        Map<String, Object> root = new TreeMap<>();
        root.put("passed", report.passed());
        root.put("summary", report.summaryLine());
        root.put("rules", report.rules().stream().map(rule -> {
            Map<String, Object> entry = new TreeMap<>();
            entry.put("description", rule.describe());
            entry.put("metric", rule.metric().ruleName());
            entry.put("run", rule.run());
            entry.put("minimum", rule.minimum());
            entry.put("maximum", rule.maximum());
            entry.put("tolerance", rule.tolerance() == null ? null : rule.tolerance().ratio());
            entry.put("level", rule.level().name());
            entry.put("passed", !report.failedRules().contains(rule));
            return entry;
        }).toList());
        root.put("rows", report.rows().stream().map(row -> {
            Map<String, Object> entry = new TreeMap<>();
            entry.put("rule", row.rule().describe());
            entry.put("run", row.run());
            entry.put("metric", row.metric().ruleName());
            entry.put("unit", row.metric().unit());
            entry.put("baseline", row.baseline());
            entry.put("actual", row.actual());
            entry.put("change", row.change());
            entry.put("limit", row.limit());
            entry.put("verdict", row.verdict().name());
            entry.put("message", row.message());
            return entry;
        }).toList());
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("writing the gate report as JSON failed", e);
        }
    }

    /** A Markdown summary: verdict heading, the table, and the violations as a list. */
    public static String markdown(GateReport report) {
        StringBuilder text = new StringBuilder();
        text.append("## ").append(report.summaryLine()).append("\n\n");
        text.append(markdownRow(GateReport.header()));
        text.append("|---".repeat(GateReport.header().length)).append("|\n");
        for (GateRow row : report.rows()) {
            text.append(markdownRow(GateReport.cells(row)));
        }
        if (!report.violations().isEmpty()) {
            text.append('\n');
            for (GateRow row : report.violations()) {
                text.append("- **").append(row.verdict()).append("** ").append(row.message()).append('\n');
            }
        }
        return text.toString();
    }

    private static String markdownRow(String[] cells) {
        Map<Integer, String> escaped = new LinkedHashMap<>();
        for (int column = 0; column < cells.length; column++) {
            escaped.put(column, cells[column].replace("|", "\\|"));
        }
        return "| " + String.join(" | ", escaped.values()) + " |\n";
    }

    private static Path write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
