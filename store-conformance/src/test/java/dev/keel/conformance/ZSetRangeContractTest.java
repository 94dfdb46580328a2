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
 * ZRANK, ZREVRANK, ZCOUNT, ZLEXCOUNT, ZRANGE in all its forms, ZRANGEBYSCORE, ZREVRANGEBYSCORE,
 * ZRANGEBYLEX, ZREVRANGEBYLEX, ZREVRANGE, ZRANGESTORE, ZREMRANGEBYRANK, ZREMRANGEBYSCORE and
 * ZREMRANGEBYLEX: on a small sorted set with literal expectations, and on one of 1000 members
 * (past the packed encoding on the default target) against {@link ScoredMembers}.
 *
 * <p>Redis reads a range command's options before its bounds, and its bounds before the key: a
 * malformed LIMIT wins over a malformed bound, and both are refused on a missing key or a key of
 * another type alike.
 */
class ZSetRangeContractTest extends ZSetContractBase {
    private static final String LIMIT_NEEDS_BY = "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX";
    private static final String LEX_WITHSCORES = "ERR syntax error, WITHSCORES not supported in combination with BYLEX";

    /** The sorted set {@code ( + - [ a}, all at score 0: members that look like lex bounds. */
    private void boundLookalikes() {
        zadd("l", "0", "-", "0", "+", "0", "a", "0", "[", "0", "(");
    }

    // ------------------------------------------------------------------ ZRANK, ZREVRANK

    @Test
    void zrankAndZrevrank_members_rankFromEitherEnd() {
        abcde("z");
        assertReply(integer(0), "ZRANK", "z", "a");
        assertReply(integer(2), "ZRANK", "z", "c");
        assertReply(integer(4), "ZREVRANK", "z", "a");
        assertReply(integer(0), "ZREVRANK", "z", "e");
        assertReply(Reply.NIL, "ZRANK", "z", "x");
        assertReply(Reply.NIL, "ZREVRANK", "missing", "a");
        assertError(wrongArity("zrank"), "ZRANK", "z");
        assertError(wrongArity("zrevrank"), "ZREVRANK", "z");
    }

    @Test
    void zrankWithScore_returnsRankAndScore() {
        requireRedis("7.2", "ZRANK and ZREVRANK WITHSCORE");
        zadd("z", "1", "a", "2.5", "b", "inf", "c");
        assertReply(Reply.array(List.of(integer(1), bulk("2.5"))), "ZRANK", "z", "b", "WITHSCORE");
        assertReply(Reply.array(List.of(integer(0), bulk("inf"))), "ZREVRANK", "z", "c", "withscore");
        assertReply(Reply.NIL, "ZRANK", "z", "x", "WITHSCORE");
        assertReply(Reply.NIL, "ZREVRANK", "missing", "a", "WITHSCORE");
        assertError(SYNTAX, "ZRANK", "z", "a", "WITHSCORES");
        assertError(wrongArity("zrevrank"), "ZREVRANK", "z", "a", "WITHSCORE", "WITHSCORE");
    }

    @Test
    void zrank_bigSortedSet_everyMembersPlaceInOrder() {
        List<Scored> sorted = numberedZSet("z", 1000).sorted();
        for (int rank = 0; rank < sorted.size(); rank += 3) {
            String member = sorted.get(rank).member();
            assertReply(integer(rank), "ZRANK", "z", member);
            assertReply(integer(999 - rank), "ZREVRANK", "z", member);
        }
    }

    // ------------------------------------------------------------------ ZCOUNT, ZLEXCOUNT

    @Test
    void zcount_inclusiveExclusiveAndInfiniteBounds() {
        abcde("z");
        assertReply(integer(2), "ZCOUNT", "z", "1", "2");
        assertReply(integer(2), "ZCOUNT", "z", "(1", "3");
        assertReply(integer(1), "ZCOUNT", "z", "(1", "(3");
        assertReply(integer(5), "ZCOUNT", "z", "-inf", "+inf");
        assertReply(integer(0), "ZCOUNT", "z", "3", "1");
        assertReply(integer(0), "ZCOUNT", "z", "(3", "3");
        assertReply(integer(1), "ZCOUNT", "z", "3", "3");
        assertReply(integer(0), "ZCOUNT", "z", "(inf", "inf");
        assertReply(integer(5), "ZCOUNT", "z", "(-inf", "inf");
        assertReply(integer(3), "ZCOUNT", "z", "2.5", "1e300");
        assertReply(integer(0), "ZCOUNT", "missing", "0", "1");
    }

