package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Reply;
import dev.keel.conformance.ScoredMembers.Scored;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ZADD (every option and every refused combination), ZINCRBY, ZREM, ZCARD, ZSCORE, ZMSCORE, the
 * text of scores, the order of members, WRONGTYPE for every sorted set command, and the encodings
 * OBJECT ENCODING reports. Ranges are in {@link ZSetRangeContractTest}, pops and random members in
 * {@link ZSetPopContractTest}, blocking pops in {@link ZSetBlockingContractTest}, the set algebra
 * and ZSCAN in {@link ZSetAlgebraContractTest}.
 *
 * <p>Redis checks ZADD's arguments in a fixed order: the count of score-member arguments, NX with
 * XX, GT/LT/NX, INCR with several pairs, then every score, and only then the key's type; a refused
 * ZADD adds nothing, not even the pairs before a bad score.
 */
class ZSetContractTest extends ZSetContractBase {
    private static final String XX_AND_NX = "ERR XX and NX options at the same time are not compatible";
    private static final String GT_LT_NX = "ERR GT, LT, and/or NX options at the same time are not compatible";
    private static final String INCR_PAIRS = "ERR INCR option supports a single increment-element pair";

    // ------------------------------------------------------------------ ZADD

    @Test
    void zadd_newAndExistingMembers_countsOnlyNewOnes() {
        assertReply(integer(2), "ZADD", "z", "1", "a", "2", "b");
        assertReply(integer(1), "ZADD", "z", "3", "a", "4", "c");
        assertReply(integer(0), "ZADD", "z", "3", "a");
        assertZSet("z", "b", "2", "a", "3", "c", "4");
    }

    @Test
    void zadd_missingKey_createsASortedSetWithoutExpiry() {
        assertReply(integer(1), "ZADD", "z", "1", "a");
        assertReply(status("zset"), "TYPE", "z");
        assertReply(integer(-1), "TTL", "z");
    }

    @Test
    void zadd_existingSortedSetWithExpiry_keepsTheKeyExpiry() {
        zadd("z", "1", "a");
        exec("PEXPIREAT", "z", Long.toString(FUTURE_MILLIS));
        assertReply(integer(1), "ZADD", "z", "2", "b");
        assertReply(bulk("3"), "ZINCRBY", "z", "1", "b");
        assertReply(integer(FUTURE_MILLIS), "PEXPIRETIME", "z");
    }

    @Test
    void zadd_memberRepeatedInOneCall_lastScoreWinsAndChCountsEveryChange() {
        assertReply(integer(1), "ZADD", "z", "1", "a", "2", "a", "3", "a");
        assertZSet("z", "a", "3");
        assertReply(integer(2), "ZADD", "z", "CH", "1", "a", "1", "a", "2", "a");
        assertZSet("z", "a", "2");
    }

    @Test
    void zadd_nx_addsNewMembersAndLeavesExistingOnes() {
        zadd("z", "1", "a");
        assertReply(integer(1), "ZADD", "z", "NX", "5", "a", "2", "b");
        assertZSet("z", "a", "1", "b", "2");
        assertReply(integer(0), "ZADD", "z", "nx", "CH", "9", "a");
        assertZSet("z", "a", "1", "b", "2");
    }

    @Test
    void zadd_xx_updatesExistingMembersAndAddsNone() {
        zadd("z", "1", "a");
        assertReply(integer(0), "ZADD", "z", "XX", "5", "a", "2", "b");
        assertZSet("z", "a", "5");
        assertReply(integer(1), "ZADD", "z", "XX", "CH", "6", "a", "2", "b");
        assertReplyUnchanged(integer(0), "ZADD", "missing", "XX", "1", "a");
        assertNoZSet("missing");
    }

    @Test
    void zadd_ch_countsAddedAndChangedMembers() {
        zadd("z", "1", "a", "2", "b");
        assertReply(integer(2), "ZADD", "z", "CH", "1", "a", "5", "b", "3", "c");
        assertReply(integer(0), "ZADD", "z", "ch", "1", "a", "5", "b");
        assertZSet("z", "a", "1", "c", "3", "b", "5");
    }

