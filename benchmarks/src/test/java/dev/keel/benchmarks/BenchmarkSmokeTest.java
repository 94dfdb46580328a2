package dev.keel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.FsyncPolicy;
import dev.keel.benchmarks.EvictionBenchmark.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs each benchmark once, in this JVM, with every peer, one short measured iteration and small
 * data: it checks that every benchmark method runs against every store and reports a plausible
 * score. It asserts nothing about speed (the machine running the tests may be busy).
 * {@link PersistenceBenchmark}, a program rather than JMH, runs 2,000 writes per configuration;
 * {@link EvictionBenchmark}, another, 20,000 requests per cache into a 1 MiB limit.
 */
class BenchmarkSmokeTest {

    private static List<String> withRedis(String... stores) {
        List<String> all = new ArrayList<>(List.of(stores));
        if (RedisServer.executable() != null) {
            all.add(StorePeer.REDIS);
        }
        return all;
    }

    private static Collection<RunResult> run(String benchmark, List<String> stores, String... params) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("dev\\.keel\\.benchmarks\\." + benchmark + "\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .threads(1)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .param("store", stores.toArray(String[]::new));
        for (int i = 0; i < params.length; i += 2) {
            options.param(params[i], params[i + 1]);
        }
        return new Runner(options.build()).run();
    }

