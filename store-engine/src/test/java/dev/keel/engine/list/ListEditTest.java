package dev.keel.engine.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.LPosArgs;
import dev.keel.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LINSERT, LREM, LTRIM and LPOS. The expected replies were taken from a real Redis 7.0.15. */
class ListEditTest extends AbstractListTest {
    private static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    private static final String RANK_ZERO = "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... "
            + "or use negative to start from the end of the list";

    // ------------------------------------------------------------------ LINSERT

    @Test
    void linsert_beforeAndAfter_insertsNextToThePivot() {
        rpush("k", "a", "c");
        assertReply(integer(3), "LINSERT", "k", "BEFORE", "c", "b");
        assertReply(integer(4), "LINSERT", "k", "AFTER", "c", "d");
        assertReply(integer(5), "LINSERT", "k", "before", "a", "_");
        assertReply(integer(6), "LINSERT", "k", "After", "_", "0");
        assertList("k", "_", "0", "a", "b", "c", "d");
    }

    @Test
    void linsert_pivotTwice_usesTheFirstFromTheHead() {
        rpush("k", "x", "p", "y", "p", "z");
        assertReply(integer(6), "LINSERT", "k", "AFTER", "p", "new");
        assertList("k", "x", "p", "new", "y", "p", "z");
    }

    @Test
    void linsert_noPivot_returnsMinusOneAndChangesNothing() {
        rpush("k", "a", "b");
        assertReply(integer(-1), "LINSERT", "k", "BEFORE", "zz", "x");
        assertEquals(-1, redis.linsert("k", false, "zz", "x"));
        assertList("k", "a", "b");
    }

    @Test
    void linsert_missingKey_returnsZeroAndCreatesNothing() {
        assertReply(integer(0), "LINSERT", "k", "BEFORE", "a", "x");
        assertNoKey("k");
    }

    @Test
    void linsert_neitherBeforeNorAfter_isASyntaxErrorEvenWithoutTheKey() {
        assertError("ERR syntax error", "LINSERT", "k", "MIDDLE", "a", "x");
        rpush("k", "a");
        assertError("ERR syntax error", "LINSERT", "k", "BEFOR", "a", "x");
        assertList("k", "a");
    }

    @Test
    void linsert_intoEveryPositionOfALongList_keepsOrder() {
        List<String> expected = new ArrayList<>(List.of(numbered("p", 150)));
        rpush("k", expected.toArray(new String[0]));
        for (int i = 0; i < 150; i += 7) {
            String value = "ins" + i + "-" + "y".repeat(i * 3);
            boolean before = i % 2 == 0;
            int at = expected.indexOf("p" + i);
            expected.add(before ? at : at + 1, value);
            assertReply(integer(expected.size()), "LINSERT", "k", before ? "BEFORE" : "AFTER", "p" + i, value);
        }
        assertList("k", expected.toArray(new String[0]));
    }

    @Test
    void linsert_emptyPivotAndValue_workLikeAnyOther() {
        rpush("k", "", "a");
        assertReply(integer(3), "LINSERT", "k", "AFTER", "", "");
        assertList("k", "", "", "a");
    }

    // ------------------------------------------------------------------ node fill after edits in the middle

    /**
     * The bytes a list built by {@code build} at key k takes, compared with the same elements
     * pushed one by one; k is deleted after each.
     */
    private void assertFilledLikePushes(Runnable build, String... pushed) {
        long start = store.memoryStats().usedBytes();
        build.run();
        assertList("k", pushed);
        long built = store.memoryStats().usedBytes() - start;
        exec("DEL", "k");
        for (String element : pushed) {
            rpush("k", element);
        }
        long byPushes = store.memoryStats().usedBytes() - start;
        exec("DEL", "k");
        assertEquals(start, store.memoryStats().usedBytes());
        assertTrue(built <= byPushes * 5 / 4, () -> "built in " + built + " bytes, pushes take " + byPushes);
    }

