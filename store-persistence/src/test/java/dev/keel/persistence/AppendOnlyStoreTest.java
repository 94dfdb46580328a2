package dev.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.FsyncPolicy;
import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AppendOnlyStoreTest {
    @TempDir
    Path dir;

    private Store open(FsyncPolicy policy) {
        return Keel.builder().appendOnly(dir, policy).open();
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void reopen_afterWrites_hasEveryWrite(FsyncPolicy policy) {
        try (Store store = open(policy)) {
            assertInstanceOf(AppendOnlyStore.class, store);
            store.execute("SET", "s", "v");
            store.execute("RPUSH", "l", "a", "b", "c");
            store.execute("LPOP", "l");
            store.execute("HSET", "h", "f", "1", "g", "2");
            store.execute("SADD", "set", "x", "y");
            store.execute("ZADD", "z", "1.5", "m", "-0", "n");
            store.execute("XADD", "x", "1-1", "f", "v");
            store.execute("INCRBY", "n", "5");
            store.execute("DEL", "missing");
            store.execute("INCR", "s");
        }
        try (Store store = open(policy)) {
            assertEquals("v", text(store.execute("GET", "s")));
            assertEquals(List.of("b", "c"), store.commands().lrange("l", 0, -1));
            assertEquals("2", text(store.execute("HGET", "h", "g")));
            assertEquals(2, store.commands().scard("set"));
            assertEquals("-0", text(store.execute("ZSCORE", "z", "n")));
            assertEquals(1, store.commands().xlen("x"));
            assertEquals("5", text(store.execute("GET", "n")));
        }
    }

    @Test
    void files_areOwnerOnly() throws Exception {
        try (Store store = open(FsyncPolicy.EVERYSEC)) {
            store.execute("SET", "k", "v");
        }
        for (String name : AppendOnlyLog.logFiles(dir)) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(dir.resolve(name)), name);
        }
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(dir.resolve(Manifest.NAME)));
    }

    @Test
    void open_twice_refusesTheSecond() {
        try (Store store = open(FsyncPolicy.NO)) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> open(FsyncPolicy.NO));
            assertTrue(e.getMessage().contains("in use by another store"), e.getMessage());
            assertEquals(LockProbe.State.HELD, LockProbe.probe(dir).state(), "the refused open left the first store's file lock alone");
            assertNull(store.execute("GET", "k") instanceof Reply.Error ? "error" : null);
        }
    }

    @Test
    void expire_replaysAtItsOwnInstant() {
        try (Store store = open(FsyncPolicy.EVERYSEC)) {
            store.execute("SET", "k", "v");
            store.execute("EXPIRE", "k", "1000");
            store.execute("SET", "gone", "v", "PX", "1");
        }
        try (Store store = open(FsyncPolicy.EVERYSEC)) {
            long ttl = store.commands().ttl("k");
            assertTrue(ttl > 990 && ttl <= 1000, "ttl " + ttl);
            assertEquals(0, store.commands().exists("gone"));
        }
    }

    @Test
    void info_afterReplay_countsTheDataButNotTheReplayedCommands() throws Exception {
        try (Store store = open(FsyncPolicy.NO)) {
            store.execute("SET", "a", "1");
            store.execute("SET", "b", "2", "EX", "1000");
        }
        try (Store store = open(FsyncPolicy.NO)) {
            dev.keel.StoreInfo info = store.info();
            assertEquals(2, info.keys());
            assertEquals(1, info.keysWithExpiry());
            assertEquals(0, info.totalCommandsProcessed());
            store.execute("GET", "a");
            assertEquals(1, store.info().keyspaceHits());
            javax.management.ObjectName name = ((AppendOnlyStore) store).engine().mbeanName();
            assertEquals(2L, java.lang.management.ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Keys"));
        }
    }

    /** A clock the test moves. */
    private static final class MovingClock implements java.time.InstantSource {
        private volatile long millis = 1_700_000_000_000L;

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.ofEpochMilli(millis);
        }

        void advance(long by) {
            millis += by;
        }
    }

    @Test
    void hashEmptiedByFieldExpiry_onARead_replaysAsGone() {
        MovingClock clock = new MovingClock();
        try (Store store = Keel.builder().clock(clock).activeExpiry(false).appendOnly(dir, FsyncPolicy.NO).open()) {
            store.execute("HSET", "h", "f", "v");
            store.execute("HPEXPIRE", "h", "100", "FIELDS", "1", "f");
            clock.advance(1_000);
            assertEquals(Reply.NIL, store.execute("HGET", "h", "f"));
            assertEquals(Reply.OK, store.execute("SET", "h", "x", "NX"), "the read removed the emptied hash");
        }
        try (Store store = Keel.builder().clock(clock).activeExpiry(false).appendOnly(dir, FsyncPolicy.NO).open()) {
            assertEquals("x", text(store.execute("GET", "h")));
        }
    }

    @Test
    void hashEmptiedByFieldExpiry_inTheBackground_replaysAsGone() throws Exception {
        MovingClock clock = new MovingClock();
        try (Store store = Keel.builder().clock(clock).appendOnly(dir, FsyncPolicy.NO).open()) {
            store.execute("HSET", "h", "f", "v");
            store.execute("HPEXPIRE", "h", "100", "FIELDS", "1", "f");
            clock.advance(1_000);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (store.commands().exists("h") == 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, store.commands().exists("h"), "the sweep removed the emptied hash");
            assertEquals(Reply.OK, store.execute("SET", "h", "x", "NX"));
        }
        try (Store store = Keel.builder().clock(clock).activeExpiry(false).appendOnly(dir, FsyncPolicy.NO).open()) {
            assertEquals("x", text(store.execute("GET", "h")));
        }
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void recordsBiggerThanTheBuffers_amongSmallOnes_replayInOrder(FsyncPolicy policy) {
        String big = "b".repeat(6 << 20);
        try (Store store = open(policy)) {
            store.execute("RPUSH", "order", "first");
            store.execute("SET", "big", big);
            store.execute("RPUSH", "order", "second");
            store.execute("APPEND", "big", "!");
            store.execute("RPUSH", "order", "third");
        }
        try (Store store = open(policy)) {
            assertEquals(big + "!", store.commands().get("big"));
            assertEquals(List.of("first", "second", "third"), store.commands().lrange("order", 0, -1));
        }
    }

    @Test
    void evictedKeys_replayAsGone() {
        java.util.Map<String, String> before;
        try (Store store = Keel.builder().maxmemory(256 << 10, dev.keel.EvictionPolicy.ALLKEYS_LRU)
                .appendOnly(dir, FsyncPolicy.NO).open()) {
            for (int i = 0; i < 2_000; i++) {
                store.execute("SET", "k" + i, "v".repeat(500));
            }
            assertTrue(store.commands().dbsize() < 2_000, "some keys were evicted");
            before = StoreContents.of(store);
        }
        try (Store store = Keel.builder().appendOnly(dir, FsyncPolicy.NO).open()) {
            assertEquals(java.util.Map.of(), StoreContents.differences(before, StoreContents.of(store)));
        }
    }

    private static String text(Reply reply) {
        return reply instanceof Reply.Bulk bulk ? new String(bulk.bytes(), java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(reply);
    }
}
