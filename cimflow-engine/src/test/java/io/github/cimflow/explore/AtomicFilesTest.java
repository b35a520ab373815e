package io.github.cimflow.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path folder;

    @Test
    void writtenFileIsWorldReadable() throws IOException {
        assumeTrue(Files.getFileAttributeView(folder, PosixFileAttributeView.class) != null,
                "the file system has no POSIX permissions");
        Path report = folder.resolve("report.txt");

        AtomicFiles.writeString(report, "latency: 1 ms\n");

        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
    }

    @Test
    void writtenFileHasTheContent() throws IOException {
        Path report = folder.resolve("report.txt");

        AtomicFiles.writeString(report, "latency: 1 ms\n");

        assertEquals("latency: 1 ms\n", Files.readString(report));
    }
}
