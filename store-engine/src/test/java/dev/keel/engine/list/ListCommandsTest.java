package dev.keel.engine.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.keel.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LPUSH, RPUSH, LPUSHX, RPUSHX, LPOP, RPOP, LLEN, LINDEX, LSET and LRANGE. The other list
 * commands are in {@link ListEditTest} (LINSERT, LREM, LTRIM, LPOS), {@link ListMoveTest} (LMOVE,
 * RPOPLPUSH, LMPOP), {@link ListKeysTest} (types, encodings, COPY, RENAME, memory) and
 * {@link BlockingListTest}. The expected replies were taken from a real Redis 7.0.15.
 */
class ListCommandsTest extends AbstractListTest {
    private static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    private static final String NOT_POSITIVE = "ERR value is out of range, must be positive";

    // ------------------------------------------------------------------ LPUSH, RPUSH, LPUSHX, RPUSHX

    @Test
    void lpush_newKey_pushesEachElementToTheHeadInTurn() {
        assertReply(integer(3), "LPUSH", "k", "a", "b", "c");
        assertList("k", "c", "b", "a");
        assertReply(new Reply.Status("list"), "TYPE", "k");
    }

    @Test
    void rpush_existingList_appendsInOrderAndReturnsTheNewLength() {
        assertReply(integer(2), "RPUSH", "k", "a", "b");
        assertReply(integer(4), "RPUSH", "k", "c", "d");
        assertReply(integer(5), "LPUSH", "k", "z");
        assertList("k", "z", "a", "b", "c", "d");
    }

