package dev.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.FsyncPolicy;
import dev.keel.Keel;
import dev.keel.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recovery from what a crash or a damaged disk leaves: a torn last record is cut off at every
 * offset, any other damage stops the open with the file and offset named and nothing changed.
 */
class RecoveryTest {
    @TempDir
    Path dir;

    private LogDirectory files;

    private AppendOnlyStore open() {
        files = new LogDirectory(dir);
        return (AppendOnlyStore) Keel.builder().appendOnly(dir, FsyncPolicy.NO).autoRewrite(0, 0).open();
    }

    /** Writes {@code count} keys k:1.. whose values are {@code valueLength} bytes long, and closes the store. */
    private void writeKeys(int count, int valueLength) {
        try (AppendOnlyStore store = open()) {
            for (int i = 1; i <= count; i++) {
                store.execute("SET", "k:" + i, value(i, valueLength));
            }
        }
    }

    private static String value(int i, int length) {
        String digits = "v:" + i + ":";
        return (digits + "x".repeat(length)).substring(0, length);
    }

    /** Asserts that the store holds exactly the keys k:1..count written by {@link #writeKeys}. */
    private static void assertKeys(AppendOnlyStore store, int count, int valueLength) {
        assertEquals(new Reply.Int(count), store.execute("DBSIZE"));
        for (int i = 1; i <= count; i++) {
            assertEquals(value(i, valueLength), text(store.execute("GET", "k:" + i)), "k:" + i);
        }
    }

    // ------------------------------------------------------------------ torn tails

    @Test
    void truncatedLastRecord_atEveryOffset_opensWithTheRecordsBefore() throws IOException {
        writeKeys(20, 40);
        LogRecord last = files.tailRecords().getLast();
        assertCutsOfTheLastRecord(20, 40, last.offset(), last.offset() + last.length());
    }

    @Test
    void truncatedLastRecord_straddlingAPage_opensWithTheRecordsBefore() throws IOException {
        int valueLength = 100;
        int count = 0;
        for (long end = LogFileDescriptor.HEADER_LENGTH; end <= 4096; ) {
            count++;
            byte[][] argv = {bytes("SET"), bytes("k:" + count), bytes(value(count, valueLength))};
            end += LogFileDescriptor.RECORD_HEADER_LENGTH + LogFileDescriptor.payloadLength(argv);
        }
        writeKeys(count, valueLength);
        LogRecord last = files.tailRecords().getLast();
        long end = last.offset() + last.length();
        assertTrue(last.offset() < 4096 && end > 4096, "straddles the page: " + last);
        assertCutsOfTheLastRecord(count, valueLength, Math.max(last.offset(), 4096 - 32), Math.min(end, 4096 + 32));
    }

    /**
     * Cuts the last tail at each offset from {@code from} to {@code to} inside its last record (of
     * the {@code count} keys {@link #writeKeys} wrote) and asserts that the store opens with the
     * records before, the file cut back to them, and a write after it kept.
     */
    private void assertCutsOfTheLastRecord(int count, int valueLength, long from, long to) throws IOException {
        Path tail = files.lastTail();
        byte[] whole = Files.readAllBytes(tail);
        LogRecord last = files.tailRecords().getLast();
        for (long cut = from; cut < to; cut++) {
            Files.write(tail, Arrays.copyOf(whole, (int) cut));
            try (AppendOnlyStore store = open()) {
                assertKeys(store, count - 1, valueLength);
                assertEquals(last.offset(), Files.size(tail), "cut at " + cut + ": the file goes back to its last good record");
                store.execute("SET", "after", "cut at " + cut);
            }
            try (AppendOnlyStore store = open()) {
                assertEquals("cut at " + cut, text(store.execute("GET", "after")));
                store.execute("DEL", "after");
                assertKeys(store, count - 1, valueLength);
            }
            files.assertParsesCleanly();
        }
    }

    @Test
    void zeroFilledTail_afterTheLastRecord_isCutOffAsTorn() throws IOException {
        writeKeys(10, 20);
        Path tail = files.lastTail();
        long good = Files.size(tail);
        for (int zeros : new int[] {1, 7, 8, 9, 4096, 100_000}) {
            LogDirectory.append(tail, ByteBuffer.allocate(zeros));
            try (AppendOnlyStore store = open()) {
                assertEquals(good, Files.size(tail), zeros + " zeros");
                assertKeys(store, 10, 20);
            }
        }
    }

    // ------------------------------------------------------------------ damage

