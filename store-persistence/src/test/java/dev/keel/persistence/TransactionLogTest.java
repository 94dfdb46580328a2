package dev.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.FsyncPolicy;
import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction (store.atomically, MULTI/EXEC) reaches the log as one record: it replays whole,
 * a crash that tears it loses all of it and nothing else, and a rolled-back closure leaves no
 * record at all.
 */
class TransactionLogTest {
    @TempDir
    Path dir;

    private Store open() {
        return Keel.builder().appendOnly(dir, FsyncPolicy.ALWAYS).open();
    }

    @Test
    void atomicallyAndExec_areOneRecordEach_andReplayWhole() {
        try (Store store = open()) {
            store.commands().set("stock", "3");
            store.atomically(List.of("stock", "orders"), tx -> {
                tx.decr("stock");
                tx.rpush("orders", "order-1");
                return tx.get("stock");
            });
            store.execute("MULTI");
            store.execute("DECR", "stock");
            store.execute("RPUSH", "orders", "order-2");
            store.execute("SADD", "customers", "ada", "bob");
            store.execute("SPOP", "customers");
            store.execute("EXEC");
        }
        List<LogRecord> records = new LogDirectory(dir).tailRecords();
        assertEquals(3, records.size(), "SET, then one record per transaction");
        assertEquals("EXEC", new String(records.get(1).argv()[0]));
        assertEquals("EXEC", new String(records.get(2).argv()[0]));
        try (Store store = open()) {
            assertEquals("1", store.commands().get("stock"));
            assertEquals(List.of("order-1", "order-2"), store.commands().lrange("orders", 0, -1));
            assertEquals(1, store.commands().scard("customers"), "the SPOP replays as the SREM it did");
        }
    }

    @Test
    void aRolledBackClosure_leavesNoRecord() {
        try (Store store = open()) {
            store.commands().set("k", "before");
            assertThrows(IllegalStateException.class, () -> store.atomically(tx -> {
                tx.set("k", "after");
                tx.rpush("list", "x");
                throw new IllegalStateException("changed my mind");
            }));
        }
        assertEquals(1, new LogDirectory(dir).tailRecords().size());
        try (Store store = open()) {
            assertEquals("before", store.commands().get("k"));
            assertEquals(0, store.commands().exists("list"));
        }
    }

    @Test
    void aTornTransaction_isCutWhole_atEveryByte() throws IOException {
        try (Store store = open()) {
            store.commands().set("first", "kept");
            store.atomically(tx -> {
                tx.set("a", "1");
                tx.set("b", "2");
                return tx.rpush("c", "x", "y");
            });
        }
        LogDirectory files = new LogDirectory(dir);
        Path tail = files.lastTail();
        LogRecord group = files.tailRecords().get(1);
        byte[] whole = java.nio.file.Files.readAllBytes(tail);
        for (int cut = (int) group.offset() + 1; cut < group.offset() + group.length(); cut++) {
            java.nio.file.Files.write(tail, java.util.Arrays.copyOf(whole, cut));
            try (Store store = open()) {
                assertEquals("kept", store.commands().get("first"), "cut at " + cut);
                assertNull(store.commands().get("a"), "cut at " + cut);
                assertNull(store.commands().get("b"), "cut at " + cut);
                assertEquals(0, store.commands().exists("c"), "cut at " + cut);
            }
        }
        java.nio.file.Files.write(tail, whole);
        try (FileChannel channel = FileChannel.open(tail, StandardOpenOption.WRITE)) {
            assertEquals(whole.length, channel.size());
        }
        try (Store store = open()) {
            assertEquals(Reply.integer(2), store.execute("LLEN", "c"));
        }
    }
}
