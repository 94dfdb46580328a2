package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HINCRBY and HINCRBYFLOAT. Their errors differ from INCRBY's and INCRBYFLOAT's: a stored value
 * that is not a number is "hash value is not an integer/float", and an infinite increment is
 * "value is NaN or Infinity" (INCRBYFLOAT says "increment would produce NaN or Infinity").
 */
class HashCounterContractTest extends HashAndSetContractBase {
    private static final String OVERFLOW = "ERR increment or decrement would overflow";
    private static final String HASH_NOT_INTEGER = "ERR hash value is not an integer";
    private static final String HASH_NOT_FLOAT = "ERR hash value is not a float";
    private static final String NOT_FLOAT = "ERR value is not a valid float";
    private static final String INCREMENT_NAN_OR_INFINITY = "ERR value is NaN or Infinity";
    private static final String RESULT_NAN_OR_INFINITY = "ERR increment would produce NaN or Infinity";

    // ------------------------------------------------------------------ HINCRBY

    @Test
    void hincrby_missingKeyOrField_startsFromZero() {
        assertReply(integer(5), "HINCRBY", "h", "n", "5");
        assertReply(integer(-3), "HINCRBY", "h", "m", "-3");
        assertHash("h", "n", "5", "m", "-3");
        assertReply(integer(-1), "TTL", "h");
    }

    @Test
    void hincrby_existingCounter_addsAndStoresTheDecimalText() {
        hset("h", "n", "10", "other", "x");
        assertReply(integer(15), "HINCRBY", "h", "n", "5");
        assertReply(integer(-85), "HINCRBY", "h", "n", "-100");
        assertReply(integer(-85), "HINCRBY", "h", "n", "0");
        assertReply(bulk("-85"), "HGET", "h", "n");
        assertReply(integer(3), "HSTRLEN", "h", "n");
        assertHash("h", "n", "-85", "other", "x");
    }

    @Test
    void hincrby_keyWithExpiry_keepsTheKeyExpiry() {
        hset("h", "n", "1");
        exec("PEXPIREAT", "h", Long.toString(FUTURE_MILLIS));
        assertReply(integer(2), "HINCRBY", "h", "n", "1");
        assertReply(integer(FUTURE_MILLIS), "PEXPIRETIME", "h");
    }

    @Test
    void hincrby_toTheLimits_isExactAndOneMoreOverflows() {
        assertReply(integer(Long.MAX_VALUE), "HINCRBY", "h", "max", "9223372036854775807");
        assertRefusedUnchanged(OVERFLOW, "HINCRBY", "h", "max", "1");
        assertReply(integer(Long.MIN_VALUE), "HINCRBY", "h", "min", "-9223372036854775808");
        assertRefusedUnchanged(OVERFLOW, "HINCRBY", "h", "min", "-1");
        assertReply(integer(Long.MIN_VALUE), "HINCRBY", "h", "min", "0");
        assertReply(integer(-1), "HINCRBY", "h", "max", "-9223372036854775808");
        assertHash("h", "max", "-1", "min", "-9223372036854775808");
    }

    @Test
    void hincrby_sumPastLongRange_overflowsAndChangesNothing() {
        hset("h", "n", "9223372036854775800");
        assertRefusedUnchanged(OVERFLOW, "HINCRBY", "h", "n", "8");
        assertReply(integer(Long.MAX_VALUE), "HINCRBY", "h", "n", "7");
        hset("h", "m", "-9223372036854775800");
        assertRefusedUnchanged(OVERFLOW, "HINCRBY", "h", "m", "-9");
        assertReply(bulk("-9223372036854775800"), "HGET", "h", "m");
    }

    @ParameterizedTest(name = "stored \"{0}\"")
    @ValueSource(strings = {"hello", "", " 1", "1 ", "+5", "05", "1.5", "1e3", "9223372036854775808", "-9223372036854775809", "0x10"})
    void hincrby_storedValueNotAnInteger_returnsHashValueNotIntegerAndChangesNothing(String stored) {
        hset("h", "f", stored);
        assertRefusedUnchanged(HASH_NOT_INTEGER, "HINCRBY", "h", "f", "1");
        assertReply(bulk(stored), "HGET", "h", "f");
    }

    @ParameterizedTest(name = "increment \"{0}\"")
    @ValueSource(strings = {"abc", "", "1.5", " 1", "9223372036854775808", "-9223372036854775809", "1e3", "+"})
    void hincrby_incrementNotAnInteger_returnsNotIntegerAndCreatesNothing(String increment) {
        hset("h", "f", "1");
        assertRefusedUnchanged(NOT_INTEGER, "HINCRBY", "h", "f", increment);
        assertRefusedUnchanged(NOT_INTEGER, "HINCRBY", "h", "new", increment);
        assertRefusedUnchanged(NOT_INTEGER, "HINCRBY", "missing", "f", increment);
        assertNoKey("missing");
    }

    @Test
    void hincrby_wrongNumberOfArguments_changesNothing() {
        assertRefusedUnchanged(wrongArity("hincrby"), "HINCRBY", "h", "f");
        assertRefusedUnchanged(wrongArity("hincrby"), "HINCRBY", "h", "f", "1", "2");
        assertNoKey("h");
    }

    @Test
    void hincrby_resultOfHincrbyfloat_isUsableWhenIntegral() {
        assertReply(bulk("15"), "HINCRBYFLOAT", "h", "f", "15");
        assertReply(integer(16), "HINCRBY", "h", "f", "1");
        assertReply(bulk("16.5"), "HINCRBYFLOAT", "h", "f", "0.5");
        assertRefusedUnchanged(HASH_NOT_INTEGER, "HINCRBY", "h", "f", "1");
    }

