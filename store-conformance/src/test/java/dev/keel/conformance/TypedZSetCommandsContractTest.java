package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.KeyValue;
import dev.keel.LexRange;
import dev.keel.RankWithScore;
import dev.keel.Reply;
import dev.keel.ScanArgs;
import dev.keel.ScoreEnd;
import dev.keel.ScoreRange;
import dev.keel.ScoredValue;
import dev.keel.WrongTypeException;
import dev.keel.ZAddArgs;
import dev.keel.ZAggregateArgs;
import dev.keel.ZRangeArgs;
import dev.keel.ZSetScan;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The typed sorted-set commands of {@code Commands}: that each one sends its command line in
 * Redis's order (ranges low bound first, reversed for the REV commands), writes scores so that
 * the server reads back the same double, and decodes the reply right: scores in any form Redis
 * writes them ({@code inf}, {@code 1e+20}, Redis 7.0's {@code 0.10000000000000001}), nil where
 * Redis answers nil, empty lists for missing keys, on every target.
 *
 * <p>Raw replies are compared only where their scores print alike in Redis 7.0 and in Keel
 * (which formats as Redis 7.2 does): short decimals, integers and the infinities.
 */
@Timeout(60)
class TypedZSetCommandsContractTest extends ContractTest {
    private static final Duration SHORT = Duration.ofMillis(10);

    private static ScoredValue<String> sv(String member, double score) {
        return new ScoredValue<>(member, score);
    }

    /** a=1, b=2, c=3, d=4 under {@code key}. */
    private void abcd(String key) {
        Map<String, Double> members = new LinkedHashMap<>();
        members.put("a", 1.0);
        members.put("b", 2.0);
        members.put("c", 3.0);
        members.put("d", 4.0);
        assertEquals(4, redis.zadd(key, members));
    }

    /** a..e, all with score 0, for the lex commands. */
    private void lex(String key) {
        for (String member : List.of("a", "b", "c", "d", "e")) {
            redis.zadd(key, 0, member);
        }
    }

    // ------------------------------------------------------------------ ZADD, ZINCRBY, ZSCORE, ZRANK

    @Test
    void zadd_singleAndMap_countsNewMembersAndUpdatesScores() {
        assertEquals(1, redis.zadd("z", 1, "a"));
        assertEquals(0, redis.zadd("z", 2.5, "a"), "an update is not counted");
        assertReply(bulk("2.5"), "ZSCORE", "z", "a");
        Map<String, Double> more = new LinkedHashMap<>();
        more.put("b", -2.0);
        more.put("a", 3.0);
        assertEquals(1, redis.zadd("z", more));
        assertEquals(List.of(sv("b", -2), sv("a", 3)), redis.zrangeWithscores("z", 0, -1));
        assertReply(array("b", "-2", "a", "3"), "ZRANGE", "z", "0", "-1", "WITHSCORES");
    }

    @Test
    void zadd_options_conditionComparisonAndCh() {
        redis.zadd("z", 5, "a");
        assertEquals(0, redis.zadd("z", ZAddArgs.nx(), 10, "a"));
        assertEquals(5.0, redis.zscore("z", "a"));
        assertEquals(1, redis.zadd("z", ZAddArgs.nx(), 1, "b"));
        assertEquals(0, redis.zadd("z", ZAddArgs.xx(), 1, "x"));
        assertNull(redis.zscore("z", "x"), "XX adds nothing");
        assertEquals(1, redis.zadd("z", ZAddArgs.xx().withCh(), 6, "a"), "CH counts the change");
        assertEquals(0, redis.zadd("z", ZAddArgs.gt().withCh(), 4, "a"), "GT refuses a lower score");
        assertEquals(6.0, redis.zscore("z", "a"));
        assertEquals(1, redis.zadd("z", ZAddArgs.gt().withCh(), 7, "a"));
        Map<String, Double> both = new LinkedHashMap<>();
        both.put("a", 2.0);
        both.put("c", 9.0);
        assertEquals(2, redis.zadd("z", ZAddArgs.lt().withCh(), both), "LT lowers a and still adds c");
        assertEquals(List.of(2.0, 9.0), redis.zmscore("z", "a", "c"));
        assertEquals("XX GT CH", ZAddArgs.nx().withLt().withCh().withXx().withGt().toString(), "one slot each");
        assertThrowsRedis("ERR GT, LT, and/or NX options at the same time are not compatible",
                () -> redis.zadd("z", ZAddArgs.nx().withGt(), 1, "a"));
        assertEquals(2.0, redis.zscore("z", "a"));
    }

    @Test
    void zaddIncr_newScore_nilWhenAConditionFails() {
        assertEquals(1.5, redis.zaddIncr("z", 1.5, "a"));
        assertEquals(3.0, redis.zaddIncr("z", 1.5, "a"));
        assertNull(redis.zaddIncr("z", ZAddArgs.nx(), 1, "a"));
        assertNull(redis.zaddIncr("z", ZAddArgs.xx(), 1, "new"));
        assertNull(redis.zaddIncr("z", ZAddArgs.gt(), -1, "a"), "GT: a lower result changes nothing");
        assertEquals(4.0, redis.zaddIncr("z", ZAddArgs.gt(), 1, "a"));
        assertEquals(4.0, redis.zscore("z", "a"));
        assertNull(redis.zscore("z", "new"));
    }

    @Test
    void zincrby_newMemberStartsAtZero_nanRefused() {
        assertEquals(2.5, redis.zincrby("z", 2.5, "a"));
        assertEquals(0.5, redis.zincrby("z", -2, "a"));
        assertEquals(Double.POSITIVE_INFINITY, redis.zincrby("z", Double.POSITIVE_INFINITY, "a"));
        assertReply(bulk("inf"), "ZSCORE", "z", "a");
        assertThrowsRedis("ERR resulting score is not a number (NaN)", () -> redis.zincrby("z", Double.NEGATIVE_INFINITY, "a"));
        assertThrowsRedis("ERR value is not a valid float", () -> redis.zincrby("z", Double.NaN, "a"));
        assertThrowsRedis("ERR value is not a valid float", () -> redis.zadd("z", Double.NaN, "b"));
        assertEquals(Double.POSITIVE_INFINITY, redis.zscore("z", "a"));
        assertEquals(1, redis.zcard("z"));
    }

    @Test
    void scores_writtenAsRedisReadsThem_readBackExactly() {
        double[] scores = {0.1, 1e20, -1.5e-5, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, -123456.789,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0 / 3};
        for (int i = 0; i < scores.length; i++) {
            redis.zadd("z", scores[i], "m" + i);
        }
        for (int i = 0; i < scores.length; i++) {
            assertEquals(scores[i], redis.zscore("z", "m" + i), "score " + scores[i]);
            assertEquals(scores[i], redis.zincrby("z", 0, "m" + i), "score " + scores[i]);
        }
        assertReply(bulk("1e+20"), "ZSCORE", "z", "m1");
        assertReply(bulk("-inf"), "ZSCORE", "z", "m8");
        assertEquals(scores.length, redis.zcount("z", ScoreRange.all()));
    }

    @Test
    void zscoreZmscoreZrank_nilWhereMissing() {
        abcd("z");
        assertEquals(2.0, redis.zscore("z", "b"));
        assertNull(redis.zscore("z", "x"));
        assertNull(redis.zscore("missing", "a"));
        assertEquals(Arrays.asList(1.0, null, 4.0), redis.zmscore("z", "a", "x", "d"));
        assertEquals(Arrays.asList((Double) null), redis.zmscore("missing", "a"));
        assertEquals(1L, redis.zrank("z", "b"));
        assertEquals(2L, redis.zrevrank("z", "b"));
        assertNull(redis.zrank("z", "x"));
        assertNull(redis.zrevrank("missing", "a"));
        assertEquals(4, redis.zcard("z"));
        assertEquals(0, redis.zcard("missing"));
    }

    @Test
    void zrankWithscore_rankAndScore_nilWhereMissing() {
        requireRedis("7.2", "ZRANK ... WITHSCORE");
        abcd("z");
        assertEquals(new RankWithScore(1, 2), redis.zrankWithscore("z", "b"));
        assertEquals(new RankWithScore(0, 4), redis.zrevrankWithscore("z", "d"));
        assertNull(redis.zrankWithscore("z", "x"));
        assertNull(redis.zrevrankWithscore("missing", "a"));
        assertReply(Reply.array(List.of(integer(1), bulk("2"))), "ZRANK", "z", "b", "WITHSCORE");
    }

    @Test
    void zrem_countsRemoved_emptiedSetIsNoKey() {
        abcd("z");
        assertEquals(2, redis.zrem("z", "a", "x", "b"));
        assertEquals(0, redis.zrem("missing", "a"));
        assertEquals(2, redis.zrem("z", "c", "d"));
        assertEquals(0, redis.exists("z"));
    }

    @Test
    void wrongType_typedCallsRefused() {
        redis.set("s", "v");
        assertThrows(WrongTypeException.class, () -> redis.zadd("s", 1, "a"));
        assertThrows(WrongTypeException.class, () -> redis.zscore("s", "a"));
        assertThrows(WrongTypeException.class, () -> redis.zrangeWithscores("s", 0, -1));
        assertThrows(WrongTypeException.class, () -> redis.zpopmin("s"));
        assertEquals("v", redis.get("s"));
    }

    // ------------------------------------------------------------------ ranges

    @Test
    void zcountAndZremrangebyscore_boundsInclusiveExclusiveInfinite() {
        abcd("z");
        redis.zadd("z", Double.POSITIVE_INFINITY, "top");
        assertEquals(3, redis.zcount("z", ScoreRange.closed(1, 3)));
        assertEquals(1, redis.zcount("z", ScoreRange.open(1, 3)));
        assertEquals(2, redis.zcount("z", ScoreRange.closedOpen(1, 3)));
        assertEquals(2, redis.zcount("z", ScoreRange.openClosed(1, 3)));
        assertEquals(4, redis.zcount("z", ScoreRange.atLeast(2)));
        assertEquals(3, redis.zcount("z", ScoreRange.greaterThan(2)));
        assertEquals(2, redis.zcount("z", ScoreRange.atMost(2)));
        assertEquals(1, redis.zcount("z", ScoreRange.lessThan(2)));
        assertEquals(5, redis.zcount("z", ScoreRange.all()));
        assertEquals(4, redis.zcount("z", ScoreRange.lessThan(Double.POSITIVE_INFINITY)));
        assertEquals(0, redis.zcount("z", ScoreRange.closed(3, 1)), "a reversed range is empty");
        assertEquals(0, redis.zcount("missing", ScoreRange.all()));
        assertEquals("(1.5 +inf", ScoreRange.greaterThan(1.5).toString());
        assertReply(integer(1), "ZCOUNT", "z", "(1", "(3");
        assertEquals(2, redis.zremrangebyscore("z", ScoreRange.openClosed(1, 3)));
        assertEquals(List.of("a", "d", "top"), redis.zrange("z", 0, -1));
    }

    @Test
    void zrangeAndZrevrange_byRank_withAndWithoutScores() {
        abcd("z");
        assertEquals(List.of("a", "b", "c", "d"), redis.zrange("z", 0, -1));
        assertEquals(List.of(sv("c", 3), sv("d", 4)), redis.zrangeWithscores("z", -2, -1));
        assertEquals(List.of("d", "c"), redis.zrevrange("z", 0, 1));
        assertEquals(List.of(sv("d", 4), sv("c", 3)), redis.zrevrangeWithscores("z", 0, 1));
        assertEquals(List.of(), redis.zrange("missing", 0, -1));
        assertEquals(List.of(), redis.zrangeWithscores("z", 5, 10));
    }

    @Test
    void zrangeArgs_byScoreByLexRevAndLimit() {
        abcd("z");
        assertEquals(List.of("b", "c", "d"), redis.zrange("z", ZRangeArgs.byScore(ScoreRange.atLeast(2))));
        assertEquals(List.of("d", "c"), redis.zrange("z", ZRangeArgs.<String>byScore(ScoreRange.atLeast(2)).withRev().withLimit(0, 2)));
        assertEquals(List.of(sv("c", 3), sv("b", 2)),
                redis.zrangeWithscores("z", ZRangeArgs.<String>byScore(ScoreRange.open(1, 4)).withRev()));
        assertEquals(List.of(sv("b", 2)), redis.zrangeWithscores("z", ZRangeArgs.<String>byScore(ScoreRange.all()).withLimit(1, 1)));
        assertEquals(List.of("c", "b"), redis.zrange("z", ZRangeArgs.<String>byRank(1, 2).withRev()));
        assertEquals("+inf (2 BYSCORE REV LIMIT 0 3",
                ZRangeArgs.byScore(ScoreRange.greaterThan(2)).withRev().withLimit(0, 3).toString());
        lex("l");
        assertEquals(List.of("b", "c"), redis.zrange("l", ZRangeArgs.byLex(LexRange.closedOpen("b", "d"))));
        assertEquals(List.of("e", "d"), redis.zrange("l", ZRangeArgs.byLex(LexRange.greaterThan("c")).withRev()));
        assertEquals(List.of("a"), redis.zrange("l", ZRangeArgs.byLex(LexRange.<String>all()).withLimit(0, 1)));
        assertThrowsRedis("ERR syntax error, WITHSCORES not supported in combination with BYLEX",
                () -> redis.zrangeWithscores("l", ZRangeArgs.byLex(LexRange.<String>all())));
        assertThrowsRedis("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX",
                () -> redis.zrange("z", ZRangeArgs.<String>byRank(0, -1).withLimit(0, 1)));
    }

    @Test
    void zrangestore_storesTheSelection() {
        abcd("z");
        assertEquals(2, redis.zrangestore("dst", "z", ZRangeArgs.byScore(ScoreRange.open(1, 4))));
        assertEquals(List.of(sv("b", 2), sv("c", 3)), redis.zrangeWithscores("dst", 0, -1));
        assertEquals(1, redis.zrangestore("dst", "z", ZRangeArgs.<String>byRank(0, 0).withRev()));
        assertEquals(List.of(sv("d", 4)), redis.zrangeWithscores("dst", 0, -1));
        assertEquals(0, redis.zrangestore("dst", "missing", ZRangeArgs.byRank(0, -1)));
        assertEquals(0, redis.exists("dst"), "an empty selection deletes destination");
    }

    @Test
    void zrangebyscoreAndZrevrangebyscore_withScoresAndLimit() {
        abcd("z");
        assertEquals(List.of("b", "c"), redis.zrangebyscore("z", ScoreRange.closed(2, 3)));
        assertEquals(List.of("c"), redis.zrangebyscore("z", ScoreRange.all(), 2, 1));
        assertEquals(List.of(sv("a", 1), sv("b", 2)), redis.zrangebyscoreWithscores("z", ScoreRange.lessThan(3)));
        assertEquals(List.of(sv("c", 3), sv("d", 4)), redis.zrangebyscoreWithscores("z", ScoreRange.greaterThan(1), 1, -1));
        assertEquals(List.of("c", "b"), redis.zrevrangebyscore("z", ScoreRange.closed(2, 3)), "high bound sent first");
        assertEquals(List.of("c"), redis.zrevrangebyscore("z", ScoreRange.all(), 1, 1));
        assertEquals(List.of(sv("d", 4), sv("c", 3)), redis.zrevrangebyscoreWithscores("z", ScoreRange.greaterThan(2)));
        assertEquals(List.of(sv("b", 2)), redis.zrevrangebyscoreWithscores("z", ScoreRange.atMost(3), 1, 1));
        assertEquals(List.of(), redis.zrangebyscore("missing", ScoreRange.all()));
        assertReply(array("c", "b"), "ZREVRANGEBYSCORE", "z", "3", "2");
    }

    @Test
    void lexCommands_boundsEncodedThroughTheCodec() {
        lex("l");
        assertEquals(5, redis.zlexcount("l", LexRange.all()));
        assertEquals(3, redis.zlexcount("l", LexRange.closed("b", "d")));
        assertEquals(1, redis.zlexcount("l", LexRange.open("b", "d")));
        assertEquals(List.of("a", "b"), redis.zrangebylex("l", LexRange.lessThan("c")));
        assertEquals(List.of("d"), redis.zrangebylex("l", LexRange.atLeast("c"), 1, 1));
        assertEquals(List.of("c", "b", "a"), redis.zrevrangebylex("l", LexRange.atMost("c")), "high bound sent first");
        assertEquals(List.of("d"), redis.zrevrangebylex("l", LexRange.openClosed("a", "e"), 1, 1));
        assertEquals("(a [e", LexRange.openClosed("a", "e").toString());
        assertEquals(2, redis.zremrangebylex("l", LexRange.openClosed("c", "e")));
        assertEquals(List.of("a", "b", "c"), redis.zrange("l", 0, -1));
        byte[] low = {0};
        byte[] high = {(byte) 0xff, 0};
        binary.zadd(bytes("bin"), 0, low);
        binary.zadd(bytes("bin"), 0, high);
        binary.zadd(bytes("bin"), 0, bytes("m"));
        List<byte[]> above = binary.zrangebylex(bytes("bin"), LexRange.greaterThan(low));
        assertEquals(2, above.size());
        assertArrayEquals(bytes("m"), above.get(0));
        assertArrayEquals(high, above.get(1));
        assertEquals(1, binary.zlexcount(bytes("bin"), LexRange.atLeast(new byte[] {(byte) 0xff})));
    }

    @Test
    void zremrangebyrank_removesRanks() {
        abcd("z");
        assertEquals(2, redis.zremrangebyrank("z", 1, 2));
        assertEquals(List.of("a", "d"), redis.zrange("z", 0, -1));
        assertEquals(0, redis.zremrangebyrank("missing", 0, -1));
        assertEquals(2, redis.zremrangebyrank("z", 0, -1));
        assertEquals(0, redis.exists("z"));
    }

    // ------------------------------------------------------------------ pops

    @Test
    void zpopminZpopmax_nilOrEmptyForMissingKey() {
        assertNull(redis.zpopmin("missing"));
        assertNull(redis.zpopmax("missing"));
        assertEquals(List.of(), redis.zpopmin("missing", 2));
        abcd("z");
        assertEquals(sv("a", 1), redis.zpopmin("z"));
        assertEquals(sv("d", 4), redis.zpopmax("z"));
        assertReply(array("c", "3"), "ZPOPMAX", "z");
        assertEquals(List.of(sv("b", 2)), redis.zpopmin("z", 5));
        assertEquals(0, redis.exists("z"));
        abcd("z");
        assertEquals(List.of(sv("d", 4), sv("c", 3)), redis.zpopmax("z", 2));
    }

    @Test
    void zmpop_firstNonEmptyKey_nilWhenAllEmpty() {
        assertNull(redis.zmpop(ScoreEnd.MIN, 1, "x", "y"));
        abcd("y");
        assertEquals(new KeyValue<>("y", List.of(sv("a", 1), sv("b", 2))), redis.zmpop(ScoreEnd.MIN, 2, "x", "y"));
        assertEquals(new KeyValue<>("y", List.of(sv("d", 4))), redis.zmpop(ScoreEnd.MAX, 1, "y"));
        assertEquals(new KeyValue<>("y", List.of(sv("c", 3))), redis.zmpop(ScoreEnd.MAX, 10, "y"));
        assertEquals(0, redis.exists("y"));
    }

    @Test
    void blockingPops_dataPresentAnswerAtOnce_emptyKeysTimeOut() throws InterruptedException {
        abcd("z");
        assertEquals(new KeyValue<>("z", sv("a", 1)), redis.bzpopmin(Duration.ZERO, "missing", "z"));
        assertEquals(new KeyValue<>("z", sv("d", 4)), redis.bzpopmax(Duration.ofSeconds(1), "z"));
        assertEquals(new KeyValue<>("z", List.of(sv("c", 3), sv("b", 2))), redis.bzmpop(Duration.ZERO, ScoreEnd.MAX, 5, "z"));
        assertEquals(0, redis.exists("z"));
        assertNull(redis.bzpopmin(SHORT, "z"));
        assertNull(redis.bzpopmax(Duration.ofNanos(1), "z", "y"));
        assertNull(redis.bzmpop(SHORT, ScoreEnd.MIN, 1, "z"));
        assertEquals(0, redis.exists("z"));
        redis.set("s", "v");
        assertThrows(WrongTypeException.class, () -> redis.bzpopmin(SHORT, "s"));
    }

    // ------------------------------------------------------------------ random members

    @Test
    void zrandmember_nilOrEmptyForMissingKey_scoresMatchMembers() {
        assertNull(redis.zrandmember("missing"));
        assertEquals(List.of(), redis.zrandmember("missing", 3));
        assertEquals(List.of(), redis.zrandmemberWithscores("missing", 3));
        abcd("z");
        assertTrue(Set.of("a", "b", "c", "d").contains(redis.zrandmember("z")));
        assertEquals(Set.of("a", "b", "c", "d"), new HashSet<>(redis.zrandmember("z", 10)));
        assertEquals(9, redis.zrandmember("z", -9).size(), "a negative count may repeat");
        Map<String, Double> scores = Map.of("a", 1.0, "b", 2.0, "c", 3.0, "d", 4.0);
        List<ScoredValue<String>> picked = redis.zrandmemberWithscores("z", -7);
        assertEquals(7, picked.size());
        for (ScoredValue<String> member : picked) {
            assertEquals(scores.get(member.value()), member.score(), member::toString);
        }
        assertEquals(4, redis.zrandmemberWithscores("z", 4).size());
    }

    // ------------------------------------------------------------------ algebra

    @Test
    void zunionZinterZdiff_withScoresWeightsAndAggregate() {
        redis.zadd("x", Map.of("a", 1.0, "b", 2.0));
        redis.zadd("y", Map.of("b", 3.0, "c", 4.0));
        assertEquals(List.of("a", "c", "b"), redis.zunion("x", "y"));
        assertEquals(List.of(sv("a", 1), sv("c", 4), sv("b", 5)), redis.zunionWithscores("x", "y"));
        assertEquals(List.of(sv("a", 2), sv("b", 4), sv("c", 4)),
                redis.zunionWithscores(ZAggregateArgs.weights(2, 1).withMax(), "x", "y"));
        assertEquals(List.of("b"), redis.zinter("x", "y"));
        assertEquals(List.of(sv("b", 5)), redis.zinterWithscores("x", "y"));
        assertEquals(List.of(sv("b", 2)), redis.zinterWithscores(ZAggregateArgs.min(), "x", "y"));
        assertEquals(List.of(sv("b", 10.5)), redis.zinterWithscores(ZAggregateArgs.weights(0.75, 3), "x", "y"));
        assertEquals(List.of("b"), redis.zinter(ZAggregateArgs.sum(), "x", "y"));
        assertEquals(List.of("a"), redis.zdiff("x", "y"));
        assertEquals(List.of(sv("a", 1)), redis.zdiffWithscores("x", "y"));
        assertEquals(List.of(), redis.zinter("x", "missing"));
        assertEquals("WEIGHTS 0.5 -inf AGGREGATE MIN", ZAggregateArgs.weights(0.5, Double.NEGATIVE_INFINITY).withMin().toString());
        assertThrowsRedis(SYNTAX, () -> redis.zunion(ZAggregateArgs.weights(1), "x", "y"));
    }

    @Test
    void storeForms_andZintercard() {
        redis.zadd("x", Map.of("a", 1.0, "b", 2.0));
        redis.zadd("y", Map.of("b", 3.0, "c", 4.0));
        assertEquals(3, redis.zunionstore("u", "x", "y"));
        assertEquals(List.of(sv("a", 1), sv("c", 4), sv("b", 5)), redis.zrangeWithscores("u", 0, -1));
        assertEquals(3, redis.zunionstore("u", ZAggregateArgs.max(), "x", "y"));
        assertEquals(3.0, redis.zscore("u", "b"));
        assertEquals(1, redis.zinterstore("i", "x", "y"));
        assertEquals(5.0, redis.zscore("i", "b"));
        assertEquals(1, redis.zinterstore("i", ZAggregateArgs.weights(1, 0), "x", "y"));
        assertEquals(2.0, redis.zscore("i", "b"));
        assertEquals(1, redis.zdiffstore("d", "x", "y"));
        assertEquals(List.of(sv("a", 1)), redis.zrangeWithscores("d", 0, -1));
        assertEquals(0, redis.zinterstore("i", "x", "missing"));
        assertEquals(0, redis.exists("i"));
        redis.zadd("y", 1, "a");
        assertEquals(2, redis.zintercard("x", "y"));
        assertEquals(1, redis.zintercard(1, "x", "y"));
        assertEquals(0, redis.zintercard("x", "missing"));
    }

    // ------------------------------------------------------------------ ZSCAN

    @Test
    void zscan_fullIteration_pairsMembersWithScores() {
        Map<String, Double> expected = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            expected.put("m" + i, i * 0.5);
        }
        redis.zadd("z", expected);
        Map<String, Double> seen = new HashMap<>();
        String cursor = "0";
        do {
            ZSetScan<String> step = redis.zscan("z", cursor, ScanArgs.none().withCount(50));
            for (ScoredValue<String> member : step.members()) {
                seen.put(member.value(), member.score());
            }
            cursor = step.cursor();
        } while (!"0".equals(cursor));
        assertEquals(expected, seen);
        ZSetScan<String> matched = redis.zscan("z", "0", ScanArgs.match("m1?").withCount(1000));
        assertTrue(matched.finished());
        assertEquals(10, matched.members().size());
        ZSetScan<String> none = redis.zscan("missing", "0");
        assertTrue(none.finished());
        assertEquals(List.of(), none.members());
        redis.zadd("small", 1.5, "a");
        assertEquals(new ZSetScan<>("0", List.of(sv("a", 1.5))), redis.zscan("small", "0"));
    }
}
