package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Reply;
import dev.keel.SetArgs;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GET, the plain forms of SET, SETNX, SETEX, PSETEX, GETSET, GETDEL, MGET, MSET, MSETNX and the
 * encodings OBJECT ENCODING reports for strings. SET's options and GETEX are in
 * {@link StringOptionsContractTest}, APPEND, STRLEN and the ranges in {@link StringRangeContractTest},
 * the counters in {@link CounterContractTest}.
 */
class StringContractTest extends ContractTest {

    // ------------------------------------------------------------------ GET and SET

    @Test
    void get_missingKey_returnsNil() {
        assertNull(redis.get("missing"));
        assertReply(Reply.NIL, "GET", "missing");
    }

    @Test
    void set_thenGet_returnsTheValue() {
        assertEquals("OK", redis.set("k", "v"));
        assertEquals("v", redis.get("k"));
        assertReply(Reply.OK, "SET", "k", "w");
        assertReply(bulk("w"), "GET", "k");
    }

    @Test
    void set_emptyValue_storesEmptyString() {
        assertReply(Reply.OK, "SET", "k", "");
        assertEquals("", redis.get("k"));
        assertReply(bulk(""), "GET", "k");
        assertEquals(1, redis.exists("k"));
        assertEquals("string", redis.type("k"));
    }

    @Test
    void set_emptyKey_isAKeyLikeAnyOther() {
        assertEquals("OK", redis.set("", "v"));
        assertEquals("v", redis.get(""));
        assertReply(array(""), "KEYS", "*");
        assertEquals(1, redis.del(""));
    }

    @Test
    void set_binaryKeyAndValue_roundTripEveryByte() {
        byte[] key = {0, (byte) 0xFF, '\r', '\n', ' ', '*'};
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        assertEquals("OK", binary.set(key, value));
        assertArrayEquals(value, binary.get(key));
        assertEquals(Reply.integer(1), store.execute(bytes("EXISTS"), key));
        assertEquals(new Reply.Bulk(value), store.execute(bytes("GET"), key));
        assertNull(binary.get(new byte[] {0, (byte) 0xFF, '\r', '\n', ' '}), "a prefix of the key is another key");
        assertEquals(List.of(latin1(key)), binary.keys(bytes("*")).stream().map(ContractTest::latin1).toList());
    }

