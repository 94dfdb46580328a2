package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.KeelException;
import dev.keel.Reply;
import dev.keel.SetArgs;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** INCR, DECR, INCRBY, DECRBY and INCRBYFLOAT. */
class CounterContractTest extends ContractTest {
    private static final String OVERFLOW = "ERR increment or decrement would overflow";
    private static final String NOT_FLOAT = "ERR value is not a valid float";
    private static final String NAN_OR_INFINITY = "ERR increment would produce NaN or Infinity";

    // ------------------------------------------------------------------ INCR, DECR, INCRBY, DECRBY

    @Test
    void incr_missingKey_startsFromZero() {
        assertEquals(1, redis.incr("n"));
        assertEquals("1", redis.get("n"));
        assertEquals(-1, redis.ttl("n"));
        assertReply(integer(1), "INCR", "m");
    }

    @Test
    void incr_existingInteger_addsOne() {
        redis.set("n", "10");
        assertEquals(11, redis.incr("n"));
        assertReply(integer(12), "INCR", "n");
        assertEquals("12", redis.get("n"));
    }

    @Test
    void decr_missingKey_startsFromZero() {
        assertEquals(-1, redis.decr("n"));
        assertReply(integer(-2), "DECR", "n");
        assertEquals("-2", redis.get("n"));
    }

    @Test
    void incrby_positiveAndNegative_adds() {
        assertEquals(5, redis.incrby("n", 5));
        assertEquals(-3, redis.incrby("n", -8));
        assertReply(integer(-3), "INCRBY", "n", "0");
        assertReply(integer(0), "INCRBY", "z", "0");
        assertEquals("0", redis.get("z"));
    }

    @Test
    void decrby_positiveAndNegative_subtracts() {
        redis.set("n", "5");
        assertEquals(2, redis.decrby("n", 3));
        assertEquals(12, redis.decrby("n", -10));
        assertReply(integer(-7), "DECRBY", "m", "7");
    }

    @Test
    void incr_crossingZero_formatsCanonically() {
        redis.set("n", "-1");
        assertEquals(0, redis.incr("n"));
        assertEquals("0", redis.get("n"));
        assertEquals(1, redis.incr("n"));
        assertEquals(-1, redis.decrby("n", 2));
        assertEquals("-1", redis.get("n"));
    }

