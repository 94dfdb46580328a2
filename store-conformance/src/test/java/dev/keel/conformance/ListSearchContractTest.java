package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.LPosArgs;
import dev.keel.Reply;
import dev.keel.WrongTypeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LINSERT, LREM, LTRIM and LPOS: the list commands that search or cut in the middle. */
class ListSearchContractTest extends ListContractBase {
    private static final String RANK_ZERO = "ERR RANK can't be zero: use 1 to start from the first match, "
            + "2 from the second ... or use negative to start from the end of the list";

    // ------------------------------------------------------------------ LINSERT

    @Test
    void linsert_beforeAndAfter_insertNextToTheFirstPivot() {
        redis.rpush("l", "a", "p", "b", "p");
        assertEquals(5, redis.linsert("l", true, "p", "x"));
        assertReply(integer(6), "LINSERT", "l", "AFTER", "p", "y");
        assertList("l", "a", "x", "p", "y", "b", "p");
    }

    @Test
    void linsert_atEitherEnd_becomesTheNewHeadOrTail() {
        redis.rpush("l", "a", "b");
        redis.linsert("l", true, "a", "head");
        redis.linsert("l", false, "b", "tail");
        assertList("l", "head", "a", "b", "tail");
    }

    @Test
    void linsert_keywordInAnyCase_isAccepted() {
        redis.rpush("l", "a");
        assertReply(integer(2), "LINSERT", "l", "before", "a", "0");
        assertReply(integer(3), "LINSERT", "l", "After", "a", "1");
        assertList("l", "0", "a", "1");
    }

    @Test
    void linsert_missingPivot_returnsMinusOneAndChangesNothing() {
        redis.rpush("l", "a", "b");
        assertEquals(-1, redis.linsert("l", true, "zz", "x"));
        assertReplyUnchanged(integer(-1), "LINSERT", "l", "AFTER", "", "x");
        assertList("l", "a", "b");
    }

    @Test
    void linsert_missingKey_returnsZeroAndCreatesNothing() {
        assertEquals(0, redis.linsert("missing", true, "a", "x"));
        assertReply(integer(0), "LINSERT", "missing", "AFTER", "a", "x");
        assertNoKey("missing");
    }

    @Test
    void linsert_badKeyword_syntaxErrorEvenOnAMissingOrStringKey() {
        redis.rpush("l", "a");
        redis.set("s", "v");
        assertListRefusedUnchanged(SYNTAX, "LINSERT", "l", "MIDDLE", "a", "x");
        assertListRefusedUnchanged(SYNTAX, "LINSERT", "missing", "BEFOREX", "a", "x");
        assertListRefusedUnchanged(SYNTAX, "LINSERT", "s", "MIDDLE", "a", "x");
    }

    @Test
    void linsert_stringKeyOrWrongArity_refused() {
        redis.set("s", "v");
        assertListRefusedUnchanged(WRONGTYPE, "LINSERT", "s", "BEFORE", "v", "x");
        assertThrows(WrongTypeException.class, () -> redis.linsert("s", false, "v", "x"));
        assertError("ERR wrong number of arguments for 'linsert' command", "LINSERT", "s", "BEFORE", "v");
    }

    @Test
    void linsert_intoTheMiddleOfALongList_keepsEverythingElse() {
        List<String> model = new ArrayList<>(Arrays.asList(numbered("e", 500)));
        redis.rpush("l", model.toArray(new String[0]));
        String big = "b".repeat(5000);
        redis.linsert("l", true, "e250", big);
        model.add(250, big);
        redis.linsert("l", false, "e499", "last");
        model.add("last");
        redis.linsert("l", false, big, "afterBig");
        model.add(251, "afterBig");
        assertEquals(model, redis.lrange("l", 0, -1));
    }

    // ------------------------------------------------------------------ LREM

    @Test
    void lrem_positiveCount_removesFromTheHead() {
        redis.rpush("l", "a", "x", "b", "x", "c", "x");
        assertEquals(2, redis.lrem("l", 2, "x"));
        assertList("l", "a", "b", "c", "x");
    }

    @Test
    void lrem_negativeCount_removesFromTheTail() {
        redis.rpush("l", "x", "a", "x", "b", "x");
        assertReply(integer(2), "LREM", "l", "-2", "x");
        assertList("l", "x", "a", "b");
    }