    @Test
    void zadd_gtAndLt_updateOnlyInTheirDirectionButAlwaysAddNewMembers() {
        zadd("z", "1", "a", "2", "b", "3", "c");
        assertReply(integer(2), "ZADD", "z", "GT", "CH", "0", "a", "5", "b", "4", "d");
        assertZSet("z", "a", "1", "c", "3", "d", "4", "b", "5");
        assertReply(integer(2), "ZADD", "z", "LT", "CH", "0", "a", "6", "b", "4", "e");
        assertZSet("z", "a", "0", "c", "3", "d", "4", "e", "4", "b", "5");
        assertReply(integer(0), "ZADD", "z", "GT", "CH", "5", "b", "-1", "b");
    }

    @Test
    void zadd_gtWithXx_updatesUpwardsAndAddsNothing() {
        zadd("z", "1", "a", "9", "b");
        assertReply(integer(1), "ZADD", "z", "GT", "XX", "CH", "10", "a", "10", "new", "2", "b");
        assertZSet("z", "b", "9", "a", "10");
        assertReply(integer(1), "ZADD", "z", "LT", "XX", "CH", "3", "b", "1", "new");
        assertZSet("z", "b", "3", "a", "10");
    }

    @Test
    void zadd_optionsInAnyCaseAndRepeated_accepted() {
        assertReply(integer(1), "ZADD", "z", "nX", "Ch", "ch", "1", "a");
        assertReply(integer(1), "ZADD", "z", "xx", "XX", "gt", "GT", "ch", "2", "a");
        assertZSet("z", "a", "2");
    }

    @Test
    void zadd_incr_addsToTheScoreAndReturnsIt() {
        assertReply(bulk("2.5"), "ZADD", "z", "INCR", "2.5", "a");
        assertReply(bulk("5"), "ZADD", "z", "incr", "2.5", "a");
        assertReply(bulk("-0.25"), "ZADD", "z", "INCR", "CH", "-5.25", "a");
        assertReply(bulk("1"), "ZADD", "z", "XX", "INCR", "1.25", "a");
        assertReply(bulk("7"), "ZADD", "z", "NX", "INCR", "7", "b");
        assertReply(bulk("8"), "ZADD", "z", "GT", "INCR", "1", "b");
        assertReply(bulk("6"), "ZADD", "z", "LT", "INCR", "-2", "b");
        assertReply(bulk("-4"), "ZADD", "z", "GT", "INCR", "-4", "c");
        assertZSet("z", "c", "-4", "a", "1", "b", "6");
    }

    @Test
    void zadd_incrAbortedByAnOption_returnsNilAndChangesNothing() {
        zadd("z", "1", "a");
        assertReplyUnchanged(Reply.NIL, "ZADD", "z", "NX", "INCR", "5", "a");
        assertReplyUnchanged(Reply.NIL, "ZADD", "z", "XX", "INCR", "5", "nope");
        assertReplyUnchanged(Reply.NIL, "ZADD", "z", "GT", "INCR", "-1", "a");
        assertReplyUnchanged(Reply.NIL, "ZADD", "z", "LT", "INCR", "1", "a");
        assertReplyUnchanged(Reply.NIL, "ZADD", "z", "GT", "INCR", "0", "a");
        assertReplyUnchanged(Reply.NIL, "ZADD", "z", "LT", "INCR", "0", "a");
        assertReplyUnchanged(Reply.NIL, "ZADD", "missing", "XX", "INCR", "1", "a");
        assertNoZSet("missing");
        assertZSet("z", "a", "1");
    }

    @Test
    void zadd_incrToNotANumber_refusedAndTheScoreKept() {
        zadd("z", "inf", "a", "-inf", "b");
        assertRefusedUnchanged(NAN_SCORE, "ZADD", "z", "INCR", "-inf", "a");
        assertRefusedUnchanged(NAN_SCORE, "ZADD", "z", "INCR", "+inf", "b");
        assertReply(bulk("inf"), "ZADD", "z", "INCR", "inf", "a");
        assertReply(bulk("-inf"), "ZADD", "z", "INCR", "1", "b");
        assertZSet("z", "b", "-inf", "a", "inf");
    }

