package dev.keel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.ScoredValue;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sorted set facade's contract, once per peer: Redis's answers, which the benchmark relies on. */
class ZSetPeerTest {

    private static ZSetPeer open(String name) {
        if (name.equals(ZSetPeer.REDIS)) {
            Assumptions.assumeTrue(RedisServer.executable() != null, "redis-server not installed");
        }
        return ZSetPeer.open(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {ZSetPeer.KEEL, ZSetPeer.SKIP_LIST, ZSetPeer.REDIS})
    void zaddZrank_ordersByScoreThenMember(String name) {
        try (ZSetPeer peer = open(name)) {
            assertNull(peer.zrank("z", "a"));
            assertEquals(1, peer.zadd("z", 1.0, "b"));
            assertEquals(1, peer.zadd("z", 1.0, "a"));
            assertEquals(1, peer.zadd("z", 0.5, "c"));
            assertEquals(0, peer.zadd("z", 0.5, "c"));
            assertEquals(3, peer.zcard("z"));
            assertEquals(0L, peer.zrank("z", "c"));
            assertEquals(1L, peer.zrank("z", "a"));
            assertEquals(2L, peer.zrank("z", "b"));
            assertEquals(0, peer.zadd("z", 2.0, "c"));
            assertEquals(2L, peer.zrank("z", "c"));
            assertEquals(3, peer.zcard("z"));
            assertNull(peer.zrank("z", "d"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {ZSetPeer.KEEL, ZSetPeer.SKIP_LIST, ZSetPeer.REDIS})
    void zincrby_newMemberStartsAtZero_andMoves(String name) {
        try (ZSetPeer peer = open(name)) {
            peer.zadd("z", 1.0, "a");
            assertEquals(2.5, peer.zincrby("z", 2.5, "b"));
            assertEquals(1L, peer.zrank("z", "b"));
            assertEquals(0.5, peer.zincrby("z", -2.0, "b"));
            assertEquals(0L, peer.zrank("z", "b"));
            assertEquals(2, peer.zcard("z"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {ZSetPeer.KEEL, ZSetPeer.SKIP_LIST, ZSetPeer.REDIS})
    void zrangeByScoreLimit_pagesFromMinInclusive(String name) {
        try (ZSetPeer peer = open(name)) {
            for (int i = 0; i < 20; i++) {
                peer.zadd("z", i, "m:" + (char) ('a' + i));
            }
            assertEquals(List.of("m:f", "m:g", "m:h"), peer.zrangeByScoreLimit("z", 5, Double.POSITIVE_INFINITY, 0, 3));
            assertEquals(List.of("m:h", "m:i"), peer.zrangeByScoreLimit("z", 5, Double.POSITIVE_INFINITY, 2, 2));
            assertEquals(List.of("m:f", "m:g"), peer.zrangeByScoreLimit("z", 4.5, 6, 0, 10));
            assertEquals(List.of("m:t"), peer.zrangeByScoreLimit("z", 19, Double.POSITIVE_INFINITY, 0, 10));
            assertEquals(List.of(), peer.zrangeByScoreLimit("z", 19.5, Double.POSITIVE_INFINITY, 0, 10));
            assertEquals(List.of(), peer.zrangeByScoreLimit("other", 0, Double.POSITIVE_INFINITY, 0, 10));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {ZSetPeer.KEEL, ZSetPeer.SKIP_LIST, ZSetPeer.REDIS})
    void zpopmin_removesTheLowest_untilEmpty(String name) {
        try (ZSetPeer peer = open(name)) {
            peer.zadd("z", 2.0, "b");
            peer.zadd("z", 1.0, "a");
            assertEquals(new ScoredValue<>("a", 1.0), peer.zpopmin("z"));
            assertEquals(1, peer.zcard("z"));
            assertEquals(new ScoredValue<>("b", 2.0), peer.zpopmin("z"));
            assertNull(peer.zpopmin("z"));
            assertEquals(0, peer.zcard("z"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {ZSetPeer.KEEL, ZSetPeer.SKIP_LIST, ZSetPeer.REDIS})
    void load_addsEveryMemberWithItsScore(String name) {
        try (ZSetPeer peer = open(name)) {
            String[] members = HashBenchmark.names("member:", 2500);
            double[] scores = new double[members.length];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = members.length - i;
            }
            peer.load("z", members, scores);
            assertEquals(2500, peer.zcard("z"));
            assertEquals(0L, peer.zrank("z", "member:2499"));
            assertEquals(2499L, peer.zrank("z", "member:0"));
        }
    }

    /** Two threads re-score one member and pop and re-add the others: no update is lost, no member doubled. */
    @ParameterizedTest
    @ValueSource(strings = {ZSetPeer.KEEL, ZSetPeer.SKIP_LIST})
    void zincrbyAndZpopminZadd_twoThreads_loseNothing(String name) throws Exception {
        int rounds = 5000;
        double hotStart = 1e9;
        try (ZSetPeer peer = open(name); ExecutorService threads = Executors.newFixedThreadPool(2)) {
            String[] members = HashBenchmark.names("member:", 1000);
            double[] scores = new double[members.length];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = i;
            }
            peer.load("z", members, scores);
            peer.zadd("z", hotStart, "hot");
            Runnable work = () -> {
                for (int i = 0; i < rounds; i++) {
                    peer.zincrby("z", 1, "hot");
                    ScoredValue<String> lowest = peer.zpopmin("z");
                    peer.zadd("z", lowest.score() + members.length, lowest.value());
                }
            };
            Future<?> first = threads.submit(work);
            Future<?> second = threads.submit(work);
            first.get();
            second.get();
            assertEquals(members.length + 1, peer.zcard("z"));
            assertEquals(hotStart + 2 * rounds, peer.zincrby("z", 0, "hot"));
            assertEquals((long) members.length, peer.zrank("z", "hot"));
        }
    }

    @Test
    void open_unknownName_throws() {
        assertThrows(IllegalArgumentException.class, () -> ZSetPeer.open("treap"));
    }
}