    @Test
    void lrem_zeroCount_removesEveryMatch() {
        redis.rpush("l", "x", "a", "x", "x", "b", "x");
        assertEquals(4, redis.lrem("l", 0, "x"));
        assertList("l", "a", "b");
    }

    @Test
    void lrem_countLargerThanTheMatches_removesThemAll() {
        redis.rpush("l", "x", "a", "x");
        assertEquals(2, redis.lrem("l", 100, "x"));
        redis.rpush("l", "x", "x");
        assertReply(integer(2), "LREM", "l", "-9223372036854775808", "x");
        assertList("l", "a");
    }

    @Test
    void lrem_noMatch_returnsZero() {
        redis.rpush("l", "a", "b");
        assertReplyUnchanged(integer(0), "LREM", "l", "0", "zz");
        assertEquals(0, redis.lrem("l", 1, ""));
    }

    @Test
    void lrem_everyElement_removesTheKey() {
        redis.rpush("l", "x", "x", "x");
        assertEquals(3, redis.lrem("l", 0, "x"));
        assertNoKey("l");
    }

    @Test
    void lrem_missingKey_returnsZero() {
        assertEquals(0, redis.lrem("missing", 0, "x"));
        assertReply(integer(0), "LREM", "missing", "-1", "x");
        assertNoKey("missing");
    }

    @Test
    void lrem_nonIntegerCountOrStringKey_refused() {
        redis.rpush("l", "x");
        redis.set("s", "v");
        assertListRefusedUnchanged(NOT_INTEGER, "LREM", "l", "one", "x");
        assertListRefusedUnchanged(NOT_INTEGER, "LREM", "missing", "1.5", "x");
        assertListRefusedUnchanged(NOT_INTEGER, "LREM", "s", "abc", "x");
        assertListRefusedUnchanged(WRONGTYPE, "LREM", "s", "0", "v");
        assertThrows(WrongTypeException.class, () -> redis.lrem("s", 0, "v"));
    }