    @ParameterizedTest(name = "ZADD z {0} 1 a")
    @CsvSource(delimiter = '|', value = {
            "NX XX       | ERR XX and NX options at the same time are not compatible",
            "XX NX CH    | ERR XX and NX options at the same time are not compatible",
            "NX XX GT LT | ERR XX and NX options at the same time are not compatible",
            "GT LT       | ERR GT, LT, and/or NX options at the same time are not compatible",
            "NX GT       | ERR GT, LT, and/or NX options at the same time are not compatible",
            "LT NX       | ERR GT, LT, and/or NX options at the same time are not compatible",
            "GT LT INCR  | ERR GT, LT, and/or NX options at the same time are not compatible",
            "FOO         | ERR syntax error",
            "NX FOO      | ERR syntax error",
    })
    void zadd_incompatibleOrUnknownOptions_refusedBeforeTheKeyIsRead(String options, String error) {
        zadd("z", "1", "a");
        exec("SET", "str", "v");
        String[] head = options.trim().split(" ");
        assertRefusedUnchanged(error, concat(concat(new String[] {"ZADD", "z"}, head), "1", "a"));
        assertRefusedUnchanged(error, concat(concat(new String[] {"ZADD", "str"}, head), "1", "a"));
        assertRefusedUnchanged(error, concat(concat(new String[] {"ZADD", "missing"}, head), "1", "a"));
    }

    @Test
    void zadd_incrWithSeveralPairs_refused() {
        zadd("z", "1", "a");
        exec("SET", "str", "v");
        assertRefusedUnchanged(INCR_PAIRS, "ZADD", "z", "INCR", "1", "a", "2", "b");
        assertRefusedUnchanged(INCR_PAIRS, "ZADD", "str", "INCR", "1", "a", "abc", "b");
        assertRefusedUnchanged(XX_AND_NX, "ZADD", "z", "NX", "XX", "INCR", "1", "a", "2", "b");
        assertRefusedUnchanged(GT_LT_NX, "ZADD", "z", "GT", "LT", "INCR", "1", "a", "2", "b");
    }

    @Test
    void zadd_oddOrNoScoreMemberArguments_syntaxErrorBeforeTheOptionsAreChecked() {
        zadd("z", "1", "a");
        exec("SET", "str", "v");
        assertRefusedUnchanged(SYNTAX, "ZADD", "z", "1", "a", "2");
        assertRefusedUnchanged(SYNTAX, "ZADD", "str", "1", "a", "2");
        assertRefusedUnchanged(SYNTAX, "ZADD", "z", "XX", "CH");
        assertRefusedUnchanged(SYNTAX, "ZADD", "z", "INCR", "1");
        assertRefusedUnchanged(SYNTAX, "ZADD", "z", "NX", "XX", "1", "a", "2");
        assertRefusedUnchanged(SYNTAX, "ZADD", "z", "1", "a", "NX");
        assertRefusedUnchanged(wrongArity("zadd"), "ZADD", "z");
        assertRefusedUnchanged(wrongArity("zadd"), "ZADD", "z", "1");
        assertRefusedUnchanged(wrongArity("zadd"), "ZADD", "z", "XX");
        assertRefusedUnchanged(wrongArity("zadd"), "ZADD");
    }

    @ParameterizedTest(name = "score \"{0}\"")
    @ValueSource(strings = {"abc", "", " 1", "1 ", "nan", "NaN", "-nan", "1e", "-", "+", ".", "1,5", "0x", "1e400", "-1e400",
            "1e-400", "1.7976931348623159e308", "1_000", "١"})
    void zadd_scoreNotAFloat_refusedAndNoPairAdded(String score) {
        zadd("z", "1", "a");
        exec("SET", "str", "v");
        assertRefusedUnchanged(NOT_A_FLOAT, "ZADD", "z", score, "b");
        assertRefusedUnchanged(NOT_A_FLOAT, "ZADD", "z", "5", "a", "2", "b", score, "c");
        assertRefusedUnchanged(NOT_A_FLOAT, "ZADD", "missing", "2", "b", score, "c");
        assertRefusedUnchanged(NOT_A_FLOAT, "ZADD", "str", score, "b");
        assertRefusedUnchanged(NOT_A_FLOAT, "ZADD", "z", "INCR", score, "a");
        assertNoZSet("missing");
    }

