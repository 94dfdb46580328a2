package dev.keel.engine.zset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The sorted set commands' replies, errors and the order Redis checks things in, under every
 * encoding regime. Expected replies and error texts were taken from a real Redis 7.0.15, scores
 * written as Redis 7.2 writes them.
 */
class ZSetCommandsTest extends AbstractZSetTest {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    private static final String NOT_FLOAT = "ERR value is not a valid float";

    private Reply flat(String... items) {
        return array(items);
    }

    private void assertNoKey(String key) {
        assertReply(integer(0), "EXISTS", key);
    }

    // ------------------------------------------------------------------ ZADD and ZINCRBY

    @Test
    void zadd_badOptionsAndScores_refusedInRedisOrder() {
        zadd("z", "1", "a", "2", "b");
        exec("SET", "str", "x");
        assertRefusedUnchanged("ERR XX and NX options at the same time are not compatible", "ZADD", "z", "INCR", "NX", "XX", "1", "a", "2", "b");
        assertRefusedUnchanged("ERR GT, LT, and/or NX options at the same time are not compatible", "ZADD", "z", "incr", "gt", "lt", "1", "a", "2", "b");
        assertRefusedUnchanged("ERR GT, LT, and/or NX options at the same time are not compatible", "ZADD", "z", "GT", "NX", "1", "a");
        assertRefusedUnchanged("ERR INCR option supports a single increment-element pair", "ZADD", "z", "INCR", "1", "a", "2", "b");
        assertRefusedUnchanged("ERR syntax error", "ZADD", "z", "NX", "XX", "1", "a", "2");
        assertRefusedUnchanged("ERR syntax error", "ZADD", "z", "NX", "XX");
        assertRefusedUnchanged(NOT_FLOAT, "ZADD", "z", "1", "a", "nan", "b");
        assertRefusedUnchanged(NOT_FLOAT, "ZADD", "z", "1e400", "a");
        assertRefusedUnchanged(NOT_FLOAT, "ZADD", "z", " 1", "a");
        assertRefusedUnchanged(NOT_FLOAT, "ZADD", "str", "abc", "a");
        assertRefusedUnchanged(WRONGTYPE, "ZADD", "str", "1", "a");
        assertError("ERR wrong number of arguments for 'zadd' command", "ZADD", "z", "1");
    }

    @Test
    void zadd_conditions_addUpdateAndCountAsRedis() {
        assertReply(integer(2), "ZADD", "z", "CH", "1", "a", "2", "a");
        assertReply(bulk("2"), "ZSCORE", "z", "a");
        assertReply(integer(0), "ZADD", "z", "XX", "3", "new");
        assertReply(integer(0), "ZADD", "missing", "XX", "1", "a");
        assertNoKey("missing");
        assertReply(integer(3), "ZADD", "z", "CH", "GT", "5", "a", "0", "b", "7", "c");
        assertReply(integer(1), "ZADD", "z", "CH", "LT", "5", "a", "-1", "b", "7", "c");
        assertReply(integer(2), "ZADD", "z", "CH", "-0", "b", "-1", "b");
        assertReply(integer(0), "ZADD", "z", "CH", "-1", "b", "5", "a");
        assertReply(flat("b", "-1", "a", "5", "c", "7"), "ZRANGE", "z", "0", "-1", "WITHSCORES");
    }

    @Test
    void zadd_incr_returnsTheScoreOrNilWhenAborted() {
        zadd("z", "1", "a");
        assertReply(Reply.NIL, "ZADD", "z", "INCR", "NX", "5", "a");
        assertReply(Reply.NIL, "ZADD", "z", "INCR", "XX", "5", "c");
        assertReply(Reply.NIL, "ZADD", "z", "INCR", "GT", "0", "a");
        assertReply(bulk("0"), "ZADD", "z", "INCR", "LT", "-1", "a");
        assertReply(bulk("2.5"), "ZADD", "z", "INCR", "2.5", "b");
        assertReply(bulk("inf"), "ZADD", "z", "INCR", "inf", "b");
        assertRefusedUnchanged("ERR resulting score is not a number (NaN)", "ZADD", "z", "INCR", "-inf", "b");
        assertReply(Reply.NIL, "ZADD", "missing", "XX", "INCR", "1", "a");
    }

