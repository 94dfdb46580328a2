package dev.keel.engine.string;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Codec;
import dev.keel.Commands;
import dev.keel.Reply;
import dev.keel.engine.AbstractCommandTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GET, the plain forms of SET, SETNX, SETEX, PSETEX, GETSET, GETDEL, MGET, MSET, MSETNX, APPEND,
 * STRLEN, GETRANGE, SETRANGE and the encodings OBJECT ENCODING reports for strings. SET's options
 * and GETEX are in {@link SetOptionsTest}, the counters in {@link CounterCommandsTest} and
 * {@link IncrByFloatTest}.
 */
class StringCommandsTest extends AbstractCommandTest {
    private static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    private static final String TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";

    // ------------------------------------------------------------------ GET and SET

    @Test
    void get_missingKey_returnsNil() {
        assertNull(redis.get("missing"));
        assertReply(Reply.NIL, "GET", "missing");
    }

    @Test
    void set_thenGet_returnsValue() {
        assertEquals("OK", redis.set("k", "v"));
        assertEquals("v", redis.get("k"));
        assertReply(Reply.OK, "SET", "k", "w");
        assertReply(bulk("w"), "GET", "k");
    }

    @Test
    void set_emptyValue_storesEmptyString() {
        redis.set("k", "");
        assertEquals("", redis.get("k"));
        assertEquals(1, redis.exists("k"));
        assertEquals(0, redis.strlen("k"));
    }

    @Test
    void set_binaryValueAndKey_roundTripsEveryByte() {
        byte[] key = {0, (byte) 0xFF, '\r', '\n'};
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        Commands<byte[], byte[]> raw = store.commands(Codec.bytes());
        raw.set(key, value);
        assertArrayEquals(value, raw.get(key));
        assertEquals(256, raw.strlen(key));
    }

    @Test
    void set_unicodeValue_storesUtf8Bytes() {
        redis.set("ключ", "värde ✓");
        assertEquals("värde ✓", redis.get("ключ"));
        assertEquals("värde ✓".getBytes(StandardCharsets.UTF_8).length, redis.strlen("ключ"));
    }

    @Test
    void set_largeValue_roundTrips() {
        String big = "x".repeat(1 << 20);
        redis.set("k", big);
        assertEquals(big, redis.get("k"));
        redis.set("k", "small");
        assertEquals("small", redis.get("k"));
    }

    @Test
    void set_overwrite_replacesValueAndClearsTtl() {
        redis.setex("k", 100, "v");
        redis.set("k", "w");
        assertEquals("w", redis.get("k"));
        assertEquals(-1, redis.ttl("k"));
    }

    @Test
    void get_commandNameInAnyCase_isFound() {
        redis.set("k", "v");
        assertReply(bulk("v"), "get", "k");
        assertReply(bulk("v"), "GeT", "k");
    }

    @Test
    void get_wrongArity_returnsArityError() {
        assertError("ERR wrong number of arguments for 'get' command", "GET");
        assertError("ERR wrong number of arguments for 'get' command", "GET", "a", "b");
    }

    @Test
    void set_wrongArity_returnsArityError() {
        assertRefusedUnchanged("ERR wrong number of arguments for 'set' command", "SET", "k");
        assertError("ERR wrong number of arguments for 'set' command", "SET");
    }

    // ------------------------------------------------------------------ SETNX, SETEX, PSETEX

    @Test
    void setnx_missingKey_setsAndReturnsOne() {
        assertTrue(redis.setnx("k", "v"));
        assertEquals("v", redis.get("k"));
    }

    @Test
    void setnx_existingKey_returnsZeroAndKeepsValue() {
        redis.setex("k", 100, "v");
        assertReply(integer(0), "SETNX", "k", "w");
        assertEquals("v", redis.get("k"));
        assertEquals(100, redis.ttl("k"));
    }

    @Test
    void setnx_expiredKey_setsWithoutTtl() {
        redis.psetex("k", 10, "old");
        clock.advanceMillis(11);
        assertTrue(redis.setnx("k", "new"));
        assertEquals("new", redis.get("k"));
        assertEquals(-1, redis.ttl("k"));
    }

    @Test
    void setnx_wrongArity_returnsArityError() {
        assertError("ERR wrong number of arguments for 'setnx' command", "SETNX", "k");
    }

