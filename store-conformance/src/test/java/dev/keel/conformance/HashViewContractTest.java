package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Codec;
import dev.keel.KeelHash;
import dev.keel.WrongTypeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link KeelHash} view, {@code store.hash(key)}: what each method sends and does to the
 * hash, expiry of the hash and of its fields, and the ConcurrentMap compound methods under
 * contention, on every target. The Map contract itself is Guava's ({@link KeelHashGuavaSuiteTest}).
 */
@Timeout(120)
class HashViewContractTest extends ContractTest {

    private static String sum(String a, String b) {
        return Long.toString(Long.parseLong(a) + Long.parseLong(b));
    }

    @Test
    void putGetRemove_answerPreviousValues_emptiedHashIsNoKey() {
        KeelHash<String, String> hash = store.hash("h");
        assertNull(hash.put("f", "1"));
        assertEquals("1", hash.put("f", "2"));
        assertEquals("2", hash.get("f"));
        assertEquals("hash", redis.type("h"));
        assertEquals("2", hash.remove("f"));
        assertNull(hash.remove("f"));
        assertEquals(0, redis.exists("h"), "the emptied hash is deleted");
        assertTrue(hash.isEmpty());
        assertEquals(0, hash.size());
    }

    @Test
    void putIfAbsentReplaceAndConditionalRemove() {
        KeelHash<String, String> hash = store.hash("h");
        assertNull(hash.putIfAbsent("f", "1"));
        assertEquals("1", hash.putIfAbsent("f", "2"));
        assertNull(hash.replace("g", "1"));
        assertFalse(hash.containsKey("g"), "replace(k, v) sets only an existing field");
        assertEquals("1", hash.replace("f", "3"));
        assertFalse(hash.replace("f", "1", "4"));
        assertTrue(hash.replace("f", "3", "4"));
        assertFalse(hash.remove("f", "3"));
        assertEquals(Map.of("f", "4"), redis.hgetall("h"));
        assertTrue(hash.remove("f", "4"));
        assertEquals(0, redis.exists("h"));
    }

    @Test
    void putAll_oneHset_nullAnywhereSetsNothing() {
        KeelHash<String, String> hash = store.hash("h");
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("a", "1");
        entries.put("b", "2");
        hash.putAll(entries);
        assertEquals(entries, redis.hgetall("h"));
        Map<String, String> withNull = new HashMap<>();
        withNull.put("c", "3");
        withNull.put("d", null);
        assertThrows(NullPointerException.class, () -> hash.putAll(withNull));
        assertThrows(NullPointerException.class, () -> hash.put("e", null));
        assertThrows(NullPointerException.class, () -> hash.put(null, "5"));
        assertEquals(entries, redis.hgetall("h"));
        assertNull(hash.get(null));
        assertFalse(hash.containsKey(null));
        assertFalse(hash.containsValue(null));
        assertNull(hash.remove(null));
    }

    @Test
    void queries_hexistsHlenHvals_andSnapshotsCompareAsMaps() {
        redis.hset("h", Map.of("a", "1", "b", "2"));
        KeelHash<String, String> hash = store.hash("h");
        assertTrue(hash.containsKey("a"));
        assertTrue(hash.containsValue("2"));
        assertFalse(hash.containsValue("3"));
        assertEquals(2, hash.size());
        assertEquals(Map.of("a", "1", "b", "2"), hash);
        assertEquals(hash, Map.of("a", "1", "b", "2"));
        assertEquals(Map.of("a", "1", "b", "2").hashCode(), hash.hashCode());
        assertEquals(Map.of("a", "1", "b", "2").keySet(), hash.keySet());
        assertEquals(List.of("1", "2"), hash.values().stream().sorted().toList());
        assertEquals("1", hash.getOrDefault("a", "x"));
        assertEquals("x", hash.getOrDefault("z", "x"));
    }

    @Test
    void clear_deletesTheKey() {
        redis.hset("h", Map.of("a", "1", "b", "2"));
        KeelHash<String, String> hash = store.hash("h");
        hash.clear();
        assertEquals(0, redis.exists("h"));
        hash.clear();
    }