    @Test
    void bitFlip_inTheMiddleRecordOfTheTail_failsNamingFileAndOffset() throws IOException {
        writeKeys(41, 20);
        Path tail = files.lastTail();
        LogRecord middle = files.tailRecords().get(20);
        assertEveryBitFlipFails(tail, middle.offset(), middle.length(), middle.offset());
    }

    @Test
    void bitFlip_inATailHeader_failsNamingFileAndOffsetZero() throws IOException {
        writeKeys(3, 20);
        assertEveryBitFlipFails(files.lastTail(), 0, LogFileDescriptor.HEADER_LENGTH, 0);
    }

    @Test
    void bitFlip_inTheSnapshot_failsNamingFileAndOffset() throws IOException {
        try (AppendOnlyStore store = open()) {
            for (int i = 0; i < 40; i++) {
                store.execute("RPUSH", "list:" + i, "a", "b", "c");
            }
            store.rewriteLog();
            store.execute("SET", "after", "rewrite");
        }
        Manifest.Entry snapshot = files.manifest().files().getFirst();
        assertEquals(LogFileDescriptor.KIND_SNAPSHOT, snapshot.kind());
        List<LogRecord> records = files.records(snapshot);
        assertEquals(40, records.size());
        LogRecord middle = records.get(20);
        LogRecord last = records.getLast();
        assertEveryBitFlipFails(files.path(snapshot), middle.offset(), middle.length(), middle.offset());
        // Not the last file of the log, so even its last record cannot be torn.
        assertEveryBitFlipFails(files.path(snapshot), last.offset(), last.length(), last.offset());
        assertEveryBitFlipFails(files.path(snapshot), 0, LogFileDescriptor.HEADER_LENGTH, 0);
    }

    @Test
    void truncatedSnapshot_withOnlyAnEmptyTailAfter_failsInsteadOfBeingCut() throws IOException {
        try (AppendOnlyStore store = open()) {
            for (int i = 0; i < 40; i++) {
                store.execute("RPUSH", "list:" + i, "a", "b", "c");
            }
            store.rewriteLog();
        }
        Manifest.Entry snapshot = files.manifest().files().getFirst();
        LogRecord last = files.records(snapshot).getLast();
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(files.path(snapshot),
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(last.offset() + last.length() / 2);
        }
        Map<String, byte[]> before = files.contents();
        LogCorruptedException e = assertOpenFails("a snapshot cut short");
        assertEquals(files.path(snapshot), e.file());
        assertEquals(last.offset(), e.offset());
        assertEquals(before.keySet(), files.contents().keySet());
        for (Map.Entry<String, byte[]> file : before.entrySet()) {
            assertArrayEquals(file.getValue(), files.contents().get(file.getKey()), file.getKey() + " changed");
        }
    }

    /**
     * Flips bits of bytes {@code from} to {@code from + length} of {@code file}, one at a time, and
     * asserts that the open fails naming the file and {@code offset}, changing nothing: every bit
     * of the first 8 bytes (a record's length and checksum), one bit of each byte after them.
     */
    private void assertEveryBitFlipFails(Path file, long from, int length, long offset) throws IOException {
        Map<String, byte[]> before = files.contents();
        byte[] pristine = Files.readAllBytes(file);
        for (long at = from; at < from + length; at++) {
            boolean frame = at < from + LogFileDescriptor.RECORD_HEADER_LENGTH;
            for (int bit = frame ? 0 : (int) (at % 8); bit < (frame ? 8 : at % 8 + 1); bit++) {
                byte[] damaged = pristine.clone();
                damaged[(int) at] ^= (byte) (1 << bit);
                Files.write(file, damaged);
                Map<String, byte[]> damagedContents = files.contents();
                String where = "bit " + bit + " of byte " + at;
                LogCorruptedException e = assertOpenFails(where);
                assertEquals(file, e.file(), where);
                assertEquals(offset, e.offset(), where + ": " + e.getMessage());
                assertTrue(e.getMessage().contains(file + " at offset " + offset), e.getMessage());
                files.assertContents(damagedContents);
            }
        }
        Files.write(file, pristine);
        files.assertContents(before);
    }

