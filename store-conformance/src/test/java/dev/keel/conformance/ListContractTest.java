package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.Reply;
import dev.keel.WrongTypeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LPUSH, RPUSH, LPUSHX, RPUSHX, LPOP, RPOP, LLEN, LINDEX, LSET, LRANGE, and the encodings OBJECT
 * ENCODING reports for lists. LINSERT, LREM, LTRIM and LPOS are in {@link ListSearchContractTest},
 * LMOVE, RPOPLPUSH and LMPOP in {@link ListMoveContractTest}, the blocking commands in
 * {@link ListBlockingContractTest}, the {@code KeelList} view in {@link ListViewContractTest}.
 */
class ListContractTest extends ListContractBase {

    // ------------------------------------------------------------------ LPUSH, RPUSH

    @Test
    void lpush_manyElements_eachGoesToTheHeadInTurn() {
        assertEquals(3, redis.lpush("l", "a", "b", "c"));
        assertList("l", "c", "b", "a");
        assertReply(integer(5), "LPUSH", "l", "d", "e");
        assertList("l", "e", "d", "c", "b", "a");
    }

    @Test
    void rpush_manyElements_appendInOrder() {
        assertEquals(3, redis.rpush("l", "a", "b", "c"));
        assertReply(integer(4), "RPUSH", "l", "d");
        assertList("l", "a", "b", "c", "d");
    }

    @Test
    void push_missingKey_createsAListWithoutExpiry() {
        assertReply(integer(1), "RPUSH", "l", "a");
        assertEquals("list", redis.type("l"));
        assertEquals(1, redis.exists("l"));
        assertEquals(-1, redis.ttl("l"));
    }

