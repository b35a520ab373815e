package io.github.cimflow.explore;

import io.github.cimflow.CimflowException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
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
 *
 * <p>The build stores the digest of {@code target/classes} in the jar as {@link #STORED_NAME}
 * (see {@link #main}), because hashing the jar's classes costs more start-up time than the rest of
 * a fully cached batch. Only a jar's stored digest is trusted, because a class folder may have been
 * recompiled after the digest was written. For a class folder the digest is always computed.
 */
final class EngineFingerprint {
    private static final String PREFIX = "io/github/cimflow/";
    /** The stored digest's path in the jar. The digest itself leaves this file out. */
    static final String STORED_NAME = PREFIX + "engine-fingerprint.sha256";
    private static volatile String current;

    private EngineFingerprint() {
    }

    /**
     * Writes the digest of a class folder to {@link #STORED_NAME} inside it. The build runs this
     * after the tests and before packaging, so the jar carries the digest of exactly its classes.
     *
     * @param args the class folder, such as {@code target/classes}
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: EngineFingerprint CLASS_FOLDER");
        }
        Path root = Path.of(args[0]);
        Files.writeString(root.resolve(STORED_NAME), ofClassFolder(root) + "\n", StandardCharsets.UTF_8);
    }

    /** Returns the fingerprint of the running engine: the jar's stored digest, else computed once per process. */
    static String current() {
        String fingerprint = current;
        if (fingerprint == null) {
            fingerprint = stored(EngineFingerprint.class.getClassLoader());
            if (fingerprint == null) {
                fingerprint = compute();
            }
            current = fingerprint;
        }
        return fingerprint;
    }

    /** Returns the digest a jar on the loader's class path stores, or null when only a class folder has one. */
    static String stored(ClassLoader loader) {
        URL resource = loader.getResource(STORED_NAME);
        if (resource == null || !resource.getProtocol().equals("jar")) {
            return null;
        }
        try (InputStream in = resource.openStream()) {
            String digest = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return digest.matches("[0-9a-f]{64}") ? digest : null;
        } catch (IOException e) {
            return null;
        }
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
        byName.remove(STORED_NAME);
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
            entries.removeIf(entry -> entry.isDirectory() || !entry.getName().startsWith(PREFIX)
                    || entry.getName().equals(STORED_NAME));
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
