package dev.keel.engine.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Commands;
import dev.keel.KeyValue;
import dev.keel.Keel;
import dev.keel.MemoryStats;
import dev.keel.StreamEntry;
import dev.keel.StreamId;
import dev.keel.StreamOffset;
import dev.keel.Store;
import dev.keel.engine.OffHeapStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * The soak test: one thread per core runs a fixed number of mixed commands on keys of every type
 * that all threads share (see {@link Soak}); at the end the state must be what atomic commands
 * allow, and FLUSHALL must give back every byte the data took.
 *
 * <p>CI runs {@value #DEFAULT_OPERATIONS} operations in all. A longer soak sets the total:
 * {@code mvn -B -o verify -pl store-engine -Dit.test=SoakIT -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsoak.operations=200000000}. The seed is printed, and
 * {@code -Dsoak.seed=...} replays a run's choice of commands (not its interleaving).
 */
class SoakIT {
    static final long DEFAULT_OPERATIONS = 20_000_000;

    @Test
    void mixedCommandsOnSharedKeys_keepEveryInvariant_andFlushallFreesEverything() throws Exception {
        long operations = Long.getLong("soak.operations", DEFAULT_OPERATIONS);
        long seed = Long.getLong("soak.seed", System.nanoTime());
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        try (Store store = Keel.inMemory()) {
            Commands<String, String> redis = store.commands();
            MemoryStats baseline = store.memoryStats();
            Soak soak = new Soak();
            Soak.populate(redis);
            List<Soak.Worker> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(new Soak.Worker(soak, redis, t, seed + t));
            }
            long started = System.nanoTime();
            runAll(workers, operations / threads);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("soak: %,d operations on %d threads in %.1f s (%,.0f a second), seed %d, %s at the end%n",
                    operations / threads * threads, threads, seconds, operations / seconds, seed, store.memoryStats());
            for (Soak.Worker worker : workers) {
                assertEquals(List.of(), worker.problems, "seed " + seed);
            }
            checkCounters(redis, soak);
            checkQueues(redis, workers);
            checkHashes(redis, soak);
            checkSets(redis);
            checkSortedSets(redis, soak);
            checkStreams(redis, workers);
            assertNull(((OffHeapStore) store).verifyIntegrity());

            redis.flushall();
            MemoryStats flushed = store.memoryStats();
            assertEquals(baseline.usedBytes(), flushed.usedBytes(), "bytes in use after FLUSHALL: " + flushed + ", before any data: " + baseline);
            assertEquals(baseline.allocations(), flushed.allocations(), "blocks after FLUSHALL");
        }
    }

    private static void runAll(List<Soak.Worker> workers, long operationsEach) throws Exception {
        CyclicBarrier start = new CyclicBarrier(workers.size());
        List<Thread> threads = new ArrayList<>();
        for (Soak.Worker worker : workers) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    worker.run(operationsEach);
                } catch (Exception | AssertionError e) {
                    worker.problems.add(e.toString());
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void checkCounters(Commands<String, String> redis, Soak soak) {
        for (int i = 0; i < Soak.COUNTERS; i++) {
            String value = redis.get(Soak.counter(i));
            assertEquals(soak.counterIncrements.get(i), value == null ? 0 : Long.parseLong(value), Soak.counter(i));
        }
    }

    /** Every item pushed was popped once or is still in exactly one queue, once. */
    private static void checkQueues(Commands<String, String> redis, List<Soak.Worker> workers) {
        Set<String> produced = new HashSet<>();
        workers.forEach(worker -> produced.addAll(worker.produced));
        List<String> found = new ArrayList<>();
        workers.forEach(worker -> found.addAll(worker.consumed));
        for (int q = 0; q < Soak.QUEUES; q++) {
            found.addAll(redis.lrange(Soak.queue(q), 0, -1));
        }
        Set<String> unique = new HashSet<>(found);
        assertEquals(found.size(), unique.size(), "items popped or left twice");
        assertEquals(produced, unique, "items pushed against items popped and left");
    }

    private static void checkHashes(Commands<String, String> redis, Soak soak) {
        for (int h = 0; h < Soak.HASHES; h++) {
            for (int f = 0; f < Soak.FIELDS; f++) {
                String value = redis.hget(Soak.hash(h), Soak.field(f));
                assertEquals(soak.fieldIncrements.get(h * Soak.FIELDS + f), value == null ? 0 : Long.parseLong(value),
                        Soak.hash(h) + " " + Soak.field(f));
            }
        }
    }

    /** Every member is in exactly one set. */
    private static void checkSets(Commands<String, String> redis) {
        Set<String> seen = new TreeSet<>();
        long total = 0;
        for (int s = 0; s < Soak.SETS; s++) {
            Set<String> members = redis.smembers(Soak.set(s));
            seen.addAll(members);
            total += members.size();
        }
        Set<String> all = new TreeSet<>();
        for (int m = 0; m < Soak.SET_MEMBERS; m++) {
            all.add(Soak.member(m));
        }
        assertEquals(all, seen, "set members");
        assertEquals(Soak.SET_MEMBERS, total, "members in two sets at once");
    }

    /** Each sorted set's scores add up to the increments made (whole numbers, so the sums are exact). */
    private static void checkSortedSets(Commands<String, String> redis, Soak soak) {
        for (int z = 0; z < Soak.ZSETS; z++) {
            double sum = 0;
            for (int m = 0; m < Soak.ZSET_MEMBERS; m++) {
                Double score = redis.zscore(Soak.zset(z), Soak.member(m));
                sum += score == null ? 0 : score;
            }
            assertEquals((double) soak.scoreIncrements.get(z), sum, Soak.zset(z));
        }
    }

    /**
     * Every entry added was delivered to one consumer and acknowledged once; what no worker read
     * is read and acknowledged now, after which nothing is pending.
     */
    private static void checkStreams(Commands<String, String> redis, List<Soak.Worker> workers) throws InterruptedException {
        for (int s = 0; s < Soak.STREAMS; s++) {
            String stream = Soak.stream(s);
            Set<StreamId> added = new HashSet<>();
            List<StreamId> acknowledged = new ArrayList<>();
            for (Soak.Worker worker : workers) {
                added.addAll(worker.added.get(s));
                acknowledged.addAll(worker.acknowledged.get(s));
            }
            List<KeyValue<String, List<StreamEntry<String, String>>>> rest = redis.xreadgroup(Soak.GROUP, "drain",
                    List.of(StreamOffset.undelivered(stream)));
            if (rest != null) {
                for (StreamEntry<String, String> entry : rest.getFirst().value()) {
                    assertEquals(1, redis.xack(stream, Soak.GROUP, entry.id()), "XACK of " + entry.id());
                    acknowledged.add(entry.id());
                }
            }
            assertEquals(acknowledged.size(), new HashSet<>(acknowledged).size(), stream + ": entries delivered twice");
            assertEquals(added, new HashSet<>(acknowledged), stream + ": entries added against entries acknowledged");
            assertEquals(added.size(), redis.xlen(stream), stream + " length");
            assertEquals(0, redis.xpending(stream, Soak.GROUP).count(), stream + ": entries still pending");
        }
    }
}
