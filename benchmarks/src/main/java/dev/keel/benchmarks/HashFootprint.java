package dev.keel.benchmarks;

import dev.keel.Commands;
import dev.keel.MemoryStats;
import dev.keel.Store;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures what one hash of one million fields and one set of one million members cost:
 * {@code HSET hash field:N value:NNNNNNNNNN} (16-byte values) and {@code SADD set member:N} for
 * N < 1,000,000 (1,000 fields or members per command) into Keel, into a real Redis, and as
 * references into Chronicle Map and (on the heap) a {@code ConcurrentHashMap<String, byte[]>} and
 * a {@code ConcurrentHashMap.newKeySet()}, in one run.
 *
 * <pre>
 * Keel       off-heap bytes per field (member) from store.memoryStats(): used (the size-class
 *            blocks handed out: entries, bucket arrays, the key) and reserved (slabs taken from
 *            the OS), the hash loaded first, then the set into the same store; and the Java heap
 *            used after GC before opening, empty, with the hash, with both, after close, which
 *            must stay flat.
 * Redis      a redis-server started here on 127.0.0.1 (--save '' --appendonly no), loaded by
 *            redis-cli --pipe from RESP this program generates; bytes per field (member) from the
 *            change of INFO memory's used_memory (and used_memory_rss). Skipped if redis-server
 *            is missing.
 * Chronicle  ChronicleMap&lt;String, byte[]&gt; created for 1M entries (field -> value), its
 *            offHeapMemoryUsed() once loaded (a Chronicle Map reserves its size up front). Needs
 *            Chronicle's JVM flags (below); without them it is skipped with the reason.
 * Heap maps  the Java heap used after GC with the map or set, minus without it.
 * </pre>
 *
 * Values are {@code value:} and ten digits, not numbers, so no store can keep them as integers.
 *
 * <p>Run (from the repository root, after {@code mvn -DskipTests install -pl benchmarks -am}),
 * with the flags of {@code chronicle.jvm.flags} in {@code benchmarks/pom.xml}:
 *
 * <pre>
 * java -Xmx2g --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
 *     --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED \
 *     --add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED \
 *     --add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
 *     --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
 *     --add-opens=java.base/java.util=ALL-UNNAMED -Dchronicle.analytics.disable=true \
 *     -cp benchmarks/target/benchmarks.jar dev.keel.benchmarks.HashFootprint [--entries 1000000]
 * </pre>
 *
 * <p><b>Thread safety:</b> a program, run on one thread.
 */
public final class HashFootprint {
    static final String HASH = "hash";
    static final String SET = "set";
    private static final int BATCH = 1000;
    private static final double MIB = Footprints.MIB;

    private final int entries;

    HashFootprint(int entries) {
        this.entries = entries;
    }

    /** Runs the measurement; {@code --entries N} changes the number of fields and of members. */
    public static void main(String[] args) throws IOException, InterruptedException {
        int entries = Footprints.countArgument(args, "HashFootprint", "--entries", 1_000_000);
        HashFootprint footprint = new HashFootprint(entries);
        System.out.printf(Locale.ROOT, "HashFootprint: one hash of %,d fields field:N -> %d-byte values, one set of %,d members member:N, "
                        + "%,d per command; JDK %s, %d cores, max heap %.0f MiB%n",
                entries, HashBenchmark.VALUE_SIZE, entries, BATCH, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / MIB);
        footprint.print(footprint.measure(true));
    }

    /** Field {@code n}: {@code field:n}. */
    static String field(int n) {
        return "field:" + n;
    }

    /** The value of field {@code n}: {@code value:} and ten digits, 16 bytes. */
    static String value(int n) {
        return String.format(Locale.ROOT, "value:%010d", n);
    }

    /** Member {@code n}: {@code member:n}. */
    static String member(int n) {
        return "member:" + n;
    }

    // ------------------------------------------------------------------ results

    /** Keel's figures: used and reserved bytes added by the hash and by the set, and the heap. */
    record Keel(long hashUsed, long hashReserved, long setUsed, long setReserved, String hashEncoding, String setEncoding,
                long heapBefore, long heapEmpty, long heapWithHash, long heapWithBoth, long heapClosed) {
    }

