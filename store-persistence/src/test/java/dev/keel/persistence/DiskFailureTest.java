package dev.keel.persistence;

import static dev.keel.persistence.RecoveryTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.keel.FsyncPolicy;
import dev.keel.Keel;
import dev.keel.KeelException;
import dev.keel.Reply;
import dev.keel.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A full disk or a directory that cannot be written gives a clear error and no corruption. */
class DiskFailureTest {
    private static final String MISCONF = "MISCONF Errors writing to the AOF file: " + FullDisk.NO_SPACE;

    @TempDir
    Path dir;

    private final FullDisk disk = new FullDisk();
    /** The keys whose write was acknowledged: they must all be there after a reopen. */
    private final List<String> acknowledged = new ArrayList<>();

    private AppendOnlyStore openOnDisk(FsyncPolicy policy) {
        return AppendOnlyStore.open(Keel.builder().appendOnly(dir, policy).autoRewrite(0, 0).config(), disk::wrap);
    }

    private Store reopen() {
        return Keel.builder().appendOnly(dir, FsyncPolicy.NO).autoRewrite(0, 0).open();
    }

    /** Runs SET key key, as a client would: an error reply or a thrown KeelException is a refusal, returned. */
    private static Reply set(Store store, String key) {
        try {
            return store.execute("SET", key, key);
        } catch (KeelException e) {
            return Reply.error(e.getMessage());
        }
    }

    private void setAcknowledged(Store store, String key) {
        assertEquals(new Reply.Status("OK"), set(store, key), key);
        acknowledged.add(key);
    }

    /** Frees the disk's space and waits until a write is accepted again, which must be within a second or so. */
    private void freeSpaceAndAwaitWrites(Store store) throws InterruptedException {
        disk.free();
        long freed = System.nanoTime();
        while (!(set(store, "after") instanceof Reply.Status)) {
            assertTrue(System.nanoTime() - freed < 2_000_000_000L, "writes accepted again within a second or so");
            Thread.sleep(5);
        }
        acknowledged.add("after");
    }

    private void assertAcknowledgedKept() {
        try (Store store = reopen()) {
            for (String key : acknowledged) {
                assertEquals(key, text(store.execute("GET", key)), key);
            }
        }
        new LogDirectory(dir).assertParsesCleanly();
    }

    // ------------------------------------------------------------------ a full disk

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void fullDisk_refusesWritesWithMisconf_untilSpaceIsFreed(FsyncPolicy policy) throws InterruptedException {
        List<String> refused = new ArrayList<>();
        try (AppendOnlyStore store = openOnDisk(policy)) {
            for (int i = 0; i < 100; i++) {
                setAcknowledged(store, "before:" + i);
            }
            store.log().awaitDurable();
            disk.fillAfter(10);
            Reply failing = set(store, "failing");
            if (policy == FsyncPolicy.ALWAYS) {
                assertEquals(Reply.error(MISCONF), failing, "the write whose record could not be written");
            } else {
                assertEquals(new Reply.Status("OK"), failing, "acknowledged before its record is written");
                acknowledged.add("failing");
            }
            for (int i = 0; ; i++) {
                Reply reply = set(store, "refused:" + i);
                if (reply instanceof Reply.Error) {
                    assertEquals(Reply.error(MISCONF), reply);
                    refused.add("refused:" + i);
                    break;
                }
                acknowledged.add("refused:" + i);
                Thread.sleep(1);
            }
            assertEquals(Reply.error(MISCONF), set(store, "refused:again"));
            refused.add("refused:again");
            assertEquals("before:7", text(store.execute("GET", "before:7")), "reads go on");

            freeSpaceAndAwaitWrites(store);
            for (int i = 0; i < 100; i++) {
                setAcknowledged(store, "after:" + i);
            }
        }
        assertAcknowledgedKept();
        try (Store store = reopen()) {
            for (String key : refused) {
                assertEquals(new Reply.Nil(), store.execute("GET", key), key + " was refused: never applied");
            }
        }
    }

