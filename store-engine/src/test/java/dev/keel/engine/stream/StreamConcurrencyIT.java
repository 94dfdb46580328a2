package dev.keel.engine.stream;

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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Producers XADD to one stream while consumers of one group take entries with XREADGROUP (BLOCK
 * and not) and acknowledge them, and a reader walks the stream with XREAD: every entry is
 * delivered to exactly one consumer of the group, all are acknowledged, the stream holds every
 * entry in the order of its IDs, and FLUSHALL gives every byte back. Under Redis's block limits
 * and under two entries per block, with 1 and 64 stripes.
 */
class StreamConcurrencyIT {
    private static final int PRODUCERS = 2;
    private static final int CONSUMERS = 3;
    private static final int ENTRIES_PER_PRODUCER = 15_000;

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (Thresholds thresholds : List.of(Thresholds.defaults(), Thresholds.scalableAlways())) {
            for (int stripes : new int[] {1, 64}) {
                runs.add(arguments(thresholds, stripes));
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0}, {1} stripes")
    @MethodSource("runs")
    void producersAndAGroupOfConsumers_everyEntryDeliveredOnceAndAcked(Thresholds thresholds, int stripes) throws Exception {
        try (Store store = Keel.builder().thresholds(thresholds).stripes(stripes).open()) {
            long baseline = store.memoryStats().usedBytes();
            assertEquals(Reply.OK, store.execute("XGROUP", "CREATE", "events", "workers", "$", "MKSTREAM"));
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            ConcurrentHashMap<String, String> delivered = new ConcurrentHashMap<>();
            AtomicInteger producing = new AtomicInteger(PRODUCERS);
            CyclicBarrier start = new CyclicBarrier(PRODUCERS + CONSUMERS);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int id = p;
                threads.add(Thread.ofPlatform().name("producer-" + p).start(() -> run(start, problems, () -> {
                    for (int i = 0; i < ENTRIES_PER_PRODUCER; i++) {
                        Reply reply = store.execute("XADD", "events", "*", "producer", Integer.toString(id), "n", Integer.toString(i));
                        if (!(reply instanceof Reply.Bulk)) {
                            problems.add("XADD answered " + reply);
                        }
                    }
                    producing.decrementAndGet();
                })));
            }
            for (int c = 0; c < CONSUMERS; c++) {
                String name = "c" + c;
                threads.add(Thread.ofPlatform().name("consumer-" + c).start(() -> run(start, problems,
                        () -> consume(store, name, delivered, producing, problems))));
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.MINUTES.toMillis(5));
                assertTrue(!thread.isAlive(), thread.getName() + " still running");
            }
            assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
            int total = PRODUCERS * ENTRIES_PER_PRODUCER;
            assertEquals(total, delivered.size(), "every entry delivered once");
            assertEquals(Reply.integer(total), store.execute("XLEN", "events"));
            List<Reply> summary = ((Reply.Array) store.execute("XPENDING", "events", "workers")).items();
            assertEquals(Reply.integer(0), summary.get(0), "nothing left pending");
            List<Reply> all = ((Reply.Array) store.execute("XRANGE", "events", "-", "+")).items();
            assertEquals(total, all.size());
            int[] next = new int[PRODUCERS];
            for (Reply entry : all) {
                List<Reply> fields = ((Reply.Array) ((Reply.Array) entry).items().get(1)).items();
                int producer = Integer.parseInt(((Reply.Bulk) fields.get(1)).utf8());
                int n = Integer.parseInt(((Reply.Bulk) fields.get(3)).utf8());
                assertEquals(next[producer]++, n, "each producer's entries in the order it added them");
            }
            assertNull(((OffHeapStore) store).verifyIntegrity());
            store.execute("FLUSHALL");
            assertEquals(baseline, store.memoryStats().usedBytes(), "memory after FLUSHALL");
        }
    }

    private static void run(CyclicBarrier start, ConcurrentLinkedQueue<String> problems, Runnable work) {
        try {
            start.await();
            work.run();
        } catch (Throwable e) {
            problems.add(Thread.currentThread().getName() + " failed: " + e);
        }
    }

    private static void consume(Store store, String name, ConcurrentHashMap<String, String> delivered, AtomicInteger producing,
                                ConcurrentLinkedQueue<String> problems) {
        boolean block = name.equals("c0");
        while (true) {
            boolean done = producing.get() == 0;
            Reply reply = block
                    ? store.execute("XREADGROUP", "GROUP", "workers", name, "COUNT", "7", "BLOCK", "20", "STREAMS", "events", ">")
                    : store.execute("XREADGROUP", "GROUP", "workers", name, "COUNT", "5", "STREAMS", "events", ">");
            if (reply instanceof Reply.Nil || reply instanceof Reply.Array array && array.items().isEmpty()) {
                if (done) {
                    return;
                }
                Thread.onSpinWait();
                continue;
            }
            if (!(reply instanceof Reply.Array streams)) {
                problems.add("XREADGROUP answered " + reply);
                return;
            }
            List<Reply> entries = ((Reply.Array) ((Reply.Array) streams.items().get(0)).items().get(1)).items();
            List<String> ack = new ArrayList<>(List.of("XACK", "events", "workers"));
            for (Reply entry : entries) {
                String id = ((Reply.Bulk) ((Reply.Array) entry).items().get(0)).utf8();
                if (delivered.putIfAbsent(id, name) != null) {
                    problems.add(id + " delivered twice");
                }
                ack.add(id);
            }
            Reply acked = store.execute(ack.toArray(new String[0]));
            if (!acked.equals(Reply.integer(entries.size()))) {
                problems.add("XACK of " + entries.size() + " answered " + acked);
            }
        }
    }
}