    @Test
    void lrem_acrossALongList_removesExactlyTheMatches() {
        List<String> model = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            model.add(i % 5 == 0 ? "x" : "e" + i + "y".repeat(i % 40));
        }
        redis.rpush("l", model.toArray(new String[0]));
        assertEquals(150, redis.lrem("l", 150, "x"));
        assertEquals(25, redis.lrem("l", -25, "x"));
        for (int removed = 0, i = 0; removed < 150; i++) {
            if (model.get(i).equals("x")) {
                model.set(i, null);
                removed++;
            }
        }
        for (int removed = 0, i = model.size() - 1; removed < 25; i--) {
            if ("x".equals(model.get(i))) {
                model.set(i, null);
                removed++;
            }
        }
        model.removeIf(element -> element == null);
        assertEquals(model, redis.lrange("l", 0, -1));
        assertEquals(25, redis.lrem("l", 0, "x"));
        assertEquals(800, redis.llen("l"));
    }

    // ------------------------------------------------------------------ LTRIM

    @Test
    void ltrim_variousRanges_keepOnlyThatRange() {
        redis.rpush("l", "a", "b", "c", "d", "e");
        assertEquals("OK", redis.ltrim("l", 1, -2));
        assertList("l", "b", "c", "d");
        assertReply(Reply.OK, "LTRIM", "l", "-100", "100");
        assertList("l", "b", "c", "d");
        redis.ltrim("l", -2, Long.MAX_VALUE);
        assertList("l", "c", "d");
        redis.ltrim("l", 0, 0);
        assertList("l", "c");
    }

    @Test
    void ltrim_emptyRange_removesTheKey() {
        redis.rpush("l", "a", "b", "c");
        assertReply(Reply.OK, "LTRIM", "l", "2", "1");
        assertNoKey("l");
        redis.rpush("l", "a", "b", "c");
        redis.ltrim("l", 3, 10);
        assertNoKey("l");
        redis.rpush("l", "a", "b", "c");
        redis.ltrim("l", 0, -4);
        assertNoKey("l");
    }

    @Test
    void ltrim_missingKey_isOk() {
        assertEquals("OK", redis.ltrim("missing", 0, 1));
        assertReply(Reply.OK, "LTRIM", "missing", "0", "-1");
        assertNoKey("missing");
    }

    @Test
    void ltrim_nonIntegerBoundOrStringKey_refused() {
        redis.rpush("l", "a", "b");
        redis.set("s", "v");
        assertListRefusedUnchanged(NOT_INTEGER, "LTRIM", "l", "a", "1");
        assertListRefusedUnchanged(NOT_INTEGER, "LTRIM", "missing", "0", "9223372036854775808");
        assertListRefusedUnchanged(NOT_INTEGER, "LTRIM", "s", "x", "1");
        assertListRefusedUnchanged(WRONGTYPE, "LTRIM", "s", "0", "1");
        assertThrows(WrongTypeException.class, () -> redis.ltrim("s", 0, 1));
    }

    @Test
    void ltrim_longList_keepsTheMiddle() {
        String[] elements = numbered("e".repeat(50), 2000);
        redis.rpush("l", elements);
        redis.ltrim("l", 700, -701);
        assertEquals(Arrays.asList(elements).subList(700, 1300), redis.lrange("l", 0, -1));
    }

    // ------------------------------------------------------------------ LPOS

    @Test
    void lpos_noOptions_returnsTheFirstMatch() {
        redis.rpush("l", "a", "b", "c", "b");
        assertEquals(1, redis.lpos("l", "b", LPosArgs.none()));
        assertReply(integer(2), "LPOS", "l", "c");
        assertNull(redis.lpos("l", "zz", LPosArgs.none()));
        assertReply(Reply.NIL, "LPOS", "l", "zz");
    }

    @Test
    void lpos_rank_skipsMatchesFromEitherEnd() {
        redis.rpush("l", "x", "a", "x", "b", "x");
        assertEquals(2, redis.lpos("l", "x", LPosArgs.rank(2)));
        assertEquals(4, redis.lpos("l", "x", LPosArgs.rank(-1)));
        assertEquals(0, redis.lpos("l", "x", LPosArgs.rank(-3)));
        assertNull(redis.lpos("l", "x", LPosArgs.rank(4)));
        assertNull(redis.lpos("l", "x", LPosArgs.rank(-4)));
        assertReply(integer(2), "LPOS", "l", "x", "RANK", "-2");
        assertReply(Reply.NIL, "LPOS", "l", "x", "RANK", "9223372036854775807");
        assertReply(integer(4), "LPOS", "l", "x", "RANK", "-9223372036854775808");
    }

    @Test
    void lpos_count_returnsUpToCountIndexes() {
        redis.rpush("l", "x", "a", "x", "b", "x");
        assertEquals(List.of(0L, 2L), redis.lpos("l", "x", 2, LPosArgs.none()));
        assertEquals(List.of(0L, 2L, 4L), redis.lpos("l", "x", 0, LPosArgs.none()));
        assertEquals(List.of(4L, 2L, 0L), redis.lpos("l", "x", 0, LPosArgs.rank(-1)));
        assertEquals(List.of(2L, 4L), redis.lpos("l", "x", 10, LPosArgs.rank(2)));
        assertEquals(List.of(), redis.lpos("l", "zz", 0, LPosArgs.none()));
        assertReply(integers(2, 0), "LPOS", "l", "x", "COUNT", "2", "RANK", "-2");
        assertReply(integers(0, 2, 4), "LPOS", "l", "x", "COUNT", "9223372036854775807");
    }

    @Test
    void lpos_maxlen_comparesOnlyThatManyElements() {
        redis.rpush("l", "a", "b", "x", "c", "x");
        assertNull(redis.lpos("l", "x", LPosArgs.none().withMaxlen(2)));
        assertEquals(2, redis.lpos("l", "x", LPosArgs.none().withMaxlen(3)));
        assertEquals(4, redis.lpos("l", "x", LPosArgs.rank(-1).withMaxlen(1)));
        assertNull(redis.lpos("l", "a", LPosArgs.rank(-1).withMaxlen(4)));
        assertEquals(List.of(4L), redis.lpos("l", "x", 0, LPosArgs.rank(-1).withMaxlen(2)));
        assertReply(integers(2), "LPOS", "l", "x", "COUNT", "0", "MAXLEN", "4");
        assertReply(integers(2, 4), "LPOS", "l", "x", "COUNT", "0", "MAXLEN", "0");
    }

    @Test
    void lpos_optionsInAnyOrderAndCase_laterOnesWin() {
        redis.rpush("l", "x", "a", "x");
        assertReply(integers(2, 0), "LPOS", "l", "x", "maxlen", "0", "count", "0", "rank", "-1");
        assertReply(integer(2), "LPOS", "l", "x", "RANK", "1", "RANK", "-1");
        assertReply(integers(0, 2), "LPOS", "l", "x", "COUNT", "1", "COUNT", "0");
    }

    @Test
    void lpos_missingKey_nilOrEmptyArray() {
        assertNull(redis.lpos("missing", "x", LPosArgs.none()));
        assertEquals(List.of(), redis.lpos("missing", "x", 0, LPosArgs.none()));
        assertReply(Reply.NIL, "LPOS", "missing", "x", "RANK", "-1");
        assertReply(array(), "LPOS", "missing", "x", "COUNT", "1");
    }

    @Test
    void lpos_badOptions_refusedWithRedisTexts() {
        redis.rpush("l", "x");
        assertError(RANK_ZERO, "LPOS", "l", "x", "RANK", "0");
        assertError(RANK_ZERO, "LPOS", "missing", "x", "RANK", "0");
        assertError(NOT_INTEGER, "LPOS", "l", "x", "RANK", "abc");
        assertError(NOT_INTEGER, "LPOS", "l", "x", "RANK", "1.5");
        assertError("ERR COUNT can't be negative", "LPOS", "l", "x", "COUNT", "-1");
        assertError("ERR COUNT can't be negative", "LPOS", "l", "x", "COUNT", "abc");
        assertError("ERR COUNT can't be negative", "LPOS", "missing", "x", "COUNT", "9223372036854775808");
        assertError("ERR MAXLEN can't be negative", "LPOS", "l", "x", "MAXLEN", "-1");
        assertError("ERR MAXLEN can't be negative", "LPOS", "l", "x", "MAXLEN", "abc");
        assertError("ERR COUNT can't be negative", "LPOS", "l", "x", "COUNT", "-1", "RANK", "0");
        assertError(RANK_ZERO, "LPOS", "l", "x", "RANK", "0", "COUNT", "-1");
        assertThrowsRedis("ERR MAXLEN can't be negative", () -> redis.lpos("l", "x", LPosArgs.none().withMaxlen(-1)));
        assertThrowsRedis("ERR COUNT can't be negative", () -> redis.lpos("l", "x", -1, LPosArgs.none()));
    }

    @Test
    void lpos_unknownOrIncompleteOption_syntaxError() {
        redis.rpush("l", "x");
        assertError(SYNTAX, "LPOS", "l", "x", "BOGUS", "1");
        assertError(SYNTAX, "LPOS", "l", "x", "RANK");
        assertError(SYNTAX, "LPOS", "l", "x", "COUNT", "1", "MAXLEN");
        assertError(SYNTAX, "LPOS", "missing", "x", "FOO");
        assertError("ERR wrong number of arguments for 'lpos' command", "LPOS", "l");
    }

    @Test
    void lpos_stringKey_wrongTypeAfterTheOptionsAreRead() {
        redis.set("s", "v");
        assertError(WRONGTYPE, "LPOS", "s", "v");
        assertError(WRONGTYPE, "LPOS", "s", "v", "COUNT", "0");
        assertError(RANK_ZERO, "LPOS", "s", "v", "RANK", "0");
        assertError(SYNTAX, "LPOS", "s", "v", "BOGUS");
        assertThrows(WrongTypeException.class, () -> redis.lpos("s", "v", LPosArgs.none()));
    }

    @Test
    void lpos_longList_findsMatchesInEveryNode() {
        List<String> model = new ArrayList<>();
        List<Long> matches = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            boolean match = i % 97 == 3;
            model.add(match ? "needle" : "hay" + i + "-".repeat(i % 30));
            if (match) {
                matches.add((long) i);
            }
        }
        redis.rpush("l", model.toArray(new String[0]));
        assertEquals(matches, redis.lpos("l", "needle", 0, LPosArgs.none()));
        List<Long> reversed = new ArrayList<>(matches.reversed());
        assertEquals(reversed, redis.lpos("l", "needle", 0, LPosArgs.rank(-1)));
        assertEquals(matches.get(5), redis.lpos("l", "needle", LPosArgs.rank(6)));
        assertEquals(matches.subList(0, 2), redis.lpos("l", "needle", 0, LPosArgs.none().withMaxlen(matches.get(1) + 1)));
    }
}