    @Test
    void setex_validSeconds_setsValueAndTtl() {
        assertEquals("OK", redis.setex("k", 10, "v"));
        assertEquals("v", redis.get("k"));
        assertEquals(10, redis.ttl("k"));
        assertEquals(10_000, redis.pttl("k"));
        assertEquals(now() + 10_000, redis.pexpiretime("k"));
    }

    @Test
    void setex_afterTtl_keyVanishes() {
        redis.setex("k", 10, "v");
        clock.advanceMillis(9_999);
        assertEquals("v", redis.get("k"));
        clock.advanceMillis(2);
        assertNull(redis.get("k"));
        assertEquals(0, redis.dbsize());
    }

    @Test
    void setex_zeroOrNegative_returnsInvalidExpireAndChangesNothing() {
        redis.set("k", "v");
        assertRefusedUnchanged("ERR invalid expire time in 'setex' command", "SETEX", "k", "0", "w");
        assertRefusedUnchanged("ERR invalid expire time in 'setex' command", "SETEX", "k", "-1", "w");
        assertThrowsKeel("ERR invalid expire time in 'setex' command", () -> redis.setex("k", 0, "w"));
        assertEquals("v", redis.get("k"));
    }

    @Test
    void setex_notAnInteger_returnsNotIntegerError() {
        assertRefusedUnchanged(NOT_INTEGER, "SETEX", "k", "abc", "v");
        assertRefusedUnchanged(NOT_INTEGER, "SETEX", "k", "1.5", "v");
        assertRefusedUnchanged(NOT_INTEGER, "SETEX", "k", "+1", "v");
    }

    @Test
    void setex_secondsOverflowingMilliseconds_returnsInvalidExpire() {
        assertRefusedUnchanged("ERR invalid expire time in 'setex' command", "SETEX", "k", "9223372036854775", "v");
        assertRefusedUnchanged("ERR invalid expire time in 'setex' command", "SETEX", "k", "9223372036854776", "v");
    }

    @Test
    void setex_wrongArity_returnsArityError() {
        assertError("ERR wrong number of arguments for 'setex' command", "SETEX", "k", "10");
    }

    @Test
    void psetex_validMilliseconds_setsValueAndTtl() {
        assertEquals("OK", redis.psetex("k", 1_500, "v"));
        assertEquals(1_500, redis.pttl("k"));
        assertEquals(2, redis.ttl("k"));
        clock.advanceMillis(1_499);
        assertEquals("v", redis.get("k"));
        clock.advanceMillis(2);
        assertNull(redis.get("k"));
    }

    @Test
    void psetex_zeroOrOverflow_returnsInvalidExpire() {
        assertRefusedUnchanged("ERR invalid expire time in 'psetex' command", "PSETEX", "k", "0", "v");
        assertRefusedUnchanged("ERR invalid expire time in 'psetex' command", "PSETEX", "k", "-5", "v");
        assertRefusedUnchanged("ERR invalid expire time in 'psetex' command", "PSETEX", "k", "9223372036854775807", "v");
        assertThrowsKeel("ERR invalid expire time in 'psetex' command", () -> redis.psetex("k", 0, "v"));
    }

    @Test
    void setex_existingKeyWithTtl_replacesValueAndTtl() {
        redis.setex("k", 100, "v");
        redis.setex("k", 5, "w");
        assertEquals("w", redis.get("k"));
        assertEquals(5, redis.ttl("k"));
    }

    // ------------------------------------------------------------------ GETSET and GETDEL

    @Test
    void getset_missingKey_returnsNilAndSets() {
        assertNull(redis.getset("k", "v"));
        assertEquals("v", redis.get("k"));
    }

    @Test
    void getset_existingKey_returnsOldValueAndClearsTtl() {
        redis.setex("k", 10, "v");
        assertReply(bulk("v"), "GETSET", "k", "w");
        assertEquals("w", redis.get("k"));
        assertEquals(-1, redis.ttl("k"));
    }

    @Test
    void getset_wrongArity_returnsArityError() {
        assertError("ERR wrong number of arguments for 'getset' command", "GETSET", "k");
    }

    @Test
    void getdel_existingKey_returnsValueAndDeletes() {
        redis.setex("k", 10, "v");
        assertEquals("v", redis.getdel("k"));
        assertEquals(0, redis.exists("k"));
        assertReply(Reply.NIL, "GETDEL", "k");
    }

