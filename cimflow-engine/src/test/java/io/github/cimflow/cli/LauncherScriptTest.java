package io.github.cimflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the launcher script src/main/bin/cimflow with JAVA_HOME pointing at a stand-in {@code java}
 * that prints its arguments, to check which jar the script passes when it is called through links.
 */
class LauncherScriptTest {
    @TempDir
    Path temp;

    private Path install;
    private Path javaHome;

    @BeforeEach
    void installScript() throws IOException {
        install = temp.resolve("install");
        Files.createDirectories(install.resolve("bin"));
        String script = Files.readString(Path.of("src/main/bin/cimflow")).replace("@JVM_OPTIONS@", "-Xshare:auto");
        executable(install.resolve("bin/cimflow"), script);

        javaHome = temp.resolve("jdk");
        Files.createDirectories(javaHome.resolve("bin"));
        executable(javaHome.resolve("bin/java"), "#!/bin/sh\nfor arg in \"$@\"; do echo \"$arg\"; done\n");
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs {@code command} with the stand-in JDK and returns the arguments that the JVM would get. */
    private List<String> javaArguments(Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().remove("CIMFLOW_OPTS");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output.lines().toList();
    }

    private String realJar() throws IOException {
        return install.toRealPath().resolve("cimflow.jar").toString();
    }

    @Test
    void absoluteSymlinkFindsJar() throws Exception {
        Path link = Files.createDirectories(temp.resolve("elsewhere")).resolve("cimflow");
        Files.createSymbolicLink(link, install.resolve("bin/cimflow"));

        List<String> arguments = javaArguments(Map.of(), link.toString(), "--version");

        assertEquals(List.of("-Xshare:auto", "-jar", realJar(), "--version"), arguments);
    }

    @Test
    void relativeSymlinkChainWithoutReadlinkF() throws Exception {
        // A readlink that rejects -f, as on macOS before 12.3, makes the script take its fallback loop.
        Path tools = Files.createDirectories(temp.resolve("tools"));
        executable(tools.resolve("readlink"),
                "#!/bin/sh\nif [ \"$1\" = -f ]; then exit 1; fi\nexec /usr/bin/readlink \"$@\"\n");
        Path links = Files.createDirectories(temp.resolve("links"));
        Files.createSymbolicLink(links.resolve("second"), Path.of("../install/bin/cimflow"));
        Files.createSymbolicLink(links.resolve("first"), Path.of("second"));

        List<String> arguments = javaArguments(Map.of("PATH", tools + ":" + System.getenv("PATH")),
                links.resolve("first").toString(), "--help");

        assertEquals(List.of("-Xshare:auto", "-jar", realJar(), "--help"), arguments);
    }
}
