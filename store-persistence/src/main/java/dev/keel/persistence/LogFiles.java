package dev.keel.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The file-system operations of the log, in one place: owner-only files, new log files with their
 * header, and forcing a directory so that a rename or a new file survives a crash.
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use.
 */
final class LogFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private LogFiles() {
    }

    /** Returns the attributes of a new file: readable and writable by its owner only (0600), where the file system has permissions. */
    static FileAttribute<?>[] ownerOnly() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    /** Returns the open options of a new file that must not exist yet, for writing. */
    static Set<StandardOpenOption> createOptions() {
        return EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** Creates {@code directory} (0700) if missing. */
    static void createDirectory(Path directory) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IOException(directory + " is not a directory");
        }
        if (!Files.isDirectory(directory)) {
            if (POSIX) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
        }
    }

    /**
     * Creates the log file of {@code kind} numbered {@code sequence} in {@code directory} with its
     * header written and forced, the directory forced too; returns it open for appending.
     */
    static FileChannel create(Path directory, short kind, long sequence, long createdMillis) throws IOException {
        Path path = directory.resolve(Manifest.Entry.fileName(kind, sequence));
        FileChannel channel = FileChannel.open(path, createOptions(), ownerOnly());
        try {
            ByteBuffer header = LogFileDescriptor.header(kind, sequence, createdMillis);
            while (header.hasRemaining()) {
                channel.write(header);
            }
            channel.force(true);
            forceDirectory(directory);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /** Forces {@code directory}'s entries (new files, renames) to disk, where the platform can. */
    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (POSIX) {
                throw e;
            }
            // Windows cannot open a directory; its renames are durable once they return.
        }
    }

    /**
     * Returns why {@code e} happened, for a message: the JDK's file-system exceptions say only
     * which file, their type says why.
     */
    static String reason(IOException e) {
        if (!(e instanceof FileSystemException failed) || failed.getReason() != null) {
            return e.getMessage();
        }
        return failed.getMessage() + ": " + switch (failed) {
            case AccessDeniedException _ -> "permission denied";
            case NoSuchFileException _ -> "no such file or directory";
            case FileAlreadyExistsException _ -> "file exists";
            case NotDirectoryException _ -> "not a directory";
            default -> failed.getClass().getSimpleName();
        };
    }

    /** Writes all of {@code buffer} at the channel's position. */
    static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
