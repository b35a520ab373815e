package io.github.cimflow.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cimflow.CimflowException;
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

    @Test
    void fileInPlaceOfFolderNamed() throws IOException {
        Path file = Files.writeString(folder.resolve("out"), "x");
        Path report = file.resolve("report.txt");

        CimflowException error = assertThrows(CimflowException.class, () -> AtomicFiles.writeString(report, "x"));

        assertEquals("could not write " + report + ": " + file + " is a file where a folder is needed; remove it or "
                + "choose another output folder", error.getMessage());
    }
}
