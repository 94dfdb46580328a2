package dev.keel.benchmarks;

import dev.keel.Scores;
import java.io.IOException;
import java.lang.ref.Reference;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Measures what one sorted set of one million members costs: {@code ZADD zset score member:N} for
 * N < 1,000,000, each score uniform in [0, 1) from a fixed seed (1,000 members per command), into
 * Keel, into a real Redis, and as a reference into the on-heap skip list of
 * {@link SkipListZSetPeer}, in one run.
 *
 * <pre>
 * Keel       off-heap bytes per member from store.memoryStats(): used (the size-class blocks
 *            handed out: the member table, the score tree, the key) and reserved (slabs taken
 *            from the OS); and the Java heap used after GC before opening, empty, with the set,
 *            after close, which must stay flat.
 * Redis      a redis-server started here on 127.0.0.1 (--save '' --appendonly no), loaded by
 *            redis-cli --pipe from RESP this program generates, scores written by Scores.format
 *            (Redis reads back the same double); bytes per member from the change of INFO
 *            memory's used_memory (and used_memory_rss). Skipped if redis-server is missing.
 * Skip list  the Java heap used after GC with a ConcurrentSkipListMap + ConcurrentHashMap
 *            holding the set, minus without it.
 * </pre>
 *
 * <p>Run (from the repository root, after {@code mvn -DskipTests install -pl benchmarks -am}):
 *
 * <pre>
 * java -Xmx2g --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     dev.keel.benchmarks.ZSetFootprint [--members 1000000]
 * </pre>
 *
 * <p><b>Thread safety:</b> a program, run on one thread.
 */
public final class ZSetFootprint {
    static final String ZSET = "zset";
    private static final int BATCH = 1000;
    private static final double MIB = Footprints.MIB;

    private final int members;
    private final double[] scores;

    ZSetFootprint(int members) {
        this.members = members;
        this.scores = ZSetBenchmark.scores(members, new SplittableRandom(ZSetBenchmark.FILL_SEED));
    }

    /** Runs the measurement; {@code --members N} changes the number of members. */
    public static void main(String[] args) throws IOException, InterruptedException {
        int members = 1_000_000;
        if (args.length == 2 && args[0].equals("--members")) {
            members = Integer.parseInt(args[1]);
        } else if (args.length != 0) {
            System.err.println("usage: ZSetFootprint [--members N]");
            System.exit(2);
        }
        ZSetFootprint footprint = new ZSetFootprint(members);
        System.out.printf(Locale.ROOT, "ZSetFootprint: one sorted set of %,d members member:N, random scores in [0, 1), "
                        + "%,d per command; JDK %s, %d cores, max heap %.0f MiB%n",
                members, BATCH, Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / MIB);
        footprint.print(footprint.measure(true));
    }

    // ------------------------------------------------------------------ results

    /** Redis's figures: used_memory (and RSS) added by the set. */
    record Redis(String version, long used, long rss, String encoding) {
    }

    /** Everything measured; {@code redis} is null without redis-server. */
    record Report(int members, Footprints.KeelLoad keel, Redis redis, long skipListHeap) {
    }

    /** Measures every store; Redis only if {@code withRedis} and redis-server is installed. */
    Report measure(boolean withRedis) throws IOException, InterruptedException {
        Footprints.KeelLoad keel = measureKeel();
        Redis redis = withRedis ? measureRedis() : null;
        return new Report(members, keel, redis, measureSkipList());
    }

    private void print(Report report) {
        Footprints.KeelLoad keel = report.keel;
        Redis redis = report.redis;
        System.out.println();
        System.out.println("| store | bytes per member | notes |");
        System.out.println("| --- | ---: | --- |");
        System.out.printf(Locale.ROOT, "| Keel (off-heap used) | %.1f | reserved (slabs from the OS): %.1f; encoding %s |%n",
                per(keel.usedDelta()), per(keel.reservedDelta()), keel.encoding());
        if (redis != null) {
            System.out.printf(Locale.ROOT, "| Redis %s (used_memory) | %.1f | used_memory_rss: %.1f; encoding %s |%n",
                    redis.version, per(redis.used), per(redis.rss), redis.encoding);
        }
        System.out.printf(Locale.ROOT, "| ConcurrentSkipListMap + ConcurrentHashMap (heap) | %.1f | |%n", per(report.skipListHeap));
        System.out.println();
        System.out.println(keel.heapSummary("the set"));
        if (redis != null) {
            System.out.printf(Locale.ROOT, "ratio Keel used / Redis used_memory: %.2f%n", (double) keel.usedDelta() / redis.used);
        } else {
            System.out.println("Redis: skipped (redis-server not found; set REDIS_SERVER or put it on the PATH)");
        }
        System.out.printf(Locale.ROOT, "ratio Keel used / heap: %.2f%n", (double) keel.usedDelta() / report.skipListHeap);
    }

