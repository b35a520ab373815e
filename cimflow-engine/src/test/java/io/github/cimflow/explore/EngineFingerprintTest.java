package io.github.cimflow.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineFingerprintTest {
    @TempDir
    Path folder;

    private Path classFolder(byte lastByte) throws IOException {
        Path root = folder.resolve("classes-" + lastByte);
        Path sim = Files.createDirectories(root.resolve("io/github/cimflow/sim"));
        Files.write(sim.resolve("Simulator.class"), new byte[] {(byte) 0xca, (byte) 0xfe, lastByte});
        Files.write(Files.createDirectories(root.resolve("io/github/cimflow/cg")).resolve("GraphCompiler.class"),
                new byte[] {1, 2});
        return root;
    }

    @Test
    void changedClassByteChangesDigest() throws IOException {
        assertNotEquals(EngineFingerprint.ofClassFolder(classFolder((byte) 1)),
                EngineFingerprint.ofClassFolder(classFolder((byte) 2)));
    }

    @Test
    void sameClassesGiveSameDigest() throws IOException {
        Path first = classFolder((byte) 1);
        Path second = folder.resolve("copy");
        Files.createDirectories(second.resolve("io/github/cimflow/sim"));
        Files.createDirectories(second.resolve("io/github/cimflow/cg"));
        Files.copy(first.resolve("io/github/cimflow/sim/Simulator.class"),
                second.resolve("io/github/cimflow/sim/Simulator.class"));
        Files.copy(first.resolve("io/github/cimflow/cg/GraphCompiler.class"),
                second.resolve("io/github/cimflow/cg/GraphCompiler.class"));
        assertEquals(EngineFingerprint.ofClassFolder(first), EngineFingerprint.ofClassFolder(second));
    }

    @Test
    void filesOutsideEngineAreIgnored() throws IOException {
        Path root = classFolder((byte) 1);
        String before = EngineFingerprint.ofClassFolder(root);
        Files.writeString(root.resolve("notes.txt"), "not part of the engine");
        assertEquals(before, EngineFingerprint.ofClassFolder(root));
    }

    @Test
    void renamedClassChangesDigest() throws IOException {
        Path root = classFolder((byte) 1);
        String before = EngineFingerprint.ofClassFolder(root);
        Files.move(root.resolve("io/github/cimflow/cg/GraphCompiler.class"),
                root.resolve("io/github/cimflow/cg/GraphCompiler2.class"));
        assertNotEquals(before, EngineFingerprint.ofClassFolder(root));
    }

    @Test
    void jarDigestMatchesClassFolderDigest() throws IOException {
        Path root = classFolder((byte) 1);
        Path jar = folder.resolve("engine.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            // Written in reverse order: the digest sorts entries by name, as it sorts folder paths.
            put(out, "io/github/cimflow/sim/Simulator.class", new byte[] {(byte) 0xca, (byte) 0xfe, 1});
            put(out, "io/github/cimflow/cg/GraphCompiler.class", new byte[] {1, 2});
            put(out, "picocli/CommandLine.class", new byte[] {7});
        }
        assertEquals(EngineFingerprint.ofClassFolder(root), EngineFingerprint.ofJar(jar));
    }

    @Test
    void storedDigestIsNotPartOfDigest() throws IOException {
        Path root = classFolder((byte) 1);
        String before = EngineFingerprint.ofClassFolder(root);
        Files.writeString(root.resolve(EngineFingerprint.STORED_NAME), "0".repeat(64));
        assertEquals(before, EngineFingerprint.ofClassFolder(root));
    }

    @Test
    void mainStoresClassFolderDigest() throws IOException {
        Path root = classFolder((byte) 1);
        String expected = EngineFingerprint.ofClassFolder(root);
        EngineFingerprint.main(new String[] {root.toString()});
        assertEquals(expected + "\n", Files.readString(root.resolve(EngineFingerprint.STORED_NAME)));
    }

    @Test
    void jarDigestSkipsStoredDigest() throws IOException {
        Path root = classFolder((byte) 1);
        Path jar = folder.resolve("engine.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "io/github/cimflow/sim/Simulator.class", new byte[] {(byte) 0xca, (byte) 0xfe, 1});
            put(out, "io/github/cimflow/cg/GraphCompiler.class", new byte[] {1, 2});
            put(out, EngineFingerprint.STORED_NAME, "f".repeat(64).getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(EngineFingerprint.ofClassFolder(root), EngineFingerprint.ofJar(jar));
    }

    @Test
    void storedDigestIsReadFromJar() throws IOException {
        Path jar = folder.resolve("stored.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, EngineFingerprint.STORED_NAME, ("ab".repeat(32) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertEquals("ab".repeat(32), EngineFingerprint.stored(loader));
        }
    }

    @Test
    void storedDigestInClassFolderIsIgnored() throws IOException {
        Path root = classFolder((byte) 1);
        Files.writeString(root.resolve(EngineFingerprint.STORED_NAME), "ab".repeat(32) + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            assertNull(EngineFingerprint.stored(loader));
        }
    }

    @Test
    void runningEngineHasSha256Fingerprint() {
        assertTrue(EngineFingerprint.current().matches("[0-9a-f]{64}"), EngineFingerprint.current());
    }

    private static void put(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        OutputStream out = jar;
        out.write(bytes);
        jar.closeEntry();
    }
}