    @Test
    void zcount_boundForms_readAsRedisReadsThem() {
        abcde("z");
        assertReply(integer(1), "ZCOUNT", "z", "(", "1");
        assertReply(integer(1), "ZCOUNT", "z", "", "1");
        assertReply(integer(3), "ZCOUNT", "z", " 1", "3");
        assertReply(integer(3), "ZCOUNT", "z", "0x1", "0x3");
        assertReply(integer(2), "ZCOUNT", "z", "(+1", "3.");
    }

    @ParameterizedTest(name = "bound \"{0}\"")
    @ValueSource(strings = {"abc", "[1", "((1", "nan", "(nan", "1 ", "1e", "(abc", "-"})
    void zcount_boundNotAFloat_refusedWhateverTheKey(String bound) {
        abcde("z");
        exec("SET", "str", "v");
        assertRefusedUnchanged(RANGE_NOT_A_FLOAT, "ZCOUNT", "z", bound, "5");
        assertRefusedUnchanged(RANGE_NOT_A_FLOAT, "ZCOUNT", "z", "1", bound);
        assertRefusedUnchanged(RANGE_NOT_A_FLOAT, "ZCOUNT", "missing", bound, "5");
        assertRefusedUnchanged(RANGE_NOT_A_FLOAT, "ZCOUNT", "str", "1", bound);
        assertRefusedUnchanged(wrongArity("zcount"), "ZCOUNT", "z", "1");
        assertRefusedUnchanged(wrongArity("zcount"), "ZCOUNT", "z", "1", "2", "3");
    }

    @Test
    void zlexcount_inclusiveExclusiveAndOpenBounds() {
        abcde("z");
        assertReply(integer(5), "ZLEXCOUNT", "z", "-", "+");
        assertReply(integer(2), "ZLEXCOUNT", "z", "[a", "(c");
        assertReply(integer(3), "ZLEXCOUNT", "z", "(a", "[d");
        assertReply(integer(0), "ZLEXCOUNT", "z", "[c", "[a");
        assertReply(integer(0), "ZLEXCOUNT", "z", "+", "-");
        assertReply(integer(0), "ZLEXCOUNT", "z", "-", "-");
        assertReply(integer(0), "ZLEXCOUNT", "z", "+", "+");
        assertReply(integer(5), "ZLEXCOUNT", "z", "[", "+");
        assertReply(integer(5), "ZLEXCOUNT", "z", "(", "+");
        assertReply(integer(3), "ZLEXCOUNT", "z", "[bb", "[z");
        assertReply(integer(0), "ZLEXCOUNT", "missing", "-", "+");
    }

    @Test
    void zlexcount_membersThatLookLikeBounds_areOrdinaryBytes() {
        boundLookalikes();
        assertReply(integer(0), "ZLEXCOUNT", "l", "[-", "[+");
        assertReply(integer(2), "ZLEXCOUNT", "l", "[+", "[-");
        assertReply(integer(1), "ZLEXCOUNT", "l", "-", "[(");
        assertReply(integer(2), "ZLEXCOUNT", "l", "(-", "+");
        assertReply(array("+", "-"), "ZRANGEBYLEX", "l", "[+", "[-");
        assertReply(array("a", "[", "-", "+"), "ZREVRANGEBYLEX", "l", "[a", "((");
    }

    @ParameterizedTest(name = "bound \"{0}\"")
    @ValueSource(strings = {"a", "", "-a", "+a", "{a", "1"})
    void zlexcount_boundNotARangeItem_refusedWhateverTheKey(String bound) {
        abcde("z");
        exec("SET", "str", "v");
        assertRefusedUnchanged(NOT_A_LEX_RANGE, "ZLEXCOUNT", "z", bound, "+");
        assertRefusedUnchanged(NOT_A_LEX_RANGE, "ZLEXCOUNT", "z", "-", bound);
        assertRefusedUnchanged(NOT_A_LEX_RANGE, "ZLEXCOUNT", "missing", bound, "[b");
        assertRefusedUnchanged(NOT_A_LEX_RANGE, "ZLEXCOUNT", "str", bound, "+");
        assertRefusedUnchanged(wrongArity("zlexcount"), "ZLEXCOUNT", "z", "-");
    }

    // ------------------------------------------------------------------ ZRANGE by rank, ZREVRANGE

