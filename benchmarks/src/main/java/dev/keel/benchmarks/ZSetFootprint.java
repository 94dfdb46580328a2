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
        int members = Footprints.countArgument(args, "ZSetFootprint", "--members", 1_000_000);
        ZSetFootprint footprint = new ZSetFootprint(members);
        System.out.printf(Locale.ROOT, "ZSetFootprint: one sorted set of %,d members member:N, random scores in [0, 1), "
                        + "%,d per command; JDK %s, %d cores, max heap %.0f MiB%n",
                members, BATCH, Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / MIB);
        footprint.print(footprint.measure(true));
    }

    // ------------------------------------------------------------------ results

    /** Everything measured; {@code redis} is null without redis-server. */
    record Report(int members, Footprints.KeelLoad keel, Footprints.RedisLoad redis, long skipListHeap) {
    }

    /** Measures every store; Redis only if {@code withRedis} and redis-server is installed. */
    Report measure(boolean withRedis) throws IOException, InterruptedException {
        Footprints.KeelLoad keel = measureKeel();
        Footprints.RedisLoad redis = withRedis ? measureRedis() : null;
        return new Report(members, keel, redis, measureSkipList());
    }

    private void print(Report report) {
        Footprints.printComparison("member", members, report.keel, "the set", report.redis,
                "ConcurrentSkipListMap + ConcurrentHashMap", report.skipListHeap);
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

    private Footprints.RedisLoad measureRedis() throws IOException, InterruptedException {
        return Footprints.measureRedis("set", (members + BATCH - 1) / BATCH, out -> {
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
        }, (client, summary) -> {
            int middle = members / 2;
            long count = (Long) client.command("ZCARD", ZSET);
            Object score = client.command("ZSCORE", ZSET, HashFootprint.member(middle));
            if (count != members || score == null || Scores.parse((String) score) != scores[middle]) {
                throw new IllegalStateException("Redis holds " + count + " members, member " + middle + " has score "
                        + score + "; redis-cli said: " + summary);
            }
            return (String) client.command("OBJECT", "ENCODING", ZSET);
        });
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