    @ParameterizedTest(name = "score \"{0}\" reads as {1}")
    @CsvSource({"+5, 5", ".5, 0.5", "5., 5", "1E1, 10", "-1e1, -10", "0x10, 16", "0X1p-2, 0.25", "00012, 12", "1e+2, 100",
            "inf, inf", "+inf, inf", "INF, inf", "Infinity, inf", "-inf, -inf", "-INFINITY, -inf", "1e+20, 1e+20",
            "1.5e-05, 1.5e-05", "-0.25, -0.25", "2.5, 2.5"})
    void zadd_scoreForms_readAsRedisReadsThem(String score, String text) {
        assertReply(integer(1), "ZADD", "z", score, "a");
        assertReply(bulk(text), "ZSCORE", "z", "a");
        assertReply(array("a", text), "ZRANGE", "z", "0", "-1", "WITHSCORES");
        assertReply(bulk(text), "ZADD", "y", "INCR", score, "a");
    }

    @Test
    void zadd_subnormalScore_acceptedAndAboveZero() {
        assertReply(integer(3), "ZADD", "z", "1e-320", "tiny", "0", "zero", "-1e-320", "negative");
        assertReply(integer(1), "ZCOUNT", "z", "(0", "1e-300");
        assertReply(array("negative", "zero", "tiny"), "ZRANGE", "z", "0", "-1");
    }

    // ------------------------------------------------------------------ ZINCRBY

    @Test
    void zincrby_missingKeyOrMember_startsFromZero() {
        assertReply(bulk("2.5"), "ZINCRBY", "z", "2.5", "a");
        assertReply(bulk("1.5"), "ZINCRBY", "z", "-1", "a");
        assertReply(bulk("-3"), "ZINCRBY", "z", "-3", "b");
        assertReply(bulk("0"), "ZINCRBY", "z", "0", "c");
        assertZSet("z", "b", "-3", "c", "0", "a", "1.5");
    }

    @Test
    void zincrby_infinities_stayInfiniteAndOppositeInfinityIsRefused() {
        zadd("z", "inf", "a", "1", "b");
        assertReply(bulk("inf"), "ZINCRBY", "z", "1", "a");
        assertReply(bulk("inf"), "ZINCRBY", "z", "inf", "a");
        assertRefusedUnchanged(NAN_SCORE, "ZINCRBY", "z", "-inf", "a");
        assertReply(bulk("-inf"), "ZINCRBY", "z", "-inf", "b");
        assertRefusedUnchanged(NAN_SCORE, "ZINCRBY", "z", "+inf", "b");
        assertZSet("z", "b", "-inf", "a", "inf");
    }

    @Test
    void zincrby_overflow_becomesInfinity() {
        zadd("z", "1.7976931348623157e308", "a");
        assertReply(bulk("1.7976931348623157e+308"), "ZSCORE", "z", "a");
        assertReply(bulk("inf"), "ZINCRBY", "z", "1.7976931348623157e308", "a");
        assertReply(bulk("-1.7976931348623157e+308"), "ZINCRBY", "missing", "-1.7976931348623157e308", "a");
    }

    @Test
    void zincrby_badIncrementOrArity_refused() {
        zadd("z", "1", "a");
        exec("SET", "str", "v");
        assertRefusedUnchanged(NOT_A_FLOAT, "ZINCRBY", "z", "abc", "a");
        assertRefusedUnchanged(NOT_A_FLOAT, "ZINCRBY", "z", "nan", "a");
        assertRefusedUnchanged(NOT_A_FLOAT, "ZINCRBY", "str", "abc", "a");
        assertRefusedUnchanged(NOT_A_FLOAT, "ZINCRBY", "missing", "", "a");
        assertRefusedUnchanged(WRONGTYPE, "ZINCRBY", "str", "1", "a");
        assertRefusedUnchanged(wrongArity("zincrby"), "ZINCRBY", "z", "1");
        assertRefusedUnchanged(wrongArity("zincrby"), "ZINCRBY", "z", "1", "a", "b");
        assertNoZSet("missing");
    }

    // ------------------------------------------------------------------ ZREM, ZCARD, ZSCORE, ZMSCORE