    @Test
    void zincrby_addsCreatesAndRefusesNaN() {
        assertReply(bulk("1.5"), "ZINCRBY", "z", "1.5", "a");
        assertReply(bulk("3"), "ZINCRBY", "z", "1.5", "a");
        assertReply(bulk("inf"), "ZINCRBY", "z", "inf", "b");
        assertRefusedUnchanged("ERR resulting score is not a number (NaN)", "ZINCRBY", "z", "-inf", "b");
        exec("SET", "str", "x");
        assertRefusedUnchanged(NOT_FLOAT, "ZINCRBY", "str", "abc", "a");
        assertRefusedUnchanged(WRONGTYPE, "ZINCRBY", "str", "1", "a");
    }

    @Test
    void scores_areWrittenAsRedis72WritesThem() {
        zadd("z", "0.1", "a", "1e17", "b", "1.5e-5", "c", "1e20", "d", "-0.0", "e", "0x1p-1074", "f", "0.30000000000000004", "g");
        assertReply(flat("e", "-0", "f", "4.9e-324", "c", "1.5e-05", "a", "0.1", "g", "0.30000000000000004", "b", "100000000000000000",
                "d", "1e+20"), "ZRANGE", "z", "0", "-1", "WITHSCORES");
    }

    // ------------------------------------------------------------------ reading

    @Test
    void pointReads_answerAsRedis() {
        zadd("z", "1", "a", "2", "b", "3", "c");
        exec("SET", "str", "x");
        assertReply(integer(3), "ZCARD", "z");
        assertReply(integer(0), "ZCARD", "missing");
        assertReply(flat("1", null, "3"), "ZMSCORE", "z", "a", "nosuch", "c");
        assertReply(flat(null, null), "ZMSCORE", "missing", "a", "b");
        assertReply(integer(1), "ZRANK", "z", "b");
        assertReply(integer(0), "ZREVRANK", "z", "c");
        assertReply(Reply.array(List.of(integer(2), bulk("3"))), "ZRANK", "z", "c", "withscore");
        assertReply(Reply.array(List.of(integer(0), bulk("3"))), "ZREVRANK", "z", "c", "WITHSCORE");
        assertReply(Reply.NIL, "ZRANK", "z", "nosuch", "WITHSCORE");
        assertError("ERR syntax error", "ZRANK", "z", "c", "foo");
        assertError("ERR wrong number of arguments for 'zrank' command", "ZRANK", "z", "c", "withscore", "x");
        assertError(WRONGTYPE, "ZSCORE", "str", "a");
        assertError(WRONGTYPE, "ZRANK", "str", "a");
    }

    @Test
    void zrange_optionErrors_inRedisOrder() {
        zadd("z", "1", "a");
        exec("SET", "str", "x");
        String limitError = "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX";
        String withScoresError = "ERR syntax error, WITHSCORES not supported in combination with BYLEX";
        assertError(limitError, "ZRANGE", "str", "0", "-1", "LIMIT", "0", "1");
        assertError(limitError, "ZREVRANGE", "z", "0", "1", "LIMIT", "0", "1");
        assertError(limitError, "ZRANGE", "z", "0", "-1", "LIMIT", "0", "0");
        assertError(withScoresError, "ZRANGE", "z", "0", "-1", "WITHSCORES", "BYLEX", "LIMIT", "0", "1");
        assertError(withScoresError, "ZRANGEBYLEX", "z", "-", "+", "WITHSCORES");
        assertError("ERR value is not an integer or out of range", "ZRANGE", "z", "0", "-1", "LIMIT", "a", "b", "foo");
        assertError("ERR syntax error", "ZRANGE", "z", "0", "-1", "foo", "LIMIT", "a", "b");
        assertError("ERR syntax error", "ZRANGE", "z", "0", "-1", "BYSCORE", "BYSCORE");
        assertError("ERR syntax error", "ZRANGE", "z", "0", "-1", "REV", "REV");
        assertError("ERR syntax error", "ZRANGE", "z", "0", "-1", "LIMIT", "0");
        assertError("ERR syntax error", "ZRANGEBYSCORE", "z", "1", "5", "REV");
        assertError("ERR syntax error", "ZRANGESTORE", "d", "z", "0", "-1", "WITHSCORES");
        assertError("ERR value is not an integer or out of range", "ZRANGE", "str", "a", "b");
        assertError("ERR min or max is not a float", "ZRANGE", "missing", "a", "b", "BYSCORE");
        assertError("ERR min or max not valid string range item", "ZRANGE", "z", "a", "c", "BYLEX");
        assertError(WRONGTYPE, "ZRANGE", "str", "0", "-1");
    }

