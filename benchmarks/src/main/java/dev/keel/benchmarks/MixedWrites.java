package dev.keel.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The write workload of {@link PersistenceBenchmark}: write number {@code i} of a run is RPUSH,
 * HSET, ZADD or XADD in turn, on one of 1,000 keys of its type, and adds one element.
 *
 * <pre>
 *   i % 4 == 0   RPUSH list:K   v
 *   i % 4 == 1   HSET  hash:K   f&lt;i&gt; v
 *   i % 4 == 2   ZADD  zset:K   S m&lt;i&gt;
 *   i % 4 == 3   XADD  stream:K * f v
 *
 *   K = (i / 4) % 1000
 *   v = one of 1,024 strings of 16 to 32 random lowercase letters (fixed seed)
 *   S = an integer score in [0, 2^20) hashed from i (not in order of i)
 * </pre>
 *
 * <p>With T threads, thread t makes the writes i = t, t + T, t + 2T, ...: the threads go round
 * the types and keys side by side, on different keys at any moment. After a run a store holds
 * one element per write ({@link #expected}), which {@link #count} checks.
 *
 * <p><b>Thread safety:</b> stateless; {@link #run} drives one thread per {@link Target}.
 */
final class MixedWrites {
    /** Keys of each type. */
    static final int KEYS_PER_TYPE = 1000;
    private static final int TYPES = 4;
    private static final long SEED = 42;
    private static final String[] VALUES = values(1024);
    private static final String[][] KEYS = keys("list:", "hash:", "zset:", "stream:");
    /** The commands that count a key's elements, by type (the order of {@link #KEYS}). */
    private static final String[] SIZE_COMMANDS = {"LLEN", "HLEN", "ZCARD", "XLEN"};

    private MixedWrites() {
    }

    /**
     * A store the workload writes to: four commands of the typed API its users would call, as
     * method references ({@code commands::rpush}, ...).
     */
    record Target(ElementWrite rpush, FieldWrite hset, ScoredWrite zadd, FieldWrite xadd) {
    }

    /** {@code RPUSH key element}. */
    @FunctionalInterface
    interface ElementWrite {
        /** Writes {@code element} to {@code key}. */
        void write(String key, String element);
    }

    /** {@code HSET key field value}, or {@code XADD key * field value}. */
    @FunctionalInterface
    interface FieldWrite {
        /** Writes {@code field} and {@code value} to {@code key}. */
        void write(String key, String field, String value);
    }

    /** {@code ZADD key score member}. */
    @FunctionalInterface
    interface ScoredWrite {
        /** Writes {@code member} with {@code score} to {@code key}. */
        void write(String key, double score, String member);
    }

    /** A store asked for a count: runs {@code argv} and returns its integer reply. */
    @FunctionalInterface
    interface Counter {
        /**
         * Runs {@code argv} and returns its integer reply.
         *
         * @throws IllegalStateException if the reply is not an integer
         */
        long integer(String... argv);
    }

    /** How many keys and elements a store holds. */
    record Contents(long keys, long elements) {
    }

    /** One run: the writes each thread made, and the time from the start to the last thread's end. */
    record Run(long[] perThread, long nanos) {

        /** Returns the writes of every thread. */
        long writes() {
            return Arrays.stream(perThread).sum();
        }

        /** Returns the writes a second. */
        double opsPerSecond() {
            return writes() * 1e9 / nanos;
        }
    }

    /** Returns {@code writes} split over {@code threads}: what each thread makes, the first ones one more where it does not divide. */
    static long[] split(long writes, int threads) {
        long[] limits = new long[threads];
        for (int t = 0; t < threads; t++) {
            limits[t] = writes / threads + (t < writes % threads ? 1 : 0);
        }
        return limits;
    }

    /** Makes write number {@code i} on {@code target}. */
    static void write(Target target, long i) {
        int key = (int) (i / TYPES % KEYS_PER_TYPE);
        String value = VALUES[(int) (i & (VALUES.length - 1))];
        switch ((int) (i % TYPES)) {
            case 0 -> target.rpush().write(KEYS[0][key], value);
            case 1 -> target.hset().write(KEYS[1][key], "f" + i, value);
            case 2 -> target.zadd().write(KEYS[2][key], (i * 0x9E3779B97F4A7C15L) >>> 44, "m" + i);
            default -> target.xadd().write(KEYS[3][key], "f", value);
        }
    }

    /**
     * Runs the workload on one thread per target, thread t through {@code targets.get(t)} making at
     * most {@code limits[t]} writes; every thread stops once {@code budget} has passed.
     *
     * @throws IllegalStateException if a write fails (its exception the cause)
     */
    static Run run(List<Target> targets, long[] limits, Duration budget) throws InterruptedException {
        int threads = targets.size();
        long[] made = new long[threads];
        long[] ended = new long[threads];
        Throwable[] failed = new Throwable[threads];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(Thread.ofPlatform().name("mixed-writes-" + t).start(() -> {
                Target target = targets.get(thread);
                long j = 0;
                try {
                    ready.countDown();
                    go.await();
                    for (; j < limits[thread] && !stop.get(); j++) {
                        write(target, thread + threads * j);
                    }
                } catch (Throwable e) {
                    failed[thread] = e;
                }
                made[thread] = j;
                ended[thread] = System.nanoTime();
            }));
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        long deadline = start + budget.toNanos();
        for (Thread worker : workers) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                worker.join(Duration.ofNanos(left));
            }
            if (worker.isAlive()) {
                stop.set(true);
                worker.join();
            }
        }
        for (Throwable failure : failed) {
            if (failure != null) {
                throw new IllegalStateException("a write failed: " + failure, failure);
            }
        }
        return new Run(made, Arrays.stream(ended).max().orElseThrow() - start);
    }

    /** Returns what a store holds after the writes each thread of {@code run} made. */
    static Contents expected(Run run) {
        int threads = run.perThread().length;
        BitSet keys = new BitSet(TYPES * KEYS_PER_TYPE);
        for (int t = 0; t < threads; t++) {
            long writes = Math.min(run.perThread()[t], (long) TYPES * KEYS_PER_TYPE);
            for (long j = 0; j < writes; j++) {
                long i = t + (long) threads * j;
                keys.set((int) (i % TYPES * KEYS_PER_TYPE + i / TYPES % KEYS_PER_TYPE));
            }
        }
        return new Contents(keys.cardinality(), run.writes());
    }

    /** Counts the keys (DBSIZE) and the elements of every key of the workload through {@code counter}. */
    static Contents count(Counter counter) {
        long elements = 0;
        for (int type = 0; type < TYPES; type++) {
            for (String key : KEYS[type]) {
                elements += counter.integer(SIZE_COMMANDS[type], key);
            }
        }
        return new Contents(counter.integer("DBSIZE"), elements);
    }

    /**
     * Checks that {@code found} is what {@code run} wrote.
     *
     * @throws IllegalStateException if it is not, naming {@code store}
     */
    static void check(String store, Contents found, Run run) {
        Contents expected = expected(run);
        if (!found.equals(expected)) {
            throw new IllegalStateException(store + " holds " + found + " after " + run.writes() + " writes; expected " + expected);
        }
    }

    private static String[] values(int count) {
        SplittableRandom random = new SplittableRandom(SEED);
        String[] values = new String[count];
        for (int v = 0; v < count; v++) {
            char[] letters = new char[random.nextInt(16, 33)];
            for (int c = 0; c < letters.length; c++) {
                letters[c] = (char) ('a' + random.nextInt(26));
            }
            values[v] = new String(letters);
        }
        return values;
    }

    private static String[][] keys(String... prefixes) {
        String[][] keys = new String[prefixes.length][KEYS_PER_TYPE];
        for (int type = 0; type < prefixes.length; type++) {
            for (int k = 0; k < KEYS_PER_TYPE; k++) {
                keys[type][k] = prefixes[type] + k;
            }
        }
        return keys;
    }
}