    @Test
    void incr_keyWithTtl_keepsTtl() {
        redis.set("n", "10", SetArgs.pxat(FUTURE_MILLIS));
        assertEquals(11, redis.incr("n"));
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("n"));
        redis.decr("n");
        redis.decrby("n", 4);
        redis.incrby("n", 40);
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("n"));
        assertEquals("46", redis.get("n"));
    }

    @Test
    void incr_keyExpiredInThePast_startsFromZeroWithoutTtl() {
        redis.set("n", "10", SetArgs.exat(1));
        assertEquals(1, redis.incr("n"));
        assertEquals(-1, redis.ttl("n"));
    }

    @Test
    void incr_result_isIntEncoded() {
        redis.set("n", "9");
        redis.append("n", "9");
        assertEquals("raw", redis.objectEncoding("n"));
        assertEquals(100, redis.incr("n"));
        assertEquals("int", redis.objectEncoding("n"));
        redis.set("big", "9223372036854775806");
        redis.incr("big");
        assertEquals("int", redis.objectEncoding("big"));
    }

    @Test
    void incr_nonCanonicalStoredValues_returnNotIntegerAndChangeNothing() {
        for (String value : List.of("+1", " 1", "1 ", "01", "00", "-0", "", "0x10", "1.0", "1e3", "abc",
                "9223372036854775808", "-9223372036854775809", "1\u00002")) {
            redis.set("n", value);
            assertRefusedUnchanged(NOT_INTEGER, "INCR", "n");
            assertRefusedUnchanged(NOT_INTEGER, "DECR", "n");
            assertRefusedUnchanged(NOT_INTEGER, "INCRBY", "n", "1");
            assertRefusedUnchanged(NOT_INTEGER, "DECRBY", "n", "1");
        }
        assertThrowsRedis(NOT_INTEGER, () -> redis.incr("n"));
    }

    @Test
    void incrby_nonCanonicalIncrement_returnsNotInteger() {
        redis.set("n", "5");
        for (String increment : List.of("+1", " 1", "01", "-0", "", "abc", "1.5", "9223372036854775808")) {
            assertRefusedUnchanged(NOT_INTEGER, "INCRBY", "n", increment);
            assertRefusedUnchanged(NOT_INTEGER, "DECRBY", "n", increment);
        }
    }

    @Test
    void incrby_badIncrementOnMissingKey_createsNothing() {
        assertRefusedUnchanged(NOT_INTEGER, "INCRBY", "missing", "abc");
        assertRefusedUnchanged(NOT_INTEGER, "DECRBY", "missing", "1.0");
        assertEquals(0, redis.dbsize());
    }

    @Test
    void incrby_extremes_reachLongBounds() {
        redis.set("n", "-9223372036854775808");
        assertEquals(-9223372036854775807L, redis.incr("n"));
        redis.set("n", "5");
        assertEquals(-9223372036854775803L, redis.incrby("n", Long.MIN_VALUE));
        assertEquals(4, redis.incrby("n", Long.MAX_VALUE));
        redis.set("n", "0");
        assertEquals(Long.MAX_VALUE, redis.incrby("n", Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, redis.incrby("m", Long.MAX_VALUE));
        assertEquals(Long.MIN_VALUE, redis.incrby("o", Long.MIN_VALUE));
    }

    @Test
    void incr_atLongMax_returnsOverflowAndChangesNothing() {
        redis.set("n", "9223372036854775807");
        assertRefusedUnchanged(OVERFLOW, "INCR", "n");
        assertRefusedUnchanged(OVERFLOW, "INCRBY", "n", "1");
        assertRefusedUnchanged(OVERFLOW, "DECRBY", "n", "-1");
        assertThrowsRedis(OVERFLOW, () -> redis.incr("n"));
        assertEquals("9223372036854775807", redis.get("n"));
    }

    @Test
    void decr_atLongMin_returnsOverflowAndChangesNothing() {
        redis.set("n", "-9223372036854775808");
        assertRefusedUnchanged(OVERFLOW, "DECR", "n");
        assertRefusedUnchanged(OVERFLOW, "DECRBY", "n", "1");
        assertRefusedUnchanged(OVERFLOW, "INCRBY", "n", "-1");
    }

    @Test
    void incrby_largeBothWays_returnsOverflow() {
        redis.set("n", "10");
        assertRefusedUnchanged(OVERFLOW, "INCRBY", "n", "9223372036854775800");
        redis.set("n", "-10");
        assertRefusedUnchanged(OVERFLOW, "INCRBY", "n", "-9223372036854775800");
    }

    @Test
    void decrby_longMin_returnsDecrementWouldOverflow() {
        redis.set("n", "5");
        assertRefusedUnchanged("ERR decrement would overflow", "DECRBY", "n", "-9223372036854775808");
        assertThrowsRedis("ERR decrement would overflow", () -> redis.decrby("n", Long.MIN_VALUE));
        assertRefusedUnchanged("ERR decrement would overflow", "DECRBY", "missing", "-9223372036854775808");
        assertEquals(1, redis.dbsize());
    }

    @Test
    void incr_typedCallOnBadValue_throwsKeelExceptionWithErrCode() {
        redis.set("n", "abc");
        KeelException e = assertThrows(KeelException.class, () -> redis.incrby("n", 2));
        assertEquals(NOT_INTEGER, e.getMessage());
        assertEquals("ERR", e.code());
        assertEquals(KeelException.class, e.getClass());
        assertEquals("abc", redis.get("n"));
    }

    @Test
    void incr_binaryKey_countsThatKey() {
        byte[] key = {'c', 0, (byte) 0xFF};
        store.execute(bytes("INCR"), key);
        assertEquals(Reply.integer(2), store.execute(bytes("INCR"), key));
        assertEquals(0, redis.exists("c"));
    }

    // ------------------------------------------------------------------ INCRBYFLOAT

    @Test
    void incrbyfloat_missingKey_startsFromZero() {
        assertEquals("1.5", redis.incrbyfloat("f", "1.5"));
        assertEquals("1.5", redis.get("f"));
        assertEquals(-1, redis.ttl("f"));
        assertReply(bulk("-0.25"), "INCRBYFLOAT", "g", "-0.25");
    }

    @Test
    void incrbyfloat_tenPointFivePlusPointOne_returnsTenPointSix() {
        redis.set("f", "10.50");
        assertReply(bulk("10.6"), "INCRBYFLOAT", "f", "0.1");
        assertEquals("10.6", redis.get("f"));
    }

    @Test
    void incrbyfloat_doubleOverload_returnsParsedValue() {
        redis.set("f", "1");
        assertEquals(3.5, redis.incrbyfloat("f", 2.5));
        assertEquals(1.0, redis.incrbyfloat("f", -2.5));
        assertEquals("1", redis.get("f"));
    }

    @Test
    void incrbyfloat_keyWithTtl_keepsTtl() {
        redis.set("f", "10", SetArgs.pxat(FUTURE_MILLIS));
        redis.incrbyfloat("f", "1");
        assertEquals("11", redis.get("f"));
        assertEquals(FUTURE_MILLIS, redis.pexpiretime("f"));
    }

    @Test
    void incrbyfloat_integerCounter_isUsableByIncrAfterwards() {
        redis.set("f", "10");
        redis.incrbyfloat("f", "5");
        assertEquals(16, redis.incr("f"));
        redis.incrbyfloat("f", "0.5");
        assertError(NOT_INTEGER, "INCR", "f");
    }

    @Test
    void incrbyfloat_result_isEmbstrEvenWhenIntegral() {
        redis.set("f", "10");
        assertEquals("int", redis.objectEncoding("f"));
        redis.incrbyfloat("f", "1");
        assertEquals("embstr", redis.objectEncoding("f"));
        redis.set("g", "1");
        redis.incrbyfloat("g", "1e25");
        assertEquals("10000000000000000000000000", redis.get("g"));
        assertEquals("embstr", redis.objectEncoding("g"));
    }

    @Test
    void incrbyfloat_resultLongerThan44Bytes_isRaw() {
        redis.incrbyfloat("f", "1e50");
        assertEquals("raw", redis.objectEncoding("f"));
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10.5 | 0.1 | 10.6
            0.1 | 0.2 | 0.3
            0.3 | 0.1 | 0.4
            1 | -1 | 0
            -0 | 0 | 0
            1 | -1.0000000000000000001 | 0
            5.0e3 | 2.0e2 | 5200
            17179869184 | 1.5 | 17179869185.5
            0x10 | 1 | 17
            1 | 0x1p-2 | 1.25
            1 | +1 | 2
            1 | .5 | 1.5
            1 | 5. | 6
            0 | -.5e1 | -5
            0 | 1.5e-05 | 0.000015
            0 | 1.23456789012345678 | 1.23456789012345678
            1 | 0.123456789012345678901234567 | 1.12345678901234568
            0 | 1e-17 | 0.00000000000000001
            0 | 5e-18 | 0
            0 | 123456789012345678901234567890 | 123456789012345678899921813504
            409.307 | -612 | -202.693
            -299.64322 | 633e-1 | -236.34321999999999998
            835e29 | -7.956e+16 | 83499999999999920437243206959104
            -8.700e+16 | 0.9861918789332682 | -86999999999999999.015625
            7e-2996 | -8.201e+25 | -82009999999999999995805696
            1 | 1e0000000001 | 11
            0 | 00000000001e-0000000000001 | 0.1
            """)
    void incrbyfloat_sums_matchRedisExtendedPrecision(String initial, String increment, String expected) {
        redis.set("f", initial);
        assertReply(bulk(expected), "INCRBYFLOAT", "f", increment);
        assertEquals(expected, redis.get("f"));
    }

    @Test
    void incrbyfloat_1e400_printsEveryIntegerDigit() {
        Reply reply = exec("INCRBYFLOAT", "f", "1e400");
        String text = ((Reply.Bulk) reply).utf8();
        assertEquals(401, text.length());
        assertTrue(text.startsWith("1000000000000000000028188068394758651458"), text);
        assertEquals(bulk(text), exec("INCRBYFLOAT", "f", "0"));
        assertEquals("raw", redis.objectEncoding("f"));
    }

    @ParameterizedTest
    @ValueSource(strings = {" 1", "1 ", ".", "1e", "e5", "nan", "-nan", "abc", "", "1_000", "0x", "1e5000",
            "1e-5000", "+", "-", "--1", "1,5", "1.5.5"})
    void incrbyfloat_invalidIncrement_returnsNotFloatAndChangesNothing(String increment) {
        redis.set("f", "1");
        assertRefusedUnchanged(NOT_FLOAT, "INCRBYFLOAT", "f", increment);
        assertRefusedUnchanged(NOT_FLOAT, "INCRBYFLOAT", "missing", increment);
        assertEquals(1, redis.dbsize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", " 1", "1 ", "nan", "1e5000", "1\u00002"})
    void incrbyfloat_invalidStoredValue_returnsNotFloatAndChangesNothing(String stored) {
        redis.set("f", stored);
        assertRefusedUnchanged(NOT_FLOAT, "INCRBYFLOAT", "f", "1");
        assertThrowsRedis(NOT_FLOAT, () -> redis.incrbyfloat("f", "1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inf", "-inf", "infinity", "INF", "+Inf", "-INFINITY"})
    void incrbyfloat_infiniteIncrement_returnsNanOrInfinityError(String increment) {
        redis.set("f", "1");
        assertRefusedUnchanged(NAN_OR_INFINITY, "INCRBYFLOAT", "f", increment);
        assertRefusedUnchanged(NAN_OR_INFINITY, "INCRBYFLOAT", "missing", increment);
    }

    @Test
    void incrbyfloat_infiniteStoredValue_returnsNanOrInfinityError() {
        redis.set("f", "inf");
        assertRefusedUnchanged(NAN_OR_INFINITY, "INCRBYFLOAT", "f", "1");
        assertRefusedUnchanged(NAN_OR_INFINITY, "INCRBYFLOAT", "f", "-inf");
    }

    @Test
    void incrbyfloat_sumOverflows_returnsNanOrInfinityError() {
        redis.set("f", "1.1e4932");
        assertRefusedUnchanged(NAN_OR_INFINITY, "INCRBYFLOAT", "f", "1.1e4932");
        assertEquals("1.1e4932", redis.get("f"));
    }

    @Test
    void incrbyfloat_5119Characters_isAcceptedAnd5120Refused() {
        String accepted = "0".repeat(5118) + "1";
        String refused = "0".repeat(5119) + "1";
        assertReply(bulk("1"), "INCRBYFLOAT", "f", accepted);
        redis.set("f", accepted);
        assertReply(bulk("2"), "INCRBYFLOAT", "f", "1");
        assertRefusedUnchanged(NOT_FLOAT, "INCRBYFLOAT", "f", refused);
        redis.set("f", refused);
        assertRefusedUnchanged(NOT_FLOAT, "INCRBYFLOAT", "f", "1");
    }
}