    @Test
    void getdel_missingOrExpiredKey_returnsNil() {
        assertNull(redis.getdel("missing"));
        redis.psetex("k", 5, "v");
        clock.advanceMillis(6);
        assertNull(redis.getdel("k"));
    }

    // ------------------------------------------------------------------ MGET, MSET, MSETNX

    @Test
    void mget_mixOfPresentAndMissing_returnsNilForMissing() {
        redis.set("a", "1");
        redis.set("c", "3");
        assertEquals(Arrays.asList("1", null, "3", "1"), redis.mget("a", "b", "c", "a"));
        assertReply(array("1", null, "3"), "MGET", "a", "b", "c");
    }

    @Test
    void mget_expiredKey_returnsNil() {
        redis.psetex("a", 10, "1");
        clock.advanceMillis(11);
        assertReply(array((String) null), "MGET", "a");
    }

    @Test
    void mget_noKeys_returnsArityError() {
        assertError("ERR wrong number of arguments for 'mget' command", "MGET");
    }

    @Test
    void mset_pairs_setsAllAndClearsTtl() {
        redis.setex("a", 100, "old");
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("a", "1");
        pairs.put("b", "2");
        assertEquals("OK", redis.mset(pairs));
        assertEquals(List.of("1", "2"), redis.mget("a", "b"));
        assertEquals(-1, redis.ttl("a"));
    }

    @Test
    void mset_repeatedKey_lastValueWins() {
        assertReply(Reply.OK, "MSET", "a", "1", "a", "2");
        assertEquals("2", redis.get("a"));
        assertEquals(1, redis.dbsize());
    }

    @Test
    void mset_oddArguments_returnsArityErrorAndChangesNothing() {
        assertRefusedUnchanged("ERR wrong number of arguments for 'mset' command", "MSET", "a", "1", "b");
        assertRefusedUnchanged("ERR wrong number of arguments for 'mset' command", "MSET", "a");
        assertEquals(0, redis.dbsize());
    }

    @Test
    void msetnx_noneExist_setsAllAndReturnsOne() {
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("a", "1");
        pairs.put("b", "2");
        assertTrue(redis.msetnx(pairs));
        assertEquals(List.of("1", "2"), redis.mget("a", "b"));
    }

    @Test
    void msetnx_oneExists_setsNoneAndReturnsZero() {
        redis.set("b", "old");
        assertReply(integer(0), "MSETNX", "a", "1", "b", "2", "c", "3");
        assertEquals(Arrays.asList(null, "old", null), redis.mget("a", "b", "c"));
    }

    @Test
    void msetnx_repeatedMissingKey_setsLastValue() {
        assertReply(integer(1), "MSETNX", "a", "1", "a", "2");
        assertEquals("2", redis.get("a"));
    }

    @Test
    void msetnx_expiredKey_countsAsMissing() {
        redis.psetex("a", 10, "old");
        clock.advanceMillis(11);
        assertReply(integer(1), "MSETNX", "a", "1");
        assertEquals(-1, redis.ttl("a"));
    }

    @Test
    void msetnx_oddArguments_returnsArityError() {
        assertRefusedUnchanged("ERR wrong number of arguments for 'msetnx' command", "MSETNX", "a", "1", "b");
        assertRefusedUnchanged("ERR wrong number of arguments for 'msetnx' command", "MSETNX", "a");
    }

    // ------------------------------------------------------------------ APPEND and STRLEN

    @Test
    void append_missingKey_createsAndReturnsLength() {
        assertEquals(5, redis.append("k", "hello"));
        assertEquals("hello", redis.get("k"));
    }

    @Test
    void append_existingKey_appendsAndKeepsTtl() {
        redis.setex("k", 100, "abc");
        assertReply(integer(4), "APPEND", "k", "d");
        assertEquals("abcd", redis.get("k"));
        assertEquals(100, redis.ttl("k"));
    }

    @Test
    void append_emptySuffix_returnsLengthUnchanged() {
        redis.set("k", "abc");
        assertEquals(3, redis.append("k", ""));
        assertEquals("abc", redis.get("k"));
    }

