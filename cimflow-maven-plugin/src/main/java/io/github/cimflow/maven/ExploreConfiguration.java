package io.github.cimflow.maven;

import io.github.cimflow.CimflowException;
import io.github.cimflow.cg.Strategy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The run parameters that the project's {@code explore} goal would sweep, read from the POM's
 * plugin configuration and the {@code -Dcimflow.<axis>} properties, so that {@code check} can tell
 * whether a {@code summary.json} belongs to this configuration.
 *
 * <p>Only the parameters that every run shares are known here: a {@code -Dcimflow.<axis>}
 * property, or, when the POM declares no {@code <runs>}, the top-level {@code <matrix>} axis or
 * element. Values fixed per run inside {@code <runs>} are not compared.
 */
final class ExploreConfiguration {
    /** POM element name to the key of a summary run's parameter. */
    private static final Map<String, String> SUMMARY_KEYS = Map.of("model", "model", "t", "t", "k", "k", "b", "b",
            "c", "c", "batchSize", "batch_size", "strategy", "strategy");

    /** Summary key to the allowed values. */
    final Map<String, List<String>> expected = new LinkedHashMap<>();
    /** Summary key to the setting that fixed it, for messages. */
    final Map<String, String> labels = new LinkedHashMap<>();

    private ExploreConfiguration() {
    }

    /**
     * Reads the explore configuration of {@code plugin} when it writes its summary to
     * {@code summary}. Returns empty when the plugin is not declared, or when explore writes
     * elsewhere or reads a batch file.
     *
     * @param commandLine returns the value of a user property given with -D, or null
     */
    static Optional<ExploreConfiguration> of(MavenProject project, Plugin plugin, Path summary,
                                             Function<String, String> commandLine) {
        if (plugin == null) {
            return Optional.empty();
        }
        Xpp3Dom pluginLevel = plugin.getConfiguration() instanceof Xpp3Dom dom ? dom : null;
        Xpp3Dom executionLevel = null;
        for (PluginExecution execution : plugin.getExecutions()) {
            if (execution.getGoals().contains("explore") && execution.getConfiguration() instanceof Xpp3Dom dom) {
                executionLevel = dom;
            }
        }
        Xpp3Dom[] layers = {executionLevel, pluginLevel};

        if (commandLine.apply(CimflowProperties.BATCH_FILE) != null || child(layers, "batchFile") != null) {
            return Optional.empty();
        }
        String outputText = child(layers, "outputDirectory");
        Path output = outputText == null
                ? Path.of(project.getBuild().getDirectory(), "cimflow", "explore")
                : project.getBasedir().toPath().resolve(outputText);
        if (!output.toAbsolutePath().normalize().equals(summary.toAbsolutePath().normalize().getParent())) {
            return Optional.empty();
        }

        ExploreConfiguration configuration = new ExploreConfiguration();
        boolean hasRuns = child(layers, "runs") != null || hasChild(layers, "runs");
        for (String axis : CimflowProperties.AXES) {
            String property = CimflowProperties.AXIS_PREFIX + axis;
            String text = commandLine.apply(property);
            String label = "property " + property;
            if (text == null && !hasRuns) {
                String matrixValue = matrixAxis(layers, axis);
                text = matrixValue != null ? matrixValue : child(layers, axis);
                label = matrixValue != null ? "<matrix>/<" + axis + ">" : "<" + axis + ">";
            }
            if (text == null || text.isBlank()) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String value : text.split(",")) {
                if (!value.isBlank()) {
                    values.add(normalize(axis, value.trim()));
                }
            }
            configuration.expected.put(SUMMARY_KEYS.get(axis), values);
            configuration.labels.put(SUMMARY_KEYS.get(axis), label);
        }
        return Optional.of(configuration);
    }

    private static String normalize(String axis, String value) {
        if (axis.equals("model")) {
            Path fileName = Path.of(value).getFileName();
            return fileName == null ? value : fileName.toString();
        }
        if (axis.equals("strategy")) {
            try {
                return Strategy.parse(value).cliName();
            } catch (CimflowException e) {
                return value;
            }
        }
        return value;
    }

    private static String child(Xpp3Dom[] layers, String name) {
        for (Xpp3Dom layer : layers) {
            Xpp3Dom node = layer == null ? null : layer.getChild(name);
            if (node != null && node.getValue() != null) {
                return node.getValue().trim();
            }
        }
        return null;
    }

    private static boolean hasChild(Xpp3Dom[] layers, String name) {
        for (Xpp3Dom layer : layers) {
            if (layer != null && layer.getChild(name) != null) {
                return true;
            }
        }
        return false;
    }

    private static String matrixAxis(Xpp3Dom[] layers, String axis) {
        for (Xpp3Dom layer : layers) {
            Xpp3Dom matrix = layer == null ? null : layer.getChild("matrix");
            Xpp3Dom node = matrix == null ? null : matrix.getChild(axis);
            if (node != null && node.getValue() != null) {
                return node.getValue().trim();
            }
        }
        return null;
    }
}
