package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Reply;
import dev.keel.SetArgs;
import org.junit.jupiter.api.Test;

/** APPEND, STRLEN, GETRANGE, SUBSTR and SETRANGE. */
class StringRangeContractTest extends ContractTest {
    private static final String TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    private static final String OFFSET = "ERR offset is out of range";

    // ------------------------------------------------------------------ APPEND

    @Test
    void append_missingKey_createsAndReturnsLength() {
        assertEquals(5, redis.append("k", "hello"));
        assertEquals("hello", redis.get("k"));
        assertEquals(-1, redis.ttl("k"));
    }

    @Test
    void append_emptySuffixOnMissingKey_createsEmptyString() {
        assertReply(integer(0), "APPEND", "k", "");
        assertEquals(1, redis.exists("k"));
        assertEquals("", redis.get("k"));
        assertEquals("embstr", redis.objectEncoding("k"));
    }

    @Test
    void append_existingKey_appendsAndKeepsTtl() {
        redis.set("k", "abc", SetArgs.pxat(FUTURE_MILLIS));
        assertReply(integer(4), "APPEND", "k", "d");
        assertEquals("abcd", redis.get("k"));
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("k"));
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
        for (int i = 0; i < 200; i++) {
            String part = "part" + i + ";";
            expected.append(part);
            assertEquals(expected.length(), redis.append("k", part));
        }
        assertEquals(expected.toString(), redis.get("k"));
    }

    @Test
    void append_toInteger_appendsDigits() {
        redis.set("k", "12");
        assertEquals(3, redis.append("k", "3"));
        assertEquals(124, redis.incr("k"));
    }

    @Test
    void append_binary_keepsEveryByte() {
        byte[] key = {'b', 0};
        binary.set(key, new byte[] {0, 1});
        assertEquals(4, binary.append(key, new byte[] {(byte) 0xFF, 0}));
        assertArrayEquals(new byte[] {0, 1, (byte) 0xFF, 0}, binary.get(key));
    }

    @Test
    void append_keyExpiredInThePast_startsAfresh() {
        redis.set("k", "old", SetArgs.exat(1));
        assertEquals(3, redis.append("k", "new"));
        assertEquals("new", redis.get("k"));
        assertEquals(-1, redis.ttl("k"));
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

    // ------------------------------------------------------------------ STRLEN

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
        assertReply(integer(4), "STRLEN", "n");
        redis.set("e", "");
        assertEquals(0, redis.strlen("e"));
        redis.set("u", "✓");
        assertEquals(3, redis.strlen("u"));
        binary.set(bytes("b"), new byte[300]);
        assertEquals(300, binary.strlen(bytes("b")));
    }

    // ------------------------------------------------------------------ GETRANGE and SUBSTR

    @Test
    void getrange_missingKey_returnsEmptyString() {
        assertReply(bulk(""), "GETRANGE", "missing", "0", "-1");
        assertEquals("", redis.getrange("missing", 0, 10));
        assertEquals(0, redis.exists("missing"));
    }

    @Test
    void getrange_positiveAndNegativeIndexes_matchRedis() {
        redis.set("s", "Hello");
        assertEquals("Hello", redis.getrange("s", 0, -1));
        assertEquals("Hello", redis.getrange("s", 0, 4));
        assertEquals("llo", redis.getrange("s", -3, -1));
        assertEquals("H", redis.getrange("s", 0, 0));
        assertEquals("o", redis.getrange("s", -1, -1));
        assertEquals("H", redis.getrange("s", 0, -100));
        assertEquals("o", redis.getrange("s", 4, 100));
        assertEquals("Hel", redis.getrange("s", -100, 2));
        assertEquals("Hello", redis.getrange("s", -100, 100));
        assertEquals("", redis.getrange("s", 10, 20));
        assertEquals("", redis.getrange("s", 5, 5));
        assertEquals("", redis.getrange("s", 2, 1));
        assertEquals("", redis.getrange("s", -1, -5));
        assertEquals("ell", redis.getrange("s", 1, -2));
        assertEquals("Hello", redis.getrange("s", 0, Long.MAX_VALUE));
        assertEquals("H", redis.getrange("s", Long.MIN_VALUE, Long.MIN_VALUE));
        assertEquals("Hello", redis.getrange("s", Long.MIN_VALUE, Long.MAX_VALUE));
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
        assertEquals("", redis.getrange("e", 0, 0));
    }

    @Test
    void getrange_integerValue_readsItsDigits() {
        redis.set("n", "12345");
        assertReply(bulk("234"), "GETRANGE", "n", "1", "3");
        redis.incr("n");
        assertReply(bulk("46"), "GETRANGE", "n", "-2", "-1");
    }

    @Test
    void getrange_binaryValue_returnsExactBytes() {
        binary.set(bytes("b"), new byte[] {0, 1, 2, (byte) 0xFF, 0});
        assertArrayEquals(new byte[] {2, (byte) 0xFF}, binary.getrange(bytes("b"), 2, -2));
    }

    @Test
    void getrange_notAnInteger_returnsNotIntegerError() {
        redis.set("s", "Hello");
        assertError(NOT_INTEGER, "GETRANGE", "s", "a", "1");
        assertError(NOT_INTEGER, "GETRANGE", "s", "0", "1.0");
        assertError(NOT_INTEGER, "GETRANGE", "s", "0", "9223372036854775808");
        assertError(NOT_INTEGER, "GETRANGE", "missing", "x", "1");
        assertError(NOT_INTEGER, "GETRANGE", "s", "", "1");
    }

    @Test
    void substr_isGetrange() {
        redis.set("s", "Hello");
        assertReply(bulk("He"), "SUBSTR", "s", "0", "1");
        assertReply(bulk("llo"), "SUBSTR", "s", "-3", "-1");
        assertReply(bulk(""), "SUBSTR", "s", "-1", "-5");
        assertReply(bulk(""), "SUBSTR", "missing", "0", "-1");
        assertError(NOT_INTEGER, "SUBSTR", "s", "a", "1");
    }

    // ------------------------------------------------------------------ SETRANGE

    @Test
    void setrange_missingKeyPastStart_padsWithZeroBytes() {
        assertEquals(5, redis.setrange("m", 3, "ab"));
        assertArrayEquals(new byte[] {0, 0, 0, 'a', 'b'}, binary.get(bytes("m")));
        assertEquals(-1, redis.ttl("m"));
    }

    @Test
    void setrange_existingKey_overwritesAndKeepsTtl() {
        redis.set("k", "Hello World", SetArgs.pxat(FUTURE_MILLIS));
        assertReply(integer(11), "SETRANGE", "k", "6", "Redis");
        assertEquals("Hello Redis", redis.get("k"));
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("k"));
    }

    @Test
    void setrange_overlappingEnd_growsValue() {
        redis.set("k", "Hello");
        assertEquals(7, redis.setrange("k", 3, "p me"));
        assertEquals("Help me", redis.get("k"));
    }

    @Test
    void setrange_pastEnd_padsGapWithZeroBytes() {
        redis.set("k", "abcd");
        assertEquals(6, redis.setrange("k", 5, "z"));
        assertEquals("abcd\0z", redis.get("k"));
    }

    @Test
    void setrange_atStart_overwritesPrefix() {
        redis.set("k", "abcd");
        assertEquals(4, redis.setrange("k", 0, "XY"));
        assertEquals("XYcd", redis.get("k"));
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
        assertRefusedUnchanged(OFFSET, "SETRANGE", "k", "-1", "x");
        assertRefusedUnchanged(OFFSET, "SETRANGE", "k", "-1", "");
        assertRefusedUnchanged(OFFSET, "SETRANGE", "missing", "-1", "x");
        assertThrowsRedis(OFFSET, () -> redis.setrange("k", -1, "x"));
    }

    @Test
    void setrange_notAnInteger_returnsNotIntegerError() {
        assertRefusedUnchanged(NOT_INTEGER, "SETRANGE", "k", "abc", "x");
        assertRefusedUnchanged(NOT_INTEGER, "SETRANGE", "k", "1.5", "x");
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

    @Test
    void setrange_binaryValue_writesExactBytes() {
        binary.set(bytes("b"), new byte[] {1, 2, 3});
        assertEquals(4, binary.setrange(bytes("b"), 2, new byte[] {0, (byte) 0xFF}));
        assertArrayEquals(new byte[] {1, 2, 0, (byte) 0xFF}, binary.get(bytes("b")));
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
        redis.set("e", "short");
        redis.setrange("e", 1, "");
        assertEquals("embstr", redis.objectEncoding("e"));
    }

    @Test
    void setrange_keyExpiredInThePast_startsAfresh() {
        redis.set("k", "old", SetArgs.exat(1));
        assertEquals(3, redis.setrange("k", 1, "ab"));
        assertEquals("\0ab", redis.get("k"));
        assertEquals(-1, redis.ttl("k"));
    }
}