    @Test
    void append_manyTimes_growsValue() {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            String part = "part" + i + ";";
            expected.append(part);
            assertEquals(expected.length(), redis.append("k", part));
        }
        assertEquals(expected.toString(), redis.get("k"));
    }

    @Test
    void append_toInteger_appendsDigits() {
        redis.set("k", "12");
        redis.append("k", "3");
        assertEquals(123, redis.incrby("k", 0));
    }

    @Test
    void strlen_missingKey_returnsZero() {
        assertEquals(0, redis.strlen("missing"));
        assertReply(integer(0), "STRLEN", "missing");
    }

    @Test
    void strlen_existingKey_returnsByteLength() {
        redis.set("k", "hello");
        assertEquals(5, redis.strlen("k"));
        redis.set("n", "-123");
        assertEquals(4, redis.strlen("n"));
    }

    // ------------------------------------------------------------------ GETRANGE

    @Test
    void getrange_missingKey_returnsEmptyString() {
        assertReply(bulk(""), "GETRANGE", "missing", "0", "-1");
        assertEquals("", redis.getrange("missing", 0, 10));
    }

    @Test
    void getrange_positiveAndNegativeIndexes_matchRedis() {
        redis.set("s", "Hello");
        assertEquals("Hello", redis.getrange("s", 0, -1));
        assertEquals("llo", redis.getrange("s", -3, -1));
        assertEquals("H", redis.getrange("s", 0, -100));
        assertEquals("o", redis.getrange("s", 4, 100));
        assertEquals("Hel", redis.getrange("s", -100, 2));
        assertEquals("", redis.getrange("s", 10, 20));
        assertEquals("", redis.getrange("s", 2, 1));
        assertEquals("", redis.getrange("s", -1, -5));
        assertEquals("Hello", redis.getrange("s", 0, Long.MAX_VALUE));
        assertEquals("H", redis.getrange("s", Long.MIN_VALUE, Long.MIN_VALUE));
    }

    @Test
    void getrange_bothNegativeAndCrossed_returnsEmptyEvenWhenBothClampToZero() {
        redis.set("s", "Hello");
        assertReply(bulk(""), "GETRANGE", "s", "-100", "-200");
        assertReply(bulk(""), "GETRANGE", "s", "-7", "-13");
        assertReply(bulk("H"), "GETRANGE", "s", "-13", "-7");
    }

    @Test
    void getrange_emptyValue_returnsEmpty() {
        redis.set("e", "");
        assertEquals("", redis.getrange("e", 0, -1));
        assertEquals("", redis.getrange("e", -1, 0));
    }

    @Test
    void getrange_notAnInteger_returnsNotIntegerError() {
        redis.set("s", "Hello");
        assertError(NOT_INTEGER, "GETRANGE", "s", "a", "1");
        assertError(NOT_INTEGER, "GETRANGE", "s", "0", "1.0");
        assertError(NOT_INTEGER, "GETRANGE", "missing", "x", "1");
    }

    @Test
    void substr_isGetrange() {
        redis.set("s", "Hello");
        assertReply(bulk("He"), "SUBSTR", "s", "0", "1");
    }

    // ------------------------------------------------------------------ SETRANGE

    @Test
    void setrange_missingKeyPastStart_padsWithZeroBytes() {
        assertEquals(5, redis.setrange("m", 3, "ab"));
        byte[] value = store.commands(Codec.bytes()).get("m".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new byte[] {0, 0, 0, 'a', 'b'}, value);
    }

    @Test
    void setrange_existingKey_overwritesAndKeepsTtl() {
        redis.setex("k", 100, "Hello World");
        assertReply(integer(11), "SETRANGE", "k", "6", "Redis");
        assertEquals("Hello Redis", redis.get("k"));
        assertEquals(100, redis.ttl("k"));
    }

    @Test
    void setrange_pastEnd_padsGapWithZeroBytes() {
        redis.set("k", "abcd");
        assertEquals(6, redis.setrange("k", 5, "z"));
        assertEquals("abcd\0z", redis.get("k"));
    }

    @Test
    void setrange_emptyValueOnMissingKey_returnsZeroAndCreatesNothing() {
        assertReply(integer(0), "SETRANGE", "m", "0", "");
        assertReply(integer(0), "SETRANGE", "m", "536870912", "");
        assertEquals(0, redis.exists("m"));
    }

    @Test
    void setrange_emptyValueOnExistingKey_returnsLengthUnchanged() {
        redis.set("k", "abc");
        assertEquals(3, redis.setrange("k", 100, ""));
        assertEquals(3, redis.setrange("k", Long.MAX_VALUE, ""));
        assertEquals("abc", redis.get("k"));
    }

    @Test
    void setrange_negativeOffset_returnsOutOfRange() {
        redis.set("k", "abc");
        assertRefusedUnchanged("ERR offset is out of range", "SETRANGE", "k", "-1", "x");
        assertRefusedUnchanged("ERR offset is out of range", "SETRANGE", "k", "-1", "");
        assertThrowsKeel("ERR offset is out of range", () -> redis.setrange("k", -1, "x"));
    }

    @Test
    void setrange_notAnInteger_returnsNotIntegerError() {
        assertRefusedUnchanged(NOT_INTEGER, "SETRANGE", "k", "abc", "x");
    }

    @Test
    void setrange_beyond512Megabytes_returnsMaximumSizeErrorAndChangesNothing() {
        redis.set("k", "abc");
        assertRefusedUnchanged(TOO_LONG, "SETRANGE", "k", "536870912", "x");
        assertRefusedUnchanged(TOO_LONG, "SETRANGE", "k", "536870911", "xy");
        assertRefusedUnchanged(TOO_LONG, "SETRANGE", "missing", "536870912", "x");
        assertEquals(1, redis.dbsize());
    }

    @Test
    void setrange_offsetNearLongMax_returnsMaximumSizeError() {
        redis.set("k", "abc");
        assertRefusedUnchanged(TOO_LONG, "SETRANGE", "k", "9223372036854775807", "x");
        assertRefusedUnchanged(TOO_LONG, "SETRANGE", "missing", "9223372036854775807", "x");
        assertRefusedUnchanged(TOO_LONG, "SETRANGE", "k", "9223372036854775806", "xyz");
    }

    // ------------------------------------------------------------------ OBJECT ENCODING

    @Test
    void set_integerValue_encodesAsInt() {
        for (String value : List.of("0", "10", "-1", "9223372036854775807", "-9223372036854775808")) {
            redis.set("k", value);
            assertEquals("int", redis.objectEncoding("k"), value);
        }
    }

    @Test
    void set_nonCanonicalIntegers_encodeAsEmbstr() {
        for (String value : List.of("01", "-0", "+1", " 1", "1.0", "12345678901234567890", "9223372036854775808", "")) {
            redis.set("k", value);
            assertEquals("embstr", redis.objectEncoding("k"), value);
        }
    }

    @Test
    void set_upTo44Bytes_encodesAsEmbstrThenRaw() {
        redis.set("k", "x".repeat(44));
        assertEquals("embstr", redis.objectEncoding("k"));
        redis.set("k", "x".repeat(45));
        assertEquals("raw", redis.objectEncoding("k"));
        redis.set("k", "x");
        assertEquals("embstr", redis.objectEncoding("k"));
    }

    @Test
    void append_anyValue_encodesAsRaw() {
        assertEquals(2, redis.append("a", "12"));
        assertEquals("int", redis.objectEncoding("a"));
        redis.append("a", "");
        assertEquals("raw", redis.objectEncoding("a"));
        redis.set("b", "");
        redis.append("b", "x");
        assertEquals("raw", redis.objectEncoding("b"));
    }

    @Test
    void setrange_anyChange_encodesAsRaw() {
        redis.set("m", "12");
        redis.setrange("m", 0, "3");
        assertEquals("32", redis.get("m"));
        assertEquals("raw", redis.objectEncoding("m"));
        redis.setrange("n", 0, "5");
        assertEquals("raw", redis.objectEncoding("n"));
    }

    @Test
    void setrange_emptyValue_keepsEncoding() {
        redis.set("m", "12");
        redis.setrange("m", 0, "");
        assertEquals("int", redis.objectEncoding("m"));
    }

    @Test
    void otherSetters_integerValues_encodeAsInt() {
        redis.setnx("a", "1");
        redis.setex("b", 10, "2");
        redis.getset("c", "3");
        exec("MSET", "d", "4", "e", "x");
        assertEquals(List.of("int", "int", "int", "int", "embstr"),
                List.of(redis.objectEncoding("a"), redis.objectEncoding("b"), redis.objectEncoding("c"),
                        redis.objectEncoding("d"), redis.objectEncoding("e")));
    }

    @Test
    void objectEncoding_afterGet_isUnchanged() {
        redis.set("k", "x".repeat(50));
        redis.get("k");
        redis.getrange("k", 0, 1);
        assertEquals("raw", redis.objectEncoding("k"));
        assertFalse(redis.objectEncoding("k").isEmpty());
    }
}
