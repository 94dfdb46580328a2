package dev.keel.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
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
 * HSET, HGET and HINCRBY of 16-byte values on one big hash and on many small ones, run against
 * Keel and its peers through one facade ({@link HashPeer}) chosen by the {@code store} parameter:
 *
 * <ul>
 *   <li>{@code keel}: {@code store.commands()}, String keys, fields and values (UTF-8);
 *   <li>{@code chm}: {@code ConcurrentHashMap<String, ConcurrentHashMap<String, byte[]>>} on the
 *       heap, a map per hash (why not composite keys: {@link ConcurrentMapHashPeer});
 *   <li>{@code chronicle}: Chronicle Map, off-heap, a map for the big hash and composite keys for
 *       the small ones ({@link ChronicleHashPeer});
 *   <li>{@code redis}: a {@code redis-server} started by the benchmark, over loopback through
 *       Lettuce's synchronous API (needs {@code redis-server} on the PATH).
 * </ul>
 *
 * <pre>
 * hsetBigHash, hgetBigHash, hincrbyBigHash
 *     HSET / HGET / HINCRBY 1 of a field of one hash of {@code fields} (1,000,000) fields field:N;
 *     the field drawn from {@code distribution} over the fields
 * hsetSmallHashes, hgetSmallHashes, hincrbySmallHashes
 *     the same on {@code hashes} (100,000) hashes hash:N of {@code fieldsPerHash} (10) fields
 *     field:0..9 each; the hash drawn from {@code distribution}, the field uniformly
 * </pre>
 *
 * Every hash is filled before measuring, so every HGET hits. Values are 16-digit decimal numbers
 * (16 bytes), so that HINCRBY runs on the same fields as HSET and HGET; HSET cycles through 16 of
 * them. Zipf draws (s = 0.99, {@link KeyDistribution}) spread the hot fields or hashes over the
 * keyspace. Draws are made into a per-thread array before measuring; the timed code only walks it.
 * With 2 threads both work on the same big hash (one key: Keel and Redis serialize commands on
 * it), or on the same 100,000 small hashes.
 *
 * <p>Run (from the repository root, after {@code mvn -DskipTests install -pl benchmarks -am}),
 * once per thread count:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar HashBenchmark -t 1
 * java -jar benchmarks/target/benchmarks.jar HashBenchmark -t 2
 * </pre>
 *
 * Without {@code redis-server}, leave Redis out: {@code -p store=keel,chm,chronicle}; or
 * {@code benchmarks/run.sh --hashes-only} ({@code --quick} for a short run), which also runs
 * {@link SetBenchmark} and {@link HashFootprint} and prints the ratios. The forks get Chronicle
 * Map's JVM flags (the {@code --add-opens}/{@code --add-exports} below, and its usage analytics
 * disabled); the other peers do not use them.
 *
 * <p><b>Thread safety:</b> JMH drives it; the shared state is the store under test.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow",
        // Chronicle Map on JDK 25 (kept in step with chronicle.jvm.flags in benchmarks/pom.xml):
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED", "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED", "-Dchronicle.analytics.disable=true"})
public class HashBenchmark {
    /** The length of every value, in bytes. */
    static final int VALUE_SIZE = 16;
    /** The key of the big hash. */
    static final String BIG_HASH = "hash:big";
    private static final int DISTINCT_VALUES = 16;
    private static final int SEQUENCE_LENGTH = 1 << 20;

    /** Which store, and the shape of the hashes. */
    @State(Scope.Benchmark)
    public static class Config {
        /** Which store: keel, chm, chronicle or redis. */
        @Param({HashPeer.KEEL, HashPeer.CHM, HashPeer.CHRONICLE, HashPeer.REDIS})
        public String store;

        /** How fields of the big hash, and small hashes, are drawn: zipf or uniform. */
        @Param(KeyDistribution.ZIPF)
        public String distribution;

