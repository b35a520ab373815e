package io.github.cimflow.explore;

import io.github.cimflow.CimflowException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * SHA-256 over the engine's own files (every class and resource under {@code io/github/cimflow/}),
 * so that cached results are invalidated by any change to the compiler or simulator, even one
 * that keeps the version string.
 */
final class EngineFingerprint {
    private static final String PREFIX = "io/github/cimflow/";
    private static volatile String current;

    private EngineFingerprint() {
    }

    /** Returns the fingerprint of the running engine, computed once per process. */
    static String current() {
        String fingerprint = current;
        if (fingerprint == null) {
            fingerprint = compute();
            current = fingerprint;
        }
        return fingerprint;
    }

    private static String compute() {
        CodeSource source = EngineFingerprint.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new CimflowException("the engine's class files cannot be located, so the result cache cannot "
                    + "fingerprint the build; run cimflow from its jar or class folder");
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            return Files.isDirectory(location) ? ofClassFolder(location) : ofJar(location);
        } catch (URISyntaxException | IOException e) {
            throw new CimflowException("could not read the engine's class files at " + source.getLocation()
                    + " to fingerprint the build: " + e);
        }
    }

    /** Digest of the engine files in a class folder such as {@code target/classes}. */
    static String ofClassFolder(Path root) throws IOException {
        Path engineRoot = root.resolve(PREFIX);
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(engineRoot)) {
            try (Stream<Path> walk = Files.walk(engineRoot)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        TreeMap<String, Path> byName = new TreeMap<>();
        for (Path file : files) {
            byName.put(root.relativize(file).toString().replace('\\', '/'), file);
        }
        MessageDigest sha256 = sha256();
        for (var entry : byName.entrySet()) {
            update(sha256, entry.getKey(), Files.readAllBytes(entry.getValue()));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Digest of the engine entries of a jar. */
    static String ofJar(Path jar) throws IOException {
        MessageDigest sha256 = sha256();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<JarEntry> entries = new ArrayList<>(Collections.list(file.entries()));
            entries.removeIf(entry -> entry.isDirectory() || !entry.getName().startsWith(PREFIX));
            entries.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (JarEntry entry : entries) {
                try (InputStream in = file.getInputStream(entry)) {
                    update(sha256, entry.getName(), in.readAllBytes());
                }
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Hashes the name and length before the bytes so that moving bytes between files changes the digest. */
    private static void update(MessageDigest sha256, String name, byte[] bytes) {
        sha256.update(name.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(Long.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