    /** Redis refuses LIMIT on a rank range only when its count is not -1; with -1 it ignores it, offset and all. */
    @Test
    void zrange_rankRangeWithLimitCountMinusOne_ignoresTheLimit() {
        zadd("z", "1", "a", "2", "b", "3", "c");
        assertReply(flat("a", "b", "c"), "ZRANGE", "z", "0", "-1", "LIMIT", "2", "-1");
        assertReply(flat("c", "b"), "ZREVRANGE", "z", "0", "1", "LIMIT", "5", "-1");
        assertReply(integer(3), "ZRANGESTORE", "d", "z", "0", "-1", "LIMIT", "1", "-1");
        assertReply(integer(0), "ZRANGESTORE", "d", "missing", "0", "-1", "LIMIT", "1", "-1");
    }

    @Test
    void zrange_byScoreByLexReverseAndLimit() {
        zadd("z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        assertReply(flat("e", "d", "c", "b", "a"), "ZRANGE", "z", "5", "1", "REV", "BYSCORE");
        assertReply(flat("c"), "ZRANGE", "z", "(1", "3", "BYSCORE", "LIMIT", "1", "1");
        assertReply(flat("d", "4", "c", "3"), "ZRANGE", "z", "5", "1", "BYSCORE", "REV", "LIMIT", "1", "2", "WITHSCORES");
        assertReply(flat("b", "c", "d", "e"), "ZRANGE", "z", "1", "5", "BYSCORE", "LIMIT", "1", "-1");
        assertReply(flat(), "ZRANGE", "z", "1", "5", "BYSCORE", "LIMIT", "-1", "2");
        assertReply(flat(), "ZRANGE", "z", "1", "5", "BYSCORE", "LIMIT", "9223372036854775807", "9223372036854775807");
        assertReply(flat("a", "b", "c"), "ZRANGE", "z", "(", "3", "BYSCORE");
        assertReply(flat(), "ZRANGE", "z", "", "", "BYSCORE");
        assertReply(flat("d", "4", "e", "5"), "ZRANGE", "z", "-2", "-1", "WITHSCORES");
        assertReply(flat("e", "d"), "ZRANGE", "z", "0", "1", "REV");
        assertReply(flat("a", "b", "c", "d", "e"), "ZRANGE", "z", "-9223372036854775808", "9223372036854775807");
        assertReply(flat("e", "d"), "ZREVRANGEBYSCORE", "z", "+inf", "-inf", "LIMIT", "0", "2");
        assertReply(flat("d", "c"), "ZREVRANGEBYSCORE", "z", "(5", "(2");
        assertReply(flat("b", "c"), "ZRANGEBYLEX", "z", "-", "+", "LIMIT", "1", "2");
        assertReply(flat("d", "c"), "ZREVRANGEBYLEX", "z", "+", "-", "LIMIT", "1", "2");
        assertReply(flat("c", "b"), "ZREVRANGEBYLEX", "z", "[c", "(a");
        assertReply(flat(), "ZRANGEBYLEX", "z", "+", "-");
    }

    @Test
    void zrangestore_replacesAnyDestination_andAnEmptyResultDeletesIt() {
        zadd("z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        exec("SET", "str", "x", "EX", "100");
        assertReply(integer(2), "ZRANGESTORE", "str", "z", "0", "1", "REV");
        assertReply(flat("d", "4", "e", "5"), "ZRANGE", "str", "0", "-1", "WITHSCORES");
        assertReply(integer(-1), "TTL", "str");
        assertReply(integer(3), "ZRANGESTORE", "z", "z", "[a", "[c", "BYLEX");
        assertEquals(List.of("a", "b", "c"), members("z"));
        assertReply(integer(0), "ZRANGESTORE", "str", "missing", "0", "-1");
        assertNoKey("str");
    }

    @Test
    void countsAndRangeRemovals() {
        zadd("z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        assertReply(integer(1), "ZCOUNT", "z", "(1", "(3");
        assertReply(integer(0), "ZCOUNT", "z", "3", "(3");
        assertReply(integer(5), "ZCOUNT", "z", "-inf", "+inf");
        assertReply(integer(2), "ZLEXCOUNT", "z", "[b", "(d");
        assertError("ERR min or max is not a float", "ZCOUNT", "missing", "a", "b");
        assertReply(integer(2), "ZREMRANGEBYRANK", "z", "1", "2");
        assertReply(integer(1), "ZREMRANGEBYSCORE", "z", "(1", "4");
        assertReply(flat("a", "e"), "ZRANGE", "z", "0", "-1");
        assertReply(integer(2), "ZREMRANGEBYLEX", "z", "-", "+");
        assertNoKey("z");
        assertReply(integer(0), "ZREMRANGEBYRANK", "missing", "0", "-1");
    }

    // ------------------------------------------------------------------ popping

    @Test
    void pops_replyShapesAndCounts() {
        zadd("z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        assertReply(flat("a", "1"), "ZPOPMIN", "z");
        assertReply(flat("b", "2", "c", "3"), "ZPOPMIN", "z", "2");
        assertReply(flat("e", "5"), "ZPOPMAX", "z", "1");
        assertReply(flat(), "ZPOPMIN", "z", "0");
        assertReply(flat(), "ZPOPMIN", "missing");
        assertError("ERR value is out of range, must be positive", "ZPOPMIN", "z", "-1");
        assertError("ERR syntax error", "ZPOPMIN", "z", "1", "2");
        assertReply(Reply.array(List.of(bulk("z"), Reply.array(List.of(array("d", "4"))))), "ZMPOP", "1", "z", "MAX", "COUNT", "10");
        assertNoKey("z");
        assertReply(Reply.NIL, "ZMPOP", "1", "z", "MIN");
        assertError("ERR numkeys should be greater than 0", "ZMPOP", "0", "z", "MIN");
        assertError("ERR syntax error", "ZMPOP", "2", "z", "MIN");
        assertError("ERR count should be greater than 0", "ZMPOP", "1", "z", "MIN", "COUNT", "0");
        assertError("ERR syntax error", "ZMPOP", "1", "z", "MIN", "COUNT", "1", "COUNT", "2");
    }

    // ------------------------------------------------------------------ algebra

    @Test
    void algebra_weightsAggregatesAndPlainSets() {
        zadd("z1", "1", "a", "2", "b", "3", "c");
        zadd("z2", "10", "b", "20", "c", "30", "d");
        exec("SADD", "s1", "a", "d", "x");
        assertReply(flat("a", "1", "b", "12", "c", "23", "d", "30"), "ZUNION", "2", "z1", "z2", "WITHSCORES");
        assertReply(flat("b", "12", "c", "23"), "ZINTER", "2", "z1", "z2", "WITHSCORES");
        assertReply(flat("a", "1"), "ZDIFF", "2", "z1", "z2", "WITHSCORES");
        assertReply(flat("d", "1", "x", "1", "a", "2", "b", "2", "c", "3"), "ZUNION", "2", "z1", "s1", "WITHSCORES");
        assertReply(flat("a", "5"), "ZINTER", "2", "z1", "s1", "WEIGHTS", "2", "3", "WITHSCORES");
        assertReply(flat("a", "1", "b", "2", "c", "3", "d", "30"), "ZUNION", "2", "z1", "z2", "AGGREGATE", "MIN", "WITHSCORES");
        assertReply(flat("a", "3", "b", "46", "c", "89", "d", "120"), "ZUNION", "2", "z1", "z2", "WEIGHTS", "1", "2",
                "WEIGHTS", "3", "4", "WITHSCORES");
        zadd("inf1", "inf", "a", "-inf", "b");
        zadd("inf2", "-inf", "a", "inf", "b");
        assertReply(flat("a", "0", "b", "0"), "ZUNION", "2", "inf1", "inf2", "WITHSCORES");
        assertReply(flat("a", "-inf", "b", "inf"), "ZUNION", "2", "inf1", "inf2", "WEIGHTS", "0", "1", "WITHSCORES");
        assertReply(integer(2), "ZINTERCARD", "2", "z1", "z2");
        assertReply(integer(1), "ZINTERCARD", "2", "z1", "z2", "LIMIT", "1");
        assertReply(integer(1), "ZINTERCARD", "2", "z1", "s1");
    }

    @Test
    void algebraStore_computesBeforeReplacingTheDestination() {
        zadd("z1", "1", "a", "2", "b", "3", "c");
        zadd("z2", "10", "b", "20", "c", "30", "d");
        exec("RPUSH", "list", "x");
        assertReply(integer(4), "ZUNIONSTORE", "list", "2", "z1", "z2", "WEIGHTS", "1", "2");
        assertReply(flat("a", "1", "b", "22", "c", "43", "d", "60"), "ZRANGE", "list", "0", "-1", "WITHSCORES");
        assertReply(integer(4), "ZUNIONSTORE", "z1", "2", "z1", "z2", "AGGREGATE", "MAX");
        assertReply(flat("a", "1", "b", "10", "c", "20", "d", "30"), "ZRANGE", "z1", "0", "-1", "WITHSCORES");
        assertReply(integer(0), "ZDIFFSTORE", "z1", "2", "z1", "z1");
        assertNoKey("z1");
        assertReply(integer(0), "ZINTERSTORE", "list", "2", "z2", "missing");
        assertNoKey("list");
    }

    @Test
    void algebra_errorsInRedisOrder() {
        zadd("z1", "1", "a");
        exec("SET", "str", "x");
        assertError("ERR at least 1 input key is needed for 'zunion' command", "ZUNION", "0", "z1");
        assertError("ERR at least 1 input key is needed for 'zinterstore' command", "ZINTERSTORE", "d", "-1", "z1");
        assertError("ERR value is not an integer or out of range", "ZUNION", "a", "z1");
        assertError("ERR syntax error", "ZUNION", "3", "z1", "str");
        assertError(WRONGTYPE, "ZUNION", "2", "z1", "str", "WEIGHTS", "a", "b");
        assertError(WRONGTYPE, "ZINTERCARD", "2", "z1", "str", "LIMIT", "-1");
        assertError("ERR weight value is not a float", "ZUNION", "2", "z1", "missing", "WEIGHTS", "1", "nan");
        assertError("ERR syntax error", "ZUNION", "2", "z1", "z1", "WEIGHTS", "1");
        assertError("ERR syntax error", "ZUNION", "1", "z1", "AGGREGATE", "AVG");
        assertError("ERR syntax error", "ZDIFF", "1", "z1", "WEIGHTS", "1");
        assertRefusedUnchanged("ERR syntax error", "ZUNIONSTORE", "str", "1", "z1", "WITHSCORES");
        assertError("ERR LIMIT can't be negative", "ZINTERCARD", "1", "z1", "LIMIT", "a");
        assertError("ERR syntax error", "ZINTERCARD", "1", "z1", "LIMIT");
        assertError("ERR at least 1 input key is needed for 'zintercard' command", "ZINTERCARD", "0", "z1");
    }

    // ------------------------------------------------------------------ random and scan

    @Test
    void zrandmember_countsAndErrors() {
        assertReply(Reply.NIL, "ZRANDMEMBER", "missing");
        assertReply(flat(), "ZRANDMEMBER", "missing", "2", "WITHSCORES");
        for (int i = 0; i < 300; i++) {
            zadd("z", Integer.toString(i), "m" + i);
        }
        Reply.Array distinct = assertInstanceOf(Reply.Array.class, exec("ZRANDMEMBER", "z", "250", "WITHSCORES"));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < distinct.items().size(); i += 2) {
            String member = ((Reply.Bulk) distinct.items().get(i)).utf8();
            assertTrue(seen.add(member), member + " twice");
            assertEquals(bulk(member.substring(1)), distinct.items().get(i + 1));
        }
        assertEquals(250, seen.size());
        assertEquals(20, ((Reply.Array) exec("ZRANDMEMBER", "z", "20")).items().size());
        assertEquals(300, ((Reply.Array) exec("ZRANDMEMBER", "z", "1000")).items().size());
        assertEquals(1000, ((Reply.Array) exec("ZRANDMEMBER", "z", "-1000")).items().size());
        assertError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
                "ZRANDMEMBER", "z", "-9223372036854775808");
        assertError("ERR value is out of range", "ZRANDMEMBER", "z", "-9223372036854775807", "WITHSCORES");
        assertError("ERR syntax error", "ZRANDMEMBER", "z", "1", "WITHSCORES", "x");
    }

    @Test
    void zscan_visitsEveryMemberWithItsScore() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            zadd("z", Integer.toString(i), "m" + i);
            expected.add("m" + i);
        }
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        do {
            List<Reply> page = assertInstanceOf(Reply.Array.class, exec("ZSCAN", "z", cursor, "COUNT", "7")).items();
            cursor = ((Reply.Bulk) page.get(0)).utf8();
            List<Reply> items = ((Reply.Array) page.get(1)).items();
            for (int i = 0; i < items.size(); i += 2) {
                String member = ((Reply.Bulk) items.get(i)).utf8();
                assertEquals(bulk(member.substring(1)), items.get(i + 1));
                seen.add(member);
            }
        } while (!cursor.equals("0"));
        assertEquals(new HashSet<>(expected), seen);
        assertReply(Reply.array(List.of(bulk("0"), array())), "ZSCAN", "missing", "0", "FOO");
        assertError("ERR syntax error", "ZSCAN", "z", "0", "COUNT", "0");
        assertError("ERR invalid cursor", "ZSCAN", "z", "abc");
    }

    @Test
    void bigSet_rangesByRankScoreAndLex() {
        for (int i = 0; i < 1000; i++) {
            zadd("z", Integer.toString(i / 2), String.format("m%04d", i));
        }
        assertReply(integer(1000), "ZCARD", "z");
        assertReply(flat("m0500", "m0501", "m0502"), "ZRANGE", "z", "250", "(252", "BYSCORE", "LIMIT", "0", "3");
        assertReply(flat("m0503", "m0502"), "ZRANGE", "z", "(252", "250", "BYSCORE", "REV", "LIMIT", "0", "2");
        assertReply(integer(10), "ZCOUNT", "z", "100", "(105");
        assertReply(integer(998), "ZREVRANK", "z", "m0001");
        assertReply(flat("m0999", "499", "m0998", "499"), "ZREVRANGE", "z", "0", "1", "WITHSCORES");
        assertReply(integer(100), "ZREMRANGEBYRANK", "z", "100", "199");
        assertReply(integer(900), "ZCARD", "z");
        assertReply(flat("m0099", "m0200"), "ZRANGE", "z", "99", "100");
    }
}
