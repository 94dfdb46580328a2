package dev.keel.benchmarks;

import dev.keel.StreamEntry;
import dev.keel.StreamId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * XADD, XRANGE ... COUNT 100 and XREADGROUP + XACK on one stream of {@code entries} (1,000,000)
 * entries {@code f1} -> 8 bytes, {@code f2} -> 16 bytes, run against Keel and its peers through
 * one facade ({@link StreamPeer}) chosen by the {@code store} parameter:
 *
 * <ul>
 *   <li>{@code keel}: {@code store.commands()}, String keys, fields and values (UTF-8);
 *   <li>{@code skiplist}: a {@code ConcurrentSkipListMap<Long, Map<String, String>>} with a
 *       pending {@code ConcurrentHashMap} and a cursor per group, on the heap
 *       ({@link SkipListStreamPeer});
 *   <li>{@code redis}: a {@code redis-server} started by the benchmark, over loopback through
 *       Lettuce's synchronous API, one command at a time (needs {@code redis-server} on the PATH).
 * </ul>
 *
 * <pre>
 * xadd            XADD stream MAXLEN ~ 1000000 * f1 v1 f2 v2 of a new 2-field entry at the tail:
 *                 a capped stream, as a service keeps one, each store dropping its oldest whole
 *                 blocks once past the cap (Redis: radix tree nodes of up to 100 entries; the
 *                 skip list: 100 entries at a time), so the stream stays at about 1M entries
 *                 however long the run, and the trimming is part of the op
 * xrangePage100   XRANGE stream id + COUNT 100, id the ID of an entry drawn uniformly from the
 *                 first 1M - 100 (so every page is full)
 * xreadgroupXack  XREADGROUP GROUP workers consumer-T COUNT 1 STREAMS stream >, then XACK of the
 *                 entry read (one op = the pair, as ListBenchmark's LPUSH+RPOP). The group is
 *                 created at 0-0 in setup, so it delivers the 1M entries in order; a read that
 *                 finds none left (the group at the end of the stream, after 1M ops) sets the
 *                 group back to 0-0 with XGROUP SETID and reads again, in the timed op: about
 *                 once per million ops, for a run that outlasts the stream
 * </pre>
 *
 * Entries, loaded before measuring from a fixed seed and added by xadd from per-thread pools,
 * are {@code f1} -> 8 and {@code f2} -> 16 random lowercase letters, never numbers (Redis would
 * pack a number as an integer). IDs are {@code *}, chosen by each store. Start IDs and entries are
 * drawn into per-thread arrays before measuring; the timed code only walks them. Both threads of
 * a 2-thread run work on the same stream (one key: Keel and Redis serialize commands on it), and
 * in xreadgroupXack are two consumers of the one group.
 *
 * <p>Run (from the repository root, after {@code mvn -DskipTests install -pl benchmarks -am}),
 * once per thread count:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar StreamBenchmark -t 1
 * java -jar benchmarks/target/benchmarks.jar StreamBenchmark -t 2
 * </pre>
 *
 * Without {@code redis-server}, leave Redis out: {@code -p store=keel,skiplist}; or
 * {@code benchmarks/run.sh --streams-only} ({@code --quick} for a short run), which also runs
 * {@link StreamFootprint} and prints the ratios.
 *
 * <p><b>Thread safety:</b> JMH drives it; the shared state is the store under test.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class StreamBenchmark {
    /** The key of the stream. */
    static final String STREAM = "stream:big";
    /** The consumer group of xreadgroupXack. */
    static final String GROUP = "workers";
    /** The seed of the entries the stream is filled with. */
    static final long FILL_SEED = 42;
    /** The ID before every entry: a group set to it delivers the stream from its start. */
    static final StreamId ZERO = new StreamId(0, 0);
    private static final int PAGE = 100;
    private static final int SEQUENCE_LENGTH = 1 << 20;
    private static final int ADD_POOL = 1 << 14;
    private static final int F1_LENGTH = 8;
    private static final int F2_LENGTH = 16;

    /** The store under test, with the stream filled and the group created before measuring. */
    @State(Scope.Benchmark)
    public static class Filled {
        /** Which store: keel, skiplist or redis. */
        @Param({StreamPeer.KEEL, StreamPeer.SKIP_LIST, StreamPeer.REDIS})
        public String store;

        /** The number of entries of the stream. */
        @Param("1000000")
        public int entries;

        StreamPeer peer;
        StreamId[] ids;
        private final AtomicInteger consumers = new AtomicInteger();

        /** Opens the store, fills the stream and creates the group at 0-0. */
        @Setup(Level.Trial)
        public void fill() {
            peer = StreamPeer.open(store);
            try {
                long start = System.nanoTime();
                ids = peer.load(STREAM, entries, entries(new SplittableRandom(FILL_SEED)));
                List<StreamEntry<String, String>> last = peer.xrange(STREAM, ids[entries - 1], PAGE);
                if (peer.xlen(STREAM) != entries || last.size() != 1 || !last.getFirst().id().equals(ids[entries - 1])) {
                    throw new IllegalStateException(store + " holds " + peer.xlen(STREAM) + " entries, expected " + entries);
                }
                peer.xgroupCreate(STREAM, GROUP, ZERO);
                System.out.printf(Locale.ROOT, "%n%s: %,d entries loaded in %.2f s (IDs %s to %s); encoding %s%n",
                        store, entries, (System.nanoTime() - start) / 1e9, ids[0], ids[entries - 1], peer.encoding(STREAM));
            } catch (RuntimeException e) {
                peer.close();
                throw e;
            }
        }

        /** Closes the store. */
        @TearDown(Level.Trial)
        public void close() {
            peer.close();
        }
    }

    /** One thread's precomputed start IDs and entries, its consumer name, and where it is in them. */
    @State(Scope.Thread)
    public static class Walk {
        StreamId[] starts;
        List<Map<String, String>> adds;
        String consumer;
        int position;

        /** Draws this thread's start IDs and entries, with this thread's own random generator, and names its consumer. */
        @Setup(Level.Trial)
        public void draw(Filled stream) {
            RandomGenerator random = ThreadLocalRandom.current();
            starts = new StreamId[SEQUENCE_LENGTH];
            for (int i = 0; i < SEQUENCE_LENGTH; i++) {
                starts[i] = stream.ids[random.nextInt(stream.entries - PAGE + 1)];
            }
            Supplier<Map<String, String>> entries = entries(random);
            adds = new ArrayList<>(ADD_POOL);
            for (int i = 0; i < ADD_POOL; i++) {
                adds.add(entries.get());
            }
            consumer = "consumer-" + stream.consumers.incrementAndGet();
        }

        /** Moves to the next draw and returns its index. */
        int next() {
            return position++ & (SEQUENCE_LENGTH - 1);
        }
    }

    /**
     * Returns a source of entries {@code f1} -> 8 and {@code f2} -> 16 random lowercase letters,
     * in that order, drawn from {@code random}.
     */
    static Supplier<Map<String, String>> entries(RandomGenerator random) {
        return () -> {
            Map<String, String> entry = LinkedHashMap.newLinkedHashMap(2);
            entry.put("f1", letters(random, F1_LENGTH));
            entry.put("f2", letters(random, F2_LENGTH));
            return entry;
        };
    }

    private static String letters(RandomGenerator random, int length) {
        char[] letters = new char[length];
        for (int i = 0; i < length; i++) {
            letters[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(letters);
    }

    /** XADD stream MAXLEN ~ 1000000 * f1 v1 f2 v2 of the next entry of this thread's pool. */
    @Benchmark
    public StreamId xadd(Filled stream, Walk walk) {
        return stream.peer.xaddCapped(STREAM, stream.entries, walk.adds.get(walk.next() & (ADD_POOL - 1)));
    }

    /** XRANGE stream id + COUNT 100 from a random entry's ID. */
    @Benchmark
    public List<StreamEntry<String, String>> xrangePage100(Filled stream, Walk walk) {
        return stream.peer.xrange(STREAM, walk.starts[walk.next()], PAGE);
    }

    /** XREADGROUP of one undelivered entry, then XACK of it; the group starts over at 0-0 when it has delivered them all. */
    @Benchmark
    public long xreadgroupXack(Filled stream, Walk walk) {
        List<StreamEntry<String, String>> read = stream.peer.xreadgroup(STREAM, GROUP, walk.consumer, 1);
        if (read.isEmpty()) {
            stream.peer.xgroupSetid(STREAM, GROUP, ZERO);
            read = stream.peer.xreadgroup(STREAM, GROUP, walk.consumer, 1);
        }
        return stream.peer.xack(STREAM, GROUP, read.getFirst().id());
    }
}