    @Test
    void zrem_members_countsOnlyThoseRemoved() {
        abcde("z");
        assertReply(integer(2), "ZREM", "z", "a", "x", "a", "c");
        assertReply(integer(0), "ZREM", "z", "a");
        assertZSet("z", "b", "2", "d", "4", "e", "5");
    }

    @Test
    void zrem_lastMember_deletesTheKeyAndItsExpiry() {
        zadd("z", "1", "a", "2", "b");
        exec("PEXPIREAT", "z", Long.toString(FUTURE_MILLIS));
        assertReply(integer(2), "ZREM", "z", "a", "b");
        assertNoZSet("z");
        zadd("z", "1", "a");
        assertReply(integer(-1), "PTTL", "z");
    }

    @Test
    void zremAndZcard_missingKeyOrWrongArity_answerAsRedis() {
        assertReply(integer(0), "ZREM", "missing", "a");
        assertReply(integer(0), "ZCARD", "missing");
        assertNoZSet("missing");
        assertError(wrongArity("zrem"), "ZREM", "z");
        assertError(wrongArity("zcard"), "ZCARD", "z", "x");
        assertError(wrongArity("zcard"), "ZCARD");
    }

    @Test
    void zscoreAndZmscore_presentAndMissingMembers() {
        zadd("z", "1", "a", "-2.5", "b", "inf", "c");
        assertReply(bulk("1"), "ZSCORE", "z", "a");
        assertReply(bulk("-2.5"), "ZSCORE", "z", "b");
        assertReply(bulk("inf"), "ZSCORE", "z", "c");
        assertReply(Reply.NIL, "ZSCORE", "z", "x");
        assertReply(Reply.NIL, "ZSCORE", "missing", "a");
        assertReply(array("1", null, "inf", "1"), "ZMSCORE", "z", "a", "x", "c", "a");
        assertReply(array(null, null), "ZMSCORE", "missing", "a", "b");
        assertError(wrongArity("zscore"), "ZSCORE", "z");
        assertError(wrongArity("zscore"), "ZSCORE", "z", "a", "b");
        assertError(wrongArity("zmscore"), "ZMSCORE", "z");
    }

    // ------------------------------------------------------------------ scores and order

    @ParameterizedTest(name = "{0} reads back as {1}")
    @CsvSource({"123456789, 123456789", "-9007199254740992, -9007199254740992", "9007199254740993, 9007199254740992",
            "10000000000000000, 10000000000000000", "0.125, 0.125", "3.75, 3.75", "-1e+20, -1e+20", "1e-10, 1e-10",
            "2.2250738585072014e-308, 2.2250738585072014e-308", "1.7976931348623157e308, 1.7976931348623157e+308"})
    void scores_textThatRedis70And72AgreeOn_readBackExactly(String score, String text) {
        zadd("z", score, "a", "0", "zero");
        assertReply(bulk(text), "ZSCORE", "z", "a");
        assertReply(array(text), "ZMSCORE", "z", "a");
        assertReply(bulk(text), "ZINCRBY", "z", "0", "a");
        assertReply(array("a", text), "ZRANGEBYSCORE", "z", score, score, "WITHSCORES");
    }

    @Test
    void scores_shortestRoundTripText_asRedis72PrintsIt() {
        requireRedis("7.2", "shortest round-trip score text (0.1, not 0.10000000000000001)");
        zadd("z", "0.1", "a", "1e17", "b", "1e-05", "c");
        assertReply(bulk("0.1"), "ZSCORE", "z", "a");
        assertReply(bulk("100000000000000000"), "ZSCORE", "z", "b");
        assertReply(bulk("1e-05"), "ZSCORE", "z", "c");
        assertReply(bulk("0.30000000000000004"), "ZINCRBY", "z", "0.2", "a");
        assertReply(array("c", "1e-05", "a", "0.30000000000000004"), "ZRANGE", "z", "0", "1", "WITHSCORES");
        assertReply(bulk("3.3000000000000003"), "ZADD", "y", "INCR", "3.3000000000000003", "x");
    }