    /** Checks that each of {@code methods} ran once per store with a positive, finite score. */
    private static void assertRan(Collection<RunResult> results, List<String> methods, List<String> stores) {
        Set<String> ran = new TreeSet<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            String store = result.getParams().getParam("store");
            double score = result.getPrimaryResult().getScore();
            assertTrue(score > 0 && Double.isFinite(score), method + " on " + store + " scored " + score);
            ran.add(method.substring(method.lastIndexOf('.') + 1) + "/" + store);
        }
        Set<String> expected = new TreeSet<>();
        for (String method : methods) {
            for (String store : stores) {
                expected.add(method + "/" + store);
            }
        }
        assertEquals(expected, ran);
    }

    @Test
    void stringBenchmark_everyOpAndStore_runsAndScores() throws RunnerException {
        List<String> stores = withRedis(StorePeer.KEEL, StorePeer.KEEL_BYTES, StorePeer.CHM);
        Collection<RunResult> results = run("StringBenchmark", stores, "keys", "5000", "distribution", KeyDistribution.ZIPF);
        assertRan(results, List.of("get", "set"), stores);
    }

    @Test
    void listBenchmark_everyOpAndStore_runsAndScores() throws RunnerException {
        List<String> stores = withRedis(ListPeer.KEEL, ListPeer.LINKED_BLOCKING_DEQUE, ListPeer.LOCKED_ARRAY_DEQUE);
        Collection<RunResult> results = run("ListBenchmark", stores, "rangeLength", "1000", "indexLength", "5000");
        assertRan(results, List.of("lpushRpopOwnKey", "lpushRpopSharedKey", "lrange0to99", "lindexMiddle"), stores);
    }

    @Test
    void hashBenchmark_everyOpAndStore_runsAndScores() throws RunnerException {
        List<String> stores = withRedis(HashPeer.KEEL, HashPeer.CHM, HashPeer.CHRONICLE);
        Collection<RunResult> results = run("HashBenchmark", stores, "fields", "5000", "hashes", "500");
        assertRan(results, List.of("hsetBigHash", "hgetBigHash", "hincrbyBigHash", "hsetSmallHashes", "hgetSmallHashes",
                "hincrbySmallHashes"), stores);
    }

    @Test
    void setBenchmark_everyOpAndStore_runsAndScores() throws RunnerException {
        List<String> stores = List.of(SetPeer.KEEL, SetPeer.KEY_SET);
        Collection<RunResult> results = run("SetBenchmark", stores, "members", "5000");
        assertRan(results, List.of("sismember", "saddSrem"), stores);
    }

    @Test
    void zsetBenchmark_everyOpAndStore_runsAndScores() throws RunnerException {
        List<String> stores = withRedis(ZSetPeer.KEEL, ZSetPeer.SKIP_LIST);
        Collection<RunResult> results = run("ZSetBenchmark", stores, "members", "5000");
        assertRan(results, List.of("zaddRandom", "zincrby", "zrank", "zrangeByScoreLimit10", "zpopminZadd"), stores);
    }

    @Test
    void streamBenchmark_everyOpAndStore_runsAndScores() throws RunnerException {
        List<String> stores = withRedis(StreamPeer.KEEL, StreamPeer.SKIP_LIST);
        Collection<RunResult> results = run("StreamBenchmark", stores, "entries", "5000");
        assertRan(results, List.of("xadd", "xrangePage100", "xreadgroupXack"), stores);
    }

    @Test
    void persistenceBenchmark_everysec_writesReopensAndCounts(@TempDir Path directory) throws IOException, InterruptedException {
        boolean redis = RedisServer.executable() != null;
        PersistenceBenchmark.Options options = new PersistenceBenchmark.Options(2000, Duration.ofMinutes(1), Duration.ZERO,
                List.of(FsyncPolicy.EVERYSEC), List.of(1, 2), directory, redis, true);
        // measure() checks each store's keys and elements after every reopen, and throws if they are off.
        List<PersistenceBenchmark.Row> rows = new PersistenceBenchmark(options).measure();
        assertEquals(List.of(1, 2), rows.stream().map(PersistenceBenchmark.Row::threads).toList());
        for (PersistenceBenchmark.Row row : rows) {
            PersistenceBenchmark.KeelResult keel = row.keel();
            assertRun("Keel", keel.run());
            assertLogged("Keel", keel.logBytes());
            assertRun("Keel without a log", keel.withoutLog());
            assertTrue(keel.openNanos() > 0 && keel.newJvmOpenNanos() > 0 && keel.newJvmReadyNanos() > keel.newJvmOpenNanos(),
                    "Keel reopened in " + keel);
            if (redis) {
                PersistenceBenchmark.RedisResult server = row.redis();
                assertRun("Redis", server.run());
                assertLogged("Redis", server.aofBytes());
                assertTrue(server.readyNanos() > 0, "Redis restarted in " + server.readyNanos() + " ns");
            } else {
                assertEquals(null, row.redis());
            }
        }
        assertEquals(List.of(), Arrays.asList(directory.toFile().list()), "left in the directory");
    }

    @Test
    void evictionBenchmark_tinyLimit_everyCacheRunsWithinItsLimit() throws InterruptedException {
        long limit = 1 << 20;
        EvictionBenchmark.Options options = new EvictionBenchmark.Options(20_000, limit, List.of(0.99), 20_000, 20_000, List.of(1, 2),
                10_000, true, true, 5, 42, true);
        List<EvictionBenchmark.Distribution> results = new EvictionBenchmark(options).measure();
        assertEquals(1, results.size());
        EvictionBenchmark.Distribution distribution = results.getFirst();
        List<String> ran = distribution.runs().stream().map(run -> run.cache() + "/" + run.clock() + "/" + run.threads()).toList();
        assertEquals(List.of("Keel allkeys-lru/10,000/s/1", "Keel allkeys-lfu/10,000/s/1", "Keel allkeys-random/10,000/s/1",
                "Keel allkeys-lru/wall/1", "Keel allkeys-lfu/wall/1", "Keel allkeys-lru, packed/10,000/s/1", "Caffeine (bytes)//1",
                "Caffeine (entries)//1", "Keel allkeys-lru/10,000/s/2"), ran);
        for (Run run : distribution.runs()) {
            String name = run.cache() + " " + run.clock() + " " + run.threads();
            assertEquals(20_000, run.requests(), name);
            assertTrue(run.hitRate() >= 0 && run.hitRate() <= 1, name + " hit rate " + run.hitRate());
            assertTrue(run.after().entries() > 0, name + " holds nothing");
            assertTrue(run.requestsPerSecond() > 0 && Double.isFinite(run.requestsPerSecond()), name + ": " + run.requestsPerSecond());
            if (run.cache().startsWith("Keel")) {
                // Keel evicts before a command while over the limit, so it is over by at most what
                // the last commands added: a session (about 630 bytes as a hash table) per thread.
                assertTrue(run.maxUsedBytes() <= limit + 4096, name + " used up to " + run.maxUsedBytes());
                assertTrue(run.after().usedBytes() > limit * 9 / 10, name + " not full: " + run.after().usedBytes());
                assertTrue(run.after().reservedBytes() >= run.after().usedBytes(), name + ": " + run.after());
                assertTrue(run.after().evictions() > 0, name + " evicted nothing");
            }
        }
        Run caffeineBytes = named(distribution, "Caffeine (bytes)");
        assertTrue(caffeineBytes.after().usedBytes() <= limit, "Caffeine weighed " + caffeineBytes.after().usedBytes());
        assertEquals(named(distribution, "Keel allkeys-lru").after().entries(), named(distribution, "Caffeine (entries)").after().entries(),
                "Caffeine bounded to Keel's entries");
        assertTrue(distribution.optimalForKeel() > 0 && distribution.optimalForKeel() <= 1, "optimal " + distribution.optimalForKeel());
    }

    /** Returns the first run of {@code distribution} of the cache named {@code cache}. */
    private static Run named(EvictionBenchmark.Distribution distribution, String cache) {
        return distribution.runs().stream().filter(run -> run.cache().equals(cache)).findFirst().orElseThrow();
    }

    /** Checks that a store made all 2,000 writes at a positive, finite rate. */
    private static void assertRun(String store, MixedWrites.Run run) {
        assertEquals(2000, run.writes(), store + " writes");
        assertTrue(run.opsPerSecond() > 0 && Double.isFinite(run.opsPerSecond()), store + ": " + run.opsPerSecond() + " ops/s");
    }

    /** Checks that a store's log of the 2,000 writes holds at least their 16-byte values. */
    private static void assertLogged(String store, long bytes) {
        assertTrue(bytes >= 16 * 2000, store + " logged " + bytes + " bytes");
    }
}