        /** The number of fields of the big hash. */
        @Param("1000000")
        public int fields;

        /** The number of small hashes. */
        @Param("100000")
        public int hashes;

        /** The number of fields of each small hash. */
        @Param("10")
        public int fieldsPerHash;
    }

    /**
     * Hashes filled before measuring, the peer holding them, and the values HSET writes; the
     * state of one shape.
     */
    static final class Filled {
        final HashPeer peer;
        final String[] keys;
        final String[] fields;
        final Object[] values;
        final KeyDistribution keyDistribution;
        final KeyDistribution fieldDistribution;

        /** Opens {@code store} and fills {@code keys}, each with every field of {@code fields}. */
        Filled(String store, String[] keys, String[] fields, KeyDistribution keyDistribution, KeyDistribution fieldDistribution) {
            this.keys = keys;
            this.fields = fields;
            this.keyDistribution = keyDistribution;
            this.fieldDistribution = fieldDistribution;
            this.peer = HashPeer.open(store, new HashPeer.Layout(keys.length, fields.length, keys[keys.length - 1],
                    fields[fields.length - 1], VALUE_SIZE));
            try {
                values = new Object[DISTINCT_VALUES];
                for (int i = 0; i < DISTINCT_VALUES; i++) {
                    values[i] = peer.valueOf(value(i));
                }
                long start = System.nanoTime();
                peer.load(keys, fields, values);
                String lastKey = keys[keys.length - 1];
                int lastField = fields.length - 1;
                Object last = peer.hget(lastKey, fields[lastField]);
                if (last == null || !Arrays.equals(bytesOf(last), value(lastField % DISTINCT_VALUES))) {
                    throw new IllegalStateException(store + " lost " + lastKey + " " + fields[lastField] + " while loading");
                }
                System.out.printf(Locale.ROOT, "%n%s: %,d hash(es) of %,d fields loaded in %.2f s; encoding %s%n",
                        store, keys.length, fields.length, (System.nanoTime() - start) / 1e9, peer.encoding(lastKey));
            } catch (RuntimeException e) {
                peer.close();
                throw e;
            }
        }

        /** Draws a thread's walk: {@link #SEQUENCE_LENGTH} (key, field) pairs. */
        Walk walk(RandomGenerator random) {
            int[] keyNumbers = keyDistribution.sample(SEQUENCE_LENGTH, random);
            int[] fieldNumbers = fieldDistribution.sample(SEQUENCE_LENGTH, random);
            Walk walk = new Walk(new String[SEQUENCE_LENGTH], new String[SEQUENCE_LENGTH], values);
            for (int i = 0; i < SEQUENCE_LENGTH; i++) {
                walk.keys[i] = keys[keyNumbers[i]];
                walk.fields[i] = fields[fieldNumbers[i]];
            }
            return walk;
        }
    }

    /** One thread's precomputed (key, field) pairs, and where it is in them. */
    static final class Walk {
        final String[] keys;
        final String[] fields;
        final Object[] values;
        int position;

        Walk(String[] keys, String[] fields, Object[] values) {
            this.keys = keys;
            this.fields = fields;
            this.values = values;
        }

        /** Moves to the next pair and returns its index. */
        int next() {
            return position++ & (SEQUENCE_LENGTH - 1);
        }

        Object value(int index) {
            return values[index & (DISTINCT_VALUES - 1)];
        }
    }

    /** One hash of {@code fields} fields. */
    @State(Scope.Benchmark)
    public static class BigHash {
        Filled filled;

        /** Opens the store and fills the hash. */
        @Setup(Level.Trial)
        public void fill(Config config) {
            filled = new Filled(config.store, new String[] {BIG_HASH}, names("field:", config.fields),
                    KeyDistribution.of(KeyDistribution.UNIFORM, 1), KeyDistribution.of(config.distribution, config.fields));
        }

