package dev.keel.benchmarks;

import dev.keel.StreamEntry;
import dev.keel.StreamId;
import dev.keel.StreamRange;
import java.io.IOException;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Measures what one stream of one million entries costs: {@code XADD stream * f1 <8 bytes> f2
 * <16 bytes>} a million times, the values random lowercase letters from the benchmark's seed
 * ({@link StreamBenchmark#entries}), into Keel, into a real Redis, and as a reference into the
 * on-heap skip list of {@link SkipListStreamPeer}, in one run.
 *
 * <pre>
 * Keel       off-heap bytes per entry from store.memoryStats(): used (the size-class blocks
 *            handed out: the entry blocks, the ID map, the key) and reserved (slabs taken from
 *            the OS); and the Java heap used after GC before opening, empty, with the stream,
 *            after close, which must stay flat.
 * Redis      a redis-server started here on 127.0.0.1 (--save '' --appendonly no, default
 *            stream-node-max-entries 100 and -bytes 4096), loaded by redis-cli --pipe from RESP
 *            this program generates; bytes per entry from the change of INFO memory's
 *            used_memory (and used_memory_rss). Skipped if redis-server is missing.
 * Skip list  the Java heap used after GC with a ConcurrentSkipListMap&lt;Long, Map&gt; holding the
 *            stream (a LinkedHashMap per entry), minus without it.
 * </pre>
 *
 * <p>Run (from the repository root, after {@code mvn -DskipTests install -pl benchmarks -am}):
 *
 * <pre>
 * java -Xmx2g --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     dev.keel.benchmarks.StreamFootprint [--entries 1000000]
 * </pre>
 *
 * <p><b>Thread safety:</b> a program, run on one thread.
 */
public final class StreamFootprint {
    static final String STREAM = "stream";
    private static final double MIB = Footprints.MIB;

    private final int entries;

    StreamFootprint(int entries) {
        this.entries = entries;
    }

    /** Runs the measurement; {@code --entries N} changes the number of entries. */
    public static void main(String[] args) throws IOException, InterruptedException {
        int entries = Footprints.countArgument(args, "StreamFootprint", "--entries", 1_000_000);
        StreamFootprint footprint = new StreamFootprint(entries);
        System.out.printf(Locale.ROOT, "StreamFootprint: one stream of %,d entries f1 -> 8 bytes, f2 -> 16 bytes (random letters), "
                        + "one XADD * each; JDK %s, %d cores, max heap %.0f MiB%n",
                entries, Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / MIB);
        Report report = footprint.measure(true);
        Footprints.printComparison("entry", entries, report.keel, "the stream", report.redis,
                "ConcurrentSkipListMap<Long, LinkedHashMap>", report.skipListHeap);
    }

    /** Everything measured; {@code redis} is null without redis-server. */
    record Report(int entries, Footprints.KeelLoad keel, Footprints.RedisLoad redis, long skipListHeap) {
    }

    /** Measures every store; Redis only if {@code withRedis} and redis-server is installed. */
    Report measure(boolean withRedis) throws IOException, InterruptedException {
        Footprints.KeelLoad keel = measureKeel();
        Footprints.RedisLoad redis = withRedis ? measureRedis() : null;
        return new Report(entries, keel, redis, measureSkipList());
    }

    /** The benchmark's entries, from its seed: every store gets the same ones. */
    private static Supplier<Map<String, String>> source() {
        return StreamBenchmark.entries(new SplittableRandom(StreamBenchmark.FILL_SEED));
    }

    // ------------------------------------------------------------------ Keel

    private Footprints.KeelLoad measureKeel() throws InterruptedException {
        List<StreamEntry<String, String>> middle = new ArrayList<>(1);
        return Footprints.measureKeel(commands -> {
            Supplier<Map<String, String>> source = source();
            for (int i = 0; i < entries; i++) {
                Map<String, String> entry = source.get();
                StreamId id = commands.xadd(STREAM, entry);
                if (i == entries / 2) {
                    middle.add(new StreamEntry<>(id, entry));
                }
            }
        }, (store, commands) -> {
            StreamEntry<String, String> expected = middle.getFirst();
            List<StreamEntry<String, String>> found = commands.xrange(STREAM, StreamRange.closed(expected.id(), expected.id()));
            if (commands.xlen(STREAM) != entries || !found.equals(List.of(expected))) {
                throw new IllegalStateException("Keel holds " + commands.xlen(STREAM) + " entries, or lost entry " + expected
                        + " (has " + found + ")");
            }
            return commands.objectEncoding(STREAM);
        });
    }

    // ------------------------------------------------------------------ Redis

    private Footprints.RedisLoad measureRedis() throws IOException, InterruptedException {
        List<Map<String, String>> last = new ArrayList<>(1);
        return Footprints.measureRedis("stream", entries, out -> {
            Supplier<Map<String, String>> source = source();
            Map<String, String> entry = null;
            for (int i = 0; i < entries; i++) {
                entry = source.get();
                out.write(Resp.command("XADD", STREAM, "*", "f1", entry.get("f1"), "f2", entry.get("f2")));
            }
            last.add(entry);
        }, (client, summary) -> {
            long length = (Long) client.command("XLEN", STREAM);
            Map<String, String> expected = last.getFirst();
            List<Object> expectedFields = List.of("f1", expected.get("f1"), "f2", expected.get("f2"));
            Object newest = client.command("XREVRANGE", STREAM, "+", "-", "COUNT", "1");
            if (length != entries || !(newest instanceof List<?> page) || page.size() != 1
                    || !(page.getFirst() instanceof List<?> entry) || !expectedFields.equals(entry.get(1))) {
                throw new IllegalStateException("Redis holds " + length + " entries, the newest " + newest
                        + " (expected fields " + expectedFields + "); redis-cli said: " + summary);
            }
            return (String) client.command("OBJECT", "ENCODING", STREAM);
        });
    }

    // ------------------------------------------------------------------ the heap

    private long measureSkipList() throws InterruptedException {
        long before = Footprints.heapUsedAfterGc();
        SkipListStreamPeer peer = new SkipListStreamPeer();
        peer.load(STREAM, entries, source());
        long after = Footprints.heapUsedAfterGc();
        if (peer.xlen(STREAM) != entries) {
            throw new IllegalStateException("the skip list holds " + peer.xlen(STREAM) + " entries");
        }
        Reference.reachabilityFence(peer);
        return after - before;
    }
}