    @Test
    void push_bothEndsManyTimes_keepsOrderAcrossNodes() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String element = "e" + i + "-" + "x".repeat(i % 37);
            if (i % 3 == 0) {
                assertReply(integer(expected.size() + 1), "LPUSH", "k", element);
                expected.addFirst(element);
            } else {
                assertReply(integer(expected.size() + 1), "RPUSH", "k", element);
                expected.add(element);
            }
        }
        assertList("k", expected.toArray(new String[0]));
        for (int i = 0; i < expected.size(); i += 17) {
            assertReply(bulk(expected.get(i)), "LINDEX", "k", Integer.toString(i));
            assertReply(bulk(expected.get(i)), "LINDEX", "k", Integer.toString(i - expected.size()));
        }
    }

    @Test
    void push_emptyAndBinaryElements_areKeptByteForByte() {
        byte[] binary = {0, 1, (byte) 0x80, (byte) 0xFF, '\r', '\n', 0};
        byte[] key = "k".getBytes(StandardCharsets.US_ASCII);
        assertEquals(integer(1), store.execute("RPUSH".getBytes(StandardCharsets.US_ASCII), key, new byte[0]));
        assertEquals(integer(2), store.execute("RPUSH".getBytes(StandardCharsets.US_ASCII), key, binary));
        assertEquals(integer(3), store.execute("LPUSH".getBytes(StandardCharsets.US_ASCII), key, binary));
        assertEquals(Reply.array(List.of(new Reply.Bulk(binary), new Reply.Bulk(new byte[0]), new Reply.Bulk(binary))),
                exec("LRANGE", "k", "0", "-1"));
        assertReply(bulk(""), "LINDEX", "k", "1");
    }

    @Test
    void push_elementsOfEveryLengthClass_roundTrip() {
        int[] lengths = {0, 1, 126, 127, 128, 129, 16_383, 16_384, 16_385, 70_000, 300_000};
        List<String> expected = new ArrayList<>();
        for (int length : lengths) {
            String element = "L".repeat(length);
            rpush("k", element);
            expected.add(element);
            assertReply(bulk(element), "LINDEX", "k", "-1");
            assertReply(bulk(element), "RPOP", "k");
            rpush("k", element);
        }
        assertList("k", expected.toArray(new String[0]));
        for (int i = lengths.length - 1; i >= 0; i--) {
            assertReply(bulk("L".repeat(lengths[i])), "RPOP", "k");
        }
        assertNoKey("k");
    }

    @Test
    void pushx_missingKey_returnsZeroAndCreatesNothing() {
        assertReply(integer(0), "LPUSHX", "k", "a");
        assertReply(integer(0), "RPUSHX", "k", "a", "b");
        assertNoKey("k");
    }

    @Test
    void pushx_existingList_pushesLikePush() {
        rpush("k", "m");
        assertReply(integer(3), "LPUSHX", "k", "b", "a");
        assertReply(integer(5), "RPUSHX", "k", "y", "z");
        assertList("k", "a", "b", "m", "y", "z");
    }

    @Test
    void push_withoutElement_isAnArityError() {
        assertError("ERR wrong number of arguments for 'lpush' command", "LPUSH", "k");
        assertError("ERR wrong number of arguments for 'rpush' command", "RPUSH", "k");
        assertError("ERR wrong number of arguments for 'lpushx' command", "LPUSHX", "k");
        assertError("ERR wrong number of arguments for 'rpushx' command", "RPUSHX", "k");
        assertNoKey("k");
    }

    @Test
    void push_keepsTheKeysTimeToLive() {
        rpush("k", "a");
        assertReply(integer(1), "PEXPIRE", "k", "5000");
        rpush("k", "b");
        assertReply(integer(5000), "PTTL", "k");
        clock.advanceMillis(5001);
        assertNoKey("k");
        assertReply(integer(0), "RPUSHX", "k", "x");
    }

    // ------------------------------------------------------------------ LPOP, RPOP

    @Test
    void pop_withoutCount_returnsTheHeadOrTheTail() {
        rpush("k", "a", "b", "c");
        assertReply(bulk("a"), "LPOP", "k");
        assertReply(bulk("c"), "RPOP", "k");
        assertList("k", "b");
    }

    @Test
    void pop_lastElement_removesTheKey() {
        rpush("k", "a", "b");
        assertReply(bulk("a"), "LPOP", "k");
        assertReply(bulk("b"), "RPOP", "k");
        assertNoKey("k");
        assertReply(Reply.NIL, "LPOP", "k");
    }

    @Test
    void pop_missingKey_returnsNilWithAndWithoutCount() {
        assertReply(Reply.NIL, "LPOP", "k");
        assertReply(Reply.NIL, "RPOP", "k");
        assertReply(Reply.NIL, "LPOP", "k", "1");
        assertReply(Reply.NIL, "RPOP", "k", "0");
        assertNull(redis.lpop("k", 2));
    }

    @Test
    void pop_withCount_returnsUpToCountFromThatEnd() {
        rpush("k", numbered("e", 10));
        assertReply(array("e0", "e1", "e2"), "LPOP", "k", "3");
        assertReply(array("e9", "e8"), "RPOP", "k", "2");
        assertReply(array("e3"), "LPOP", "k", "1");
        assertList("k", "e4", "e5", "e6", "e7");
        assertEquals(List.of("e7", "e6"), redis.rpop("k", 2));
    }

    @Test
    void pop_countPastTheLength_returnsEverythingAndRemovesTheKey() {
        rpush("k", "a", "b", "c");
        assertReply(array("c", "b", "a"), "RPOP", "k", "100");
        assertNoKey("k");
        rpush("k", "a", "b");
        assertReply(array("a", "b"), "LPOP", "k", "9223372036854775807");
        assertNoKey("k");
    }

    @Test
    void pop_countZero_returnsAnEmptyArrayAndKeepsTheList() {
        rpush("k", "a");
        assertReply(array(), "LPOP", "k", "0");
        assertReply(array(), "RPOP", "k", "0");
        assertList("k", "a");
    }

    @Test
    void pop_negativeOrNonIntegerCount_isOutOfRange() {
        rpush("k", "a");
        assertError(NOT_POSITIVE, "LPOP", "k", "-1");
        assertError(NOT_POSITIVE, "RPOP", "k", "-9223372036854775808");
        assertError(NOT_POSITIVE, "LPOP", "k", "abc");
        assertError(NOT_POSITIVE, "LPOP", "k", "1.5");
        assertError(NOT_POSITIVE, "LPOP", "k", "99999999999999999999");
        assertError(NOT_POSITIVE, "LPOP", "missing", "-1");
        assertList("k", "a");
    }

    @Test
    void pop_tooManyArguments_isAnArityError() {
        rpush("k", "a");
        assertError("ERR wrong number of arguments for 'lpop' command", "LPOP", "k", "1", "2");
        assertError("ERR wrong number of arguments for 'rpop' command", "RPOP", "k", "1", "2");
        assertError("ERR wrong number of arguments for 'lpop' command", "LPOP");
        assertList("k", "a");
    }

    @Test
    void pop_alternatingEndsOverManyNodes_drainsInOrder() {
        String[] elements = numbered("item-with-some-length-", 500);
        rpush("k", elements);
        int head = 0;
        int tail = elements.length - 1;
        while (head <= tail) {
            assertReply(bulk(elements[head++]), "LPOP", "k");
            if (head <= tail) {
                assertReply(bulk(elements[tail--]), "RPOP", "k");
            }
        }
        assertNoKey("k");
    }

    // ------------------------------------------------------------------ LLEN, LINDEX

    @Test
    void llen_missingKey_isZero() {
        assertReply(integer(0), "LLEN", "k");
        rpush("k", numbered("e", 1000));
        assertReply(integer(1000), "LLEN", "k");
        assertEquals(1000, redis.llen("k"));
    }

    @Test
    void lindex_positiveAndNegative_countFromEitherEnd() {
        rpush("k", "a", "b", "c");
        assertReply(bulk("a"), "LINDEX", "k", "0");
        assertReply(bulk("c"), "LINDEX", "k", "2");
        assertReply(bulk("c"), "LINDEX", "k", "-1");
        assertReply(bulk("a"), "LINDEX", "k", "-3");
    }

    @Test
    void lindex_outOfRange_isNil() {
        rpush("k", "a", "b", "c");
        assertReply(Reply.NIL, "LINDEX", "k", "3");
        assertReply(Reply.NIL, "LINDEX", "k", "-4");
        assertReply(Reply.NIL, "LINDEX", "k", "9223372036854775807");
        assertReply(Reply.NIL, "LINDEX", "k", "-9223372036854775808");
        assertNull(redis.lindex("k", 100));
    }

    @Test
    void lindex_missingKey_isNilEvenWithANonIntegerIndex() {
        assertReply(Reply.NIL, "LINDEX", "k", "0");
        assertReply(Reply.NIL, "LINDEX", "k", "abc");
    }

    @Test
    void lindex_nonIntegerIndexOnAList_isAnError() {
        rpush("k", "a");
        assertError(NOT_INTEGER, "LINDEX", "k", "abc");
        assertError(NOT_INTEGER, "LINDEX", "k", "1.0");
        assertError(NOT_INTEGER, "LINDEX", "k", "9223372036854775808");
    }

    @Test
    void lindex_everyIndexOfALongList_findsTheElement() {
        String[] elements = new String[400];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = i + ":" + "v".repeat(i % 50);
        }
        rpush("k", elements);
        for (int i = 0; i < elements.length; i++) {
            assertReply(bulk(elements[i]), "LINDEX", "k", Integer.toString(i));
            assertReply(bulk(elements[elements.length - 1 - i]), "LINDEX", "k", Integer.toString(-1 - i));
        }
    }

    // ------------------------------------------------------------------ LSET

    @Test
    void lset_headTailMiddleAndNegative_replacesTheElement() {
        rpush("k", "a", "b", "c", "d");
        assertReply(Reply.OK, "LSET", "k", "0", "A");
        assertReply(Reply.OK, "LSET", "k", "-1", "D");
        assertReply(Reply.OK, "LSET", "k", "1", "B");
        assertReply(Reply.OK, "LSET", "k", "-2", "C");
        assertList("k", "A", "B", "C", "D");
    }

    @Test
    void lset_valuesOfOtherLengths_growAndShrinkInPlace() {
        rpush("k", numbered("e", 50));
        List<String> expected = new ArrayList<>(List.of(numbered("e", 50)));
        String[] replacements = {"", "x", "y".repeat(127), "z".repeat(128), "w".repeat(500), "q".repeat(20_000), "s"};
        for (int i = 0; i < 50; i++) {
            String value = replacements[i % replacements.length];
            assertReply(Reply.OK, "LSET", "k", Integer.toString((i * 7) % 50), value);
            expected.set((i * 7) % 50, value);
            assertList("k", expected.toArray(new String[0]));
        }
    }

    @Test
    void lset_hugeValueInAFullNode_splitsItAndKeepsOrder() {
        String[] elements = numbered("element-", 2000);
        rpush("k", elements);
        String huge = "H".repeat(10_000);
        assertReply(Reply.OK, "LSET", "k", "1000", huge);
        elements[1000] = huge;
        assertList("k", elements);
        assertReply(Reply.OK, "LSET", "k", "1000", "small");
        elements[1000] = "small";
        assertList("k", elements);
    }

    @Test
    void lset_missingKey_isNoSuchKey() {
        assertError("ERR no such key", "LSET", "k", "0", "x");
        assertError("ERR no such key", "LSET", "k", "abc", "x");
        assertNoKey("k");
    }

    @Test
    void lset_outOfRange_isAnErrorAndChangesNothing() {
        rpush("k", "a", "b");
        assertError("ERR index out of range", "LSET", "k", "2", "x");
        assertError("ERR index out of range", "LSET", "k", "-3", "x");
        assertError("ERR index out of range", "LSET", "k", "-9223372036854775808", "x");
        assertError(NOT_INTEGER, "LSET", "k", "abc", "x");
        assertList("k", "a", "b");
    }

    // ------------------------------------------------------------------ LRANGE

    @Test
    void lrange_redisIndexRules() {
        rpush("k", "a", "b", "c", "d", "e");
        assertReply(array("a", "b", "c", "d", "e"), "LRANGE", "k", "0", "-1");
        assertReply(array("b", "c"), "LRANGE", "k", "1", "2");
        assertReply(array("d", "e"), "LRANGE", "k", "-2", "-1");
        assertReply(array("a", "b", "c", "d", "e"), "LRANGE", "k", "-100", "100");
        assertReply(array("a"), "LRANGE", "k", "-100", "0");
        assertReply(array("e"), "LRANGE", "k", "4", "4");
        assertReply(array("d", "e"), "LRANGE", "k", "3", "9223372036854775807");
        assertReply(array(), "LRANGE", "k", "3", "2");
        assertReply(array(), "LRANGE", "k", "5", "10");
        assertReply(array(), "LRANGE", "k", "-1", "-2");
        assertReply(array(), "LRANGE", "k", "0", "-6");
        assertReply(array(), "LRANGE", "k", "-9223372036854775808", "-9223372036854775808");
        assertReply(array("a", "b", "c", "d", "e"), "LRANGE", "k", "-9223372036854775808", "9223372036854775807");
        assertReply(array(), "LRANGE", "k", "9223372036854775807", "-1");
    }

    @Test
    void lrange_missingKey_isEmpty() {
        assertReply(array(), "LRANGE", "k", "0", "-1");
        assertEquals(List.of(), redis.lrange("k", 0, -1));
    }

    @Test
    void lrange_nonIntegerIndexes_areAnErrorEvenWithoutTheKey() {
        assertError(NOT_INTEGER, "LRANGE", "k", "a", "1");
        assertError(NOT_INTEGER, "LRANGE", "k", "0", "b");
        rpush("k", "a");
        assertError(NOT_INTEGER, "LRANGE", "k", "0", "1e3");
    }

    @Test
    void lrange_everyWindowOfALongList_matchesTheElements() {
        String[] elements = new String[120];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = "w" + i + "x".repeat(i % 23);
        }
        rpush("k", elements);
        for (int start = -130; start <= 130; start += 13) {
            for (int stop = -130; stop <= 130; stop += 11) {
                assertReply(expectedRange(elements, start, stop), "LRANGE", "k", Integer.toString(start), Integer.toString(stop));
            }
        }
    }

    /** LRANGE's rules, written from redis.io: negative indexes from the end, clamped, inclusive. */
    private static Reply expectedRange(String[] elements, int start, int stop) {
        int n = elements.length;
        int from = Math.max(start < 0 ? n + start : start, 0);
        int to = Math.min(stop < 0 ? n + stop : stop, n - 1);
        List<Reply> items = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            items.add(bulk(elements[i]));
        }
        return Reply.array(items);
    }
}
