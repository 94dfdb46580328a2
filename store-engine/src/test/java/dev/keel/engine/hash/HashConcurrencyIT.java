package dev.keel.engine.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.Thresholds;
import dev.keel.engine.ManualClock;
import dev.keel.engine.OffHeapStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Threads on one shared hash: HINCRBY on shared counters, KEEL.HCAS read-modify-write loops,
 * private fields added and deleted (so the hash crosses its packed limits both ways under the
 * counters' feet), and fields with short lives swept by active expiry while a clock thread moves
 * time. At the end every counter holds exactly the sum of its increments, every CAS counter the
 * number of successful swaps, nothing else is left, and FLUSHALL gives every byte back.
 */
class HashConcurrencyIT {
    private static final int THREADS = 6;
    private static final int OPERATIONS = 50_000;
    private static final int COUNTERS = 8;
    private static final int CAS_FIELDS = 4;
    private static final String KEY = "shared";

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        AbstractFieldMapTest.thresholds().forEach(thresholds -> {
            for (int stripes : new int[] {1, 64}) {
                runs.add(arguments(thresholds.get()[0], stripes));
            }
        });
        return runs.stream();
    }

    @ParameterizedTest(name = "{0}, {1} stripes")
    @MethodSource("runs")
    void countersAndCasLoops_underChurnAndActiveExpiry_endExact(Thresholds thresholds, int stripes) throws Exception {
        ManualClock clock = new ManualClock();
        try (Store store = Keel.builder().thresholds(thresholds).stripes(stripes).clock(clock).activeExpiry(true).open()) {
            long baseline = store.memoryStats().usedBytes();
            for (int c = 0; c < CAS_FIELDS; c++) {
                store.execute("HSET", KEY, "cas" + c, "0");
            }
            AtomicLongArray increments = new AtomicLongArray(COUNTERS);
            AtomicLongArray swaps = new AtomicLongArray(CAS_FIELDS);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            CyclicBarrier start = new CyclicBarrier(THREADS + 1);
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                threads.add(Thread.ofPlatform().name("worker-" + t).start(() -> {
                    try {
                        start.await();
                        work(store, id, increments, swaps, problems);
                    } catch (Throwable e) {
                        problems.add("worker " + id + " failed: " + e);
                    }
                }));
            }
            Thread ticker = Thread.ofPlatform().name("clock").start(() -> {
                try {
                    start.await();
                    while (running.get()) {
                        clock.advanceMillis(7);
                        Thread.onSpinWait();
                    }
                } catch (Exception e) {
                    problems.add("clock failed: " + e);
                }
            });
            for (Thread thread : threads) {
                thread.join(TimeUnit.MINUTES.toMillis(5));
                assertTrue(!thread.isAlive(), thread.getName() + " still running");
            }
            running.set(false);
            ticker.join();
            assertTrue(problems.isEmpty(), () -> String.join("\n", problems));

            for (int c = 0; c < COUNTERS; c++) {
                Reply value = store.execute("HGET", KEY, "n" + c);
                long actual = value instanceof Reply.Bulk bulk ? Long.parseLong(bulk.utf8()) : 0;
                assertEquals(increments.get(c), actual, "counter n" + c);
            }
            for (int c = 0; c < CAS_FIELDS; c++) {
                assertEquals(Reply.bulk(Long.toString(swaps.get(c))), store.execute("HGET", KEY, "cas" + c), "CAS counter " + c);
            }
            clock.advanceMillis(1_000);
            Set<String> fields = new HashSet<>();
            for (Reply field : ((Reply.Array) store.execute("HKEYS", KEY)).items()) {
                fields.add(((Reply.Bulk) field).utf8());
            }
            Set<String> expected = new HashSet<>();
            for (int c = 0; c < COUNTERS; c++) {
                if (increments.get(c) != 0 || fields.contains("n" + c)) {
                    expected.add("n" + c);
                }
            }
            for (int c = 0; c < CAS_FIELDS; c++) {
                expected.add("cas" + c);
            }
            assertEquals(expected, fields, "only the counters are left: private fields deleted, short-lived ones expired");
            assertNull(((OffHeapStore) store).verifyIntegrity());
            store.execute("FLUSHALL");
            assertEquals(baseline, store.memoryStats().usedBytes(), "memory after FLUSHALL");
        }
    }

    private static void work(Store store, int id, AtomicLongArray increments, AtomicLongArray swaps,
                             ConcurrentLinkedQueue<String> problems) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> mine = new ArrayList<>();
        int nextPrivate = 0;
        for (int op = 0; op < OPERATIONS && problems.isEmpty(); op++) {
            switch (random.nextInt(10)) {
                case 0, 1, 2 -> {
                    int c = random.nextInt(COUNTERS);
                    long delta = random.nextInt(2_001) - 1_000;
                    expectInt(store.execute("HINCRBY", KEY, "n" + c, Long.toString(delta)), "HINCRBY", problems);
                    increments.addAndGet(c, delta);
                }
                case 3, 4 -> {
                    int c = random.nextInt(CAS_FIELDS);
                    for (int attempt = 0; ; attempt++) {
                        Reply current = store.execute("HGET", KEY, "cas" + c);
                        String seen = ((Reply.Bulk) current).utf8();
                        String next = Long.toString(Long.parseLong(seen) + 1);
                        Reply swapped = store.execute("KEEL.HCAS", KEY, "cas" + c, seen, next);
                        if (swapped.equals(Reply.integer(1))) {
                            swaps.incrementAndGet(c);
                            break;
                        }
                        if (!swapped.equals(Reply.integer(0)) || attempt > 100_000) {
                            problems.add("KEEL.HCAS answered " + swapped + " after " + attempt + " attempts");
                            return;
                        }
                    }
                }
                case 5, 6 -> {
                    if (mine.size() < 30 && (random.nextBoolean() || mine.isEmpty())) {
                        String field = "p" + id + ":" + nextPrivate++;
                        String value = random.nextInt(8) == 0 ? "long-private-value-" + "x".repeat(70) : "v";
                        if (!store.execute("HSET", KEY, field, value).equals(Reply.integer(1))) {
                            problems.add("HSET of a new private field " + field + " did not create it");
                        }
                        mine.add(field);
                    } else {
                        String field = mine.remove(random.nextInt(mine.size()));
                        if (!store.execute("HDEL", KEY, field).equals(Reply.integer(1))) {
                            problems.add("HDEL of private field " + field + " found nothing");
                        }
                    }
                }
                case 7 -> {
                    String field = "tmp" + id + ":" + random.nextInt(4);
                    Reply reply = random.nextBoolean()
                            ? store.execute("HSETEX", KEY, "PX", Integer.toString(1 + random.nextInt(50)), "FIELDS", "1", field, "t")
                            : store.execute("HSET", KEY, field, "t");
                    expectInt(reply, "HSETEX/HSET", problems);
                    store.execute("HPEXPIRE", KEY, Integer.toString(1 + random.nextInt(40)), "FIELDS", "1", field);
                }
                case 8 -> {
                    Reply length = store.execute("HLEN", KEY);
                    if (!(length instanceof Reply.Int n) || n.value() < CAS_FIELDS) {
                        problems.add("HLEN answered " + length);
                    }
                }
                default -> {
                    List<Reply> items = ((Reply.Array) store.execute("HGETALL", KEY)).items();
                    if (items.size() % 2 != 0 || items.size() < 2 * CAS_FIELDS) {
                        problems.add("HGETALL answered " + items.size() + " items");
                    }
                }
            }
        }
        for (String field : mine) {
            store.execute("HDEL", KEY, field);
        }
    }

    private static void expectInt(Reply reply, String command, ConcurrentLinkedQueue<String> problems) {
        if (!(reply instanceof Reply.Int)) {
            problems.add(command + " answered " + reply);
        }
    }
}