    /** Regression: each insert split the full head node and left a one-element node behind it. */
    @Test
    void linsert_repeatedlyAfterTheHead_keepsNodesAsFullAsPushesDo() {
        List<String> expected = new ArrayList<>(List.of("pivot"));
        expected.addAll(java.util.Collections.nCopies(3000, "bbbb"));
        expected.addAll(java.util.Collections.nCopies(2000, "aaaa"));
        assertFilledLikePushes(() -> {
            rpush("k", java.util.Collections.nCopies(2000, "aaaa").toArray(new String[0]));
            exec("LPUSH", "k", "pivot");
            for (int i = 0; i < 3000; i++) {
                exec("LINSERT", "k", "AFTER", "pivot", "bbbb");
            }
        }, expected.toArray(new String[0]));
    }

    @Test
    void lrem_everyOtherElement_joinsTheHalfEmptyNodes() {
        String[] alternating = new String[6000];
        for (int i = 0; i < alternating.length; i++) {
            alternating[i] = i % 2 == 0 ? "keep" : "drop";
        }
        String[] kept = java.util.Collections.nCopies(3000, "keep").toArray(new String[0]);
        assertFilledLikePushes(() -> {
            rpush("k", alternating);
            exec("LREM", "k", "0", "drop");
        }, kept);
        assertFilledLikePushes(() -> {
            rpush("k", alternating);
            exec("LREM", "k", "-3000", "drop");
        }, kept);
    }

    @Test
    void lset_longerValueForEveryElement_keepsNodesFilled() {
        String[] longer = java.util.Collections.nCopies(3000, "aaaaaaaa").toArray(new String[0]);
        assertFilledLikePushes(() -> {
            rpush("k", java.util.Collections.nCopies(3000, "a").toArray(new String[0]));
            for (int i = 0; i < 3000; i++) {
                exec("LSET", "k", Integer.toString(i), "aaaaaaaa");
            }
        }, longer);
    }

    // ------------------------------------------------------------------ LREM

    @Test
    void lrem_positiveCount_removesFromTheHead() {
        rpush("k", "x", "a", "x", "b", "x", "c");
        assertReply(integer(2), "LREM", "k", "2", "x");
        assertList("k", "a", "b", "x", "c");
    }

    @Test
    void lrem_negativeCount_removesFromTheTail() {
        rpush("k", "x", "a", "x", "b", "x", "c");
        assertReply(integer(2), "LREM", "k", "-2", "x");
        assertList("k", "x", "a", "b", "c");
    }

    @Test
    void lrem_zeroCount_removesEveryMatch() {
        rpush("k", "x", "a", "x", "b", "x");
        assertReply(integer(3), "LREM", "k", "0", "x");
        assertList("k", "a", "b");
    }

    @Test
    void lrem_countPastTheMatches_removesThemAll() {
        rpush("k", "x", "a", "x");
        assertReply(integer(2), "LREM", "k", "10", "x");
        assertReply(integer(0), "LREM", "k", "10", "x");
        assertList("k", "a");
        rpush("k", "x", "x");
        assertReply(integer(2), "LREM", "k", "-9223372036854775808", "x");
        assertList("k", "a");
    }

    @Test
    void lrem_everyElement_removesTheKey() {
        rpush("k", "x", "x", "x");
        assertReply(integer(3), "LREM", "k", "0", "x");
        assertNoKey("k");
    }

    @Test
    void lrem_missingKeyOrNoMatch_returnsZero() {
        assertReply(integer(0), "LREM", "k", "0", "x");
        rpush("k", "a");
        assertReply(integer(0), "LREM", "k", "0", "x");
        assertNoKey("missing");
    }

    @Test
    void lrem_nonIntegerCount_isAnErrorEvenWithoutTheKey() {
        assertError(NOT_INTEGER, "LREM", "missing", "x", "a");
        rpush("k", "a");
        assertError(NOT_INTEGER, "LREM", "k", "1.0", "a");
        assertList("k", "a");
    }