    @Test
    void scores_negativeZeroComputed_printedAsMinusZero() {
        zadd("z", "0", "a", "-1", "b");
        assertReply(array("a", "-0", "b", "1"), "ZUNION", "1", "z", "WEIGHTS", "-1", "WITHSCORES");
        assertReply(array("a", "0", "b", "-0"), "ZINTER", "1", "z", "WEIGHTS", "0", "WITHSCORES");
        assertReply(array("a", "0", "b", "-0"), "ZUNION", "2", "z", "z", "WEIGHTS", "0", "-1", "AGGREGATE", "MIN", "WITHSCORES");
        assertReply(bulk("-0"), "ZINCRBY", "n", "-0", "b");
        assertReply(bulk("-0"), "ZADD", "m", "INCR", "-0", "c");
    }

    @Test
    void scores_infinities_sortAtBothEnds() {
        zadd("z", "inf", "top", "-inf", "bottom", "0", "mid", "1e300", "big");
        assertReply(array("bottom", "mid", "big", "top"), "ZRANGE", "z", "0", "-1");
        assertReply(array("top", "inf"), "ZRANGEBYSCORE", "z", "inf", "+inf", "WITHSCORES", "LIMIT", "0", "1",
                "LIMIT", "0", "5");
        assertReply(integer(4), "ZCOUNT", "z", "-inf", "+inf");
        assertReply(integer(2), "ZCOUNT", "z", "(-inf", "(inf");
        assertReply(integer(3), "ZRANK", "z", "top");
    }

    @Test
    void order_equalScores_byMemberBytesUnsigned() {
        byte[][] members = {bytes("b"), bytes("a"), new byte[0], {0}, {(byte) 0xff}, bytes("aa"), bytes("B"), {(byte) 0x80}};
        for (byte[] member : members) {
            assertEquals(Reply.integer(1), store.execute(bytes("ZADD"), bytes("z"), bytes("1"), member));
        }
        List<Reply> expected = List.of(new Reply.Bulk(new byte[0]), new Reply.Bulk(new byte[] {0}), bulk("B"), bulk("a"), bulk("aa"),
                bulk("b"), new Reply.Bulk(new byte[] {(byte) 0x80}), new Reply.Bulk(new byte[] {(byte) 0xff}));
        assertEquals(Reply.array(expected), exec("ZRANGE", "z", "0", "-1"));
        assertEquals(Reply.array(expected.reversed()), exec("ZREVRANGE", "z", "0", "-1"));
        assertEquals(Reply.integer(7), store.execute(bytes("ZRANK"), bytes("z"), new byte[] {(byte) 0xff}));
        assertEquals(Reply.integer(3), store.execute(bytes("ZLEXCOUNT"), bytes("z"), bytes("(B"), new byte[] {'(', (byte) 0x80}));
        zadd("z", "0", "zz");
        assertReply(integer(0), "ZRANK", "z", "zz");
    }

