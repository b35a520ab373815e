package io.github.cimflow.maven;

import io.github.cimflow.CimflowException;
import io.github.cimflow.gate.Gate;
import io.github.cimflow.gate.GateReport;
import io.github.cimflow.gate.GateReportWriter;
import io.github.cimflow.gate.GateRow;
import io.github.cimflow.gate.Results;
import io.github.cimflow.gate.SummaryConfiguration;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The metric gate: checks the {@code summary.json} of a sweep against absolute limits or a
 * committed baseline, so that a change that makes TOPS/W or latency worse fails the build. Prints
 * the whole table (run, metric, baseline, actual, change, limit, verdict) whether the gate passes
 * or fails, each violation on its own WARN line, and writes JUnit XML, JSON, Markdown and text
 * reports into {@code <reportDirectory>}. A failed gate ends in one failure listing every failed
 * rule with its values.
 *
 * <p>Order: when {@code explore} and {@code check} are both bound to {@code verify}, Maven runs
 * them in the order they appear in the POM. List both goals in one execution,
 * {@code <goals><goal>explore</goal><goal>check</goal></goals>}, or declare the explore execution
 * first.
 *
 * <pre>{@code
 * <execution>
 *   <goals>
 *     <goal>explore</goal>
 *     <goal>check</goal>
 *   </goals>
 *   <configuration>
 *     <baseline>src/cimflow/baseline.json</baseline>
 *     <rules>
 *       <rule><metric>tops_per_w</metric><tolerance>5%</tolerance></rule>
 *       <rule><metric>latency</metric><tolerance>5%</tolerance></rule>
 *     </rules>
 *   </configuration>
 * </execution>
 * }</pre>
 *
 * @since 0.1.0
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class CheckMojo extends AbstractCimflowMojo {

    /**
     * The rules. Each names a {@code <metric>} (latency, latency_per_image, energy, power, tops,
     * tops_per_w), optionally one {@code <run>} (default: every run), and either a {@code <tolerance>}
     * against the baseline ({@code 5%} or {@code 0.05}, applied on the side where the metric gets
     * worse) or an absolute {@code <minimum>} and/or {@code <maximum>} in the metric's unit (ms, pJ,
     * mW, TOPS, TOPS/W). {@code <level>} ERROR (default) fails the gate, WARN only reports.
     *
     * <pre>{@code
     * <rules>
     *   <rule>
     *     <metric>tops_per_w</metric>
     *     <tolerance>5%</tolerance>
     *   </rule>
     *   <rule>
     *     <metric>latency</metric>
     *     <run>B16_batch1</run>
     *     <maximum>2.5</maximum>
     *     <level>WARN</level>
     *   </rule>
     * </rules>
     * }</pre>
     *
     * @since 0.1.0
     */
    @Parameter
    private List<Rule> rules;

    /**
     * The results to check, as written by {@code explore}.
     *
     * <pre>{@code <results>${project.build.directory}/cimflow/explore/summary.json</results>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = CimflowProperties.RESULTS,
            defaultValue = "${project.build.directory}/cimflow/explore/summary.json", required = true)
    private File results;

    /**
     * The committed baseline, a {@code summary.json} of an earlier sweep; create or refresh it with
     * {@code mvn cimflow:update-baseline}. Only tolerance rules read it.
     *
     * <pre>{@code <baseline>src/cimflow/baseline.json</baseline>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = CimflowProperties.BASELINE, defaultValue = "${project.basedir}/src/cimflow/baseline.json",
            required = true)
    private File baseline;

    /**
     * The folder of the reports: {@code TEST-cimflow-check.xml} (JUnit, one test case per rule),
     * {@code cimflow-check.json}, {@code cimflow-check.md} and {@code cimflow-check.txt}.
     *
     * <pre>{@code <reportDirectory>${project.build.directory}/cimflow-reports</reportDirectory>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.directory}/cimflow-reports", required = true)
    private File reportDirectory;

    /**
     * Fails the build when a rule of level ERROR fails. When false, the failures are logged as
     * warnings and the build goes on. {@code -Dcimflow.check.haltOnFailure} beats the POM value.
     *
     * <pre>{@code <haltOnFailure>false</haltOnFailure>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = CimflowProperties.CHECK_HALT_ON_FAILURE, defaultValue = "true")
    private boolean haltOnFailure;

    /**
     * Fails when the results file does not exist. When false, the gate is skipped with a warning.
     *
     * <pre>{@code <failIfNoResults>false</failIfNoResults>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "true")
    private boolean failIfNoResults;

    /**
     * Fails when a tolerance rule needs the baseline and the file does not exist. When false, the
     * gate is skipped with a warning that explains how to create the baseline.
     *
     * <pre>{@code <failIfNoBaseline>false</failIfNoBaseline>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "true")
    private boolean failIfNoBaseline;

    /**
     * Skips this goal only. {@code -Dcimflow.check.skip} beats the POM value.
     *
     * <pre>{@code <skipCheck>true</skipCheck>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = CimflowProperties.CHECK_SKIP, defaultValue = "false")
    private boolean skipCheck;

    @Override
    protected Optional<String> skipReason() throws MojoExecutionException {
        return resolveFlag(CimflowProperties.CHECK_SKIP, skipCheck)
                ? Optional.of(CimflowProperties.CHECK_SKIP + " is true") : Optional.empty();
    }

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        List<io.github.cimflow.gate.Rule> gateRules = gateRules();
        Path resultsFile = results.toPath();
        Path baselineFile = baseline.toPath();

        if (!Files.isRegularFile(resultsFile)) {
            missingInput(Gate.missingResultsMessage(resultsFile), failIfNoResults, "failIfNoResults");
            return;
        }
        boolean needsBaseline = gateRules.stream().anyMatch(io.github.cimflow.gate.Rule::needsBaseline);
        if (needsBaseline && !Files.isRegularFile(baselineFile)) {
            missingInput(Gate.missingBaselineMessage(baselineFile), failIfNoBaseline, "failIfNoBaseline");
            return;
        }

        requireMatchingSummary(resultsFile);
        Results current = Gate.readResults(resultsFile);
        Results base = needsBaseline ? Gate.readBaseline(baselineFile) : null;
        GateReport report = Gate.evaluate(gateRules, current, base);

        for (String line : report.tableLines()) {
            getLog().info(line);
        }
        for (GateRow row : report.violations()) {
            getLog().warn(row.verdict() + ": " + row.message());
        }
        GateReportWriter.writeAll(report, reportDirectory.toPath());
        getLog().info("Reports: " + relative(reportDirectory.toPath().resolve(GateReportWriter.JUNIT_FILE))
                + " (also .json, .md, .txt)");
        getLog().info(report.summaryLine());

        if (report.passed()) {
            return;
        }
        if (resolveFlag(CimflowProperties.CHECK_HALT_ON_FAILURE, haltOnFailure)) {
            throw new MojoFailureException(report.failureMessage());
        }
        getLog().warn(report.failureMessage());
        getLog().warn("haltOnFailure is false, so the build goes on");
    }

    /**
     * Fails when the summary was written for another explore configuration than the one this build
     * sets, which happens when check runs before explore and an earlier build left its results.
     */
    private void requireMatchingSummary(Path resultsFile) throws MojoFailureException {
        if (mojoExecution == null) {
            return;
        }
        PluginDescriptor descriptor = mojoExecution.getMojoDescriptor().getPluginDescriptor();
        Plugin plugin = project.getPlugin(descriptor.getGroupId() + ":" + descriptor.getArtifactId());
        Optional<ExploreConfiguration> configuration = ExploreConfiguration.of(project, plugin, resultsFile,
                name -> commandLineProperty(name).orElse(null));
        if (configuration.isEmpty()) {
            return;
        }
        try {
            SummaryConfiguration.requireMatch(resultsFile, configuration.get().expected, configuration.get().labels,
                    "run cimflow:explore before cimflow:check, for example by listing both goals in one "
                            + "execution or by binding check to a later phase");
        } catch (CimflowException e) {
            throw new MojoFailureException(e.getMessage());
        }
    }

    private void missingInput(String message, boolean fail, String parameter) throws MojoFailureException {
        if (fail) {
            throw new MojoFailureException(message);
        }
        getLog().warn(message);
        getLog().warn("Gate not evaluated because <" + parameter + "> is false");
    }

    /**
     * Rejects a rule that repeats an element such as {@code <maximum>}, which Maven would otherwise
     * resolve silently to the last value.
     */
    private void rejectRepeatedElements() throws MojoExecutionException {
        Xpp3Dom configuration = mojoExecution == null ? null : mojoExecution.getConfiguration();
        Xpp3Dom rulesNode = configuration == null ? null : configuration.getChild("rules");
        if (rulesNode == null) {
            return;
        }
        Xpp3Dom[] ruleNodes = rulesNode.getChildren();
        for (int index = 0; index < ruleNodes.length; index++) {
            Set<String> seen = new HashSet<>();
            for (Xpp3Dom element : ruleNodes[index].getChildren()) {
                if (!seen.add(element.getName())) {
                    throw new MojoExecutionException("<rules>/<rule>[" + (index + 1) + "] gives <"
                            + element.getName() + "> more than once; keep one <" + element.getName() + ">");
                }
            }
        }
    }

    private List<io.github.cimflow.gate.Rule> gateRules() throws MojoExecutionException {
        if (rules == null || rules.isEmpty()) {
            throw new MojoExecutionException("cimflow:check has no <rules>; add at least one, for example "
                    + "<rules><rule><metric>tops_per_w</metric><tolerance>5%</tolerance></rule></rules>");
        }
        rejectRepeatedElements();
        List<io.github.cimflow.gate.Rule> parsed = new ArrayList<>();
        for (int index = 0; index < rules.size(); index++) {
            Rule rule = rules.get(index);
            String where = "<rules>/<rule>[" + (index + 1) + "]";
            if (rule == null) {
                throw new MojoExecutionException(where + " is empty; give at least <metric> and a limit");
            }
            try {
                parsed.add(io.github.cimflow.gate.Rule.of(rule.metric, rule.run, rule.minimum, rule.maximum,
                        rule.tolerance, rule.level));
            } catch (CimflowException e) {
                throw new MojoExecutionException(where + " is invalid: " + e.getMessage());
            }
        }
        return parsed;
    }
}
