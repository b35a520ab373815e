package io.github.cimflow.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the reference executor independent of what it checks: the quant and reference packages use
 * only java.*, the model IR and the shared exception (reference also uses quant), and the compilers
 * and the simulator never use the reference executor. Reads the import lines and fully qualified names
 * of the main sources.
 */
class PackageDependencyTest {
    private static final Path SOURCES = Path.of("src", "main", "java", "io", "github", "cimflow");
    private static final Pattern PROJECT_NAME = Pattern.compile("io\\.github\\.cimflow\\.([A-Za-z]+)");

    /** Lists every project package or class that the package's source files name, as "File.java -> name". */
    private static List<String> projectReferences(String packageName) throws IOException {
        List<String> references = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES.resolve(packageName))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("package ")) {
                        continue;
                    }
                    Matcher matcher = PROJECT_NAME.matcher(line);
                    while (matcher.find()) {
                        references.add(file.getFileName() + " -> " + matcher.group(1));
                    }
                }
            }
        }
        return references;
    }

    private static List<String> disallowed(String packageName, List<String> allowed) throws IOException {
        List<String> violations = new ArrayList<>();
        for (String reference : projectReferences(packageName)) {
            String target = reference.substring(reference.indexOf(" -> ") + 4);
            if (!allowed.contains(target)) {
                violations.add(reference);
            }
        }
        return violations;
    }

    @Test
    void quantUsesOnlyModel() throws IOException {
        assertEquals(List.of(), disallowed("quant", List.of("model", "CimflowException", "quant")));
    }

    @Test
    void referenceUsesOnlyModelAndQuant() throws IOException {
        assertEquals(List.of(), disallowed("reference", List.of("model", "CimflowException", "quant", "reference")));
    }

    @Test
    void compilersAndSimulatorIgnoreReference() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String packageName : List.of("op", "cg", "isa", "sim")) {
            for (String reference : projectReferences(packageName)) {
                if (reference.endsWith(" -> reference")) {
                    violations.add(packageName + "/" + reference);
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void scanSeesImports() throws IOException {
        // Guards against a scan that finds nothing: IntegerExecutor imports the model IR and quant.
        List<String> references = projectReferences("reference");

        assertEquals(true, references.contains("IntegerExecutor.java -> model"), references.toString());
        assertEquals(true, references.contains("IntegerExecutor.java -> quant"), references.toString());
    }
}
