package dev.keel.benchmarks;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * SISMEMBER and SADD on one set of {@code members} (1,000,000) members {@code member:N}, run
 * against Keel and its on-heap peer through one facade ({@link SetPeer}) chosen by the
 * {@code store} parameter:
 *
 * <ul>
 *   <li>{@code keel}: {@code store.commands()}, String keys and members (UTF-8);
 *   <li>{@code keyset}: a {@code ConcurrentHashMap.newKeySet()} per key, on the heap.
 * </ul>
 *
 * <pre>
 * sismember  SISMEMBER of a member of the set, drawn from {@code distribution} (every call a hit)
 * saddSrem   SADD of a member that is not in the set, then SREM of it (one op = the pair, as
 *            ListBenchmark's LPUSH+RPOP), so the set keeps its size however long the run; each
 *            thread cycles through 1,024 members of its own
 * </pre>
 *
 * Both threads of a 2-thread run work on the same set (one key: Keel serializes commands on it).
 *
 * <p>Run (from the repository root, after {@code mvn -DskipTests install -pl benchmarks -am}),
 * once per thread count:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SetBenchmark -t 1
 * java -jar benchmarks/target/benchmarks.jar SetBenchmark -t 2
 * </pre>
 *
 * or {@code benchmarks/run.sh --hashes-only}, which also prints the ratios.
 *
 * <p><b>Thread safety:</b> JMH drives it; the shared state is the store under test.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class SetBenchmark {
    /** The key of the set. */
    static final String SET = "set:big";
    private static final int SEQUENCE_LENGTH = 1 << 20;
    private static final int OWN_MEMBERS = 1024;

    /** The store under test, with the set filled before measuring. */
    @State(Scope.Benchmark)
    public static class Filled {
        /** Which store: keel or keyset. */
        @Param({SetPeer.KEEL, SetPeer.KEY_SET})
        public String store;

        /** How SISMEMBER draws members: zipf or uniform. */
        @Param(KeyDistribution.ZIPF)
        public String distribution;

        /** The number of members of the set. */
        @Param("1000000")
        public int members;

        SetPeer peer;
        String[] names;
        KeyDistribution memberDistribution;
        final AtomicInteger threads = new AtomicInteger();

        /** Opens the store and fills the set. */
        @Setup(Level.Trial)
        public void fill() {
            names = HashBenchmark.names("member:", members);
            memberDistribution = KeyDistribution.of(distribution, members);
            peer = SetPeer.open(store);
            try {
                peer.load(SET, names);
                if (peer.scard(SET) != members || !peer.sismember(SET, names[members - 1])) {
                    throw new IllegalStateException(store + " holds " + peer.scard(SET) + " members, expected " + members);
                }
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

    /** One thread's precomputed members: the ones SISMEMBER asks for, and its own ones SADD adds. */
    @State(Scope.Thread)
    public static class Walk {
        String[] present;
        String[] absent;
        int position;

        /** Draws this thread's members, with this thread's own random generator. */
        @Setup(Level.Trial)
        public void draw(Filled set) {
            int[] numbers = set.memberDistribution.sample(SEQUENCE_LENGTH, ThreadLocalRandom.current());
            present = new String[SEQUENCE_LENGTH];
            for (int i = 0; i < SEQUENCE_LENGTH; i++) {
                present[i] = set.names[numbers[i]];
            }
            absent = HashBenchmark.names("absent:" + set.threads.getAndIncrement() + ":", OWN_MEMBERS);
        }

        int next() {
            return position++;
        }
    }

    /** SISMEMBER of a member of the set. */
    @Benchmark
    public boolean sismember(Filled set, Walk walk) {
        return set.peer.sismember(SET, walk.present[walk.next() & (SEQUENCE_LENGTH - 1)]);
    }

    /** SADD of a member not in the set, then SREM of it. */
    @Benchmark
    public boolean saddSrem(Filled set, Walk walk) {
        String member = walk.absent[walk.next() & (OWN_MEMBERS - 1)];
        return set.peer.sadd(SET, member) & set.peer.srem(SET, member);
    }
}
