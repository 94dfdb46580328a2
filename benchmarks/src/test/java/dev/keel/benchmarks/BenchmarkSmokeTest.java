package dev.keel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
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
}
