package io.github.cimflow.maven;

import io.github.cimflow.CimflowException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * The base of every cimflow goal: the skip flags, command-line properties that beat the POM
 * (see {@link CimflowProperties}), logging of engine messages and the mapping of engine errors to
 * Maven's. Subclasses implement {@link #executeGoal()}.
 *
 * <p>Errors: a {@link CimflowException} (bad input the user can fix) becomes a
 * {@link MojoExecutionException} with the engine's message; a gate or run failure is thrown by
 * the goal itself as a {@link MojoFailureException}.
 */
public abstract class AbstractCimflowMojo extends AbstractMojo {
    /** The explorer's progress line of a failed run: {@code [2/4] B8_batch1  FAILED  (0.3 s): ...}. */
    private static final Pattern FAILED_RUN = Pattern.compile("^\\[\\d+/\\d+] \\S+  FAILED");

    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** The build session, for the command-line properties. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** This execution, for its goal name and id in log lines and output paths. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    protected MojoExecution mojoExecution;

    /**
     * Skips every cimflow goal of this project. {@code -Dcimflow.skip} on the command line beats the
     * POM value.
     *
     * <pre>{@code
     * <configuration>
     *   <skip>true</skip>
     * </configuration>
     * }</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = CimflowProperties.SKIP, defaultValue = "false")
    protected boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        String goal = goalName();
        if (resolveFlag(CimflowProperties.SKIP, skip)) {
            getLog().info("Skipping cimflow:" + goal + " because " + CimflowProperties.SKIP + " is true");
            return;
        }
        Optional<String> reason = skipReason();
        if (reason.isPresent()) {
            getLog().info("Skipping cimflow:" + goal + " because " + reason.get());
            return;
        }
        try {
            executeGoal();
        } catch (CimflowException e) {
            throw new MojoExecutionException("cimflow:" + goal + ": " + e.getMessage(), e);
        }
    }

    /** Does the goal's work; engine errors may propagate as {@link CimflowException}. */
    protected abstract void executeGoal() throws MojoExecutionException, MojoFailureException;

    /** Returns a goal-specific reason to skip, such as {@code cimflow.check.skip}, or empty to run. */
    protected Optional<String> skipReason() throws MojoExecutionException {
        return Optional.empty();
    }

    /** Returns the goal name, {@code explore} for {@code cimflow:explore}. */
    protected String goalName() {
        return mojoExecution == null ? getClass().getSimpleName() : mojoExecution.getGoal();
    }

    /** Returns the value of {@code -Dname=value} from the command line, if given. */
    protected Optional<String> commandLineProperty(String name) {
        if (session == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(session.getUserProperties().getProperty(name));
    }

    /**
     * Resolves a boolean flag: the command line beats the POM value. {@code -Dname} without a value
     * means true, as Maven sets it to "true".
     */
    protected boolean resolveFlag(String property, boolean pomValue) throws MojoExecutionException {
        Optional<String> text = commandLineProperty(property);
        if (text.isEmpty()) {
            return pomValue;
        }
        String value = text.get().trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw new MojoExecutionException("-D" + property + "=" + text.get() + " is invalid; use true or false");
    }

    /** Resolves a text value: the command line beats the POM value, which may be null. */
    protected String resolveText(String property, String pomValue) {
        return commandLineProperty(property).orElse(pomValue);
    }

    /**
     * Returns a sink for engine messages. Lines starting with {@code WARNING:} or {@code WARN:} and
     * the progress line of a failed run ({@code [2/4] name  FAILED ...}) go to WARN, the rest to INFO. Maven's logger is safe to call from the engine's worker threads.
     */
    protected Consumer<String> engineLog() {
        return line -> {
            if (line.startsWith("WARNING: ")) {
                getLog().warn(line.substring("WARNING: ".length()));
            } else if (line.startsWith("WARN: ")) {
                getLog().warn(line.substring("WARN: ".length()));
            } else if (FAILED_RUN.matcher(line).find()) {
                getLog().warn(line);
            } else if (line.startsWith("INFO: ")) {
                getLog().info(line.substring("INFO: ".length()));
            } else {
                getLog().info(line);
            }
        };
    }

    /** Shortens a path for log lines: relative to the project folder when it lies inside. */
    protected String relative(Path path) {
        Path absolute = path.toAbsolutePath();
        if (project == null || project.getBasedir() == null) {
            return absolute.toString();
        }
        Path base = project.getBasedir().toPath().toAbsolutePath();
        return absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
    }
}