    /** Redis's figures: used_memory (and RSS) added by the hash and by the set. */
    record Redis(String version, long hashUsed, long hashRss, long setUsed, long setRss, String hashEncoding, String setEncoding) {
    }

    /** Everything measured; {@code redis} is null without redis-server, {@code chronicleBytes} -1 where it could not run. */
    record Report(int entries, Keel keel, Redis redis, long chronicleBytes, String chronicleProblem, long mapHeap, long keySetHeap) {
    }

    /** Measures every store; Redis only if {@code withRedis} and redis-server is installed. */
    Report measure(boolean withRedis) throws IOException, InterruptedException {
        Keel keel = measureKeel();
        Redis redis = withRedis ? measureRedis() : null;
        long chronicle = -1;
        String problem = null;
        try {
            chronicle = measureChronicle();
        } catch (IllegalStateException e) {
            problem = e.getMessage();
        }
        return new Report(entries, keel, redis, chronicle, problem, measureMap(), measureKeySet());
    }

    private void print(Report report) {
        Keel keel = report.keel;
        Redis redis = report.redis;
        System.out.println();
        System.out.println("| store | bytes per field (hash) | bytes per member (set) | notes |");
        System.out.println("| --- | ---: | ---: | --- |");
        System.out.printf(Locale.ROOT, "| Keel (off-heap used) | %.1f | %.1f | reserved (slabs from the OS): %.1f / %.1f; encodings %s / %s |%n",
                per(keel.hashUsed), per(keel.setUsed), per(keel.hashReserved), per(keel.setReserved), keel.hashEncoding, keel.setEncoding);
        if (redis != null) {
            System.out.printf(Locale.ROOT, "| Redis %s (used_memory) | %.1f | %.1f | used_memory_rss: %.1f / %.1f; encodings %s / %s |%n",
                    redis.version, per(redis.hashUsed), per(redis.setUsed), per(redis.hashRss), per(redis.setRss),
                    redis.hashEncoding, redis.setEncoding);
        }
        if (report.chronicleBytes >= 0) {
            System.out.printf(Locale.ROOT, "| Chronicle Map (off-heap, created for %,d entries) | %.1f | - | offHeapMemoryUsed() |%n",
                    entries, per(report.chronicleBytes));
        }
        System.out.printf(Locale.ROOT, "| ConcurrentHashMap<String, byte[]> / newKeySet() (heap) | %.1f | %.1f | |%n",
                per(report.mapHeap), per(report.keySetHeap));
        System.out.println();
        System.out.printf(Locale.ROOT, "Java heap used after GC with Keel: %.1f MiB before opening, %.1f MiB with an empty store, "
                        + "%.1f MiB with the hash, %.1f MiB with the hash and the set (change %+.1f MiB), %.1f MiB after close%n",
                keel.heapBefore / MIB, keel.heapEmpty / MIB, keel.heapWithHash / MIB, keel.heapWithBoth / MIB,
                (keel.heapWithBoth - keel.heapEmpty) / MIB, keel.heapClosed / MIB);
        if (redis != null) {
            System.out.printf(Locale.ROOT, "ratio Keel used / Redis used_memory: hash %.2f, set %.2f%n",
                    (double) keel.hashUsed / redis.hashUsed, (double) keel.setUsed / redis.setUsed);
        } else {
            System.out.println("Redis: skipped (redis-server not found; set REDIS_SERVER or put it on the PATH)");
        }
        if (report.chronicleBytes >= 0) {
            System.out.printf(Locale.ROOT, "ratio Keel used / Chronicle Map off-heap (hash): %.2f%n", (double) keel.hashUsed / report.chronicleBytes);
        } else {
            System.out.println("Chronicle Map: skipped: " + report.chronicleProblem);
        }
        System.out.printf(Locale.ROOT, "ratio Keel used / heap: hash %.2f, set %.2f%n",
                (double) keel.hashUsed / report.mapHeap, (double) keel.setUsed / report.keySetHeap);
    }

