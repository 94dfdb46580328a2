package dev.keel.engine.zset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.Thresholds;
import dev.keel.engine.OffHeapStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Threads on shared sorted sets, under each encoding regime and with 1 or 64 stripes.
 *
 * <ul>
 *   <li>Counters: ZINCRBY on shared members while each thread adds and removes private members
 *       (so the set crosses its packed limits both ways under the counters' feet): every counter
 *       ends at exactly the sum of its increments, and no private member is left.
 *   <li>A priority queue: producers ZADD unique jobs while consumers take them with BZPOPMIN and
 *       ZPOPMIN: every job is taken exactly once, none is lost, and the queue ends empty.
 * </ul>
 *
 * Then the trees' invariants hold and FLUSHALL gives every byte back.
 */
class ZSetConcurrencyIT {
    private static final int THREADS = 4;
    private static final int OPERATIONS = 30_000;
    private static final int COUNTERS = 6;
    private static final int JOBS_PER_PRODUCER = 20_000;

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        AbstractZSetTest.thresholds().forEach(thresholds -> {
            for (int stripes : new int[] {1, 64}) {
                runs.add(arguments(thresholds.get()[0], stripes));
            }
        });
        return runs.stream();
    }

    @ParameterizedTest(name = "{0}, {1} stripes")
    @MethodSource("runs")
    void countersAndQueue_underChurn_endExact(Thresholds thresholds, int stripes) throws Exception {
        try (Store store = Keel.builder().thresholds(thresholds).stripes(stripes).open()) {
            long baseline = store.memoryStats().usedBytes();
            AtomicLongArray increments = new AtomicLongArray(COUNTERS);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            ConcurrentHashMap<String, Boolean> taken = new ConcurrentHashMap<>();
            AtomicLong producersLeft = new AtomicLong(THREADS / 2);
            CyclicBarrier start = new CyclicBarrier(THREADS * 2);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                threads.add(Thread.ofPlatform().name("counter-" + t).start(() -> run(start, problems, "counter " + id,
                        () -> count(store, id, increments, problems))));
                if (id < THREADS / 2) {
                    threads.add(Thread.ofPlatform().name("producer-" + t).start(() -> run(start, problems, "producer " + id,
                            () -> produce(store, id, producersLeft))));
                } else {
                    threads.add(Thread.ofPlatform().name("consumer-" + t).start(() -> run(start, problems, "consumer " + id,
                            () -> consume(store, taken, producersLeft, problems))));
                }
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.MINUTES.toMillis(5));
                assertTrue(!thread.isAlive(), thread.getName() + " still running");
            }
            assertTrue(problems.isEmpty(), () -> String.join("\n", problems));

            for (int c = 0; c < COUNTERS; c++) {
                Reply score = store.execute("ZSCORE", "counters", "c" + c);
                assertEquals(Reply.bulk(Long.toString(increments.get(c))), score, "counter c" + c);
            }
            assertEquals(Reply.integer(COUNTERS), store.execute("ZCARD", "counters"), "only the counters are left");
            assertEquals(THREADS / 2 * JOBS_PER_PRODUCER, taken.size(), "every job taken once");
            assertEquals(Reply.integer(0), store.execute("EXISTS", "queue"));
            assertNull(((OffHeapStore) store).verifyIntegrity());
            store.execute("FLUSHALL");
            assertEquals(baseline, store.memoryStats().usedBytes(), "memory after FLUSHALL");
        }
    }

    private static void run(CyclicBarrier start, ConcurrentLinkedQueue<String> problems, String name, Runnable work) {
        try {
            start.await();
            work.run();
        } catch (Throwable e) {
            problems.add(name + " failed: " + e);
        }
    }

    private static void count(Store store, int id, AtomicLongArray increments, ConcurrentLinkedQueue<String> problems) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < OPERATIONS; i++) {
            int choice = random.nextInt(10);
            if (choice < 5) {
                int counter = random.nextInt(COUNTERS);
                int delta = random.nextInt(1, 10);
                store.execute("ZINCRBY", "counters", Integer.toString(delta), "c" + counter);
                increments.addAndGet(counter, delta);
            } else if (choice < 8 || mine.isEmpty()) {
                String member = "t" + id + "-" + i;
                store.execute("ZADD", "counters", Integer.toString(random.nextInt(-50, 50)), member);
                mine.add(member);
            } else {
                String member = mine.remove(random.nextInt(mine.size()));
                Reply removed = store.execute("ZREM", "counters", member);
                if (!removed.equals(Reply.integer(1))) {
                    problems.add("ZREM of " + member + " answered " + removed);
                }
            }
        }
        for (String member : mine) {
            store.execute("ZREM", "counters", member);
        }
    }

    private static void produce(Store store, int id, AtomicLong producersLeft) {
        for (int i = 0; i < JOBS_PER_PRODUCER; i++) {
            store.execute("ZADD", "queue", Integer.toString(i), "job-" + id + "-" + i);
        }
        producersLeft.decrementAndGet();
    }

    private static void consume(Store store, ConcurrentHashMap<String, Boolean> taken, AtomicLong producersLeft,
                                ConcurrentLinkedQueue<String> problems) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            Reply reply = random.nextBoolean()
                    ? store.execute("BZPOPMIN", "queue", "0.05")
                    : store.execute("ZPOPMIN", "queue", Integer.toString(random.nextInt(1, 4)));
            List<Reply> items = reply instanceof Reply.Array array ? array.items() : List.of();
            if (reply instanceof Reply.Array && items.size() == 3 && items.get(0).equals(Reply.bulk("queue"))) {
                items = items.subList(1, 3);
            }
            for (int i = 0; i < items.size(); i += 2) {
                String job = ((Reply.Bulk) items.get(i)).utf8();
                if (taken.putIfAbsent(job, Boolean.TRUE) != null) {
                    problems.add(job + " taken twice");
                }
            }
            if (items.isEmpty() && producersLeft.get() == 0 && store.execute("EXISTS", "queue").equals(Reply.integer(0))) {
                return;
            }
        }
    }
}
