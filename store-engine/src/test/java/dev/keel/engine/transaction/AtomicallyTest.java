package dev.keel.engine.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Commands;
import dev.keel.KeelException;
import dev.keel.Reply;
import dev.keel.SetArgs;
import dev.keel.StreamId;
import dev.keel.StreamOffset;
import dev.keel.StreamRange;
import dev.keel.Thresholds;
import dev.keel.XGroupCreateArgs;
import dev.keel.XReadArgs;
import dev.keel.engine.AbstractCommandTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code store.atomically}: one atomic unit that sees its own writes, commits them together, and
 * leaves nothing behind when its closure throws.
 */
class AtomicallyTest extends AbstractCommandTest {

    /** A failure the tests throw from a closure, to roll it back. */
    private static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super("abort");
        }
    }

    @Test
    void returnsTheClosuresValue_andCommitsEveryWrite() {
        redis.set("stock", "2");
        long left = store.atomically(List.of("stock", "orders"), tx -> {
            tx.rpush("orders", "order-1");
            return tx.decr("stock");
        });
        assertEquals(1, left);
        assertEquals("1", redis.get("stock"));
        assertEquals(List.of("order-1"), redis.lrange("orders", 0, -1));
    }

    @Test
    void seesItsOwnWrites() {
        String seen = store.atomically(tx -> {
            tx.set("k", "v1");
            tx.append("k", "+v2");
            return tx.get("k");
        });
        assertEquals("v1+v2", seen);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anExceptionPutsBackEveryKeyOfEveryType(boolean scalable) {
        if (scalable) {
            store.close();
            store = dev.keel.Keel.builder().clock(clock).activeExpiry(false).thresholds(Thresholds.scalableAlways()).open();
            redis = store.commands();
        }
        redis.set("string", "before", SetArgs.px(60_000));
        redis.rpush("list", "a", "b", "c");
        redis.hset("hash", Map.of("f1", "1", "f2", "2"));
        redis.sadd("set", "x", "y");
        redis.zadd("zset", 1.0, "m1");
        redis.xadd("stream", Map.of("f", "v"));
        redis.xgroupCreate("stream", "group", XGroupCreateArgs.id(new StreamId(0, 0)));
        redis.set("doomed", "still here");
        Map<String, String> before = dump(redis);
        long usedBefore = store.memoryStats().usedBytes();

        assertThrows(Abort.class, () -> store.atomically(tx -> {
            tx.set("string", "after");
            tx.persist("string");
            tx.rpush("list", "d");
            tx.lpop("list");
            tx.hset("hash", "f3", "3");
            tx.hdel("hash", "f1");
            tx.smove("set", "other-set", "x");
            tx.zincrby("zset", 5.0, "m1");
            tx.xadd("stream", Map.of("g", "w"));
            tx.xreadgroup("group", "consumer", List.of(StreamOffset.undelivered("stream")));
            tx.del("doomed");
            tx.set("created", "new");
            tx.rename("list", "renamed-list");
            throw new Abort();
        }));

        assertEquals(before, dump(redis));
        assertEquals(usedBefore, store.memoryStats().usedBytes(), "the saved copies are freed, the new values too");
        assertTrue(redis.pttl("string") > 0, "the expiry is back");
    }

    @Test
    void manyKeys_areCheckedAndRestoredAsFewAre() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keys.add("key:" + i);
            if (i % 2 == 0) {
                redis.set("key:" + i, "before " + i);
            }
        }
        Map<String, String> before = dump(redis);
        assertThrows(Abort.class, () -> store.atomically(keys, tx -> {
            for (String key : keys) {
                tx.append(key, " and after");
                tx.append(key, " twice");
            }
            throw new Abort();
        }));
        assertEquals(before, dump(redis));
        KeelException undeclared = assertThrows(KeelException.class, () -> store.atomically(keys, tx -> tx.get("key:20")));
        assertEquals("ERR key 'key:20' was not declared to atomically", undeclared.getMessage());
        long written = store.atomically(keys, tx -> {
            long sum = 0;
            for (String key : keys) {
                sum += tx.append(key, "!");
            }
            return sum;
        });
        assertTrue(written > 20);
        assertEquals("before 0!", redis.get("key:0"));
        assertEquals("!", redis.get("key:19"));
    }

    @Test
    void aFailedCommandInsideChangesNothing_andTheClosureMayGoOn() {
        redis.set("text", "not a number");
        String result = store.atomically(tx -> {
            KeelException error = assertThrows(KeelException.class, () -> tx.incr("text"));
            assertEquals("ERR value is not an integer or out of range", error.getMessage());
            tx.set("after", "yes");
            return tx.get("text");
        });
        assertEquals("not a number", result);
        assertEquals("yes", redis.get("after"));
    }

    @Test
    void keysNotDeclaredAreRefused() {
        KeelException error = assertThrows(KeelException.class,
                () -> store.atomically(List.of("a"), tx -> tx.set("b", "1")));
        assertEquals("ERR key 'b' was not declared to atomically", error.getMessage());
        assertNull(redis.get("b"));
        KeelException multiKey = assertThrows(KeelException.class,
                () -> store.atomically(List.of("a"), tx -> tx.rename("a", "b")));
        assertEquals("ERR key 'b' was not declared to atomically", multiKey.getMessage());
        KeelException keys = assertThrows(KeelException.class, () -> store.atomically(List.of("a"), tx -> tx.keys("*")));
        assertEquals("ERR KEYS needs the whole store: call atomically without declaring keys", keys.getMessage());
    }

    @Test
    void theWholeStoreFormMayReadTheWholeKeyspace() {
        redis.set("a", "1");
        redis.set("b", "2");
        List<String> keys = store.atomically(tx -> {
            tx.set("c", "3");
            return tx.keys("*");
        });
        assertEquals(List.of("a", "b", "c"), keys.stream().sorted().toList());
    }

    @Test
    void blockingCommandsAndFlushesAreRefused() {
        redis.rpush("list", "a");
        KeelException blpop = assertThrows(KeelException.class, () -> store.atomically(tx -> {
            try {
                return tx.blpop(Duration.ofSeconds(1), "list");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }));
        assertEquals("ERR BLPOP may block, which atomically does not allow: use it outside, or its non-blocking form", blpop.getMessage());
        KeelException xread = assertThrows(KeelException.class, () -> store.atomically(tx -> {
            try {
                return tx.xread(XReadArgs.block(Duration.ofSeconds(1)), List.of(StreamOffset.latest("s")));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }));
        assertTrue(xread.getMessage().startsWith("ERR XREAD may block"), xread.getMessage());
        assertNull(store.atomically(tx -> tx.xread(List.of(StreamOffset.after("s", new StreamId(0, 0))))), "XREAD without BLOCK runs");
        KeelException flush = assertThrows(KeelException.class, () -> store.atomically(tx -> tx.flushall()));
        assertEquals("ERR FLUSHALL is not allowed inside atomically", flush.getMessage());
        assertEquals(List.of("a"), redis.lrange("list", 0, -1));
    }

    @Test
    void theStoresOwnCommandsAndNestingAreRefusedInside() {
        IllegalStateException outer = assertThrows(IllegalStateException.class, () -> store.atomically(tx -> redis.get("a")));
        assertTrue(outer.getMessage().contains("inside atomically"), outer.getMessage());
        assertThrows(IllegalStateException.class, () -> store.atomically(tx -> store.atomically(inner -> null)));
        redis.set("a", "usable afterwards");
        assertEquals("usable afterwards", redis.get("a"));
    }

    @Test
    void theClosuresCommandsAreDeadAfterItReturns() {
        AtomicReference<Commands<String, String>> escaped = new AtomicReference<>();
        store.atomically(tx -> {
            escaped.set(tx);
            return null;
        });
        assertThrows(IllegalStateException.class, () -> escaped.get().set("late", "write"));
        assertNull(redis.get("late"));
    }

    @Test
    void noKeyExpiresHalfwayThrough() {
        redis.set("k", "v", SetArgs.px(10));
        clock.advanceMillis(10);
        String value = store.atomically(tx -> {
            clock.advanceMillis(100);
            return tx.get("k");
        });
        assertEquals("v", value, "the closure runs at the instant it started");
        assertNull(redis.get("k"));
    }

    @Test
    void aBlockedPopIsServedAtCommit_andNotByARolledBackPush() throws Exception {
        CompletableFuture<List<String>> blocked = new CompletableFuture<>();
        Thread popper = new Thread(() -> {
            try {
                blocked.complete(new KeyValueHolder(redis.blpop(Duration.ofSeconds(30), "jobs")).asList());
            } catch (Throwable e) {
                blocked.completeExceptionally(e);
            }
        });
        popper.start();
        awaitParked(popper);
        assertThrows(Abort.class, () -> store.atomically(List.of("jobs"), tx -> {
            tx.rpush("jobs", "rolled back");
            throw new Abort();
        }));
        store.atomically(List.of("jobs"), tx -> tx.rpush("jobs", "committed"));
        assertEquals(List.of("jobs", "committed"), blocked.get(30, TimeUnit.SECONDS));
        assertEquals(0, redis.llen("jobs"));
    }

    @Test
    void commandsOnOtherKeysRunMeanwhile_andTheDeclaredKeysWait() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> tx = CompletableFuture.supplyAsync(() -> store.atomically(List.of("held"), t -> {
            t.set("held", "by the transaction");
            inside.countDown();
            await(release);
            return null;
        }));
        assertTrue(inside.await(30, TimeUnit.SECONDS));
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> redis.get("held"));
        redis.set("free", "not held");
        assertEquals("not held", redis.get("free"));
        assertTrue(!reader.isDone() || "by the transaction".equals(reader.getNow(null)), "a reader of a held key waits for the commit");
        release.countDown();
        tx.get(30, TimeUnit.SECONDS);
        assertEquals("by the transaction", reader.get(30, TimeUnit.SECONDS));
    }

    @Test
    void concurrentTransfersKeepTheTotal() throws Exception {
        int accounts = 8;
        for (int i = 0; i < accounts; i++) {
            redis.set("account:" + i, "1000");
        }
        int threads = 4;
        int transfers = 2_000;
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            workers.add(CompletableFuture.runAsync(() -> {
                java.util.Random random = new java.util.Random(seed);
                for (int i = 0; i < transfers; i++) {
                    String from = "account:" + random.nextInt(accounts);
                    String to = "account:" + random.nextInt(accounts);
                    if (i % 3 == 0) {
                        long total = store.atomically(tx -> {
                            long sum = 0;
                            for (int a = 0; a < accounts; a++) {
                                sum += Long.parseLong(tx.get("account:" + a));
                            }
                            return sum;
                        });
                        assertEquals(accounts * 1000L, total, "a whole-store reader sees no transfer halfway");
                    } else {
                        store.atomically(List.of(from, to), tx -> {
                            tx.decrby(from, 7);
                            return tx.incrby(to, 7);
                        });
                    }
                }
            }));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        long total = 0;
        for (int i = 0; i < accounts; i++) {
            total += Long.parseLong(redis.get("account:" + i));
        }
        assertEquals(accounts * 1000L, total);
    }

    @Test
    void aWriteInsideFailsTheExecOfAWatcher() {
        redis.set("watched", "1");
        assertEquals(Reply.OK, store.execute("WATCH", "watched"));
        CompletableFuture.runAsync(() -> store.atomically(List.of("watched"), tx -> tx.incr("watched"))).join();
        assertEquals(Reply.OK, store.execute("MULTI"));
        store.execute("SET", "watched", "from the transaction");
        assertSame(Reply.NIL, store.execute("EXEC"));
        assertEquals("2", redis.get("watched"));
    }

    @Test
    void aRolledBackWriteDoesNotFailTheExecOfAWatcher() {
        redis.set("watched", "1");
        store.execute("WATCH", "watched");
        CompletableFuture.runAsync(() -> assertThrows(Abort.class, () -> store.atomically(List.of("watched"), tx -> {
            tx.incr("watched");
            throw new Abort();
        }))).join();
        store.execute("MULTI");
        store.execute("INCR", "watched");
        assertEquals(new Reply.Array(List.of(Reply.integer(2))), store.execute("EXEC"));
    }

    // ------------------------------------------------------------------ helpers

    /** Waits until {@code thread} is parked in a blocking command. */
    private static void awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                for (StackTraceElement frame : thread.getStackTrace()) {
                    if (frame.getMethodName().equals("awaitServed")) {
                        return;
                    }
                }
            }
            Thread.sleep(1);
        }
        throw new AssertionError(thread.getName() + " did not park");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** BLPOP's key and value as a list. */
    private record KeyValueHolder(dev.keel.KeyValue<String, String> pair) {
        List<String> asList() {
            return pair == null ? null : List.of(pair.key(), pair.value());
        }
    }

    /** Every key with its type and contents, as text, to compare whole stores. */
    private static Map<String, String> dump(Commands<String, String> redis) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String key : redis.keys("*")) {
            String type = redis.type(key);
            String value = switch (type) {
                case "string" -> redis.get(key);
                case "list" -> redis.lrange(key, 0, -1).toString();
                case "hash" -> new java.util.TreeMap<>(redis.hgetall(key)).toString();
                case "set" -> new java.util.TreeSet<>(redis.smembers(key)).toString();
                case "zset" -> redis.zrangeWithscores(key, 0, -1).toString();
                case "stream" -> redis.xrange(key, StreamRange.all()).toString() + redis.xinfoGroups(key).toString();
                default -> "?";
            };
            out.put(key, type + " " + value);
        }
        return out;
    }
}