    private LogCorruptedException assertOpenFails(String what) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, this::open, what);
        return assertInstanceOf(LogCorruptedException.class, e.getCause(), what);
    }

    @Test
    void replayedRecord_theEngineRefuses_failsNamingFileOffsetAndCommand() throws IOException {
        writeKeys(2, 10);
        Path tail = files.lastTail();
        long offset = Files.size(tail);
        LogDirectory.append(tail, LogDirectory.record("LPUSH", "k:1", "x"));
        Map<String, byte[]> before = files.contents();
        LogCorruptedException e = assertOpenFails("a WRONGTYPE record");
        assertEquals(tail, e.file());
        assertEquals(offset, e.offset());
        assertTrue(e.getMessage().contains("\"LPUSH\" \"k:1\" \"x\"") && e.getMessage().contains("WRONGTYPE"), e.getMessage());
        files.assertContents(before);
    }

    // ------------------------------------------------------------------ manifest

    @Test
    void manifestMissing_withLogFiles_failsSayingSo() throws IOException {
        writeKeys(2, 10);
        Files.delete(dir.resolve(Manifest.NAME));
        Map<String, byte[]> before = files.contents();
        LogCorruptedException e = assertOpenFails("no manifest");
        assertTrue(e.getMessage().contains("manifest missing") && e.getMessage().contains("keel.1.log"), e.getMessage());
        files.assertContents(before);
    }

    @Test
    void manifestMissing_inAnEmptyDirectory_opensEmpty() {
        assertOpensEmptyAndKeepsAWrite();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 30, LogFileDescriptor.HEADER_LENGTH})
    void manifestMissing_withOnlyTheFirstTailCutShort_opensEmpty(int length) throws IOException {
        // What a crash during the very first open leaves: the first tail being created, the manifest not yet written.
        ByteBuffer header = LogFileDescriptor.header(LogFileDescriptor.KIND_TAIL, 1, System.currentTimeMillis());
        Files.write(dir.resolve("keel.1.log"), Arrays.copyOf(header.array(), length));
        assertOpensEmptyAndKeepsAWrite();
    }

    private void assertOpensEmptyAndKeepsAWrite() {
        try (AppendOnlyStore store = open()) {
            assertEquals(new Reply.Int(0), store.execute("DBSIZE"));
            store.execute("SET", "k", "v");
        }
        try (AppendOnlyStore store = open()) {
            assertEquals("v", text(store.execute("GET", "k")));
        }
    }

    @Test
    void manifest_namingAMissingFile_failsNamingIt() throws IOException {
        writeKeys(2, 10);
        new Manifest(List.of(new Manifest.Entry(LogFileDescriptor.KIND_SNAPSHOT, 1), new Manifest.Entry(LogFileDescriptor.KIND_TAIL, 1)))
                .write(dir);
        Map<String, byte[]> before = files.contents();
        LogCorruptedException e = assertOpenFails("a missing snapshot");
        assertEquals(dir.resolve("keel.1.snapshot"), e.file());
        assertTrue(e.getMessage().contains("keel.1.snapshot") && e.getMessage().contains("missing"), e.getMessage());
        files.assertContents(before);
    }

    @Test
    void manifest_withABrokenChecksum_fails() throws IOException {
        writeKeys(2, 10);
        Path manifest = dir.resolve(Manifest.NAME);
        String text = Files.readString(manifest);
        Files.writeString(manifest, text.replace("tail 1 keel.1.log", "tail 2 keel.2.log"));
        Map<String, byte[]> before = files.contents();
        LogCorruptedException e = assertOpenFails("a broken manifest");
        assertEquals(manifest, e.file());
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        files.assertContents(before);
    }

    @Test
    void unlistedFiles_leftByACrashedRewrite_areRemovedAndRewritesGoOn() throws IOException {
        writeKeys(5, 10);
        long last = files.manifest().lastSequence();
        long now = System.currentTimeMillis();
        LogFiles.create(dir, LogFileDescriptor.KIND_TAIL, last + 1, now).close();
        LogFiles.create(dir, LogFileDescriptor.KIND_SNAPSHOT, last + 1, now).close();
        LogFiles.create(dir, LogFileDescriptor.KIND_TAIL, 9, now).close();
        Files.writeString(dir.resolve(Manifest.NAME + ".tmp"), "half a manifest");
        try (AppendOnlyStore store = open()) {
            assertEquals(List.of("keel.1.log", "keel.lock", "keel.manifest"), List.copyOf(files.contents().keySet()));
            assertKeys(store, 5, 10);
            store.rewriteLog();
            store.execute("SET", "k:6", value(6, 10));
            store.rewriteLog();
        }
        try (AppendOnlyStore store = open()) {
            assertKeys(store, 6, 10);
            assertFalse(files.contents().containsKey("keel.9.log"));
        }
        files.assertParsesCleanly();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(Reply reply) {
        return reply instanceof Reply.Bulk bulk ? new String(bulk.bytes(), StandardCharsets.UTF_8) : String.valueOf(reply);
    }
}
