package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.keel.SetArgs;
import org.junit.jupiter.api.Test;

class StringContractTest extends ContractTest {

    @Test
    void set_thenGet_returnsTheValue() {
        assertEquals("OK", redis.set("k", "v"));
        assertEquals("v", redis.get("k"));
        assertNull(redis.get("missing"));
    }

    @Test
    void set_nxAndXx_obeyTheirConditions() {
        assertNull(redis.set("k", "1", SetArgs.xx()));
        assertEquals("OK", redis.set("k", "1", SetArgs.nx()));
        assertNull(redis.set("k", "2", SetArgs.nx()));
        assertEquals("OK", redis.set("k", "3", SetArgs.xx()));
        assertEquals("3", redis.get("k"));
        assertEquals("3", redis.setGet("k", "4"));
    }

    @Test
    void set_invalidOptions_answerRedisErrors() {
        assertError("ERR syntax error", "SET", "k", "v", "NX", "XX");
        assertError("ERR syntax error", "SET", "k", "v", "EX", "10", "PX", "10");
        assertError("ERR syntax error", "SET", "k", "v", "KEEPTTL", "EX", "10");
        assertError("ERR syntax error", "SET", "k", "v", "EX");
        assertError("ERR value is not an integer or out of range", "SET", "k", "v", "EX", "ten");
        assertError("ERR invalid expire time in 'set' command", "SET", "k", "v", "EX", "0");
        assertError("ERR invalid expire time in 'set' command", "SET", "k", "v", "PX", "-5");
        assertEquals(integer(0), exec("EXISTS", "k"), "a refused SET changes nothing");
    }

    @Test
    void incr_family_countsAndRefusesNonIntegers() {
        assertEquals(1, redis.incr("n"));
        assertEquals(11, redis.incrby("n", 10));
        assertEquals(10, redis.decr("n"));
        assertEquals(-5, redis.decrby("n", 15));
        redis.set("s", "abc");
        assertError("ERR value is not an integer or out of range", "INCR", "s");
        redis.set("big", Long.toString(Long.MAX_VALUE));
        assertError("ERR increment or decrement would overflow", "INCR", "big");
        assertError("ERR decrement would overflow", "DECRBY", "n", "-9223372036854775808");
        for (String notInteger : new String[] {"+1", " 1", "01", "-0", "1.0", ""}) {
            redis.set("odd", notInteger);
            assertError("ERR value is not an integer or out of range", "INCR", "odd");
        }
    }

    @Test
    void incrbyfloat_formatsAsRedisDoes() {
        redis.set("f", "10.50");
        assertEquals(bulk("10.6"), exec("INCRBYFLOAT", "f", "0.1"));
        redis.set("g", "5.0e3");
        assertEquals(bulk("5200"), exec("INCRBYFLOAT", "g", "2.0e2"));
        assertEquals(bulk("0.1"), exec("INCRBYFLOAT", "h", "0.1"));
        assertEquals(bulk("0.3"), exec("INCRBYFLOAT", "h", "0.2"), "extended precision, not 0.30000000000000004");
        assertError("ERR value is not a valid float", "INCRBYFLOAT", "h", "abc");
        assertError("ERR increment would produce NaN or Infinity", "INCRBYFLOAT", "h", "inf");
        assertEquals(bulk("16.3"), exec("INCRBYFLOAT", "h", "0x10"));
    }

    @Test
    void getrangeAndSetrange_handleNegativeAndOutOfRangeIndexes() {
        redis.set("s", "Hello World");
        assertEquals("Hello", redis.getrange("s", 0, 4));
        assertEquals("rld", redis.getrange("s", -3, -1));
        assertEquals("Hello World", redis.getrange("s", 0, -1));
        assertEquals("Hello World", redis.getrange("s", -100, 100));
        assertEquals("", redis.getrange("s", 5, 3));
        assertEquals("", redis.getrange("missing", 0, -1));
        assertEquals(11, redis.setrange("s", 6, "Redis"));
        assertEquals("Hello Redis", redis.get("s"));
        assertEquals(8, redis.setrange("pad", 5, "abc"));
        assertEquals("\0\0\0\0\0abc", redis.get("pad"));
        assertError("ERR offset is out of range", "SETRANGE", "s", "-1", "x");
        assertError("ERR string exceeds maximum allowed size (proto-max-bulk-len)", "SETRANGE", "s", "536870912", "x");
    }

    @Test
    void objectEncoding_followsRedisRules() {
        redis.set("i", "12345");
        redis.set("e", "short");
        redis.set("r", "x".repeat(45));
        assertEquals("int", redis.objectEncoding("i"));
        assertEquals("embstr", redis.objectEncoding("e"));
        assertEquals("raw", redis.objectEncoding("r"));
        redis.append("e", "!");
        assertEquals("raw", redis.objectEncoding("e"));
        assertNull(redis.objectEncoding("missing"));
    }

    @Test
    void unknownCommandAndArity_answerRedisErrors() {
        assertError("ERR unknown command 'foo', with args beginning with: 'a' 'b' ", "foo", "a", "b");
        assertError("ERR wrong number of arguments for 'get' command", "GET");
        assertError("ERR wrong number of arguments for 'mset' command", "MSET", "a", "1", "b");
    }
}