    private double per(long bytes) {
        return (double) bytes / entries;
    }

    // ------------------------------------------------------------------ Keel

    private Keel measureKeel() throws InterruptedException {
        long heapBefore = Footprints.heapUsedAfterGc();
        Store store = dev.keel.Keel.inMemory();
        long heapEmpty;
        long heapWithHash;
        long heapWithBoth;
        MemoryStats empty;
        MemoryStats withHash;
        MemoryStats withBoth;
        String hashEncoding;
        String setEncoding;
        try {
            Commands<String, String> commands = store.commands();
            empty = store.memoryStats();
            heapEmpty = Footprints.heapUsedAfterGc();
            long start = System.nanoTime();
            Map<String, String> batch = new LinkedHashMap<>();
            for (int i = 0; i < entries; i++) {
                batch.put(field(i), value(i));
                if (batch.size() == BATCH || i == entries - 1) {
                    commands.hset(HASH, batch);
                    batch.clear();
                }
            }
            long hashNanos = System.nanoTime() - start;
            withHash = store.memoryStats();
            heapWithHash = Footprints.heapUsedAfterGc();
            start = System.nanoTime();
            String[] members = new String[BATCH];
            for (int from = 0; from < entries; from += BATCH) {
                int count = Math.min(BATCH, entries - from);
                for (int i = 0; i < count; i++) {
                    members[i] = member(from + i);
                }
                commands.sadd(SET, count == BATCH ? members : Arrays.copyOf(members, count));
            }
            long setNanos = System.nanoTime() - start;
            withBoth = store.memoryStats();
            heapWithBoth = Footprints.heapUsedAfterGc();
            int middle = entries / 2;
            if (commands.hlen(HASH) != entries || !value(middle).equals(commands.hget(HASH, field(middle)))
                    || commands.scard(SET) != entries || !commands.sismember(SET, member(middle))) {
                throw new IllegalStateException("Keel holds " + commands.hlen(HASH) + " fields and " + commands.scard(SET)
                        + " members, or lost field or member " + middle);
            }
            hashEncoding = commands.objectEncoding(HASH);
            setEncoding = commands.objectEncoding(SET);
            System.out.printf(Locale.ROOT, "Keel: hash loaded in %.2f s, set in %.2f s; used %,d -> %,d -> %,d bytes, "
                            + "reserved %,d -> %,d -> %,d bytes; encodings %s, %s%n",
                    hashNanos / 1e9, setNanos / 1e9, empty.usedBytes(), withHash.usedBytes(), withBoth.usedBytes(),
                    empty.reservedBytes(), withHash.reservedBytes(), withBoth.reservedBytes(), hashEncoding, setEncoding);
        } finally {
            store.close();
        }
        long heapClosed = Footprints.heapUsedAfterGc();
        return new Keel(withHash.usedBytes() - empty.usedBytes(), withHash.reservedBytes() - empty.reservedBytes(),
                withBoth.usedBytes() - withHash.usedBytes(), withBoth.reservedBytes() - withHash.reservedBytes(),
                hashEncoding, setEncoding, heapBefore, heapEmpty, heapWithHash, heapWithBoth, heapClosed);
    }

    // ------------------------------------------------------------------ Redis