    @Test
    void fullDisk_duringARewrite_failsTheRewriteAndKeepsTheLog() throws IOException, InterruptedException {
        try (AppendOnlyStore store = openOnDisk(FsyncPolicy.ALWAYS)) {
            for (int i = 0; i < 2000; i++) {
                setAcknowledged(store, "before:" + i);
            }
            disk.fillAfter(1000);
            IOException e = assertThrows(IOException.class, store::rewriteLog);
            assertTrue(e.getMessage().contains(FullDisk.NO_SPACE), e.getMessage());
            assertEquals(List.of(), AppendOnlyLog.logFiles(dir).stream().filter(name -> name.endsWith(".snapshot")).toList(),
                    "the snapshot of the failed rewrite is deleted");
            assertEquals("before:7", text(store.execute("GET", "before:7")));
            freeSpaceAndAwaitWrites(store);
        }
        assertAcknowledgedKept();
        try (AppendOnlyStore store = openOnDisk(FsyncPolicy.ALWAYS)) {
            store.rewriteLog();
            setAcknowledged(store, "after:rewrite");
        }
        assertAcknowledgedKept();
    }

    @Test
    void rewrite_whileTheDiskIsFull_leavesALogThatRecoversFromATornRecord() throws IOException, InterruptedException {
        try (AppendOnlyStore store = openOnDisk(FsyncPolicy.ALWAYS)) {
            setAcknowledged(store, "before");
            disk.fillAfter(0);
            set(store, "failing");
            IOException e = assertThrows(IOException.class, store::rewriteLog, "the writer cannot switch files while failing");
            assertTrue(e.getMessage().contains(FullDisk.NO_SPACE), e.getMessage());
            freeSpaceAndAwaitWrites(store);
        }
        // The writer kept appending to the file it had; a crash could have torn its last record.
        LogDirectory files = new LogDirectory(dir);
        Path written = files.path(files.manifest().files().get(files.manifest().files().size() - 2));
        long good = Files.size(written);
        LogDirectory.append(written, LogDirectory.record("SET", "torn", "x".repeat(100)).limit(50));
        try (Store store = reopen()) {
            assertEquals(new Reply.Nil(), store.execute("GET", "torn"));
            assertEquals(good, Files.size(written), "the torn record is cut off");
        }
        assertAcknowledgedKept();
    }

    // ------------------------------------------------------------------ a directory that cannot be written

    @Test
    void directory_thatIsARegularFile_failsClearly() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "data");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Keel.builder().appendOnly(file, FsyncPolicy.ALWAYS).open());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not a directory"), e.getMessage());
        assertEquals("data", Files.readString(file), "left alone");
        UncheckedIOException below = assertThrows(UncheckedIOException.class,
                () -> Keel.builder().appendOnly(file.resolve("log"), FsyncPolicy.ALWAYS).open());
        assertTrue(below.getMessage().contains(file.toString()) && below.getMessage().toLowerCase(java.util.Locale.ROOT).contains("not a directory"), below.getMessage());
    }

    @Test
    void directory_readOnly_failsClearlyOnAFreshLog() throws IOException {
        try {
            assumeReadOnly();
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> Keel.builder().appendOnly(dir, FsyncPolicy.ALWAYS).open());
            assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("permission denied"), e.getMessage());
            assertEquals(List.of(), Arrays.asList(dir.toFile().list()));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void directory_madeReadOnly_keepsTheLogAndFailsRewritesClearly() throws IOException {
        try (AppendOnlyStore store = openOnDisk(FsyncPolicy.ALWAYS)) {
            setAcknowledged(store, "before");
        }
        try (AppendOnlyStore store = openOnDisk(FsyncPolicy.ALWAYS)) {
            assumeReadOnly();
            setAcknowledged(store, "in-read-only");
            assertThrows(AccessDeniedException.class, store::rewriteLog);
            setAcknowledged(store, "after-rewrite");
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        assertAcknowledgedKept();
    }

    /** Makes the directory r-x; skips the test where that does not stop this user (root) from writing in it. */
    private void assumeReadOnly() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        assumeFalse(Files.isWritable(dir), "permissions do not bind this user (root): the directory that is a file stands in");
    }
}
