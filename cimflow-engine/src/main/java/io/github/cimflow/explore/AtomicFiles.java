package io.github.cimflow.explore;

import io.github.cimflow.CimflowException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that a reader, or a rerun after the process was killed, reads either the old
 * content or the complete new content: the bytes go to a hidden temporary file in the same folder,
 * which is then renamed over the target.
 */
public final class AtomicFiles {
    static final String TEMP_SUFFIX = ".partial";

    private AtomicFiles() {
    }

    /** Writes UTF-8 text atomically, creating the parent folder if needed. */
    public static void writeString(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes bytes atomically, creating the parent folder if needed. */
    public static void write(Path target, byte[] bytes) {
        Path folder = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(folder);
            temp = Files.createTempFile(folder, "." + target.getFileName() + ".", TEMP_SUFFIX);
            Files.write(temp, bytes);
            makeReadable(temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (FileAlreadyExistsException e) {
            throw new CimflowException("could not write " + target + ": " + e.getFile() + " is a file where a "
                    + "folder is needed; remove it or choose another output folder");
        } catch (IOException e) {
            throw new CimflowException("could not write " + target + ": " + describe(e) + "; check that the "
                    + "folder is writable and the disk is not full");
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The write already failed and is reported; a leftover temporary file is removed by the next run.
                }
            }
        }
    }

    /** Describes a file system error in words, without the exception's class name. */
    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + " not found";
        }
        if (e instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile();
        }
        if (e instanceof FileSystemException failed && failed.getReason() != null) {
            return (failed.getFile() == null ? "" : failed.getFile() + ": ") + failed.getReason();
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    /**
     * Gives the file the permissions of an ordinary new file (rw-r--r--). Temporary files are
     * created owner-only, and reports must stay readable by others once renamed into place.
     */
    private static void makeReadable(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /**
     * Deletes temporary files a killed process left in a folder.
     *
     * <p>NOTE: assumes no other cimflow process writes into the same folder at the same time.
     *
     * @return how many were deleted
     */
    static int deleteLeftovers(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "." + "*" + TEMP_SUFFIX)) {
            for (Path entry : entries) {
                Files.deleteIfExists(entry);
                deleted++;
            }
        } catch (IOException e) {
            throw new CimflowException("could not clean temporary files in " + folder + ": " + e);
        }
        return deleted;
    }
}