    @Test
    void members_binaryAndUnicode_roundTrip() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertEquals(Reply.integer(1), store.execute(bytes("ZADD"), bytes("z"), bytes("2"), all));
        assertEquals(bulk("2"), store.execute(bytes("ZSCORE"), bytes("z"), all));
        assertEquals(Reply.NIL, store.execute(bytes("ZSCORE"), bytes("z"), Arrays.copyOf(all, 255)));
        zadd("z", "1", "värde ✓", "3", "日本");
        assertReply(array("värde ✓", "1"), "ZRANGE", "z", "0", "0", "WITHSCORES");
        assertReply(bulk("3"), "ZSCORE", "z", "日本");
        assertEquals(Reply.integer(1), store.execute(bytes("ZREM"), bytes("z"), all));
        assertReply(array("värde ✓", "日本"), "ZRANGE", "z", "0", "-1");
    }

    // ------------------------------------------------------------------ big sorted sets

    @Test
    void bigSortedSet_everyMemberScoredAndOrdered() {
        ScoredMembers expected = numberedZSet("z", 1000);
        assertZSet("z", expected);
        for (int i = 0; i < 1000; i += 7) {
            assertReply(bulk(ScoredMembers.scoreText(expected.score("m" + i))), "ZSCORE", "z", "m" + i);
        }
    }

    @Test
    void bigSortedSet_halfRemovedAndReadded_keepsExactlyItsMembers() {
        ScoredMembers expected = numberedZSet("z", 1000);
        for (int i = 0; i < 1000; i += 2) {
            assertReply(integer(1), "ZREM", "z", "m" + i);
            expected.remove("m" + i);
        }
        assertZSet("z", expected);
        for (int i = 0; i < 1000; i += 4) {
            zadd("z", Integer.toString(-i), "m" + i);
            expected.put("m" + i, -i);
        }
        assertReply(integer(0), "ZADD", "z", "XX", "0.5", "m1");
        expected.put("m1", 0.5);
        assertZSet("z", expected);
    }

    @Test
    void bigSortedSet_scoreUpdates_moveMembersToTheirNewPlace() {
        ScoredMembers expected = numberedZSet("z", 1000);
        for (int i = 0; i < 1000; i += 9) {
            String increment = i % 2 == 0 ? "300" : "-300.5";
            double now = expected.score("m" + i) + Double.parseDouble(increment);
            assertReply(bulk(ScoredMembers.scoreText(now)), "ZINCRBY", "z", increment, "m" + i);
            expected.put("m" + i, now);
        }
        assertReply(integer(0), "ZADD", "z", "GT", "CH", "-1000", "m1");
        assertReply(integer(2), "ZADD", "z", "LT", "CH", "-1000", "m2", "-1000", "m3");
        expected.put("m2", -1000).put("m3", -1000);
        assertZSet("z", expected);
        List<Scored> sorted = expected.sorted();
        for (int rank = 0; rank < sorted.size(); rank += 50) {
            assertReply(integer(rank), "ZRANK", "z", sorted.get(rank).member());
        }
    }

    @Test
    void zsetKey_expired_readsAsMissing() {
        zadd("z", "1", "a");
        exec("PEXPIREAT", "z", "1");
        assertNoZSet("z");
        assertReply(Reply.NIL, "ZSCORE", "z", "a");
        assertReply(integer(1), "ZADD", "z", "2", "b");
        assertZSet("z", "b", "2");
        assertReply(integer(-1), "PTTL", "z");
    }

    // ------------------------------------------------------------------ WRONGTYPE

    /** Every sorted set command line against key {@code k}; {@code other} is a sorted set, {@code dest} a string. */
    private static final String[][] ZSET_COMMANDS = {
            {"ZADD", "k", "1", "a"}, {"ZADD", "k", "INCR", "1", "a"}, {"ZINCRBY", "k", "1", "a"}, {"ZREM", "k", "a"},
            {"ZCARD", "k"}, {"ZSCORE", "k", "a"}, {"ZMSCORE", "k", "a"}, {"ZRANK", "k", "a"}, {"ZREVRANK", "k", "a"},
            {"ZCOUNT", "k", "0", "1"}, {"ZLEXCOUNT", "k", "-", "+"}, {"ZRANGE", "k", "0", "-1"},
            {"ZRANGE", "k", "0", "1", "BYSCORE"}, {"ZRANGE", "k", "-", "+", "BYLEX", "REV"}, {"ZREVRANGE", "k", "0", "-1"},
            {"ZRANGEBYSCORE", "k", "0", "1"}, {"ZREVRANGEBYSCORE", "k", "1", "0"}, {"ZRANGEBYLEX", "k", "-", "+"},
            {"ZREVRANGEBYLEX", "k", "+", "-"}, {"ZRANGESTORE", "dest", "k", "0", "-1"},
            {"ZREMRANGEBYRANK", "k", "0", "-1"}, {"ZREMRANGEBYSCORE", "k", "0", "1"}, {"ZREMRANGEBYLEX", "k", "-", "+"},
            {"ZPOPMIN", "k"}, {"ZPOPMAX", "k", "2"}, {"ZPOPMIN", "k", "0"}, {"ZMPOP", "1", "k", "MIN"},
            {"ZMPOP", "2", "missing", "k", "MAX"}, {"BZPOPMIN", "k", "0"}, {"BZPOPMAX", "missing", "k", "0"},
            {"BZMPOP", "0", "1", "k", "MIN"}, {"ZRANDMEMBER", "k"}, {"ZRANDMEMBER", "k", "2"}, {"ZRANDMEMBER", "k", "0"},
            {"ZRANDMEMBER", "k", "-2", "WITHSCORES"}, {"ZUNION", "2", "other", "k"}, {"ZINTER", "2", "missing", "k"},
            {"ZDIFF", "2", "other", "k"}, {"ZUNIONSTORE", "dest", "1", "k"}, {"ZINTERSTORE", "dest", "2", "other", "k"},
            {"ZDIFFSTORE", "dest", "2", "missing", "k"}, {"ZINTERCARD", "2", "missing", "k"}, {"ZSCAN", "k", "0"},
    };

    @ParameterizedTest(name = "key holding a {0}")
    @ValueSource(strings = {"string", "list", "hash"})
    void everySortedSetCommand_keyOfAnotherType_wrongTypeAndNothingChanges(String type) {
        switch (type) {
            case "string" -> exec("SET", "k", "v");
            case "list" -> exec("RPUSH", "k", "a", "b");
            default -> hset("k", "a", "1");
        }
        zadd("other", "1", "a", "2", "b");
        exec("SET", "dest", "old");
        exec("PEXPIREAT", "k", Long.toString(FUTURE_MILLIS));
        for (String[] argv : ZSET_COMMANDS) {
            assertRefusedUnchanged(WRONGTYPE, argv);
        }
        assertReply(status(type), "TYPE", "k");
    }

    @Test
    void zsetKey_readByAnotherTypesCommand_wrongType() {
        zadd("z", "1", "a");
        for (String[] argv : new String[][] {{"GET", "z"}, {"LPUSH", "z", "a"}, {"HGET", "z", "a"}, {"SADD", "z", "a"},
                {"SCARD", "z"}, {"INCR", "z"}, {"SINTER", "z"}}) {
            assertRefusedUnchanged(WRONGTYPE, argv);
        }
        assertReply(integer(1), "EXISTS", "z");
    }

    // ------------------------------------------------------------------ encodings

    @Test
    void objectEncoding_smallSortedSet_isListpack() {
        zadd("z", "1", "a", "2", "b");
        assertReply(bulk(smallZSetEncoding()), "OBJECT", "ENCODING", "z");
        numberedZSet("full", 128);
        assertReply(bulk(smallZSetEncoding()), "OBJECT", "ENCODING", "full");
        zadd("long", "1", "x".repeat(64));
        assertReply(bulk(smallZSetEncoding()), "OBJECT", "ENCODING", "long");
        assertReply(bulk("1"), "ZINCRBY", "incr", "1", "a");
        assertReply(bulk(smallZSetEncoding()), "OBJECT", "ENCODING", "incr");
    }

    @Test
    void objectEncoding_past128MembersOrAMemberOf65Bytes_isSkiplist() {
        numberedZSet("z", 128);
        zadd("z", "0", "one-more");
        assertReply(bulk("skiplist"), "OBJECT", "ENCODING", "z");
        numberedZSet("big", 1000);
        assertReply(bulk("skiplist"), "OBJECT", "ENCODING", "big");
        zadd("long", "1", "a", "2", "b");
        zadd("long", "3", "x".repeat(65));
        assertReply(bulk("skiplist"), "OBJECT", "ENCODING", "long");
        assertZSet("long", "a", "1", "b", "2", "x".repeat(65), "3");
        assertReply(bulk("skiplist"), "OBJECT", "ENCODING", "z");
    }

    @Test
    void objectEncoding_storedResults_followTheirOwnSize() {
        numberedZSet("big", 1000);
        assertReply(integer(3), "ZRANGESTORE", "small", "big", "0", "2");
        assertReply(bulk(smallZSetEncoding()), "OBJECT", "ENCODING", "small");
        assertReply(integer(1000), "ZUNIONSTORE", "union", "1", "big");
        assertReply(bulk("skiplist"), "OBJECT", "ENCODING", "union");
        zadd("other", "1", "m0", "2", "m1");
        assertReply(integer(2), "ZINTERSTORE", "inter", "2", "big", "other");
        assertReply(bulk(smallZSetEncoding()), "OBJECT", "ENCODING", "inter");
        zadd("long", "1", "x".repeat(65), "2", "a");
        assertReply(integer(2), "ZUNIONSTORE", "copy", "1", "long");
        assertReply(bulk("skiplist"), "OBJECT", "ENCODING", "copy");
    }
}