        /** Closes the store. */
        @TearDown(Level.Trial)
        public void close() {
            filled.peer.close();
        }
    }

    /** {@code hashes} hashes of {@code fieldsPerHash} fields. */
    @State(Scope.Benchmark)
    public static class SmallHashes {
        Filled filled;

        /** Opens the store and fills the hashes. */
        @Setup(Level.Trial)
        public void fill(Config config) {
            filled = new Filled(config.store, names("hash:", config.hashes), names("field:", config.fieldsPerHash),
                    KeyDistribution.of(config.distribution, config.hashes), KeyDistribution.of(KeyDistribution.UNIFORM, config.fieldsPerHash));
        }

        /** Closes the store. */
        @TearDown(Level.Trial)
        public void close() {
            filled.peer.close();
        }
    }

    /** This thread's walk through the big hash. */
    @State(Scope.Thread)
    public static class BigHashWalk {
        Walk walk;

        /** Draws it, with this thread's own random generator. */
        @Setup(Level.Trial)
        public void draw(BigHash hash) {
            walk = hash.filled.walk(ThreadLocalRandom.current());
        }
    }

    /** This thread's walk through the small hashes. */
    @State(Scope.Thread)
    public static class SmallHashesWalk {
        Walk walk;

        /** Draws it, with this thread's own random generator. */
        @Setup(Level.Trial)
        public void draw(SmallHashes hashes) {
            walk = hashes.filled.walk(ThreadLocalRandom.current());
        }
    }

    /** Returns {@code prefix + n} for n from 0 to {@code count - 1}. */
    static String[] names(String prefix, int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = prefix + i;
        }
        return names;
    }

    /** Returns value {@code seed}: a 16-digit decimal number (16 bytes), distinct for each seed, so HINCRBY accepts it. */
    static byte[] value(int seed) {
        return Long.toString(1_000_000_000_000_000L + seed * 1_000_003L).getBytes(StandardCharsets.US_ASCII);
    }

    /** Returns a peer's value as bytes. */
    static byte[] bytesOf(Object value) {
        return value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) value;
    }

    /** HSET of an existing field of the big hash to another 16-byte value. */
    @Benchmark
    public long hsetBigHash(BigHash hash, BigHashWalk walk) {
        int i = walk.walk.next();
        return hash.filled.peer.hset(BIG_HASH, walk.walk.fields[i], walk.walk.value(i));
    }

    /** HGET of a field of the big hash. */
    @Benchmark
    public Object hgetBigHash(BigHash hash, BigHashWalk walk) {
        int i = walk.walk.next();
        return hash.filled.peer.hget(BIG_HASH, walk.walk.fields[i]);
    }

    /** HINCRBY 1 of a field of the big hash. */
    @Benchmark
    public long hincrbyBigHash(BigHash hash, BigHashWalk walk) {
        int i = walk.walk.next();
        return hash.filled.peer.hincrby(BIG_HASH, walk.walk.fields[i], 1);
    }

    /** HSET of an existing field of a small hash to another 16-byte value. */
    @Benchmark
    public long hsetSmallHashes(SmallHashes hashes, SmallHashesWalk walk) {
        int i = walk.walk.next();
        return hashes.filled.peer.hset(walk.walk.keys[i], walk.walk.fields[i], walk.walk.value(i));
    }

    /** HGET of a field of a small hash. */
    @Benchmark
    public Object hgetSmallHashes(SmallHashes hashes, SmallHashesWalk walk) {
        int i = walk.walk.next();
        return hashes.filled.peer.hget(walk.walk.keys[i], walk.walk.fields[i]);
    }

    /** HINCRBY 1 of a field of a small hash. */
    @Benchmark
    public long hincrbySmallHashes(SmallHashes hashes, SmallHashesWalk walk) {
        int i = walk.walk.next();
        return hashes.filled.peer.hincrby(walk.walk.keys[i], walk.walk.fields[i], 1);
    }
}
