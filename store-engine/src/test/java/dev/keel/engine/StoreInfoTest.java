package dev.keel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.EvictionPolicy;
import dev.keel.Keel;
import dev.keel.SetArgs;
import dev.keel.StoreInfo;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link OffHeapStore#info()}: the counters of hits and misses, expired and evicted keys and
 * commands processed, counted as Redis 7.0 counts them (the expected deltas were read from a real
 * Redis 7.0.15's INFO after the same commands).
 */
class StoreInfoTest extends AbstractCommandTest {

    /** Runs {@code argv} and returns by how much it changed the statistic {@code stat}. */
    private long delta(ToLongFunction<StoreInfo> stat, String... argv) {
        long before = stat.applyAsLong(store.info());
        exec(argv);
        return stat.applyAsLong(store.info()) - before;
    }

    /** Asserts the hits and misses {@code argv} counts. */
    private void assertReads(long hits, long misses, String... argv) {
        StoreInfo before = store.info();
        exec(argv);
        StoreInfo after = store.info();
        assertEquals(hits + " hits, " + misses + " misses",
                (after.keyspaceHits() - before.keyspaceHits()) + " hits, " + (after.keyspaceMisses() - before.keyspaceMisses()) + " misses",
                () -> String.join(" ", argv));
    }

    // ------------------------------------------------------------------ hits and misses

    @Test
    void readCommands_countEveryKeyLookedUp() {
        redis.set("s", "v");
        redis.hset("h", "f", "v");
        redis.rpush("l", "a");
        redis.sadd("st", "a");
        assertReads(1, 0, "GET", "s");
        assertReads(0, 1, "GET", "nope");
        assertReads(1, 1, "MGET", "s", "nope");
        assertReads(2, 1, "EXISTS", "s", "nope", "s");
        assertReads(1, 0, "TYPE", "s");
        assertReads(1, 0, "TTL", "s");
        assertReads(1, 1, "TOUCH", "s", "nope");
        assertReads(0, 1, "OBJECT", "ENCODING", "nope");
        assertReads(1, 0, "HGET", "h", "f");
        assertReads(1, 0, "LRANGE", "l", "0", "-1");
        assertReads(1, 1, "SINTER", "st", "nope");
    }

    @Test
    void readCommand_onWrongType_countsAHit() {
        redis.rpush("l", "a");
        assertReads(1, 0, "GET", "l");
    }

    @Test
    void writeCommands_countNoRead() {
        redis.set("s", "1");
        redis.rpush("l", "a", "b");
        assertReads(0, 0, "SET", "s", "2");
        assertReads(0, 0, "INCR", "s");
        assertReads(0, 0, "APPEND", "s", "x");
        assertReads(0, 0, "DEL", "s", "nope");
        assertReads(0, 0, "LPOP", "l");
        assertReads(0, 0, "LMOVE", "l", "l2", "LEFT", "LEFT");
        assertReads(0, 0, "EXPIRE", "l2", "100");
        assertReads(0, 0, "RENAME", "l2", "l3");
    }

    @Test
    void writeCommandsThatReadFirst_countTheirReadsOnly() {
        redis.set("s", "v");
        redis.sadd("a", "1");
        redis.zadd("z", 1, "m");
        assertReads(1, 0, "SET", "s", "w", "GET");
        assertReads(0, 1, "SET", "n", "w", "GET");
        assertReads(1, 0, "GETSET", "s", "x");
        assertReads(1, 0, "GETEX", "s");
        assertReads(1, 0, "COPY", "s", "s2");
        assertReads(0, 1, "COPY", "nope", "s3");
        assertReads(1, 0, "GETDEL", "s");
        assertReads(1, 1, "SINTERSTORE", "d", "a", "nope");
        assertReads(1, 0, "ZUNIONSTORE", "d2", "1", "z");
        assertReads(1, 0, "ZRANGESTORE", "d3", "z", "0", "-1");
    }

    @Test
    void expiredKeyMetByARead_countsAMissAndAnExpiredKey() {
        redis.set("s", "v", SetArgs.px(10));
        clock.advanceMillis(11);
        assertReads(0, 1, "GET", "s");
        assertEquals(1, store.info().expiredKeys());
    }

    @Test
    void readCommandRunAgainForAWaiter_countsOnlyItsFirstRun() throws Exception {
        var blocked = startBlocked("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        exec("XADD", "s", "1-1", "f", "v");
        answerOf(blocked);
        StoreInfo info = store.info();
        assertEquals("0 hits, 1 misses", info.keyspaceHits() + " hits, " + info.keyspaceMisses() + " misses");
    }

    // ------------------------------------------------------------------ expired keys

    @Test
    void expiredKeys_countLazyRemovalsByAnyCommand() {
        for (int i = 0; i < 4; i++) {
            redis.set("k" + i, "v", SetArgs.px(10));
        }
        clock.advanceMillis(11);
        exec("GET", "k0");
        exec("SET", "k1", "again");
        exec("KEYS", "*");
        assertEquals(4, store.info().expiredKeys());
        assertEquals(1, store.info().keys());
    }

    @Test
    void expiredKeys_doNotCountDeletesByAnExpiryInThePast() {
        redis.set("a", "v");
        redis.set("b", "v");
        exec("EXPIRE", "a", "-1");
        exec("GETEX", "b", "PXAT", "1");
        assertEquals(0, store.info().expiredKeys());
        assertEquals(0, store.info().keys());
    }

    @Test
    void expiredKeys_doNotCountAHashEmptiedByFieldExpiry() {
        redis.hset("h", "f", "v");
        exec("HPEXPIRE", "h", "10", "FIELDS", "1", "f");
        clock.advanceMillis(11);
        assertEquals(0L, ((dev.keel.Reply.Int) exec("HLEN", "h")).value());
        assertEquals(0, store.info().keys());
        assertEquals(0, store.info().expiredKeys());
    }

    @Test
    void expiredKeys_countTheBackgroundSweep() throws InterruptedException {
        ManualClock sweepClock = new ManualClock();
        try (OffHeapStore swept = new OffHeapStore(Keel.builder().clock(sweepClock).registerMBean(false).config())) {
            for (int i = 0; i < 50; i++) {
                swept.commands().set("k" + i, "v", SetArgs.px(100));
            }
            swept.commands().set("kept", "v");
            sweepClock.advance(Duration.ofSeconds(1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (swept.info().expiredKeys() < 50 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            StoreInfo info = swept.info();
            assertEquals(50, info.expiredKeys());
            assertEquals(1, info.keys());
            assertEquals(0, info.keysWithExpiry());
            assertEquals(0, info.keyspaceHits() + info.keyspaceMisses());
        }
    }

    // ------------------------------------------------------------------ evicted keys, memory

    @Test
    void evictedKeys_countKeysRemovedPastTheLimit_notAsExpired() {
        try (OffHeapStore limited = new OffHeapStore(Keel.builder().clock(clock).registerMBean(false)
                .maxmemory(1 << 20, EvictionPolicy.ALLKEYS_LRU).config())) {
            String value = "x".repeat(1000);
            for (int i = 0; i < 5_000; i++) {
                limited.execute("SET", "k" + i, value);
            }
            StoreInfo info = limited.info();
            assertTrue(info.evictedKeys() > 3_000, info.toString());
            assertEquals(limited.evictedKeys(), info.evictedKeys());
            assertEquals(5_000, info.keys() + info.evictedKeys());
            assertEquals(0, info.expiredKeys());
            assertEquals(1 << 20, info.maxmemory());
            assertEquals(EvictionPolicy.ALLKEYS_LRU, info.maxmemoryPolicy());
            assertTrue(info.usedMemory() <= (1 << 20) + 4096, info.toString());
        }
    }

    @Test
    void info_keysAndMemory_matchTheStore() {
        redis.set("a", "1");
        redis.set("b", "2", SetArgs.ex(100));
        redis.hset("h", "f", "v");
        StoreInfo info = store.info();
        assertEquals(3, info.keys());
        assertEquals(1, info.keysWithExpiry());
        assertEquals(store.memoryStats().usedBytes(), info.usedMemory());
        assertEquals(store.memoryStats().reservedBytes(), info.reservedMemory());
        assertEquals(store.memoryStats().fragmentationRatio(), info.fragmentationRatio());
        assertEquals(0, info.maxmemory());
        assertEquals(EvictionPolicy.NOEVICTION, info.maxmemoryPolicy());
        assertTrue(!info.uptime().isNegative() && info.uptime().toSeconds() < 600, info.toString());
    }

    // ------------------------------------------------------------------ commands processed

    @Test
    void totalCommandsProcessed_countsCommandsRun_errorsIncluded() {
        ToLongFunction<StoreInfo> commands = StoreInfo::totalCommandsProcessed;
        redis.rpush("l", "a");
        assertEquals(1, delta(commands, "GET", "nope"));
        assertEquals(1, delta(commands, "GET", "l"));            // WRONGTYPE: the command ran
        assertEquals(1, delta(commands, "SET", "k", "v", "XX", "NX"));  // syntax error: it ran too
        assertEquals(1, delta(commands, "INFO"));
        assertEquals(1, delta(commands, "DBSIZE"));
        assertEquals(1, delta(commands, "PING"));
    }

    @Test
    void totalCommandsProcessed_doesNotCountCommandsRefusedBeforeRunning() {
        ToLongFunction<StoreInfo> commands = StoreInfo::totalCommandsProcessed;
        assertEquals(0, delta(commands, "NOSUCHCOMMAND"));
        assertEquals(0, delta(commands, "GET"));
        assertEquals(0, delta(commands, "GET", "a", "b"));
    }

    @Test
    void totalCommandsProcessed_doesNotCountCommandsRefusedOverTheLimit() {
        try (OffHeapStore full = new OffHeapStore(Keel.builder().clock(clock).registerMBean(false).memoryLimit(1).config())) {
            long before = full.info().totalCommandsProcessed();
            full.execute("SET", "k", "v");
            full.execute("GET", "k");
            assertEquals(1, full.info().totalCommandsProcessed() - before);
        }
    }

    @Test
    void totalCommandsProcessed_countsABlockedCommandOnce() throws Exception {
        long before = store.info().totalCommandsProcessed();
        var blocked = startBlocked("BLPOP", "q", "0");
        redis.rpush("q", "a");
        answerOf(blocked);
        assertEquals(2, store.info().totalCommandsProcessed() - before);
    }

    @Test
    void replayedCommands_countNothing() {
        try (OffHeapStore replayed = OffHeapStore.unstarted(Keel.builder().clock(clock).config())) {
            replayed.replay(dev.keel.spi.CommandLines.utf8("SET", "k", "v"), clock.millis());
            replayed.replay(dev.keel.spi.CommandLines.utf8("GETDEL", "k"), clock.millis());
            StoreInfo info = replayed.info();
            assertEquals(0, info.totalCommandsProcessed());
            assertEquals(0, info.keyspaceHits() + info.keyspaceMisses());
            assertEquals(null, replayed.mbeanName());
        }
    }

    @Test
    void info_afterClose_throws() {
        store.close();
        assertThrows(IllegalStateException.class, store::info);
    }
}