    @Test
    void otherType_refusedWithWrongType_unchanged() {
        redis.set("s", "v");
        KeelHash<String, String> hash = store.hash("s");
        assertThrows(WrongTypeException.class, () -> hash.get("f"));
        assertThrows(WrongTypeException.class, () -> hash.put("f", "1"));
        assertThrows(WrongTypeException.class, () -> hash.putIfAbsent("f", "1"));
        assertThrows(WrongTypeException.class, () -> hash.remove("f"));
        assertThrows(WrongTypeException.class, () -> hash.remove("f", "1"));
        assertThrows(WrongTypeException.class, () -> hash.replace("f", "1"));
        assertThrows(WrongTypeException.class, () -> hash.replace("f", "1", "2"));
        assertThrows(WrongTypeException.class, hash::size);
        assertThrows(WrongTypeException.class, () -> hash.entrySet().iterator());
        assertEquals("v", redis.get("s"));
    }

    @Test
    void iteratorRemoveAndSetValue_areHdelAndHset() {
        redis.hset("h", Map.of("a", "1", "b", "2", "c", "3"));
        KeelHash<String, String> hash = store.hash("h");
        Iterator<Map.Entry<String, String>> entries = hash.entrySet().iterator();
        assertThrows(IllegalStateException.class, entries::remove, "remove() before next()");
        while (entries.hasNext()) {
            Map.Entry<String, String> entry = entries.next();
            switch (entry.getKey()) {
                case "a" -> entries.remove();
                case "b" -> assertEquals("2", entry.setValue("20"));
                default -> assertEquals("3", entry.getValue());
            }
        }
        assertEquals(Map.of("b", "20", "c", "3"), redis.hgetall("h"));
        hash.keySet().removeIf("c"::equals);
        assertEquals(Map.of("b", "20"), redis.hgetall("h"));
        assertTrue(hash.values().remove("20"));
        assertEquals(0, redis.exists("h"));
    }

    @Test
    void iteration_walksASnapshot() {
        redis.hset("h", Map.of("a", "1", "b", "2"));
        KeelHash<String, String> hash = store.hash("h");
        Iterator<String> keys = hash.keySet().iterator();
        redis.hset("h", "c", "3");
        List<String> seen = new ArrayList<>();
        keys.forEachRemaining(seen::add);
        assertEquals(List.of("a", "b"), seen.stream().sorted().toList());
    }

    @Test
    void expire_ttl_persist_ofTheHash() {
        KeelHash<String, String> hash = store.hash("h");
        assertFalse(hash.expire(Duration.ofSeconds(1000)), "no hash, no expiry");
        assertNull(hash.ttl());
        hash.put("f", "1");
        assertNull(hash.ttl());
        assertTrue(hash.expire(Duration.ofSeconds(1000)));
        Duration ttl = hash.ttl();
        assertNotNull(ttl);
        assertBetween(990_000, 1_000_000, ttl.toMillis(), "hash TTL");
        assertBetween(990_000, 1_000_000, redis.pttl("h"), "PTTL h");
        assertTrue(hash.persist());
        assertNull(hash.ttl());
        assertFalse(hash.persist());
    }

    @Test
    void expireField_fieldTtl_persistField() {
        requireRedis("7.4", "hash field expiry");
        KeelHash<String, String> hash = store.hash("h");
        assertFalse(hash.expireField("f", Duration.ofSeconds(1000)), "no such field");
        hash.put("f", "1");
        hash.put("g", "2");
        assertNull(hash.fieldTtl("f"));
        assertNull(hash.fieldTtl("missing"));
        assertTrue(hash.expireField("f", Duration.ofSeconds(1000)));
        assertBetween(990_000, 1_000_000, hash.fieldTtl("f").toMillis(), "field TTL");
        assertEquals(-1, redis.pttl("h"), "the key itself keeps no expiry");
        assertTrue(hash.persistField("f"));
        assertFalse(hash.persistField("f"));
        assertNull(hash.fieldTtl("f"));
        assertTrue(hash.expireField("f", Duration.ofSeconds(1000)));
        hash.put("f", "3");
        assertNull(hash.fieldTtl("f"), "put sets as HSET does: the field's TTL is cleared");
        assertTrue(hash.expireField("g", Duration.ZERO), "a zero TTL deletes the field");
        assertEquals(Map.of("f", "3"), redis.hgetall("h"));
    }

