package dev.keel.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * String GET and SET of 100-byte values over 100,000 keys {@code session:N}, run against Keel and
 * its peers through one facade ({@link StorePeer}) chosen by the {@code store} parameter:
 *
 * <ul>
 *   <li>{@code keel}: {@code store.commands()}, String keys and values (UTF-8);
 *   <li>{@code keel-bytes}: {@code store.commands(Codec.bytes())}, the key encoded per call;
 *   <li>{@code chm}: {@code ConcurrentHashMap<String, byte[]>} on the heap;
 *   <li>{@code redis}: a {@code redis-server} started by the benchmark, over loopback through
 *       Lettuce's synchronous API (needs {@code redis-server} on the PATH).
 * </ul>
 *
 * Every key is set before measuring, so every GET hits. Keys are drawn uniformly or from a Zipf
 * distribution ({@link KeyDistribution}) into a per-thread array before measuring; the timed code
 * only walks it. SET cycles through 16 distinct values.
 *
 * <p>Run (from the repository root, after {@code mvn -DskipTests install -pl benchmarks -am}),
 * once per thread count:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar StringBenchmark -t 1
 * java -jar benchmarks/target/benchmarks.jar StringBenchmark -t 2
 * </pre>
 *
 * Without {@code redis-server}, leave Redis out: {@code -p store=keel,keel-bytes,chm}.
 *
 * or {@code benchmarks/run.sh} ({@code --quick} for a short run), which also prints the ratios.
 *
 * <p><b>Thread safety:</b> JMH drives it; the shared state is the store under test.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class StringBenchmark {
    private static final int DISTINCT_VALUES = 16;
    private static final int SEQUENCE_LENGTH = 1 << 20;

    /** The store under test, filled with every key before measuring. */
    @State(Scope.Benchmark)
    public static class Stores {
        /** Which store: keel, keel-bytes, chm or redis. */
        @Param({StorePeer.KEEL, StorePeer.KEEL_BYTES, StorePeer.CHM, StorePeer.REDIS})
        public String store;

        /** How keys are drawn: uniform or zipf. */
        @Param({KeyDistribution.UNIFORM, KeyDistribution.ZIPF})
        public String distribution;

        /** The number of keys. */
        @Param("100000")
        public int keys;

        /** The length of every value, in bytes. */
        @Param("100")
        public int valueSize;

        StorePeer peer;
        KeyDistribution keyDistribution;
        String[] keyNames;
        Object[] values;

        /** Opens the store and sets every key. */
        @Setup(Level.Trial)
        public void open() {
            keyDistribution = KeyDistribution.of(distribution, keys);
            keyNames = new String[keys];
            for (int i = 0; i < keys; i++) {
                keyNames[i] = "session:" + i;
            }
            peer = StorePeer.open(store);
            values = new Object[DISTINCT_VALUES];
            for (int i = 0; i < DISTINCT_VALUES; i++) {
                values[i] = peer.valueOf(value(i, valueSize));
            }
            peer.load(keyNames, values);
            if (peer.get(keyNames[keys - 1]) == null) {
                throw new IllegalStateException(store + " lost a key while loading");
            }
        }

        /** Closes the store. */
        @TearDown(Level.Trial)
        public void close() {
            peer.close();
        }
    }

    /** One thread's precomputed walk through the keyspace. */
    @State(Scope.Thread)
    public static class Cursor {
        String[] sequence;
        int position;

        /** Draws this thread's keys, with this thread's own random generator. */
        @Setup(Level.Trial)
        public void draw(Stores stores) {
            int[] numbers = stores.keyDistribution.sample(SEQUENCE_LENGTH, ThreadLocalRandom.current());
            sequence = new String[SEQUENCE_LENGTH];
            for (int i = 0; i < SEQUENCE_LENGTH; i++) {
                sequence[i] = stores.keyNames[numbers[i]];
            }
        }

        String nextKey() {
            return sequence[position++ & (SEQUENCE_LENGTH - 1)];
        }
    }

    /** Returns a printable ASCII value of {@code size} bytes, distinct for each {@code seed}. */
    static byte[] value(int seed, int size) {
        byte[] value = new byte[size];
        for (int i = 0; i < size; i++) {
            value[i] = (byte) ('a' + (seed * 7 + i) % 26);
        }
        byte[] tag = ("v" + seed + ":").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tag, 0, value, 0, Math.min(tag.length, size));
        return value;
    }

    /** GET of a key that exists. */
    @Benchmark
    public Object get(Stores stores, Cursor cursor) {
        return stores.peer.get(cursor.nextKey());
    }

    /** SET of an existing key to a new 100-byte value. */
    @Benchmark
    public void set(Stores stores, Cursor cursor) {
        int position = cursor.position;
        stores.peer.set(cursor.nextKey(), stores.values[position & (DISTINCT_VALUES - 1)]);
    }
}