    @Test
    void lrem_matchesSpreadOverManyNodes_keepsTheRestInOrder() {
        List<String> expected = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String value = i % 3 == 0 ? "drop" : "keep" + i + "-" + "z".repeat(i % 40);
            all.add(value);
        }
        rpush("k", all.toArray(new String[0]));
        int dropped = 0;
        for (String value : all) {
            if (value.equals("drop") && dropped < 50) {
                dropped++;
            } else {
                expected.add(value);
            }
        }
        assertReply(integer(50), "LREM", "k", "50", "drop");
        assertList("k", expected.toArray(new String[0]));
        assertReply(integer(1), "LREM", "k", "-1", "drop");
        expected.remove(expected.lastIndexOf("drop"));
        assertList("k", expected.toArray(new String[0]));
        assertEquals(83, redis.lrem("k", 0, "drop"));
        expected.removeIf("drop"::equals);
        assertList("k", expected.toArray(new String[0]));
    }

    // ------------------------------------------------------------------ LTRIM

    @Test
    void ltrim_keepsTheRangeInclusive() {
        rpush("k", "a", "b", "c", "d", "e");
        assertReply(Reply.OK, "LTRIM", "k", "1", "3");
        assertList("k", "b", "c", "d");
    }

    @Test
    void ltrim_negativeIndexes_countFromTheEnd() {
        rpush("k", "a", "b", "c", "d", "e");
        assertReply(Reply.OK, "LTRIM", "k", "-3", "-2");
        assertList("k", "c", "d");
    }

    @Test
    void ltrim_stopPastTheEndOrStartBeforeTheHead_isClamped() {
        rpush("k", "a", "b", "c");
        assertReply(Reply.OK, "LTRIM", "k", "-100", "100");
        assertList("k", "a", "b", "c");
        assertReply(Reply.OK, "LTRIM", "k", "1", "9223372036854775807");
        assertList("k", "b", "c");
    }

    @Test
    void ltrim_emptyRange_removesTheKey() {
        rpush("k", "a", "b", "c");
        assertReply(Reply.OK, "LTRIM", "k", "2", "1");
        assertNoKey("k");
        rpush("k", "a", "b", "c");
        assertReply(Reply.OK, "LTRIM", "k", "3", "10");
        assertNoKey("k");
        rpush("k", "a", "b", "c");
        assertReply(Reply.OK, "LTRIM", "k", "0", "-4");
        assertNoKey("k");
        rpush("k", "a");
        assertReply(Reply.OK, "LTRIM", "k", "-9223372036854775808", "-9223372036854775808");
        assertNoKey("k");
    }

    @Test
    void ltrim_missingKey_isOk() {
        assertReply(Reply.OK, "LTRIM", "k", "0", "1");
        assertNoKey("k");
    }

    @Test
    void ltrim_nonIntegerIndexes_areAnErrorEvenWithoutTheKey() {
        assertError(NOT_INTEGER, "LTRIM", "k", "x", "1");
        rpush("k", "a");
        assertError(NOT_INTEGER, "LTRIM", "k", "0", "x");
        assertList("k", "a");
    }

    @Test
    void ltrim_everyWindowOfALongList_matchesTheElements() {
        String[] elements = new String[90];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = "t" + i + "x".repeat(i % 31);
        }
        for (int start = -95; start <= 95; start += 19) {
            for (int stop = -95; stop <= 95; stop += 17) {
                exec("DEL", "k");
                rpush("k", elements);
                assertReply(Reply.OK, "LTRIM", "k", Integer.toString(start), Integer.toString(stop));
                int from = Math.max(start < 0 ? elements.length + start : start, 0);
                int to = Math.min(stop < 0 ? elements.length + stop : stop, elements.length - 1);
                String[] kept = from > to ? new String[0] : java.util.Arrays.copyOfRange(elements, from, to + 1);
                if (kept.length == 0) {
                    assertNoKey("k");
                } else {
                    assertList("k", kept);
                }
            }
        }
    }

    // ------------------------------------------------------------------ LPOS

    @Test
    void lpos_noOptions_returnsTheFirstMatch() {
        rpush("k", "a", "b", "c", "b");
        assertReply(integer(1), "LPOS", "k", "b");
        assertReply(Reply.NIL, "LPOS", "k", "z");
        assertEquals(1L, redis.lpos("k", "b", LPosArgs.none()));
        assertNull(redis.lpos("k", "z", LPosArgs.none()));
    }

    @Test
    void lpos_rank_skipsMatchesFromTheHeadOrTheTail() {
        rpush("k", "a", "x", "a", "y", "a");
        assertReply(integer(0), "LPOS", "k", "a", "RANK", "1");
        assertReply(integer(2), "LPOS", "k", "a", "RANK", "2");
        assertReply(integer(4), "LPOS", "k", "a", "RANK", "3");
        assertReply(Reply.NIL, "LPOS", "k", "a", "RANK", "4");
        assertReply(integer(4), "LPOS", "k", "a", "RANK", "-1");
        assertReply(integer(2), "LPOS", "k", "a", "RANK", "-2");
        assertReply(integer(0), "LPOS", "k", "a", "RANK", "-3");
        assertReply(Reply.NIL, "LPOS", "k", "a", "RANK", "-4");
        assertReply(Reply.NIL, "LPOS", "k", "a", "RANK", "9223372036854775807");
        assertReply(Reply.NIL, "LPOS", "k", "a", "RANK", "-9223372036854775807");
        assertEquals(2L, redis.lpos("k", "a", LPosArgs.rank(-2)));
    }

    @Test
    void lpos_rankOfLongMin_searchesLikeMinusOne() {
        rpush("k", "a", "x", "a", "y", "a");
        assertReply(integer(4), "LPOS", "k", "a", "RANK", "-9223372036854775808");
        assertReply(Reply.array(List.of(integer(4), integer(2), integer(0))),
                "LPOS", "k", "a", "RANK", "-9223372036854775808", "COUNT", "0");
    }

    @Test
    void lpos_count_returnsThatManyMatchesZeroMeaningAll() {
        rpush("k", "a", "x", "a", "y", "a");
        assertReply(Reply.array(List.of(integer(0), integer(2))), "LPOS", "k", "a", "COUNT", "2");
        assertReply(Reply.array(List.of(integer(0), integer(2), integer(4))), "LPOS", "k", "a", "COUNT", "0");
        assertReply(Reply.array(List.of(integer(0), integer(2), integer(4))), "LPOS", "k", "a", "COUNT", "100");
        assertReply(Reply.array(List.of(integer(4), integer(2))), "LPOS", "k", "a", "RANK", "-1", "COUNT", "2");
        assertReply(Reply.array(List.of(integer(2), integer(4))), "LPOS", "k", "a", "RANK", "2", "COUNT", "0");
        assertReply(Reply.array(List.of()), "LPOS", "k", "z", "COUNT", "0");
        assertReply(Reply.array(List.of()), "LPOS", "k", "a", "RANK", "4", "COUNT", "1");
        assertEquals(List.of(4L, 2L, 0L), redis.lpos("k", "a", 0, LPosArgs.rank(-1)));
    }

    @Test
    void lpos_maxlen_comparesOnlyThatManyElements() {
        rpush("k", "a", "x", "a", "y", "a");
        assertReply(Reply.NIL, "LPOS", "k", "a", "RANK", "2", "MAXLEN", "1");
        assertReply(integer(0), "LPOS", "k", "a", "MAXLEN", "1");
        assertReply(Reply.array(List.of(integer(0), integer(2))), "LPOS", "k", "a", "COUNT", "0", "MAXLEN", "4");
        assertReply(Reply.array(List.of(integer(2))), "LPOS", "k", "a", "RANK", "-2", "COUNT", "2", "MAXLEN", "4");
        assertReply(Reply.array(List.of(integer(4))), "LPOS", "k", "a", "RANK", "-1", "COUNT", "0", "MAXLEN", "2");
        assertReply(Reply.array(List.of(integer(0), integer(2), integer(4))), "LPOS", "k", "a", "COUNT", "0", "MAXLEN", "0");
        assertEquals(List.of(0L), redis.lpos("k", "a", 0, LPosArgs.rank(1).withMaxlen(2)));
    }

    @Test
    void lpos_repeatedOption_theLastOneCounts() {
        rpush("k", "a", "x", "a");
        assertReply(Reply.array(List.of(integer(0))), "LPOS", "k", "a", "count", "0", "rank", "1", "count", "1");
        assertReply(integer(2), "LPOS", "k", "a", "RANK", "1", "RANK", "2");
    }

    @Test
    void lpos_missingKey_isNilOrAnEmptyArray() {
        assertReply(Reply.NIL, "LPOS", "k", "a");
        assertReply(Reply.NIL, "LPOS", "k", "a", "RANK", "-1", "MAXLEN", "3");
        assertReply(Reply.array(List.of()), "LPOS", "k", "a", "COUNT", "2");
        assertEquals(List.of(), redis.lpos("k", "a", 3, LPosArgs.none()));
    }

    @Test
    void lpos_badOptionValues_areRefusedWithTheirOwnErrors() {
        rpush("k", "a");
        assertError(RANK_ZERO, "LPOS", "k", "a", "RANK", "0");
        assertError(RANK_ZERO, "LPOS", "missing", "a", "RANK", "0");
        assertError(NOT_INTEGER, "LPOS", "k", "a", "RANK", "x");
        assertError(NOT_INTEGER, "LPOS", "k", "a", "RANK", "99999999999999999999");
        assertError("ERR COUNT can't be negative", "LPOS", "k", "a", "COUNT", "-1");
        assertError("ERR COUNT can't be negative", "LPOS", "k", "a", "COUNT", "x");
        assertError("ERR COUNT can't be negative", "LPOS", "k", "a", "COUNT", "99999999999999999999");
        assertError("ERR MAXLEN can't be negative", "LPOS", "k", "a", "MAXLEN", "-1");
        assertError("ERR MAXLEN can't be negative", "LPOS", "k", "a", "MAXLEN", "x");
        assertError("ERR COUNT can't be negative", "LPOS", "k", "a", "COUNT", "-1", "RANK", "0");
        assertError(RANK_ZERO, "LPOS", "k", "a", "RANK", "0", "COUNT", "-1");
    }

    @Test
    void lpos_unknownOrIncompleteOption_isASyntaxError() {
        rpush("k", "a");
        assertError("ERR syntax error", "LPOS", "k", "a", "FOO", "1");
        assertError("ERR syntax error", "LPOS", "k", "a", "RANK");
        assertError("ERR syntax error", "LPOS", "k", "a", "COUNT", "1", "MAXLEN");
        assertError("ERR syntax error", "LPOS", "missing", "a", "FOO", "1");
        assertError("ERR wrong number of arguments for 'lpos' command", "LPOS", "k");
    }

    @Test
    void lpos_matchesAcrossManyNodes_areFoundWithTheirIndexes() {
        List<String> elements = new ArrayList<>();
        List<Reply> fromHead = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            boolean match = i % 7 == 3;
            elements.add(match ? "needle" : "hay" + i + "-" + "h".repeat(i % 60));
            if (match) {
                fromHead.add(integer(i));
            }
        }
        rpush("k", elements.toArray(new String[0]));
        assertReply(Reply.array(fromHead), "LPOS", "k", "needle", "COUNT", "0");
        List<Reply> fromTail = new ArrayList<>(fromHead.reversed());
        assertReply(Reply.array(fromTail), "LPOS", "k", "needle", "RANK", "-1", "COUNT", "0");
        assertReply(fromHead.get(10), "LPOS", "k", "needle", "RANK", "11");
        assertReply(fromTail.get(10), "LPOS", "k", "needle", "RANK", "-11");
        assertReply(Reply.array(fromHead.subList(0, 15)), "LPOS", "k", "needle", "COUNT", "0", "MAXLEN", "105");
        assertReply(Reply.array(fromTail.subList(0, 15)), "LPOS", "k", "needle", "RANK", "-1", "COUNT", "0", "MAXLEN", "100");
    }
}