    @ParameterizedTest(name = "ZRANGE z {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "0 | -1 | a b c d e", "1 | 3 | b c d", "-2 | -1 | d e", "-100 | 100 | a b c d e", "3 | 1 | ''",
            "5 | 10 | ''", "-1 | -100 | ''", "4 | 4 | e", "-5 | 0 | a", "-6 | -5 | a", "2 | -3 | c",
            "9223372036854775807 | 1 | ''", "-9223372036854775808 | 1 | a b", "0 | 9223372036854775807 | a b c d e",
            "-9223372036854775808 | -9223372036854775808 | ''",
    })
    void zrange_byRank_negativeAndOutOfRangeIndexes(String start, String stop, String members) {
        ScoredMembers model = abcde("z");
        List<Scored> expected = members.isEmpty() ? List.of()
                : Arrays.stream(members.split(" ")).map(member -> new Scored(member, model.score(member))).toList();
        assertReply(ScoredMembers.reply(expected, false), "ZRANGE", "z", start, stop);
        assertReply(ScoredMembers.reply(expected, true), "ZRANGE", "z", start, stop, "withscores", "WITHSCORES");
    }

    @Test
    void zrange_byRankWithScoresAndRev_answerAsRedis() {
        abcde("z");
        assertReply(array("a", "1"), "ZRANGE", "z", "0", "0", "WITHSCORES");
        assertReply(array("e", "d", "c", "b", "a"), "ZRANGE", "z", "0", "-1", "REV");
        assertReply(array("e", "5", "d", "4"), "ZRANGE", "z", "0", "1", "rev", "withscores");
        assertReply(array("b", "a"), "ZRANGE", "z", "-2", "-1", "REV");
        assertReply(array("e", "d"), "ZREVRANGE", "z", "0", "1");
        assertReply(array("e", "5", "d", "4"), "ZREVRANGE", "z", "0", "1", "WITHSCORES", "withscores");
        assertReply(array("a"), "ZREVRANGE", "z", "-1", "-1");
        assertReply(emptyArray(), "ZREVRANGE", "z", "5", "9");
        assertReply(emptyArray(), "ZRANGE", "missing", "0", "-1");
        assertReply(emptyArray(), "ZREVRANGE", "missing", "0", "-1", "WITHSCORES");
    }

    @ParameterizedTest(name = "index \"{0}\"")
    @ValueSource(strings = {"a", "1.5", "(1", "", " 1", "9223372036854775808", "1e2"})
    void zrange_byRankIndexNotAnInteger_refused(String index) {
        abcde("z");
        assertError(NOT_INTEGER, "ZRANGE", "z", index, "-1");
        assertError(NOT_INTEGER, "ZRANGE", "z", "0", index);
        assertError(NOT_INTEGER, "ZRANGE", "missing", index, "-1");
        assertError(NOT_INTEGER, "ZREVRANGE", "z", index, "-1");
        assertError(NOT_INTEGER, "ZRANGESTORE", "d", "z", "0", index);
        assertError(NOT_INTEGER, "ZREMRANGEBYRANK", "z", index, "1");
        assertZSet("z", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5");
    }

    // ------------------------------------------------------------------ ZRANGE BYSCORE, ZRANGEBYSCORE, ZREVRANGEBYSCORE

    @Test
    void zrangeByScore_inclusiveExclusiveAndInfiniteBounds() {
        abcde("z");
        assertReply(array("a", "b", "c"), "ZRANGE", "z", "1", "3", "BYSCORE");
        assertReply(array("b", "c"), "ZRANGE", "z", "(1", "(4", "BYSCORE");
        assertReply(array("c", "b", "a"), "ZRANGE", "z", "3", "1", "BYSCORE", "REV");
        assertReply(emptyArray(), "ZRANGE", "z", "1", "3", "BYSCORE", "REV");
        assertReply(array("b", "2", "c", "3", "d", "4"), "ZRANGEBYSCORE", "z", "2", "4", "WITHSCORES");
        assertReply(array("c"), "ZRANGEBYSCORE", "z", "(2", "(4");
        assertReply(array("a", "b", "c", "d", "e"), "ZRANGEBYSCORE", "z", "-inf", "+inf");
        assertReply(emptyArray(), "ZRANGEBYSCORE", "z", "4", "2");
        assertReply(array("d", "c", "b"), "ZREVRANGEBYSCORE", "z", "4", "2");
        assertReply(array("d", "c", "b"), "ZREVRANGEBYSCORE", "z", "(5", "(1");
        assertReply(emptyArray(), "ZREVRANGEBYSCORE", "z", "2", "4");
        assertReply(array("e", "5", "d", "4"), "ZREVRANGEBYSCORE", "z", "+inf", "-inf", "WITHSCORES", "LIMIT", "0", "2");
        assertReply(emptyArray(), "ZRANGEBYSCORE", "missing", "-inf", "+inf");
    }

    @ParameterizedTest(name = "LIMIT {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "1 | 2 | b c", "0 | 0 | ''", "1 | -1 | b c d e", "1 | -5 | b c d e", "-1 | 2 | ''", "10 | 2 | ''", "4 | 10 | e",
            "0 | 9223372036854775807 | a b c d e", "-9223372036854775808 | 1 | ''",
    })
    void zrangeByScore_limit_offsetAndCount(String offset, String count, String members) {
        abcde("z");
        String[] expected = members.isEmpty() ? new String[0] : members.split(" ");
        assertReply(array(expected), "ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", offset, count);
        assertReply(array(expected), "ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", offset, count);
        assertReply(array(expected), "ZRANGE", "z", "-", "+", "BYLEX", "LIMIT", offset, count);
        assertReply(array(expected), "ZRANGEBYLEX", "z", "-", "+", "LIMIT", offset, count);
    }

    @Test
    void zrangeByScore_limitFromTheOtherEnd_withRevAndScores() {
        abcde("z");
        assertReply(array("d", "4", "c", "3"), "ZRANGE", "z", "+inf", "-inf", "BYSCORE", "REV", "LIMIT", "1", "2", "WITHSCORES");
        assertReply(array("c", "d"), "ZRANGE", "z", "(1", "5", "BYSCORE", "LIMIT", "1", "2");
        assertReply(array("c", "3", "b", "2"), "ZREVRANGEBYSCORE", "z", "(5", "(1", "LIMIT", "1", "-1", "WITHSCORES");
        assertReply(array("b"), "ZRANGEBYSCORE", "z", "1", "2", "LIMIT", "0", "1", "LIMIT", "1", "1");
        assertReply(array("a", "1", "b", "2"), "ZRANGEBYSCORE", "z", "1", "2", "WITHSCORES", "WITHSCORES");
    }

    // ------------------------------------------------------------------ ZRANGE BYLEX, ZRANGEBYLEX, ZREVRANGEBYLEX

    @Test
    void zrangeByLex_inclusiveExclusiveAndOpenBounds() {
        abcde("z");
        assertReply(array("a", "b", "c", "d", "e"), "ZRANGE", "z", "-", "+", "BYLEX");
        assertReply(array("b", "c"), "ZRANGE", "z", "[b", "(d", "BYLEX");
        assertReply(array("e", "d", "c", "b", "a"), "ZRANGE", "z", "+", "-", "BYLEX", "REV");
        assertReply(array("c", "b"), "ZRANGE", "z", "[d", "[b", "BYLEX", "REV", "LIMIT", "1", "5");
        assertReply(array("c"), "ZRANGEBYLEX", "z", "[b", "[d", "LIMIT", "1", "1");
        assertReply(array("c", "d", "e"), "ZRANGEBYLEX", "z", "(b", "+");
        assertReply(emptyArray(), "ZRANGEBYLEX", "z", "+", "-");
        assertReply(array("e", "d", "c", "b", "a"), "ZREVRANGEBYLEX", "z", "+", "-");
        assertReply(array("d", "c"), "ZREVRANGEBYLEX", "z", "[d", "(a", "LIMIT", "0", "2");
        assertReply(emptyArray(), "ZREVRANGEBYLEX", "z", "-", "+");
        assertReply(emptyArray(), "ZRANGEBYLEX", "missing", "-", "+");
    }

    @Test
    void zrangeByLex_badItemsAndWithScores_refused() {
        abcde("z");
        assertError(NOT_A_LEX_RANGE, "ZRANGEBYLEX", "z", "b", "d");
        assertError(NOT_A_LEX_RANGE, "ZREVRANGEBYLEX", "z", "+", "a");
        assertError(NOT_A_LEX_RANGE, "ZRANGE", "z", "0", "1", "BYLEX");
        assertError(NOT_A_LEX_RANGE, "ZRANGE", "missing", "0", "1", "BYLEX");
        assertError(LEX_WITHSCORES, "ZRANGEBYLEX", "z", "[b", "[d", "WITHSCORES");
        assertError(LEX_WITHSCORES, "ZRANGE", "z", "-", "+", "BYLEX", "WITHSCORES");
        assertError(LEX_WITHSCORES, "ZRANGE", "z", "a", "b", "BYLEX", "LIMIT", "0", "1", "WITHSCORES");
        assertError(NOT_INTEGER, "ZRANGEBYLEX", "z", "a", "b", "LIMIT", "0", "x");
        assertError(SYNTAX, "ZRANGEBYLEX", "z", "a", "b", "foo");
        assertError(wrongArity("zrangebylex"), "ZRANGEBYLEX", "z", "-");
        assertError(wrongArity("zrevrangebylex"), "ZREVRANGEBYLEX", "z", "+");
    }

    // ------------------------------------------------------------------ ZRANGE option errors

    @Test
    void zrange_badOptions_refusedWithRedisTexts() {
        abcde("z");
        exec("SET", "str", "v");
        assertError(LIMIT_NEEDS_BY, "ZRANGE", "z", "0", "-1", "LIMIT", "0", "1");
        assertError(LIMIT_NEEDS_BY, "ZRANGE", "z", "0", "-1", "REV", "LIMIT", "0", "1");
        assertError(LIMIT_NEEDS_BY, "ZRANGE", "z", "a", "b", "LIMIT", "0", "1");
        assertError(LIMIT_NEEDS_BY, "ZREVRANGE", "z", "0", "1", "LIMIT", "0", "1");
        assertError(LIMIT_NEEDS_BY, "ZRANGE", "str", "0", "-1", "LIMIT", "0", "1");
        assertError(SYNTAX, "ZRANGE", "z", "0", "-1", "BYSCORE", "BYLEX");
        assertError(SYNTAX, "ZRANGE", "z", "0", "1", "BYSCORE", "BYSCORE");
        assertError(SYNTAX, "ZRANGE", "z", "0", "-1", "REV", "REV");
        assertError(SYNTAX, "ZRANGE", "z", "0", "-1", "foo");
        assertError(SYNTAX, "ZRANGE", "z", "0", "-1", "WITHSCORE");
        assertError(SYNTAX, "ZRANGE", "z", "0", "1", "LIMIT", "0", "1", "WITHSCORES", "foo");
        assertError(SYNTAX, "ZRANGE", "z", "0", "-1", "BYSCORE", "LIMIT", "1");
        assertError(SYNTAX, "ZREVRANGE", "z", "0", "1", "REV");
        assertError(SYNTAX, "ZRANGEBYSCORE", "z", "-inf", "+inf", "REV");
        assertError(SYNTAX, "ZRANGEBYSCORE", "z", "-inf", "+inf", "BYLEX");
        assertError(SYNTAX, "ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "1");
        assertError(SYNTAX, "ZREVRANGEBYSCORE", "z", "a", "b", "foo");
        assertError(NOT_INTEGER, "ZRANGE", "z", "0", "-1", "BYSCORE", "LIMIT", "a", "1");
        assertError(NOT_INTEGER, "ZRANGE", "z", "a", "b", "BYSCORE", "LIMIT", "1", "a");
        assertError(NOT_INTEGER, "ZRANGEBYSCORE", "z", "a", "b", "LIMIT", "0", "x");
        assertError(RANGE_NOT_A_FLOAT, "ZRANGE", "z", "a", "b", "BYSCORE");
        assertError(RANGE_NOT_A_FLOAT, "ZRANGE", "missing", "a", "b", "BYSCORE");
        assertError(RANGE_NOT_A_FLOAT, "ZRANGEBYSCORE", "str", "a", "1");
        assertError(RANGE_NOT_A_FLOAT, "ZREVRANGEBYSCORE", "z", "5", "(x");
        assertError(NOT_INTEGER, "ZRANGE", "z", "a", "b");
        assertError(wrongArity("zrange"), "ZRANGE", "z", "0");
        assertError(wrongArity("zrevrange"), "ZREVRANGE", "z", "0");
        assertError(wrongArity("zrangebyscore"), "ZRANGEBYSCORE", "z", "-inf");
        assertError(wrongArity("zrevrangebyscore"), "ZREVRANGEBYSCORE", "z", "+inf");
    }

    @Test
    void zrange_byScoreWithLimitBeforeIt_readsTheBoundsAsScores() {
        abcde("z");
        assertReply(emptyArray(), "ZRANGE", "z", "0", "-1", "LIMIT", "0", "1", "BYSCORE");
        assertReply(array("a", "b"), "ZRANGE", "z", "0", "2", "limit", "0", "5", "byscore");
        assertReply(array("b", "2"), "ZRANGE", "z", "(1", "2", "WITHSCORES", "BYSCORE");
    }

    // ------------------------------------------------------------------ big sorted sets

    @Test
    void zrange_bigSortedSet_ranksMatchTheModel() {
        List<Scored> sorted = numberedZSet("z", 1000).sorted();
        assertReply(ScoredMembers.reply(sorted, false), "ZRANGE", "z", "0", "-1");
        assertReply(ScoredMembers.reply(sorted.subList(0, 1), true), "ZRANGE", "z", "0", "0", "WITHSCORES");
        assertReply(ScoredMembers.reply(sorted.subList(100, 351), true), "ZRANGE", "z", "100", "350", "WITHSCORES");
        assertReply(ScoredMembers.reply(sorted.subList(990, 1000), false), "ZRANGE", "z", "-10", "-1");
        assertReply(ScoredMembers.reply(sorted.subList(995, 1000).reversed(), true), "ZREVRANGE", "z", "0", "4", "WITHSCORES");
        assertReply(ScoredMembers.reply(sorted.subList(500, 998).reversed(), false), "ZRANGE", "z", "2", "499", "REV");
        assertReply(ScoredMembers.reply(sorted.subList(998, 1000), false), "ZRANGE", "z", "998", "5000");
    }

    @ParameterizedTest(name = "[{0}, {1}] LIMIT {2} {3}")
    @CsvSource({"-inf, +inf, 0, -1", "10, 20, 0, -1", "(10, (20, 0, -1", "10, 20, 3, 5", "(0, 100.5, 150, 10", "249, inf, 0, 100",
            "-inf, 0, 0, -1", "125, 125, 0, -1", "(125, 125.5, 0, -1", "17.25, 17.75, 0, 9", "300, 400, 0, -1", "0, 249.5, 997, 10"})
    void zrangeByScore_bigSortedSet_matchesTheModel(String min, String max, int offset, int count) {
        ScoredMembers model = numberedZSet("z", 1000);
        double low = ScoredMembers.parseScore(min.replace("(", ""));
        double high = ScoredMembers.parseScore(max.replace("(", ""));
        List<Scored> inRange = model.filter(entry -> (min.startsWith("(") ? entry.score() > low : entry.score() >= low)
                && (max.startsWith("(") ? entry.score() < high : entry.score() <= high));
        List<Scored> page = inRange.subList(Math.min(offset, inRange.size()),
                count < 0 ? inRange.size() : Math.min(inRange.size(), offset + count));
        String from = Integer.toString(offset);
        String take = Integer.toString(count);
        assertReply(integer(inRange.size()), "ZCOUNT", "z", min, max);
        assertReply(ScoredMembers.reply(page, true), "ZRANGEBYSCORE", "z", min, max, "WITHSCORES", "LIMIT", from, take);
        assertReply(ScoredMembers.reply(page, false), "ZRANGE", "z", min, max, "BYSCORE", "LIMIT", from, take);
        List<Scored> reversed = inRange.reversed();
        List<Scored> revPage = reversed.subList(Math.min(offset, reversed.size()),
                count < 0 ? reversed.size() : Math.min(reversed.size(), offset + count));
        assertReply(ScoredMembers.reply(revPage, true), "ZREVRANGEBYSCORE", "z", max, min, "WITHSCORES", "LIMIT", from, take);
    }

    @Test
    void zrangeByLex_bigSortedSetOfEqualScores_matchesTheModel() {
        ScoredMembers model = new ScoredMembers();
        for (int i = 0; i < 1000; i++) {
            model.put("m" + i, 0);
        }
        zadd("z", model);
        List<Scored> sorted = model.sorted();
        assertReply(ScoredMembers.reply(sorted, false), "ZRANGEBYLEX", "z", "-", "+");
        List<Scored> m5 = model.filter(entry -> entry.member().compareTo("m5") >= 0 && entry.member().compareTo("m6") < 0);
        assertEquals(111, m5.size());
        assertReply(integer(111), "ZLEXCOUNT", "z", "[m5", "(m6");
        assertReply(ScoredMembers.reply(m5, false), "ZRANGE", "z", "[m5", "(m6", "BYLEX");
        assertReply(ScoredMembers.reply(m5.reversed().subList(10, 30), false), "ZREVRANGEBYLEX", "z", "(m6", "[m5", "LIMIT", "10", "20");
        List<Scored> after = model.filter(entry -> entry.member().compareTo("m998") > 0);
        assertReply(ScoredMembers.reply(after, false), "ZRANGEBYLEX", "z", "(m998", "+");
        assertReply(integer(0), "ZLEXCOUNT", "z", "(m999", "+");
    }

    // ------------------------------------------------------------------ ZRANGESTORE

    @Test
    void zrangestore_everyRangeForm_storesTheMembersWithTheirScores() {
        abcde("z");
        assertReply(integer(3), "ZRANGESTORE", "d", "z", "1", "3");
        assertZSet("d", "b", "2", "c", "3", "d", "4");
        assertReply(integer(2), "ZRANGESTORE", "d", "z", "0", "1", "REV");
        assertZSet("d", "d", "4", "e", "5");
        assertReply(integer(3), "ZRANGESTORE", "d", "z", "4", "2", "BYSCORE", "REV");
        assertZSet("d", "b", "2", "c", "3", "d", "4");
        assertReply(integer(2), "ZRANGESTORE", "d", "z", "[b", "[c", "BYLEX");
        assertZSet("d", "b", "2", "c", "3");
        assertReply(integer(2), "ZRANGESTORE", "d", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "1", "2");
        assertZSet("d", "b", "2", "c", "3");
        assertReply(integer(2), "ZRANGESTORE", "d", "z", "[d", "-", "BYLEX", "REV", "LIMIT", "1", "2");
        assertZSet("d", "b", "2", "c", "3");
        assertReply(integer(3), "ZRANGESTORE", "d", "z", "(5", "-inf", "REV", "BYSCORE", "LIMIT", "1", "-1");
        assertZSet("d", "a", "1", "b", "2", "c", "3");
        assertZSet("z", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5");
    }

    @Test
    void zrangestore_destinationOfAnotherTypeWithExpiry_isReplaced() {
        abcde("z");
        exec("SET", "d", "old", "PXAT", Long.toString(FUTURE_MILLIS));
        assertReply(integer(5), "ZRANGESTORE", "d", "z", "0", "-1");
        assertZSet("d", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5");
        assertReply(integer(-1), "PTTL", "d");
    }

    @Test
    void zrangestore_emptyResult_deletesTheDestination() {
        abcde("z");
        exec("SET", "d", "old");
        assertReply(integer(0), "ZRANGESTORE", "d", "z", "10", "20");
        assertNoZSet("d");
        zadd("d", "1", "x");
        assertReply(integer(0), "ZRANGESTORE", "d", "missing", "0", "-1");
        assertNoZSet("d");
        zadd("d", "1", "x");
        assertReply(integer(0), "ZRANGESTORE", "d", "z", "(5", "+inf", "BYSCORE");
        assertNoZSet("d");
    }

    @Test
    void zrangestore_sourceAsDestination_keepsOnlyTheRange() {
        abcde("z");
        assertReply(integer(2), "ZRANGESTORE", "z", "z", "1", "2");
        assertZSet("z", "b", "2", "c", "3");
    }

    @Test
    void zrangestore_badArguments_refusedAndTheDestinationKept() {
        abcde("z");
        exec("SET", "str", "v");
        exec("SET", "d", "old");
        assertRefusedUnchanged(WRONGTYPE, "ZRANGESTORE", "d", "str", "0", "-1");
        assertRefusedUnchanged(SYNTAX, "ZRANGESTORE", "d", "z", "0", "-1", "WITHSCORES");
        assertRefusedUnchanged(LIMIT_NEEDS_BY, "ZRANGESTORE", "d", "z", "0", "-1", "LIMIT", "1", "2");
        assertRefusedUnchanged(NOT_A_LEX_RANGE, "ZRANGESTORE", "d", "z", "0", "-1", "BYLEX");
        assertRefusedUnchanged(RANGE_NOT_A_FLOAT, "ZRANGESTORE", "d", "z", "a", "b", "BYSCORE");
        assertRefusedUnchanged(wrongArity("zrangestore"), "ZRANGESTORE", "d", "z", "0");
    }

    @Test
    void zrangestore_bigSource_storesThePage() {
        List<Scored> sorted = numberedZSet("z", 1000).sorted();
        assertReply(integer(300), "ZRANGESTORE", "d", "z", "100", "399");
        assertReply(ScoredMembers.reply(sorted.subList(100, 400), true), "ZRANGE", "d", "0", "-1", "WITHSCORES");
        assertReply(integer(1000), "ZRANGESTORE", "d", "z", "0", "-1");
        assertReply(ScoredMembers.reply(sorted, true), "ZRANGE", "d", "0", "-1", "WITHSCORES");
    }

    // ------------------------------------------------------------------ ZREMRANGEBYRANK, BYSCORE, BYLEX

    @Test
    void zremrangebyrank_ranks_removesThemAndCounts() {
        abcde("z");
        assertReply(integer(2), "ZREMRANGEBYRANK", "z", "0", "1");
        assertZSet("z", "c", "3", "d", "4", "e", "5");
        assertReply(integer(2), "ZREMRANGEBYRANK", "z", "-2", "-1");
        assertReply(integer(0), "ZREMRANGEBYRANK", "z", "5", "10");
        assertReply(integer(0), "ZREMRANGEBYRANK", "z", "1", "0");
        assertZSet("z", "c", "3");
        exec("PEXPIREAT", "z", Long.toString(FUTURE_MILLIS));
        assertReply(integer(1), "ZREMRANGEBYRANK", "z", "-100", "100");
        assertNoZSet("z");
        assertReply(integer(0), "ZREMRANGEBYRANK", "missing", "0", "-1");
    }

    @Test
    void zremrangebyscore_scores_removesThemAndCounts() {
        abcde("z");
        assertReply(integer(1), "ZREMRANGEBYSCORE", "z", "(1", "2");
        assertReply(integer(1), "ZREMRANGEBYSCORE", "z", "5", "+inf");
        assertReply(integer(0), "ZREMRANGEBYSCORE", "z", "10", "1");
        assertZSet("z", "a", "1", "c", "3", "d", "4");
        assertReply(integer(3), "ZREMRANGEBYSCORE", "z", "-inf", "+inf");
        assertNoZSet("z");
        assertReply(integer(0), "ZREMRANGEBYSCORE", "missing", "-inf", "+inf");
    }

    @Test
    void zremrangebylex_items_removesThemAndCounts() {
        abcde("z");
        assertReply(integer(1), "ZREMRANGEBYLEX", "z", "[c", "(d");
        assertReply(integer(0), "ZREMRANGEBYLEX", "z", "+", "-");
        assertZSet("z", "a", "1", "b", "2", "d", "4", "e", "5");
        assertReply(integer(2), "ZREMRANGEBYLEX", "z", "(b", "+");
        assertReply(integer(2), "ZREMRANGEBYLEX", "z", "-", "+");
        assertNoZSet("z");
        assertReply(integer(0), "ZREMRANGEBYLEX", "missing", "-", "+");
    }

    @Test
    void zremrange_badArguments_refusedWhateverTheKey() {
        abcde("z");
        exec("SET", "str", "v");
        assertRefusedUnchanged(NOT_INTEGER, "ZREMRANGEBYRANK", "z", "a", "1");
        assertRefusedUnchanged(NOT_INTEGER, "ZREMRANGEBYRANK", "str", "0", "(1");
        assertRefusedUnchanged(RANGE_NOT_A_FLOAT, "ZREMRANGEBYSCORE", "z", "a", "1");
        assertRefusedUnchanged(RANGE_NOT_A_FLOAT, "ZREMRANGEBYSCORE", "str", "0", "[1");
        assertRefusedUnchanged(NOT_A_LEX_RANGE, "ZREMRANGEBYLEX", "z", "a", "b");
        assertRefusedUnchanged(NOT_A_LEX_RANGE, "ZREMRANGEBYLEX", "str", "-", "b");
        assertRefusedUnchanged(WRONGTYPE, "ZREMRANGEBYRANK", "str", "0", "-1");
        assertRefusedUnchanged(WRONGTYPE, "ZREMRANGEBYSCORE", "str", "0", "1");
        assertRefusedUnchanged(WRONGTYPE, "ZREMRANGEBYLEX", "str", "-", "+");
        assertRefusedUnchanged(wrongArity("zremrangebyrank"), "ZREMRANGEBYRANK", "z", "0");
        assertRefusedUnchanged(wrongArity("zremrangebyscore"), "ZREMRANGEBYSCORE", "z", "0", "1", "2");
        assertRefusedUnchanged(wrongArity("zremrangebylex"), "ZREMRANGEBYLEX", "z", "-");
    }

    @Test
    void zremrange_bigSortedSet_removesSlicesAsTheModelDoes() {
        ScoredMembers model = numberedZSet("z", 1000);
        List<Scored> sorted = model.sorted();
        assertReply(integer(100), "ZREMRANGEBYRANK", "z", "200", "299");
        sorted.subList(200, 300).forEach(entry -> model.remove(entry.member()));
        assertZSet("z", model);
        List<Scored> middle = model.filter(entry -> entry.score() > 50 && entry.score() <= 75.5);
        assertReply(integer(middle.size()), "ZREMRANGEBYSCORE", "z", "(50", "75.5");
        middle.forEach(entry -> model.remove(entry.member()));
        assertZSet("z", model);
        List<Scored> tail = model.sorted().subList(model.size() - 50, model.size());
        assertReply(integer(50), "ZREMRANGEBYRANK", "z", "-50", "-1");
        tail.forEach(entry -> model.remove(entry.member()));
        assertZSet("z", model);
        ScoredMembers lex = new ScoredMembers();
        model.sorted().forEach(entry -> lex.put(entry.member(), 0));
        zadd("lex", lex);
        List<Scored> m1 = model.filter(entry -> entry.member().startsWith("m1"));
        assertReply(integer(m1.size()), "ZREMRANGEBYLEX", "lex", "[m1", "(m2");
        assertReply(integer(model.size() - m1.size()), "ZCARD", "lex");
        assertReply(integer(0), "ZLEXCOUNT", "lex", "[m1", "(m2");
    }
}