    @Test
    void set_unicodeKeyAndValue_storesUtf8Bytes() {
        redis.set("ключ", "värde ✓");
        assertEquals("värde ✓", redis.get("ключ"));
        assertEquals("värde ✓".getBytes(StandardCharsets.UTF_8).length, redis.strlen("ключ"));
        assertArrayEquals("värde ✓".getBytes(StandardCharsets.UTF_8), binary.get("ключ".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void set_largeValue_roundTrips() {
        String big = "x".repeat(1 << 20) + "y";
        redis.set("k", big);
        assertEquals(big, redis.get("k"));
        assertEquals(big.length(), redis.strlen("k"));
        redis.set("k", "small");
        assertEquals("small", redis.get("k"));
    }

    @Test
    void set_overwrite_replacesValueAndClearsTtl() {
        redis.setex("k", 1000, "v");
        assertEquals("OK", redis.set("k", "w"));
        assertEquals("w", redis.get("k"));
        assertEquals(-1, redis.ttl("k"));
    }

    @Test
    void get_commandNameInAnyCase_isFound() {
        redis.set("k", "v");
        assertReply(bulk("v"), "get", "k");
        assertReply(bulk("v"), "GeT", "k");
        assertReply(Reply.OK, "sEt", "k", "w");
        assertEquals("w", redis.get("k"));
    }

    // ------------------------------------------------------------------ SETNX, SETEX, PSETEX

    @Test
    void setnx_missingKey_setsAndReturnsOne() {
        assertTrue(redis.setnx("k", "v"));
        assertEquals("v", redis.get("k"));
        assertEquals(-1, redis.ttl("k"));
        assertReply(integer(1), "SETNX", "j", "");
        assertEquals("", redis.get("j"));
    }

    @Test
    void setnx_existingKey_returnsZeroAndKeepsValueAndTtl() {
        redis.set("k", "v", SetArgs.pxat(FUTURE_MILLIS));
        assertFalse(redis.setnx("k", "w"));
        assertReply(integer(0), "SETNX", "k", "w");
        assertEquals("v", redis.get("k"));
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("k"));
    }

    @Test
    void setnx_keyExpiredInThePast_countsAsMissing() {
        redis.set("k", "old", SetArgs.exat(1));
        assertTrue(redis.setnx("k", "new"));
        assertEquals("new", redis.get("k"));
        assertEquals(-1, redis.ttl("k"));
    }

    @Test
    void setex_validSeconds_setsValueAndTtl() {
        assertEquals("OK", redis.setex("k", 1000, "v"));
        assertEquals("v", redis.get("k"));
        assertBetween(999, 1000, redis.ttl("k"), "TTL");
        assertBetween(990_000, 1_000_000, redis.pttl("k"), "PTTL");
        assertReply(Reply.OK, "SETEX", "k", "2000", "w");
        assertEquals("w", redis.get("k"));
        assertBetween(1999, 2000, redis.ttl("k"), "TTL");
    }

    @Test
    void setex_zeroOrNegative_returnsInvalidExpireAndChangesNothing() {
        redis.set("k", "v");
        String message = "ERR invalid expire time in 'setex' command";
        assertRefusedUnchanged(message, "SETEX", "k", "0", "w");
        assertRefusedUnchanged(message, "SETEX", "k", "-1", "w");
        assertRefusedUnchanged(message, "SETEX", "missing", "0", "w");
        assertThrowsRedis(message, () -> redis.setex("k", 0, "w"));
        assertEquals("v", redis.get("k"));
    }

    @Test
    void setex_notAnInteger_returnsNotIntegerError() {
        assertRefusedUnchanged(NOT_INTEGER, "SETEX", "k", "abc", "v");
        assertRefusedUnchanged(NOT_INTEGER, "SETEX", "k", "1.5", "v");
        assertRefusedUnchanged(NOT_INTEGER, "SETEX", "k", "+1", "v");
        assertRefusedUnchanged(NOT_INTEGER, "SETEX", "k", "", "v");
        assertRefusedUnchanged(NOT_INTEGER, "SETEX", "k", "9223372036854775808", "v");
    }

    @Test
    void setex_secondsOverflowingMilliseconds_returnsInvalidExpire() {
        String message = "ERR invalid expire time in 'setex' command";
        assertRefusedUnchanged(message, "SETEX", "k", "9223372036854775", "v");
        assertRefusedUnchanged(message, "SETEX", "k", "9223372036854776", "v");
        assertRefusedUnchanged(message, "SETEX", "k", "9223372036854775807", "v");
    }

    @Test
    void psetex_validMilliseconds_setsValueAndTtl() {
        assertEquals("OK", redis.psetex("k", 1_000_000, "v"));
        assertEquals("v", redis.get("k"));
        assertBetween(990_000, 1_000_000, redis.pttl("k"), "PTTL");
        assertBetween(999, 1000, redis.ttl("k"), "TTL");
        assertReply(Reply.OK, "PSETEX", "k", "1500000", "w");
        assertBetween(1_490_000, 1_500_000, redis.pttl("k"), "PTTL");
    }

    @Test
    void psetex_zeroNegativeOrOverflow_returnsInvalidExpire() {
        String message = "ERR invalid expire time in 'psetex' command";
        assertRefusedUnchanged(message, "PSETEX", "k", "0", "v");
        assertRefusedUnchanged(message, "PSETEX", "k", "-5", "v");
        assertRefusedUnchanged(message, "PSETEX", "k", "9223372036854775807", "v");
        assertThrowsRedis(message, () -> redis.psetex("k", 0, "v"));
        assertRefusedUnchanged(NOT_INTEGER, "PSETEX", "k", "1e3", "v");
    }

    @Test
    void setex_existingKeyWithTtl_replacesValueAndTtl() {
        redis.set("k", "v", SetArgs.pxat(FUTURE_MILLIS));
        redis.setex("k", 1000, "w");
        assertEquals("w", redis.get("k"));
        assertBetween(999, 1000, redis.ttl("k"), "TTL");
    }

    // ------------------------------------------------------------------ GETSET and GETDEL

    @Test
    void getset_missingKey_returnsNilAndSets() {
        assertNull(redis.getset("k", "v"));
        assertEquals("v", redis.get("k"));
        assertReply(bulk("v"), "GETSET", "k", "");
        assertReply(bulk(""), "GETSET", "k", "x");
    }

    @Test
    void getset_existingKeyWithTtl_returnsOldValueAndClearsTtl() {
        redis.setex("k", 1000, "v");
        assertReply(bulk("v"), "GETSET", "k", "w");
        assertEquals("w", redis.get("k"));
        assertEquals(-1, redis.ttl("k"));
    }

    @Test
    void getdel_existingKey_returnsValueAndDeletes() {
        redis.setex("k", 1000, "v");
        assertEquals("v", redis.getdel("k"));
        assertEquals(0, redis.exists("k"));
        assertReply(Reply.NIL, "GETDEL", "k");
        redis.set("e", "");
        assertReply(bulk(""), "GETDEL", "e");
        assertEquals(0, redis.exists("e"));
    }

    @Test
    void getdel_missingOrExpiredKey_returnsNil() {
        assertNull(redis.getdel("missing"));
        redis.set("k", "v", SetArgs.pxat(1));
        assertNull(redis.getdel("k"));
    }

    @Test
    void getdel_binaryKey_deletesExactlyThatKey() {
        byte[] key = {'k', 0, 1};
        binary.set(key, new byte[] {0});
        binary.set(bytes("k"), bytes("plain"));
        assertArrayEquals(new byte[] {0}, binary.getdel(key));
        assertNull(binary.get(key));
        assertEquals("plain", redis.get("k"));
    }

    // ------------------------------------------------------------------ MGET, MSET, MSETNX

    @Test
    void mget_mixOfPresentAndMissing_returnsNilForMissing() {
        redis.set("a", "1");
        redis.set("c", "");
        assertEquals(Arrays.asList("1", null, "", "1"), redis.mget("a", "b", "c", "a"));
        assertReply(array("1", null, ""), "MGET", "a", "b", "c");
        assertReply(array((String) null), "MGET", "missing");
    }

    @Test
    void mget_expiredKey_returnsNil() {
        redis.set("a", "1", SetArgs.exat(1));
        redis.set("b", "2");
        assertReply(array(null, "2"), "MGET", "a", "b");
    }

    @Test
    void mget_binaryKeys_returnsBinaryValues() {
        binary.set(new byte[] {1, 0}, new byte[] {(byte) 0xFE, 0});
        List<byte[]> values = binary.mget(new byte[] {1, 0}, new byte[] {1});
        assertArrayEquals(new byte[] {(byte) 0xFE, 0}, values.get(0));
        assertNull(values.get(1));
    }

    @Test
    void mset_pairs_setsAllAndClearsTtl() {
        redis.setex("a", 1000, "old");
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("a", "1");
        pairs.put("b", "");
        assertEquals("OK", redis.mset(pairs));
        assertEquals(List.of("1", ""), redis.mget("a", "b"));
        assertEquals(-1, redis.ttl("a"));
        assertReply(Reply.OK, "MSET", "c", "3");
        assertEquals("3", redis.get("c"));
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
        assertEquals(-1, redis.ttl("a"));
    }

    @Test
    void msetnx_oneExists_setsNoneAndReturnsZero() {
        redis.set("b", "old");
        assertReply(integer(0), "MSETNX", "a", "1", "b", "2", "c", "3");
        assertEquals(Arrays.asList(null, "old", null), redis.mget("a", "b", "c"));
        assertFalse(redis.msetnx(Map.of("b", "x")));
    }

    @Test
    void msetnx_repeatedMissingKey_setsLastValue() {
        assertReply(integer(1), "MSETNX", "a", "1", "a", "2");
        assertEquals("2", redis.get("a"));
    }

    @Test
    void msetnx_keyExpiredInThePast_countsAsMissing() {
        redis.set("a", "old", SetArgs.exat(1));
        assertReply(integer(1), "MSETNX", "a", "1");
        assertEquals("1", redis.get("a"));
        assertEquals(-1, redis.ttl("a"));
    }

    @Test
    void msetnx_oddArguments_returnsArityError() {
        assertRefusedUnchanged("ERR wrong number of arguments for 'msetnx' command", "MSETNX", "a", "1", "b");
        assertRefusedUnchanged("ERR wrong number of arguments for 'msetnx' command", "MSETNX", "a");
    }

    // ------------------------------------------------------------------ OBJECT ENCODING

    @Test
    void objectEncoding_followsRedisRules() {
        redis.set("i", "12345");
        redis.set("e", "short");
        redis.set("r", "x".repeat(45));
        assertEquals("int", redis.objectEncoding("i"));
        assertEquals("embstr", redis.objectEncoding("e"));
        assertEquals("raw", redis.objectEncoding("r"));
        assertReply(bulk("int"), "OBJECT", "ENCODING", "i");
        assertNull(redis.objectEncoding("missing"));
        assertReply(Reply.NIL, "OBJECT", "ENCODING", "missing");
    }

    @Test
    void set_integerValues_encodeAsInt() {
        for (String value : List.of("0", "10", "-1", "10000", "9223372036854775807", "-9223372036854775808")) {
            redis.set("k", value);
            assertEquals("int", redis.objectEncoding("k"), value);
        }
    }

    @Test
    void set_nonCanonicalIntegers_encodeAsEmbstr() {
        for (String value : List.of("01", "-0", "+1", " 1", "1 ", "1.0", "0x10", "12345678901234567890",
                "9223372036854775808", "-9223372036854775809", "")) {
            redis.set("k", value);
            assertEquals("embstr", redis.objectEncoding("k"), "'" + value + "'");
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
    void otherSetters_integerValues_encodeAsInt() {
        redis.setnx("a", "1");
        redis.setex("b", 1000, "2");
        redis.getset("c", "3");
        exec("MSET", "d", "4", "e", "x");
        exec("MSETNX", "f", "5");
        exec("PSETEX", "g", "1000000", "6");
        assertEquals(List.of("int", "int", "int", "int", "embstr", "int", "int"),
                List.of(redis.objectEncoding("a"), redis.objectEncoding("b"), redis.objectEncoding("c"),
                        redis.objectEncoding("d"), redis.objectEncoding("e"), redis.objectEncoding("f"),
                        redis.objectEncoding("g")));
    }

    @Test
    void objectEncoding_afterReads_isUnchanged() {
        redis.set("k", "x".repeat(50));
        redis.get("k");
        redis.getrange("k", 0, 1);
        redis.strlen("k");
        assertEquals("raw", redis.objectEncoding("k"));
    }
}
