package dev.keel.benchmarks;

import dev.keel.ScoredValue;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * ZADD, ZINCRBY, ZRANK, ZRANGEBYSCORE ... LIMIT 0 10 and ZPOPMIN on one sorted set of
 * {@code members} (1,000,000) members {@code member:N} with random scores, run against Keel and
 * its peers through one facade ({@link ZSetPeer}) chosen by the {@code store} parameter:
 *
 * <ul>
 *   <li>{@code keel}: {@code store.commands()}, String keys and members (UTF-8);
 *   <li>{@code skiplist}: a {@code ConcurrentSkipListMap} ordered by (score, member) beside a
 *       {@code ConcurrentHashMap} of member to score, on the heap ({@link SkipListZSetPeer});
 *   <li>{@code redis}: a {@code redis-server} started by the benchmark, over loopback through
 *       Lettuce's synchronous API, one command at a time (needs {@code redis-server} on the PATH).
 * </ul>
 *
 * <pre>
 * zaddRandom            ZADD of a member of the set with a new random score: it moves in the
 *                       order, and the set keeps its size however long the run
 * zincrby               ZINCRBY of a member of the set by a random increment in [-0.5, 0.5)
 * zrank                 ZRANK of a member of the set
 * zrangeByScoreLimit10  ZRANGEBYSCORE set min +inf LIMIT 0 10, min a random score in [0, 1)
 * zpopminZadd           ZPOPMIN, then ZADD of the popped member with a new random score (one op
 *                       = the pair, as ListBenchmark's LPUSH+RPOP), so the set keeps its size
 * </pre>
 *
 * Scores are uniform in [0, 1), drawn from a fixed seed when filling; members are drawn from
 * {@code distribution} (uniform by default: where a member sits in the order depends on its
 * random score, not on how often it is asked for). Draws (members, scores, increments, minimums)
 * are made into per-thread arrays before measuring; the timed code only walks them. Both threads
 * of a 2-thread run work on the same set (one key: Keel and Redis serialize commands on it).
 *
 * <p>ZRANK on the skip list is {@code headMap(key).size()}, which walks every lower entry: about
 * 500,000 of them for a random member of the 1,000,000, so its figure is that of an O(n)
 * operation, kept honest rather than replaced by an index the JDK does not have.
 *
 * <p>Run (from the repository root, after {@code mvn -DskipTests install -pl benchmarks -am}),
 * once per thread count:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ZSetBenchmark -t 1
 * java -jar benchmarks/target/benchmarks.jar ZSetBenchmark -t 2
 * </pre>
 *
 * Without {@code redis-server}, leave Redis out: {@code -p store=keel,skiplist}; or
 * {@code benchmarks/run.sh --zsets-only} ({@code --quick} for a short run), which also runs
 * {@link ZSetFootprint} and prints the ratios.
 *
 * <p><b>Thread safety:</b> JMH drives it; the shared state is the store under test.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class ZSetBenchmark {
    /** The key of the sorted set. */
    static final String ZSET = "zset:big";
    /** The seed of the scores the set is filled with. */
    static final long FILL_SEED = 42;
    private static final int SEQUENCE_LENGTH = 1 << 20;
    private static final int RANGE_COUNT = 10;

    /** The store under test, with the sorted set filled before measuring. */
    @State(Scope.Benchmark)
    public static class Filled {
        /** Which store: keel, skiplist or redis. */
        @Param({ZSetPeer.KEEL, ZSetPeer.SKIP_LIST, ZSetPeer.REDIS})
        public String store;

        /** How members are drawn: uniform or zipf. */
        @Param(KeyDistribution.UNIFORM)
        public String distribution;

        /** The number of members of the set. */
        @Param("1000000")
        public int members;

        ZSetPeer peer;
        String[] names;
        KeyDistribution memberDistribution;

        /** Opens the store and fills the set. */
        @Setup(Level.Trial)
        public void fill() {
            names = HashBenchmark.names("member:", members);
            memberDistribution = KeyDistribution.of(distribution, members);
            peer = ZSetPeer.open(store);
            try {
                long start = System.nanoTime();
                peer.load(ZSET, names, scores(members, new SplittableRandom(FILL_SEED)));
                if (peer.zcard(ZSET) != members || peer.zrank(ZSET, names[members - 1]) == null) {
                    throw new IllegalStateException(store + " holds " + peer.zcard(ZSET) + " members, expected " + members);
                }
                System.out.printf(Locale.ROOT, "%n%s: %,d members loaded in %.2f s; encoding %s%n",
                        store, members, (System.nanoTime() - start) / 1e9, peer.encoding(ZSET));
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

    /** One thread's precomputed members and scores, and where it is in them. */
    @State(Scope.Thread)
    public static class Walk {
        String[] members;
        double[] scores;
        int position;

        /** Draws this thread's members and scores, with this thread's own random generator. */
        @Setup(Level.Trial)
        public void draw(Filled set) {
            RandomGenerator random = ThreadLocalRandom.current();
            int[] numbers = set.memberDistribution.sample(SEQUENCE_LENGTH, random);
            members = new String[SEQUENCE_LENGTH];
            for (int i = 0; i < SEQUENCE_LENGTH; i++) {
                members[i] = set.names[numbers[i]];
            }
            scores = scores(SEQUENCE_LENGTH, random);
        }

        /** Moves to the next draw and returns its index. */
        int next() {
            return position++ & (SEQUENCE_LENGTH - 1);
        }
    }

    /** Returns {@code count} scores uniform in [0, 1). */
    static double[] scores(int count, RandomGenerator random) {
        double[] scores = new double[count];
        for (int i = 0; i < count; i++) {
            scores[i] = random.nextDouble();
        }
        return scores;
    }

    /** ZADD of a member of the set with a new random score. */
    @Benchmark
    public long zaddRandom(Filled set, Walk walk) {
        int i = walk.next();
        return set.peer.zadd(ZSET, walk.scores[i], walk.members[i]);
    }

    /** ZINCRBY of a member of the set by a random increment in [-0.5, 0.5). */
    @Benchmark
    public double zincrby(Filled set, Walk walk) {
        int i = walk.next();
        return set.peer.zincrby(ZSET, walk.scores[i] - 0.5, walk.members[i]);
    }

    /** ZRANK of a member of the set. */
    @Benchmark
    public Long zrank(Filled set, Walk walk) {
        return set.peer.zrank(ZSET, walk.members[walk.next()]);
    }

    /** ZRANGEBYSCORE set min +inf LIMIT 0 10, min a random score in [0, 1). */
    @Benchmark
    public List<String> zrangeByScoreLimit10(Filled set, Walk walk) {
        return set.peer.zrangeByScoreLimit(ZSET, walk.scores[walk.next()], Double.POSITIVE_INFINITY, 0, RANGE_COUNT);
    }

    /** ZPOPMIN, then ZADD of the popped member with a new random score. */
    @Benchmark
    public long zpopminZadd(Filled set, Walk walk) {
        ScoredValue<String> lowest = set.peer.zpopmin(ZSET);
        return set.peer.zadd(ZSET, walk.scores[walk.next()], lowest.value());
    }
}