    // ------------------------------------------------------------------ HINCRBYFLOAT

    @Test
    void hincrbyfloat_missingKeyOrField_startsFromZero() {
        assertReply(bulk("2.5"), "HINCRBYFLOAT", "h", "f", "2.5");
        assertReply(bulk("-0.25"), "HINCRBYFLOAT", "h", "g", "-0.25");
        assertHash("h", "f", "2.5", "g", "-0.25");
        assertReply(integer(-1), "TTL", "h");
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10.50 | 0.1 | 10.6
            10 | 0.1 | 10.1
            10.1 | -0.1 | 10
            0.1 | 0.2 | 0.3
            1.5 | -1.5 | 0
            -1 | -0.5 | -1.5
            -0 | 0 | 0
            1 | -1.0000000000000000001 | 0
            10 | 0.000000000000000001 | 10
            3 | 1e-20 | 3
            5.0e3 | 2.0e2 | 5200
            5003 | 0x10 | 5019
            10 | 1e25 | 10000000000000000000000000
            05 | 1 | 6
            1e60 | 0 | 999999999999999999999373423426722168652130621984886772203520
            """)
    void hincrbyfloat_sums_matchRedisExtendedPrecision(String stored, String increment, String expected) {
        hset("h", "f", stored);
        assertReply(bulk(expected), "HINCRBYFLOAT", "h", "f", increment);
        assertReply(bulk(expected), "HGET", "h", "f");
    }

    @Test
    void hincrbyfloat_1e400_printsEveryIntegerDigit() {
        Reply reply = exec("HINCRBYFLOAT", "h", "f", "1e400");
        String text = assertInstanceOf(Reply.Bulk.class, reply, () -> "HINCRBYFLOAT h f 1e400 answered " + reply).utf8();
        assertEquals(401, text.length());
        assertTrue(text.startsWith("1000000000000000000028188068394758651458"), text);
        assertReply(bulk(text), "HINCRBYFLOAT", "h", "f", "0");
        assertReply(bulk(text), "HGET", "h", "f");
        assertReply(bulk("hashtable"), "OBJECT", "ENCODING", "h");
    }

    @Test
    void hincrbyfloat_keyWithExpiry_keepsTheKeyExpiry() {
        hset("h", "f", "1");
        exec("PEXPIREAT", "h", Long.toString(FUTURE_MILLIS));
        assertReply(bulk("1.5"), "HINCRBYFLOAT", "h", "f", "0.5");
        assertReply(integer(FUTURE_MILLIS), "PEXPIRETIME", "h");
    }

    @ParameterizedTest(name = "increment \"{0}\"")
    @ValueSource(strings = {"abc", "", " 1", "1 ", ".", "1e", "e5", "nan", "-nan", "1e5000", "1,5", "--1"})
    void hincrbyfloat_incrementNotAFloat_returnsNotValidFloatAndCreatesNothing(String increment) {
        hset("h", "f", "1");
        assertRefusedUnchanged(NOT_FLOAT, "HINCRBYFLOAT", "h", "f", increment);
        assertRefusedUnchanged(NOT_FLOAT, "HINCRBYFLOAT", "missing", "f", increment);
        assertNoKey("missing");
    }

    @ParameterizedTest(name = "increment \"{0}\"")
    @ValueSource(strings = {"inf", "-inf", "+inf", "infinity", "INF", "-Infinity"})
    void hincrbyfloat_infiniteIncrement_returnsValueIsNanOrInfinity(String increment) {
        hset("h", "f", "1");
        assertRefusedUnchanged(INCREMENT_NAN_OR_INFINITY, "HINCRBYFLOAT", "h", "f", increment);
        assertRefusedUnchanged(INCREMENT_NAN_OR_INFINITY, "HINCRBYFLOAT", "missing", "f", increment);
    }

    @ParameterizedTest(name = "stored \"{0}\"")
    @ValueSource(strings = {"abc", "", " 1", "1 ", "nan", "1e5000", "1.5.5"})
    void hincrbyfloat_storedValueNotAFloat_returnsHashValueNotFloatAndChangesNothing(String stored) {
        hset("h", "f", stored);
        assertRefusedUnchanged(HASH_NOT_FLOAT, "HINCRBYFLOAT", "h", "f", "1");
        assertReply(bulk(stored), "HGET", "h", "f");
    }

    @Test
    void hincrbyfloat_storedValueOf5120Characters_isNotAFloat() {
        hset("h", "ok", "0".repeat(5118) + "1", "long", "0".repeat(5119) + "1");
        assertReply(bulk("2"), "HINCRBYFLOAT", "h", "ok", "1");
        assertRefusedUnchanged(HASH_NOT_FLOAT, "HINCRBYFLOAT", "h", "long", "1");
    }

    @Test
    void hincrbyfloat_infiniteStoredValueOrSum_returnsIncrementWouldProduceNanOrInfinity() {
        hset("h", "inf", "inf", "big", "1.1e4932");
        assertRefusedUnchanged(RESULT_NAN_OR_INFINITY, "HINCRBYFLOAT", "h", "inf", "1");
        assertRefusedUnchanged(RESULT_NAN_OR_INFINITY, "HINCRBYFLOAT", "h", "big", "1.1e4932");
        assertHash("h", "inf", "inf", "big", "1.1e4932");
    }

    @Test
    void hincrbyfloat_wrongNumberOfArguments_changesNothing() {
        assertRefusedUnchanged(wrongArity("hincrbyfloat"), "HINCRBYFLOAT", "h", "f");
        assertRefusedUnchanged(wrongArity("hincrbyfloat"), "HINCRBYFLOAT", "h", "f", "1", "2");
        assertNoKey("h");
    }
}
