package dev.keel.engine.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Reply;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The encodings of a hash and their conversions: packed (listpack) while it holds at most
 * {@code hashMaxPackedEntries} fields and nothing longer than {@code hashMaxPackedValue}; a hash
 * table past either limit; back to packed only after a removal leaves at most half the entries
 * and nothing too long (hysteresis). Contents survive every conversion.
 */
class HashEncodingTest extends AbstractFieldMapTest {

    private int maxEntries() {
        return thresholds.hashMaxPackedEntries();
    }

    private int maxValue() {
        return thresholds.hashMaxPackedValue();
    }

    @Test
    void objectEncoding_smallHash_isListpackUnlessScalableAlways() {
        hset("k", "a", "1", "b", "2");
        assertEquals(packedHash(), encoding("k"));
        assertEquals(packedHash(), redis.objectEncoding("k"));
    }

    @Test
    void hset_pastMaxEntries_convertsToHashtableAndBackOnlyAtHalf() {
        int max = Math.max(maxEntries(), 8);
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < max; i++) {
            hset("k", "f" + i, "v" + i);
            expected.put("f" + i, "v" + i);
            assertEquals(i < maxEntries() ? "listpack" : "hashtable", encoding("k"), "after " + (i + 1) + " fields");
        }
        hset("k", "f" + max, "v" + max);
        expected.put("f" + max, "v" + max);
        assertEquals("hashtable", encoding("k"));
        assertHash("k", expected);
        for (int size = max + 1; size > 1; size--) {
            assertEquals(integer(1), exec("HDEL", "k", "f" + (size - 1)));
            expected.remove("f" + (size - 1));
            boolean packedAgain = size - 1 <= maxEntries() / 2;
            assertEquals(packedAgain ? "listpack" : "hashtable", encoding("k"), "after shrinking to " + (size - 1));
            if (size - 1 == maxEntries() / 2 + 1 || size - 1 == maxEntries() / 2) {
                assertHash("k", expected);
            }
        }
        assertHash("k", expected);
        // Packed again, it stays packed up to the limit, not just up to half.
        for (int i = 1; i < maxEntries(); i++) {
            hset("k", "g" + i, "w");
            assertEquals("listpack", encoding("k"));
        }
    }

    @Test
    void hset_atTheValueLimit_staysPackedAndOneByteMoreConverts() {
        String limit = "x".repeat(Math.max(maxValue(), 1));
        hset("k", "f", limit);
        assertEquals(packedHash(), encoding("k"));
        hset("k", "f", limit + "y");
        assertEquals("hashtable", encoding("k"));
        assertHash("k", Map.of("f", limit + "y"));

        hset("j", "x".repeat(Math.max(maxValue(), 1)), "v");
        assertEquals(packedHash(), encoding("j"));
        hset("j", "x".repeat(maxValue() + 1), "v");
        assertEquals("hashtable", encoding("j"));
    }

    @Test
    void hset_shortValueAgain_staysHashtableUntilARemoval() {
        hset("k", "keep", "1", "other", "2");
        hset("k", "big", "B".repeat(maxValue() + 1));
        assertEquals("hashtable", encoding("k"));
        hset("k", "big", "small");
        assertEquals("hashtable", encoding("k"), "no conversion without a removal");
        assertEquals(integer(1), exec("HDEL", "k", "other"));
        assertEquals(maxEntries() >= 4 ? "listpack" : "hashtable", encoding("k"));
        assertHash("k", Map.of("keep", "1", "big", "small"));
    }

    @Test
    void hdel_ofTheTooLongField_convertsBackOnlyIfNothingElseIsTooLong() {
        String longValue = "L".repeat(maxValue() + 1);
        hset("k", "a", longValue, "b", longValue, "c", "short");
        assertEquals("hashtable", encoding("k"));
        exec("HDEL", "k", "a");
        assertEquals("hashtable", encoding("k"), "b is still too long");
        exec("HDEL", "k", "b");
        assertEquals(packedHash(), encoding("k"));
        assertHash("k", Map.of("c", "short"));
    }

    /** Every way a field can leave a hash settles the encoding, as HDEL does. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HDEL k f0", "HGETDEL k FIELDS 1 f0", "KEEL.HCAD k f0 v0", "HEXPIRE k 0 FIELDS 1 f0",
        "HPEXPIREAT k 1 FIELDS 1 f0", "HGETEX k PXAT 1 FIELDS 1 f0", "HSETEX k PXAT 1 FIELDS 1 f0 x"})
    void removal_anyWay_convertsBackToPackedAtHalf(String remover) {
        int half = maxEntries() / 2;
        int fields = Math.max(maxEntries(), 2) + 1;
        hset("k", numberedFields("f", fields));
        assertEquals("hashtable", encoding("k"));
        for (int i = fields - 1; i > half; i--) {
            exec("HDEL", "k", "f" + i);
        }
        if (half > 0) {
            assertEquals("hashtable", encoding("k"), "one more than half");
        }
        Reply reply = exec(remover.split(" "));
        assertEquals(false, reply instanceof Reply.Error, () -> remover + " answered " + reply);
        assertEquals(integer(0), exec("HEXISTS", "k", "f0"));
        Map<String, String> expected = numberedFields("f", half + 1);
        expected.remove("f0");
        if (expected.isEmpty()) {
            assertNoKey("k");
            return;
        }
        assertEquals(packedHash(), encoding("k"));
        assertHash("k", expected);
    }

    @Test
    void lazyExpiryOfFields_convertsBackToPackedAtHalf() {
        int fields = Math.max(maxEntries(), 2) + 1;
        hset("k", numberedFields("f", fields));
        int keep = Math.max(1, maxEntries() / 2);
        for (int i = keep; i < fields; i++) {
            assertEquals(array(1L), exec("HPEXPIRE", "k", "100", "FIELDS", "1", "f" + i));
        }
        assertEquals("hashtable", encoding("k"));
        clock.advanceMillis(101);
        assertEquals(integer(keep), exec("HLEN", "k"));
        assertEquals(packedHash(), encoding("k"), "no field left has a time to live");
        assertHash("k", numberedFields("f", keep));
    }

    @Test
    void hincrby_pastTheValueLimit_convertsAndKeepsCounting() {
        hset("k", "n", "1");
        long value = 1;
        long step = 7_654_321;
        for (int i = 0; i < 30; i++) {
            value += step;
            assertEquals(integer(value), exec("HINCRBY", "k", "n", Long.toString(step)));
            boolean tooLong = Long.toString(value).length() > maxValue();
            if (tooLong) {
                assertEquals("hashtable", encoding("k"), "value " + value);
            }
        }
        assertHash("k", Map.of("n", Long.toString(value)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HSETNX k new LONG", "KEEL.HGETSET k a LONG", "KEEL.HREPLACE k a LONG", "KEEL.HCAS k a 1 LONG",
        "HSETEX k FIELDS 1 a LONG", "HMSET k a LONG"})
    void everyWriter_pastTheValueLimit_converts(String line) {
        hset("k", "a", "1");
        String longValue = "9".repeat(Math.max(maxValue(), 17) + 1);
        String[] argv = line.replace("LONG", longValue).split(" ");
        Reply reply = exec(argv);
        assertEquals(false, reply instanceof Reply.Error, () -> line + " answered " + reply);
        assertEquals("hashtable", encoding("k"), line);
    }

    @Test
    void hsetnx_andKeelWriters_pastMaxEntries_convert() {
        int full = Math.max(maxEntries(), 1);
        hset("k", numberedFields("f", full));
        assertEquals(packedHash(), encoding("k"));
        assertEquals(integer(1), exec("HSETNX", "k", "extra", "x"));
        assertEquals("hashtable", encoding("k"));
        exec("DEL", "k");
        hset("k", numberedFields("f", full));
        assertEquals(Reply.NIL, exec("KEEL.HGETSET", "k", "extra", "x"));
        assertEquals("hashtable", encoding("k"));
    }

    @Test
    void conversions_bothWays_keepEveryFieldAndValue() {
        Random random = new Random(42);
        Map<String, String> expected = new HashMap<>();
        int limit = Math.max(maxEntries(), 8) * 2;
        for (int round = 0; round < 6; round++) {
            while (expected.size() < limit) {
                String field = "f" + random.nextInt(limit * 4);
                String value = random.nextInt(10) == 0 ? "v".repeat(maxValue() + 1) : "v" + random.nextInt(100);
                hset("k", field, value);
                expected.put(field, value);
            }
            assertEquals("hashtable", encoding("k"));
            assertHash("k", expected);
            for (String field : expected.keySet().toArray(new String[0])) {
                if (expected.size() <= 1) {
                    break;
                }
                if (expected.get(field).length() > maxValue() || random.nextInt(4) != 0) {
                    exec("HDEL", "k", field);
                    expected.remove(field);
                }
            }
            assertHash("k", expected);
        }
    }

    @Test
    void emptyField_andEmptyValue_arePackedAndSurviveConversion() {
        hset("k", "", "", "a", "");
        assertEquals(packedHash(), encoding("k"));
        Map<String, String> expected = new HashMap<>(Map.of("", "", "a", ""));
        expected.putAll(numberedFields("f", Math.max(maxEntries(), 2)));
        hset("k", numberedFields("f", Math.max(maxEntries(), 2)));
        assertEquals("hashtable", encoding("k"));
        assertHash("k", expected);
        assertEquals(bulk(""), exec("HGET", "k", ""));
        assertEquals(integer(0), exec("HSTRLEN", "k", "a"));
    }
}
