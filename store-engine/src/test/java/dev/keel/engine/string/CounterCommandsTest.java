package dev.keel.engine.string;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.KeelException;
import dev.keel.SetArgs;
import dev.keel.engine.AbstractCommandTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INCR, DECR, INCRBY and DECRBY. */
class CounterCommandsTest extends AbstractCommandTest {
    private static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    private static final String OVERFLOW = "ERR increment or decrement would overflow";

    @Test
    void incr_missingKey_startsFromZero() {
        assertEquals(1, redis.incr("n"));
        assertEquals("1", redis.get("n"));
        assertEquals(-1, redis.ttl("n"));
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
        assertEquals(-2, redis.decr("n"));
        assertEquals("-2", redis.get("n"));
    }

    @Test
    void incrby_positiveAndNegative_adds() {
        assertEquals(5, redis.incrby("n", 5));
        assertEquals(-3, redis.incrby("n", -8));
        assertReply(integer(-3), "INCRBY", "n", "0");
    }

    @Test
    void decrby_positiveAndNegative_subtracts() {
        redis.set("n", "5");
        assertEquals(2, redis.decrby("n", 3));
        assertEquals(12, redis.decrby("n", -10));
    }

    @Test
    void incr_crossingZeroAndSign_formatsCanonically() {
        redis.set("n", "-1");
        assertEquals(0, redis.incr("n"));
        assertEquals("0", redis.get("n"));
        assertEquals(1, redis.incr("n"));
    }

    @Test
    void incr_keyWithTtl_keepsTtl() {
        redis.set("n", "10", SetArgs.ex(100));
        assertEquals(11, redis.incr("n"));
        assertEquals(100, redis.ttl("n"));
        redis.decrby("n", 4);
        redis.incrby("n", 40);
        assertEquals(100, redis.ttl("n"));
    }

    @Test
    void incr_expiredKey_startsFromZeroWithoutTtl() {
        redis.set("n", "10", SetArgs.px(5));
        clock.advanceMillis(6);
        assertEquals(1, redis.incr("n"));
        assertEquals(-1, redis.ttl("n"));
    }

    @Test
    void incr_result_isIntEncoded() {
        redis.set("n", "9", SetArgs.none());
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
        assertThrowsKeel(NOT_INTEGER, () -> redis.incr("n"));
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
    }

    @Test
    void incr_atLongMax_returnsOverflowAndChangesNothing() {
        redis.set("n", "9223372036854775807");
        assertRefusedUnchanged(OVERFLOW, "INCR", "n");
        assertRefusedUnchanged(OVERFLOW, "INCRBY", "n", "1");
        assertRefusedUnchanged(OVERFLOW, "DECRBY", "n", "-1");
        assertThrowsKeel(OVERFLOW, () -> redis.incr("n"));
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
        assertThrowsKeel("ERR decrement would overflow", () -> redis.decrby("n", Long.MIN_VALUE));
        assertRefusedUnchanged("ERR decrement would overflow", "DECRBY", "missing", "-9223372036854775808");
        assertEquals(1, redis.dbsize());
    }

    @Test
    void incr_typedCallOnBadValue_throwsKeelExceptionWithErrCode() {
        redis.set("n", "abc");
        KeelException e = assertThrowsKeel(NOT_INTEGER, () -> redis.incrby("n", 2));
        assertEquals("ERR", e.code());
        assertEquals(KeelException.class, e.getClass());
        assertEquals("abc", redis.get("n"));
    }

    @Test
    void counters_wrongArity_returnArityErrors() {
        assertError("ERR wrong number of arguments for 'incr' command", "INCR");
        assertError("ERR wrong number of arguments for 'decr' command", "DECR", "a", "b");
        assertError("ERR wrong number of arguments for 'incrby' command", "INCRBY", "a");
        assertError("ERR wrong number of arguments for 'decrby' command", "DECRBY", "a", "1", "2");
    }
}