    private Redis measureRedis() throws IOException, InterruptedException {
        if (RedisServer.executable() == null) {
            System.out.println("Redis: redis-server not found; skipping the Redis measurement");
            return null;
        }
        String cli = RedisServer.cliExecutable();
        if (cli == null) {
            System.out.println("Redis: redis-cli not found; skipping the Redis measurement");
            return null;
        }
        try (RedisServer server = RedisServer.start()) {
            String version = server.version();
            long used0 = Long.parseLong(server.info("memory", "used_memory"));
            long rss0 = Long.parseLong(server.info("memory", "used_memory_rss"));
            long commands = (entries + BATCH - 1) / BATCH;
            long start = System.nanoTime();
            String hashSummary = Footprints.pipe(cli, server.port(), commands, out -> {
                for (int from = 0; from < entries; from += BATCH) {
                    int count = Math.min(BATCH, entries - from);
                    String[] argv = new String[2 + 2 * count];
                    argv[0] = "HSET";
                    argv[1] = HASH;
                    for (int i = 0; i < count; i++) {
                        argv[2 + 2 * i] = field(from + i);
                        argv[3 + 2 * i] = value(from + i);
                    }
                    out.write(Resp.command(argv));
                }
            });
            long hashNanos = System.nanoTime() - start;
            long used1 = Long.parseLong(server.info("memory", "used_memory"));
            long rss1 = Long.parseLong(server.info("memory", "used_memory_rss"));
            start = System.nanoTime();
            String setSummary = Footprints.pipe(cli, server.port(), commands, out -> {
                for (int from = 0; from < entries; from += BATCH) {
                    int count = Math.min(BATCH, entries - from);
                    String[] argv = new String[2 + count];
                    argv[0] = "SADD";
                    argv[1] = SET;
                    for (int i = 0; i < count; i++) {
                        argv[2 + i] = member(from + i);
                    }
                    out.write(Resp.command(argv));
                }
            });
            long setNanos = System.nanoTime() - start;
            long used2 = Long.parseLong(server.info("memory", "used_memory"));
            long rss2 = Long.parseLong(server.info("memory", "used_memory_rss"));
            String hashEncoding;
            String setEncoding;
            try (RespClient client = server.connect()) {
                int middle = entries / 2;
                long fields = (Long) client.command("HLEN", HASH);
                long members = (Long) client.command("SCARD", SET);
                Object value = client.command("HGET", HASH, field(middle));
                if (fields != entries || members != entries || !value(middle).equals(value)) {
                    throw new IllegalStateException("Redis holds " + fields + " fields and " + members + " members; redis-cli said: "
                            + hashSummary + "; " + setSummary);
                }
                hashEncoding = (String) client.command("OBJECT", "ENCODING", HASH);
                setEncoding = (String) client.command("OBJECT", "ENCODING", SET);
            }
            System.out.printf(Locale.ROOT, "Redis %s: hash loaded by redis-cli --pipe in %.2f s (%s), set in %.2f s (%s); "
                            + "used_memory %,d -> %,d -> %,d bytes, used_memory_rss %,d -> %,d -> %,d bytes; encodings %s, %s%n",
                    version, hashNanos / 1e9, hashSummary, setNanos / 1e9, setSummary, used0, used1, used2, rss0, rss1, rss2,
                    hashEncoding, setEncoding);
            return new Redis(version, used1 - used0, rss1 - rss0, used2 - used1, rss2 - rss1, hashEncoding, setEncoding);
        }
    }

    // ------------------------------------------------------------------ Chronicle Map and the heap

    private long measureChronicle() {
        try (ChronicleHashPeer peer = ChronicleHashPeer.open(new HashPeer.Layout(1, entries, HASH, field(entries - 1), HashBenchmark.VALUE_SIZE))) {
            long start = System.nanoTime();
            for (int i = 0; i < entries; i++) {
                peer.hset(HASH, field(i), value(i).getBytes(StandardCharsets.US_ASCII));
            }
            long bytes = peer.offHeapBytes();
            System.out.printf(Locale.ROOT, "Chronicle Map: loaded in %.2f s; offHeapMemoryUsed %,d bytes%n", (System.nanoTime() - start) / 1e9, bytes);
            return bytes;
        }
    }

    private long measureMap() throws InterruptedException {
        long before = Footprints.heapUsedAfterGc();
        ConcurrentHashMap<String, byte[]> map = new ConcurrentHashMap<>();
        for (int i = 0; i < entries; i++) {
            map.put(field(i), value(i).getBytes(StandardCharsets.US_ASCII));
        }
        long after = Footprints.heapUsedAfterGc();
        Reference.reachabilityFence(map);
        return after - before;
    }

    private long measureKeySet() throws InterruptedException {
        long before = Footprints.heapUsedAfterGc();
        Set<String> set = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < entries; i++) {
            set.add(member(i));
        }
        long after = Footprints.heapUsedAfterGc();
        Reference.reachabilityFence(set);
        return after - before;
    }
}