    @Test
    void push_existingListWithExpiry_keepsTheExpiry() {
        redis.rpush("l", "a");
        redis.pexpireat("l", FUTURE_MILLIS);
        redis.lpush("l", "b");
        redis.rpush("l", "c");
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("l"));
        assertList("l", "b", "a", "c");
    }

    @Test
    void push_duplicatesAndEmptyElements_keepsEveryOne() {
        redis.rpush("l", "a", "a", "", "a", "");
        assertList("l", "a", "a", "", "a", "");
    }

    @Test
    void push_stringKey_wrongTypeAndNothingChanges() {
        redis.set("s", "v");
        assertListRefusedUnchanged(WRONGTYPE, "LPUSH", "s", "a");
        assertListRefusedUnchanged(WRONGTYPE, "RPUSH", "s", "a", "b");
        assertThrows(WrongTypeException.class, () -> redis.lpush("s", "a"));
        assertThrowsRedis(WRONGTYPE, () -> redis.rpush("s", "a"));
        assertEquals("v", redis.get("s"));
    }

    @Test
    void push_noElement_wrongNumberOfArguments() {
        assertError("ERR wrong number of arguments for 'lpush' command", "LPUSH", "l");
        assertError("ERR wrong number of arguments for 'rpush' command", "RPUSH", "l");
        assertError("ERR wrong number of arguments for 'lpushx' command", "LPUSHX", "l");
        assertError("ERR wrong number of arguments for 'rpushx' command", "RPUSHX", "l");
        assertError("ERR wrong number of arguments for 'lpush' command", "LPUSH");
        assertNoKey("l");
    }

    @Test
    void push_binaryElements_roundTripEveryByte() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        byte[] crlf = {'\r', '\n', 0, '$', '*'};
        assertEquals(3, binary.rpush(bytes("b"), all, crlf, new byte[0]));
        List<byte[]> range = binary.lrange(bytes("b"), 0, -1);
        assertArrayEquals(all, range.get(0));
        assertArrayEquals(crlf, range.get(1));
        assertArrayEquals(new byte[0], range.get(2));
        assertEquals(new Reply.Bulk(crlf), store.execute(bytes("LINDEX"), bytes("b"), bytes("1")));
        assertArrayEquals(all, binary.lpop(bytes("b")));
    }

    @Test
    void push_unicodeElements_storesUtf8Bytes() {
        redis.rpush("ключ", "värde ✓", "日本");
        assertList("ключ", "värde ✓", "日本");
        assertArrayEquals("日本".getBytes(StandardCharsets.UTF_8), binary.rpop("ключ".getBytes(StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------------ LPUSHX, RPUSHX

    @Test
    void pushx_missingKey_returnsZeroAndCreatesNothing() {
        assertEquals(0, redis.lpushx("l", "a"));
        assertEquals(0, redis.rpushx("l", "a", "b"));
        assertReply(integer(0), "LPUSHX", "l", "a");
        assertReply(integer(0), "RPUSHX", "l", "a");
        assertNoKey("l");
    }

    @Test
    void pushx_existingList_pushesEveryElement() {
        redis.rpush("l", "m");
        assertEquals(3, redis.lpushx("l", "b", "a"));
        assertReply(integer(5), "RPUSHX", "l", "y", "z");
        assertList("l", "a", "b", "m", "y", "z");
    }

    @Test
    void pushx_stringKey_wrongType() {
        redis.set("s", "v");
        assertListRefusedUnchanged(WRONGTYPE, "LPUSHX", "s", "a");
        assertListRefusedUnchanged(WRONGTYPE, "RPUSHX", "s", "a");
        assertThrows(WrongTypeException.class, () -> redis.rpushx("s", "a"));
    }

    // ------------------------------------------------------------------ LPOP, RPOP

    @Test
    void pop_singleElement_fromEachEnd() {
        redis.rpush("l", "a", "b", "c", "d");
        assertEquals("a", redis.lpop("l"));
        assertEquals("d", redis.rpop("l"));
        assertReply(bulk("b"), "LPOP", "l");
        assertReply(bulk("c"), "RPOP", "l");
    }

    @Test
    void pop_lastElement_removesTheKey() {
        redis.rpush("l", "a");
        redis.pexpireat("l", FUTURE_MILLIS);
        assertEquals("a", redis.rpop("l"));
        assertNoKey("l");
        assertEquals(-2, redis.pttl("l"));
        redis.rpush("l", "b");
        assertEquals(-1, redis.pttl("l"), "a new list does not inherit the old expiry");
    }

    @Test
    void pop_missingKey_returnsNil() {
        assertNull(redis.lpop("missing"));
        assertNull(redis.rpop("missing"));
        assertReply(Reply.NIL, "LPOP", "missing");
        assertReply(Reply.NIL, "RPOP", "missing");
    }

    @Test
    void pop_withCount_returnsUpToCountInPopOrder() {
        redis.rpush("l", "a", "b", "c", "d", "e");
        assertEquals(List.of("a", "b"), redis.lpop("l", 2));
        assertEquals(List.of("e", "d"), redis.rpop("l", 2));
        assertReply(array("c"), "LPOP", "l", "1");
        assertNoKey("l");
    }

    @Test
    void pop_countPastTheLength_returnsAllAndRemovesTheKey() {
        redis.rpush("l", "a", "b", "c");
        assertReply(array("c", "b", "a"), "RPOP", "l", "100");
        assertNoKey("l");
        redis.rpush("l", "a", "b");
        assertEquals(List.of("a", "b"), redis.lpop("l", Long.MAX_VALUE));
        assertNoKey("l");
    }

    @Test
    void pop_countZero_returnsEmptyArrayOnAListAndNilOnAMissingKey() {
        redis.rpush("l", "a");
        assertEquals(List.of(), redis.lpop("l", 0));
        assertReply(array(), "RPOP", "l", "0");
        assertList("l", "a");
        assertNull(redis.lpop("missing", 0));
        assertReply(Reply.NIL, "LPOP", "missing", "0");
    }

    @Test
    void pop_countOnAMissingKey_returnsNil() {
        assertNull(redis.lpop("missing", 3));
        assertNull(redis.rpop("missing", 1));
        assertReply(Reply.NIL, "RPOP", "missing", "2");
    }

    @Test
    void pop_negativeOrNonIntegerCount_outOfRange() {
        redis.rpush("l", "a", "b");
        String positive = "ERR value is out of range, must be positive";
        assertListRefusedUnchanged(positive, "LPOP", "l", "-1");
        assertListRefusedUnchanged(positive, "RPOP", "l", "abc");
        assertListRefusedUnchanged(positive, "LPOP", "l", "1.5");
        assertListRefusedUnchanged(positive, "LPOP", "l", "9223372036854775808");
        assertListRefusedUnchanged(positive, "RPOP", "l", "-9223372036854775808");
        assertListRefusedUnchanged(positive, "LPOP", "missing", "abc");
        assertThrowsRedis(positive, () -> redis.lpop("l", -1));
    }

    @Test
    void pop_tooManyArguments_wrongNumberOfArguments() {
        redis.rpush("l", "a", "b");
        assertListRefusedUnchanged("ERR wrong number of arguments for 'lpop' command", "LPOP", "l", "1", "2");
        assertListRefusedUnchanged("ERR wrong number of arguments for 'rpop' command", "RPOP", "l", "1", "2");
        assertError("ERR wrong number of arguments for 'lpop' command", "LPOP");
    }

    @Test
    void pop_stringKey_wrongType() {
        redis.set("s", "v");
        assertListRefusedUnchanged(WRONGTYPE, "LPOP", "s");
        assertListRefusedUnchanged(WRONGTYPE, "RPOP", "s", "2");
        assertListRefusedUnchanged(WRONGTYPE, "LPOP", "s", "0");
        assertThrows(WrongTypeException.class, () -> redis.rpop("s"));
        assertThrows(WrongTypeException.class, () -> redis.lpop("s", 1));
    }

    // ------------------------------------------------------------------ LLEN

    @Test
    void llen_listAndMissingKey_countsElements() {
        redis.rpush("l", "a", "b", "c");
        assertEquals(3, redis.llen("l"));
        assertReply(integer(3), "LLEN", "l");
        assertEquals(0, redis.llen("missing"));
        assertReply(integer(0), "LLEN", "missing");
    }

    @Test
    void llen_stringKeyOrWrongArity_refused() {
        redis.set("s", "v");
        assertError(WRONGTYPE, "LLEN", "s");
        assertThrows(WrongTypeException.class, () -> redis.llen("s"));
        assertError("ERR wrong number of arguments for 'llen' command", "LLEN", "s", "extra");
    }

    // ------------------------------------------------------------------ LINDEX

    @Test
    void lindex_positiveAndNegativeIndexes_countFromEitherEnd() {
        redis.rpush("l", "a", "b", "c");
        assertEquals("a", redis.lindex("l", 0));
        assertEquals("c", redis.lindex("l", 2));
        assertEquals("c", redis.lindex("l", -1));
        assertEquals("a", redis.lindex("l", -3));
        assertReply(bulk("b"), "LINDEX", "l", "1");
        assertReply(bulk("b"), "LINDEX", "l", "-2");
    }

    @Test
    void lindex_outOfRange_returnsNil() {
        redis.rpush("l", "a", "b", "c");
        assertNull(redis.lindex("l", 3));
        assertNull(redis.lindex("l", -4));
        assertNull(redis.lindex("l", Long.MAX_VALUE));
        assertNull(redis.lindex("l", Long.MIN_VALUE));
        assertReply(Reply.NIL, "LINDEX", "l", "100");
        assertNull(redis.lindex("missing", 0));
    }

    @Test
    void lindex_nonIntegerIndex_refusedOnAListOnly() {
        redis.rpush("l", "a");
        redis.set("s", "v");
        assertError(NOT_INTEGER, "LINDEX", "l", "abc");
        assertError(NOT_INTEGER, "LINDEX", "l", "1.0");
        assertError(NOT_INTEGER, "LINDEX", "l", "9223372036854775808");
        assertReply(Reply.NIL, "LINDEX", "missing", "abc");
        assertError(WRONGTYPE, "LINDEX", "s", "abc");
    }

    @Test
    void lindex_stringKey_wrongType() {
        redis.set("s", "v");
        assertError(WRONGTYPE, "LINDEX", "s", "0");
        assertThrows(WrongTypeException.class, () -> redis.lindex("s", 0));
    }

    // ------------------------------------------------------------------ LSET

    @Test
    void lset_positiveAndNegativeIndexes_replaceTheElement() {
        redis.rpush("l", "a", "b", "c");
        assertEquals("OK", redis.lset("l", 0, "A"));
        assertEquals("OK", redis.lset("l", -1, "C"));
        assertReply(Reply.OK, "LSET", "l", "1", "B");
        assertReply(Reply.OK, "LSET", "l", "-2", "");
        assertList("l", "A", "", "C");
    }

    @Test
    void lset_longerAndShorterElements_keepTheRestInPlace() {
        redis.rpush("l", numbered("e", 40));
        String big = "x".repeat(3000);
        redis.lset("l", 20, big);
        redis.lset("l", 0, "");
        redis.lset("l", -1, big + "y");
        List<String> expected = new ArrayList<>(Arrays.asList(numbered("e", 40)));
        expected.set(20, big);
        expected.set(0, "");
        expected.set(39, big + "y");
        assertEquals(expected, redis.lrange("l", 0, -1));
        redis.lset("l", 20, "short");
        expected.set(20, "short");
        assertEquals(expected, redis.lrange("l", 0, -1));
    }

    @Test
    void lset_indexOutOfRange_refused() {
        redis.rpush("l", "a", "b");
        assertListRefusedUnchanged("ERR index out of range", "LSET", "l", "2", "x");
        assertListRefusedUnchanged("ERR index out of range", "LSET", "l", "-3", "x");
        assertListRefusedUnchanged("ERR index out of range", "LSET", "l", "9223372036854775807", "x");
        assertThrowsRedis("ERR index out of range", () -> redis.lset("l", 5, "x"));
    }

    @Test
    void lset_missingKey_noSuchKeyEvenWithABadIndex() {
        assertError("ERR no such key", "LSET", "missing", "0", "x");
        assertError("ERR no such key", "LSET", "missing", "abc", "x");
        assertThrowsRedis("ERR no such key", () -> redis.lset("missing", 0, "x"));
        assertNoKey("missing");
    }

    @Test
    void lset_stringKey_wrongTypeEvenWithABadIndex() {
        redis.set("s", "v");
        assertListRefusedUnchanged(WRONGTYPE, "LSET", "s", "0", "x");
        assertListRefusedUnchanged(WRONGTYPE, "LSET", "s", "abc", "x");
        assertThrows(WrongTypeException.class, () -> redis.lset("s", 0, "x"));
    }

    @Test
    void lset_nonIntegerIndexOnAList_notAnInteger() {
        redis.rpush("l", "a");
        assertListRefusedUnchanged(NOT_INTEGER, "LSET", "l", "abc", "x");
        assertListRefusedUnchanged(NOT_INTEGER, "LSET", "l", "0.0", "x");
    }

    // ------------------------------------------------------------------ LRANGE

    @Test
    void lrange_variousRanges_asRedisClipsThem() {
        redis.rpush("l", "a", "b", "c", "d", "e");
        assertEquals(List.of("a", "b", "c", "d", "e"), redis.lrange("l", 0, -1));
        assertEquals(List.of("b", "c"), redis.lrange("l", 1, 2));
        assertEquals(List.of("d", "e"), redis.lrange("l", -2, -1));
        assertEquals(List.of("a", "b", "c", "d", "e"), redis.lrange("l", -100, 100));
        assertEquals(List.of("e"), redis.lrange("l", 4, 4));
        assertEquals(List.of("c", "d", "e"), redis.lrange("l", 2, Long.MAX_VALUE));
        assertEquals(List.of("a", "b", "c", "d", "e"), redis.lrange("l", Long.MIN_VALUE, Long.MAX_VALUE));
        assertReply(array("a", "b"), "LRANGE", "l", "-5", "-4");
        assertReply(array("a"), "LRANGE", "l", "-100", "0");
    }

    @Test
    void lrange_emptyRanges_returnEmptyArray() {
        redis.rpush("l", "a", "b", "c");
        assertEquals(List.of(), redis.lrange("l", 2, 1));
        assertEquals(List.of(), redis.lrange("l", 3, 10));
        assertEquals(List.of(), redis.lrange("l", -1, -2));
        assertEquals(List.of(), redis.lrange("l", 0, -4));
        assertEquals(List.of(), redis.lrange("l", -100, -4));
        assertReply(array(), "LRANGE", "l", "5", "1");
        assertReply(array(), "LRANGE", "missing", "0", "-1");
        assertEquals(List.of(), redis.lrange("missing", 0, -1));
    }

    @Test
    void lrange_nonIntegerBound_refusedEvenOnAMissingKey() {
        redis.rpush("l", "a");
        redis.set("s", "v");
        assertError(NOT_INTEGER, "LRANGE", "l", "abc", "1");
        assertError(NOT_INTEGER, "LRANGE", "l", "0", "1.5");
        assertError(NOT_INTEGER, "LRANGE", "missing", "0", "x");
        assertError(NOT_INTEGER, "LRANGE", "s", "x", "0");
    }

    @Test
    void lrange_stringKey_wrongType() {
        redis.set("s", "v");
        assertError(WRONGTYPE, "LRANGE", "s", "0", "-1");
        assertThrows(WrongTypeException.class, () -> redis.lrange("s", 0, -1));
    }

    // ------------------------------------------------------------------ long lists

    @Test
    void longList_pushesPopsAndIndexes_agreeWithAJavaList() {
        List<String> model = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String element = i % 7 == 0 ? "big" + "z".repeat(i % 500) + i : "e" + i;
            if (i % 3 == 0) {
                redis.lpush("l", element);
                model.addFirst(element);
            } else {
                redis.rpush("l", element);
                model.addLast(element);
            }
        }
        assertEquals(model.size(), redis.llen("l"));
        assertEquals(model, redis.lrange("l", 0, -1));
        for (int index : new int[] {0, 1, 999, 1500, 2998, 2999}) {
            assertEquals(model.get(index), redis.lindex("l", index), "LINDEX " + index);
            assertEquals(model.get(index), redis.lindex("l", index - model.size()), "LINDEX " + (index - model.size()));
        }
        assertEquals(model.subList(1000, 1101), redis.lrange("l", 1000, 1100));
        assertEquals(model.subList(0, 400), redis.lpop("l", 400));
        List<String> tail = new ArrayList<>(model.subList(model.size() - 400, model.size()));
        Collections.reverse(tail);
        assertEquals(tail, redis.rpop("l", 400));
        assertEquals(model.subList(400, model.size() - 400), redis.lrange("l", 0, -1));
    }

    @Test
    void hugeElement_pushedAndPopped_roundTrips() {
        String huge = "h".repeat(200_000);
        redis.rpush("l", "a", huge, "b");
        assertEquals(huge, redis.lindex("l", 1));
        redis.lset("l", 0, huge);
        assertEquals(List.of(huge, huge, "b"), redis.lrange("l", 0, -1));
        assertEquals(huge, redis.lpop("l"));
        assertEquals("b", redis.rpop("l"));
        assertEquals(huge, redis.rpop("l"));
        assertNoKey("l");
    }

    // ------------------------------------------------------------------ encodings

    @Test
    void objectEncoding_smallList_isListpack() {
        requireRedis("7.2", "listpack encoding for small lists");
        redis.rpush("l", "a", "b", "c");
        String expected = target.name().equals("keel-scalable") ? "quicklist" : "listpack";
        assertEquals(expected, redis.objectEncoding("l"));
        assertReply(bulk(expected), "OBJECT", "ENCODING", "l");
    }

    @Test
    void objectEncoding_listOfMoreThan8KiB_isQuicklist() {
        redis.rpush("l", numbered("x".repeat(100), 200));
        assertEquals("quicklist", redis.objectEncoding("l"));
    }

    @Test
    void objectEncoding_bigListShrunkWellBelowTheLimit_isListpackAgain() {
        requireRedis("7.2", "conversion of a shrunk quicklist back to listpack");
        redis.rpush("l", numbered("x".repeat(100), 200));
        redis.ltrim("l", 0, 4);
        String expected = target.name().equals("keel-scalable") ? "quicklist" : "listpack";
        assertEquals(expected, redis.objectEncoding("l"));
        assertList("l", numbered("x".repeat(100), 5));
    }
}
