package dev.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/** A log directory as the tests see it: its manifest's files, their records, the bytes of every file. */
final class LogDirectory {
    private final Path directory;

    LogDirectory(Path directory) {
        this.directory = directory;
    }

    /** Returns the manifest on disk. */
    Manifest manifest() {
        try {
            return Manifest.read(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the path of the manifest's last file: the tail being appended to. */
    Path lastTail() {
        return path(manifest().files().getLast());
    }

    Path path(Manifest.Entry entry) {
        return directory.resolve(entry.fileName());
    }

    /** Returns the records of {@code entry}'s file, asserting that it has no damage. */
    List<LogRecord> records(Manifest.Entry entry) {
        try (LogFileReader reader = LogFileReader.open(path(entry), entry.kind(), entry.sequence())) {
            List<LogRecord> records = new ArrayList<>();
            for (LogRecord record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
            assertNull(reader.damage(), () -> entry + " is damaged: " + reader.damage());
            assertEquals(reader.size(), reader.position(), entry + " has bytes after its last record");
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the records of the last tail. */
    List<LogRecord> tailRecords() {
        return records(manifest().files().getLast());
    }

    /** Asserts that every file of the manifest parses to its end, with no damage; returns how many records they hold. */
    int assertParsesCleanly() {
        int count = 0;
        for (Manifest.Entry entry : manifest().files()) {
            count += records(entry).size();
        }
        return count;
    }

    /** Returns the record of {@code argv} at the current millisecond, as a buffer to write out. */
    static ByteBuffer record(String... argv) {
        byte[][] bytes = new byte[argv.length][];
        for (int i = 0; i < argv.length; i++) {
            bytes[i] = argv[i].getBytes(StandardCharsets.UTF_8);
        }
        int payloadLength = (int) LogFileDescriptor.payloadLength(bytes);
        ByteBuffer record = ByteBuffer.allocate(LogFileDescriptor.RECORD_HEADER_LENGTH + payloadLength);
        LogFileDescriptor.writeRecord(record, bytes, System.currentTimeMillis(), payloadLength, new CRC32C());
        return record.flip();
    }

    /** Writes {@code bytes} at the end of {@code file}, as a writer would. */
    static void append(Path file, ByteBuffer bytes) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(bytes, channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns every file's name and bytes, sorted by name. */
    Map<String, byte[]> contents() {
        Map<String, byte[]> contents = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                contents.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return contents;
    }

    /** Asserts that the directory holds exactly {@code expected}: the same files with the same bytes. */
    void assertContents(Map<String, byte[]> expected) {
        Map<String, byte[]> actual = contents();
        assertEquals(expected.keySet(), actual.keySet(), "files of " + directory);
        for (Map.Entry<String, byte[]> file : expected.entrySet()) {
            if (!Arrays.equals(file.getValue(), actual.get(file.getKey()))) {
                throw new AssertionError(file.getKey() + " changed: " + file.getValue().length + " bytes before, "
                        + actual.get(file.getKey()).length + " after");
            }
        }
    }
}
