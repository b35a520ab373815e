package io.github.cimflow.cli;

import io.github.cimflow.CimflowException;
import io.github.cimflow.gate.Baselines;
import io.github.cimflow.gate.Gate;
import io.github.cimflow.gate.GateReport;
import io.github.cimflow.gate.GateReportWriter;
import io.github.cimflow.gate.Results;
import io.github.cimflow.gate.Rule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cimflow check}: the metric gate for CI systems without Maven. It prints the same table and
 * messages as the Maven goal {@code cimflow:check} and exits with 1 when a rule of level ERROR fails.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {
            "Check the results of a sweep (summary.json) against absolute limits or a baseline.",
            "Prints one row per rule and run; exits with 1 when a rule of level ERROR fails."
        },
        footer = {
            "",
            "Rules: METRIC[@RUN]:KEY=VALUE[,KEY=VALUE...] with keys tolerance (5%% or 0.05, against the",
            "baseline), min, max (in the metric's unit) and level (error or warn).",
            "Metrics: latency (ms), latency_per_image (ms), energy (pJ), power (mW), tops, tops_per_w.",
            "",
            "Examples:",
            "  cimflow check --results out/summary.json --baseline baseline.json --rule tops_per_w:tolerance=5%%",
            "  cimflow check --results out/summary.json --rule latency@B16_batch1:max=2.5,level=warn",
            "  cimflow check --results out/summary.json --baseline baseline.json --update-baseline"
        })
final class CheckCommand implements Callable<Integer> {

    @Option(names = "--results", required = true, paramLabel = "FILE",
            description = "The summary.json written by the sweep.")
    Path results;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "The committed baseline, a summary.json of an earlier sweep. Needed by tolerance rules.")
    Path baseline;

    @Option(names = "--rule", paramLabel = "RULE", converter = RuleConverter.class,
            description = "A rule; repeat for several (see below).")
    List<Rule> rules = new ArrayList<>();

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Also write the reports (text, JUnit XML, JSON, Markdown) into this folder.")
    Path reportDir;

    @Option(names = "--update-baseline",
            description = "Copy the results to the baseline file instead of checking them.")
    boolean updateBaseline;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    LogLevelOption logLevel;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        InputFiles.requireFile(spec, results, "--results");
        if (updateBaseline) {
            if (baseline == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--update-baseline needs --baseline FILE");
            }
            Results recorded = Baselines.update(results, baseline);
            out.println("Recorded " + recorded.runs().size() + " run(s) of " + results + " as the baseline " + baseline
                    + "; review and commit it.");
            out.flush();
            return 0;
        }
        if (rules.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no rules; give at least one --rule, for example --rule tops_per_w:tolerance=5%");
        }
        boolean needsBaseline = rules.stream().anyMatch(Rule::needsBaseline);
        if (needsBaseline && baseline == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "a tolerance rule compares against a baseline; give --baseline FILE");
        }

        Results current = Gate.readResults(results);
        Results base = needsBaseline ? Gate.readBaseline(baseline) : null;
        GateReport report = Gate.evaluate(rules, current, base);
        out.print(GateReportWriter.text(report));
        if (reportDir != null) {
            for (Path file : GateReportWriter.writeAll(report, reportDir)) {
                out.println("Wrote " + file);
            }
        }
        out.flush();
        if (!report.passed()) {
            throw new CimflowException(report.failureMessage());
        }
        return 0;
    }

    /** Turns a bad rule into a usage error (exit code 2) with the rule's message. */
    static final class RuleConverter implements CommandLine.ITypeConverter<Rule> {
        @Override
        public Rule convert(String value) {
            try {
                return Rule.parse(value);
            } catch (CimflowException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