    private double per(long bytes) {
        return (double) bytes / members;
    }

    // ------------------------------------------------------------------ Keel

    private Footprints.KeelLoad measureKeel() throws InterruptedException {
        return Footprints.measureKeel(commands -> {
            Map<String, Double> batch = new LinkedHashMap<>();
            for (int i = 0; i < members; i++) {
                batch.put(HashFootprint.member(i), scores[i]);
                if (batch.size() == BATCH || i == members - 1) {
                    commands.zadd(ZSET, batch);
                    batch.clear();
                }
            }
        }, (store, commands) -> {
            int middle = members / 2;
            Double score = commands.zscore(ZSET, HashFootprint.member(middle));
            if (commands.zcard(ZSET) != members || score == null || score != scores[middle]) {
                throw new IllegalStateException("Keel holds " + commands.zcard(ZSET) + " members, or lost member " + middle
                        + "'s score " + scores[middle] + " (has " + score + ")");
            }
            return commands.objectEncoding(ZSET);
        });
    }

    // ------------------------------------------------------------------ Redis

    private Redis measureRedis() throws IOException, InterruptedException {
        if (RedisServer.executable() == null || RedisServer.cliExecutable() == null) {
            System.out.println("Redis: redis-server or redis-cli not found; skipping the Redis measurement");
            return null;
        }
        try (RedisServer server = RedisServer.start()) {
            RedisServer.Memory before = server.memory();
            long start = System.nanoTime();
            String summary = Footprints.pipe(RedisServer.cliExecutable(), server.port(), (members + BATCH - 1) / BATCH, out -> {
                for (int from = 0; from < members; from += BATCH) {
                    int count = Math.min(BATCH, members - from);
                    String[] argv = new String[2 + 2 * count];
                    argv[0] = "ZADD";
                    argv[1] = ZSET;
                    for (int i = 0; i < count; i++) {
                        argv[2 + 2 * i] = Scores.format(scores[from + i]);
                        argv[3 + 2 * i] = HashFootprint.member(from + i);
                    }
                    out.write(Resp.command(argv));
                }
            });
            long nanos = System.nanoTime() - start;
            RedisServer.Memory after = server.memory();
            String encoding;
            try (RespClient client = server.connect()) {
                int middle = members / 2;
                long count = (Long) client.command("ZCARD", ZSET);
                Object score = client.command("ZSCORE", ZSET, HashFootprint.member(middle));
                if (count != members || score == null || Scores.parse((String) score) != scores[middle]) {
                    throw new IllegalStateException("Redis holds " + count + " members, member " + middle + " has score "
                            + score + "; redis-cli said: " + summary);
                }
                encoding = (String) client.command("OBJECT", "ENCODING", ZSET);
            }
            String version = server.version();
            System.out.printf(Locale.ROOT, "Redis %s: set loaded by redis-cli --pipe in %.2f s (%s); used_memory %,d -> %,d bytes, "
                            + "used_memory_rss %,d -> %,d bytes; encoding %s%n",
                    version, nanos / 1e9, summary, before.used(), after.used(), before.rss(), after.rss(), encoding);
            return new Redis(version, after.used() - before.used(), after.rss() - before.rss(), encoding);
        }
    }

    // ------------------------------------------------------------------ the heap

    private long measureSkipList() throws InterruptedException {
        long before = Footprints.heapUsedAfterGc();
        SkipListZSetPeer peer = new SkipListZSetPeer();
        for (int i = 0; i < members; i++) {
            peer.zadd(ZSET, scores[i], HashFootprint.member(i));
        }
        long after = Footprints.heapUsedAfterGc();
        if (peer.zcard(ZSET) != members) {
            throw new IllegalStateException("the skip list holds " + peer.zcard(ZSET) + " members");
        }
        Reference.reachabilityFence(peer);
        return after - before;
    }
}