    @Test
    void binaryView_comparesArraysByContent() {
        KeelHash<byte[], byte[]> hash = store.hash(bytes("h"), Codec.bytes());
        byte[] value = {0, 1, (byte) 0xff};
        assertNull(hash.put(bytes("f"), value));
        assertArrayEquals(value, hash.get(bytes("f")));
        assertTrue(hash.containsKey(bytes("f")));
        assertTrue(hash.containsValue(new byte[] {0, 1, (byte) 0xff}));
        assertTrue(hash.replace(bytes("f"), new byte[] {0, 1, (byte) 0xff}, bytes("x")));
        assertFalse(hash.remove(bytes("f"), value));
        assertTrue(hash.remove(bytes("f"), bytes("x")));
        assertEquals(0, redis.exists("h"));
    }

    @Test
    void compute_merge_computeIfAbsent_computeIfPresent_onOneField() {
        KeelHash<String, String> hash = store.hash("h");
        assertEquals("1", hash.merge("n", "1", HashViewContractTest::sum));
        assertEquals("3", hash.merge("n", "2", HashViewContractTest::sum));
        assertNull(hash.merge("n", "x", (a, b) -> null), "merge to null removes");
        assertEquals(0, redis.exists("h"));
        assertEquals("a", hash.computeIfAbsent("k", k -> "a"));
        assertEquals("a", hash.computeIfAbsent("k", k -> "b"));
        assertNull(hash.computeIfAbsent("z", k -> null));
        assertEquals("a!", hash.computeIfPresent("k", (k, v) -> v + "!"));
        assertNull(hash.computeIfPresent("missing", (k, v) -> v + "!"));
        assertEquals("a!?", hash.compute("k", (k, v) -> v + "?"));
        assertNull(hash.compute("k", (k, v) -> null));
        assertEquals(0, redis.exists("h"));
        redis.hset("h", Map.of("a", "1", "b", "2"));
        hash.replaceAll((k, v) -> k + v);
        assertEquals(Map.of("a", "a1", "b", "b2"), redis.hgetall("h"));
    }

    /** Runs {@code task} on {@code threads} threads started together; returns their results. */
    private static <T> List<T> race(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void merge_twoThreadsTenThousandIncrementsEach_losesNoUpdate() throws Exception {
        KeelHash<String, String> hash = store.hash("counters");
        int perThread = 10_000;
        race(2, () -> {
            for (int i = 0; i < perThread; i++) {
                hash.merge("n", "1", HashViewContractTest::sum);
            }
            return null;
        });
        assertEquals(Long.toString(2L * perThread), redis.hget("counters", "n"));
    }

    @Test
    void compute_fourThreadsIncrementingTwoFields_losesNoUpdate() throws Exception {
        KeelHash<String, String> hash = store.hash("counters");
        int perThread = 2_500;
        race(4, () -> {
            for (int i = 0; i < perThread; i++) {
                hash.compute(i % 2 == 0 ? "even" : "odd", (k, v) -> v == null ? "1" : sum(v, "1"));
            }
            return null;
        });
        assertEquals(Map.of("even", "5000", "odd", "5000"), redis.hgetall("counters"));
    }

    @Test
    void putIfAbsentAndComputeIfAbsent_racingThreads_oneValueWins() throws Exception {
        KeelHash<String, String> hash = store.hash("h");
        for (int round = 0; round < 50; round++) {
            String field = "f" + round;
            List<String> seen = race(4, () -> {
                String mine = Thread.currentThread().getName();
                String before = hash.putIfAbsent(field, mine);
                return before == null ? mine : before;
            });
            assertEquals(1, seen.stream().distinct().count(), () -> "every thread sees the one winner: " + seen);
            assertEquals(seen.get(0), hash.get(field));
            String other = "g" + round;
            List<String> computed = race(4, () -> hash.computeIfAbsent(other, k -> Thread.currentThread().getName()));
            assertEquals(1, computed.stream().distinct().count(), () -> "every thread sees the one value: " + computed);
        }
    }

    @Test
    void removeAndPut_racing_eachValueRemovedAtMostOnce() throws Exception {
        KeelHash<String, String> hash = store.hash("h");
        int rounds = 3_000;
        AtomicInteger next = new AtomicInteger();
        List<List<String>> all = race(3, () -> {
            List<String> mine = new ArrayList<>();
            int i;
            while ((i = next.getAndIncrement()) < rounds) {
                hash.put("f", "v" + i);
                String removed = hash.remove("f");
                if (removed != null) {
                    mine.add(removed);
                }
            }
            return mine;
        });
        List<String> removed = all.stream().flatMap(List::stream).toList();
        assertEquals(removed.size(), removed.stream().distinct().count(), "remove(k) handed some value to two threads");
        assertTrue(removed.size() > 0);
    }
}
