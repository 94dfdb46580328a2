package dev.keel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.Store;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several threads on overlapping keys; the final state, and what every thread saw on the way,
 * must be what atomic commands allow.
 */
class ConcurrencyStressIT {
    private static final int THREADS = 4;
    private static final int OPERATIONS = 20_000;
    private static final int COUNTERS = 8;
    private static final int TOKENS = 8;

    @ParameterizedTest(name = "{0} stripes")
    @ValueSource(ints = {1, 8, 64})
    void overlappingCommands_keepEveryInvariant(int stripes) throws Exception {
        ManualClock clock = new ManualClock();
        try (Store store = Keel.builder().clock(clock).stripes(stripes).open()) {
            Commands<String, String> redis = store.commands();
            for (int i = 0; i < TOKENS; i++) {
                redis.set("token:" + i, "T" + i);
            }
            AtomicLongArray increments = new AtomicLongArray(COUNTERS);
            ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        work(redis, id, increments, violations);
                    } catch (Throwable e) {
                        violations.add("thread " + id + " failed: " + e);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertTrue(violations.isEmpty(), String.join("\n", violations));
            for (int i = 0; i < COUNTERS; i++) {
                String value = redis.get("counter:" + i);
                assertEquals(increments.get(i), value == null ? 0 : Long.parseLong(value), "counter " + i);
            }
            Set<String> tokens = new HashSet<>();
            for (String key : redis.keys("token:*")) {
                assertTrue(tokens.add(redis.get(key)), "token duplicated at " + key);
            }
            assertEquals(TOKENS, tokens.size(), "tokens conserved by RENAMENX: " + tokens);
            clock.advanceMillis(10_000);
            assertEquals(List.of(), redis.keys("volatile:*"), "every volatile key expired");
            assertNull(((OffHeapStore) store).verifyIntegrity());
        }
    }

    private static void work(Commands<String, String> redis, int id, AtomicLongArray increments,
                             ConcurrentLinkedQueue<String> violations) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int op = 0; op < OPERATIONS && violations.isEmpty(); op++) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    int counter = random.nextInt(COUNTERS);
                    redis.incr("counter:" + counter);
                    increments.incrementAndGet(counter);
                }
                case 1 -> {
                    String from = "token:" + random.nextInt(TOKENS * 2);
                    String to = "token:" + random.nextInt(TOKENS * 2);
                    try {
                        redis.renamenx(from, to);
                    } catch (dev.keel.KeelException e) {
                        if (!e.getMessage().equals("ERR no such key")) {
                            violations.add("renamenx: " + e.getMessage());
                        }
                    }
                }
                case 2 -> {
                    int pair = random.nextInt(4);
                    String value = id + ":" + op + ":" + "p".repeat(random.nextInt(200));
                    Map<String, String> both = new LinkedHashMap<>();
                    both.put("pair:" + pair + ":a", value);
                    both.put("pair:" + pair + ":b", value);
                    redis.mset(both);
                }
                case 3 -> {
                    int pair = random.nextInt(4);
                    List<String> seen = redis.mget("pair:" + pair + ":a", "pair:" + pair + ":b");
                    if (!java.util.Objects.equals(seen.get(0), seen.get(1))) {
                        violations.add("MSET seen half-done: " + seen);
                    }
                }
                case 4 -> {
                    String key = "volatile:" + random.nextInt(32);
                    redis.set(key, "v" + op);
                    redis.pexpire(key, 1 + random.nextInt(5_000));
                }
                default -> {
                    String key = "volatile:" + random.nextInt(32);
                    if (random.nextBoolean()) {
                        redis.del(key);
                    } else {
                        redis.set(key, "w" + op, dev.keel.SetArgs.px(1 + random.nextInt(5_000)).ifPresent());
                    }
                }
            }
        }
    }
}
