package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HRANDFIELD and HSCAN. Random replies are checked by their shape, their size and membership,
 * never by which fields they hold; HSCAN's cursors and page boundaries are each server's own
 * business, so only full iterations are compared. Most tests run on a small hash and on one of
 * 1000 fields, past the packed encoding on the default target.
 *
 * <p>No test sends a huge negative count that Redis accepts: Redis would build a reply of that
 * many fields.
 */
class HashRandomAndScanContractTest extends HashAndSetContractBase {
    private static final String INVALID_CURSOR = "ERR invalid cursor";

    // ------------------------------------------------------------------ HRANDFIELD

    @ParameterizedTest(name = "{0} fields")
    @ValueSource(ints = {3, 1000})
    void hrandfield_noCount_returnsOneOfTheFieldsAndChangesNothing(int size) {
        Map<String, String> hash = numberedHash(size);
        hset("h", hash);
        for (int i = 0; i < 20; i++) {
            Reply reply = exec("HRANDFIELD", "h");
            String field = assertInstanceOf(Reply.Bulk.class, reply).utf8();
            assertTrue(hash.containsKey(field), field);
        }
        assertHash("h", hash);
    }

    @Test
    void hrandfield_missingKey_nilWithoutCountAndEmptyArrayWithOne() {
        assertReply(Reply.NIL, "HRANDFIELD", "missing");
        assertReply(emptyArray(), "HRANDFIELD", "missing", "3");
        assertReply(emptyArray(), "HRANDFIELD", "missing", "-3");
        assertReply(emptyArray(), "HRANDFIELD", "missing", "0");
        assertReply(emptyArray(), "HRANDFIELD", "missing", "-3", "WITHVALUES");
        assertNoKey("missing");
    }

    @Test
    void hrandfield_countZero_returnsEmptyArray() {
        hset("h", "a", "1", "b", "2");
        assertReplyUnchanged(emptyArray(), "HRANDFIELD", "h", "0");
        assertReplyUnchanged(emptyArray(), "HRANDFIELD", "h", "0", "WITHVALUES");
    }

    @ParameterizedTest(name = "{0} fields, count {1}")
    @CsvSource({"5, 1", "5, 3", "5, 4", "1000, 1", "1000, 10", "1000, 400", "1000, 999"})
    void hrandfield_positiveCountBelowTheSize_returnsThatManyDistinctFields(int size, int count) {
        Map<String, String> hash = numberedHash(size);
        hset("h", hash);
        List<String> fields = strings(exec("HRANDFIELD", "h", Integer.toString(count)));
        assertEquals(count, fields.size(), fields::toString);
        assertEquals(count, new TreeSet<>(fields).size(), () -> "repeated fields in " + fields);
        assertTrue(hash.keySet().containsAll(fields), fields::toString);
        assertHash("h", hash);
    }

    @ParameterizedTest(name = "{0} fields, count {1}")
    @CsvSource({"5, 5", "5, 6", "5, 1000", "1000, 1000", "1000, 5000"})
    void hrandfield_positiveCountFromTheSize_returnsEveryFieldOnce(int size, int count) {
        Map<String, String> hash = numberedHash(size);
        hset("h", hash);
        assertUnordered(hash.keySet(), "HRANDFIELD", "h", Integer.toString(count));
        assertPairs(hash, "HRANDFIELD", "h", Integer.toString(count), "WITHVALUES");
    }

    @Test
    void hrandfield_hugePositiveCount_returnsEveryFieldOnce() {
        hset("h", "a", "1", "b", "2", "c", "3");
        assertUnordered(List.of("a", "b", "c"), "HRANDFIELD", "h", "9223372036854775807");
        assertPairs(map("a", "1", "b", "2", "c", "3"), "HRANDFIELD", "h", "4611686018427387903", "WITHVALUES");
    }

    @ParameterizedTest(name = "{0} fields, count -{1}")
    @CsvSource({"1, 5", "3, 1", "3, 20", "1000, 10", "1000, 2500"})
    void hrandfield_negativeCount_returnsExactlyThatManyFieldsMaybeRepeated(int size, int count) {
        Map<String, String> hash = numberedHash(size);
        hset("h", hash);
        List<String> fields = strings(exec("HRANDFIELD", "h", Integer.toString(-count)));
        assertEquals(count, fields.size());
        assertTrue(hash.keySet().containsAll(fields), fields::toString);
        if (size == 1) {
            assertEquals(new TreeSet<>(List.of("f0")), new TreeSet<>(fields));
        }
        assertHash("h", hash);
    }

    @ParameterizedTest(name = "{0} fields, count {1}")
    @CsvSource({"5, 3", "5, -12", "1000, 50", "1000, -50", "1, -4"})
    void hrandfield_withValues_pairsEachFieldWithItsValue(int size, int count) {
        Map<String, String> hash = numberedHash(size);
        hset("h", hash);
        List<String> items = strings(exec("HRANDFIELD", "h", Integer.toString(count), "WITHVALUES"));
        assertEquals(2 * Math.abs(count), items.size(), items::toString);
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < items.size(); i += 2) {
            String field = items.get(i);
            assertEquals(hash.get(field), items.get(i + 1), () -> "value of " + field + " in " + items);
            fields.add(field);
        }
        if (count > 0) {
            assertEquals(count, new TreeSet<>(fields).size(), () -> "repeated fields in " + fields);
        }
        assertEquals(2 * Math.abs(count), strings(exec("HRANDFIELD", "h", Integer.toString(count), "withvalues")).size(),
                "WITHVALUES is case-insensitive");
    }

    @Test
    void hrandfield_negativeCountOnOneField_repeatsIt() {
        hset("h", "only", "1");
        assertReply(array("only", "only", "only"), "HRANDFIELD", "h", "-3");
        assertReply(array("only", "1", "only", "1"), "HRANDFIELD", "h", "-2", "WITHVALUES");
        assertReply(array("only"), "HRANDFIELD", "h", "1");
        assertReply(bulk("only"), "HRANDFIELD", "h");
    }

    @Test
    void hrandfield_countOutOfRange_returnsRangeErrors() {
        hset("h", "a", "1");
        assertRefusedUnchanged("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
                "HRANDFIELD", "h", "-9223372036854775808");
        assertRefusedUnchanged("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
                "HRANDFIELD", "h", "-9223372036854775808", "WITHVALUES");
        assertRefusedUnchanged("ERR value is out of range", "HRANDFIELD", "h", "-4611686018427387904", "WITHVALUES");
        assertRefusedUnchanged("ERR value is out of range", "HRANDFIELD", "h", "4611686018427387904", "WITHVALUES");
        assertRefusedUnchanged("ERR value is out of range", "HRANDFIELD", "h", "9223372036854775807", "WITHVALUES");
        assertRefusedUnchanged("ERR value is out of range", "HRANDFIELD", "missing", "-9223372036854775807", "WITHVALUES");
    }

    @ParameterizedTest(name = "count \"{0}\"")
    @ValueSource(strings = {"abc", "1.5", "", "9223372036854775808", "-9223372036854775809", " 1"})
    void hrandfield_countNotAnInteger_returnsNotInteger(String count) {
        hset("h", "a", "1");
        assertRefusedUnchanged(NOT_INTEGER, "HRANDFIELD", "h", count);
        assertRefusedUnchanged(NOT_INTEGER, "HRANDFIELD", "h", count, "WITHVALUES");
        assertRefusedUnchanged(NOT_INTEGER, "HRANDFIELD", "missing", count);
    }

    @Test
    void hrandfield_badOption_returnsSyntaxError() {
        hset("h", "a", "1");
        assertRefusedUnchanged(SYNTAX, "HRANDFIELD", "h", "1", "WITHVALUE");
        assertRefusedUnchanged(SYNTAX, "HRANDFIELD", "h", "1", "WITHVALUES", "WITHVALUES");
        assertRefusedUnchanged(SYNTAX, "HRANDFIELD", "h", "1", "WITHVALUES", "extra");
        assertRefusedUnchanged(SYNTAX, "HRANDFIELD", "missing", "1", "foo");
        assertError(wrongArity("hrandfield"), "HRANDFIELD");
    }

    @Test
    void hrandfield_badCountAndBadOption_countErrorFirst() {
        hset("h", "a", "1");
        assertRefusedUnchanged(NOT_INTEGER, "HRANDFIELD", "h", "abc", "WITHVALUE");
        assertRefusedUnchanged(NOT_INTEGER, "HRANDFIELD", "h", "abc", "WITHVALUES", "extra");
        assertRefusedUnchanged(NOT_INTEGER, "HRANDFIELD", "missing", "abc", "WITHVALUE");
    }

    // ------------------------------------------------------------------ HSCAN

    /** Runs a full HSCAN iteration with {@code options} and returns every field and value it returned, fields repeated as often as returned. */
    private List<String[]> hscanAll(String key, String... options) {
        List<String[]> all = new ArrayList<>();
        String cursor = "0";
        int steps = 0;
        do {
            String[] argv = concat(new String[] {"HSCAN", key, cursor}, options);
            List<Reply> parts = assertInstanceOf(Reply.Array.class, exec(argv), () -> String.join(" ", argv)).items();
            assertEquals(2, parts.size(), "HSCAN answers a cursor and an array");
            cursor = assertInstanceOf(Reply.Bulk.class, parts.get(0)).utf8();
            List<String> items = strings(parts.get(1));
            assertEquals(0, items.size() % 2, () -> "fields and values in pairs: " + items);
            for (int i = 0; i < items.size(); i += 2) {
                all.add(new String[] {items.get(i), items.get(i + 1)});
            }
            assertTrue(++steps < 100_000, "HSCAN does not terminate");
        } while (!cursor.equals("0"));
        return all;
    }

    /** The fields and values of a full HSCAN iteration, asserting that a field returned twice carries the same value. */
    private Map<String, String> hscanMap(String key, String... options) {
        Map<String, String> map = new TreeMap<>();
        for (String[] pair : hscanAll(key, options)) {
            String previous = map.put(pair[0], pair[1]);
            assertTrue(previous == null || previous.equals(pair[1]), () -> pair[0] + " returned with two values");
        }
        return map;
    }

    @ParameterizedTest(name = "{0} fields")
    @ValueSource(ints = {5, 1000})
    void hscan_fullIteration_returnsEveryFieldWithItsValueAtLeastOnce(int size) {
        Map<String, String> hash = numberedHash(size);
        hset("h", hash);
        assertEquals(new TreeMap<>(hash), hscanMap("h"));
        for (String count : List.of("1", "7", "100", "5000")) {
            assertEquals(new TreeMap<>(hash), hscanMap("h", "COUNT", count), "COUNT " + count);
        }
        assertHash("h", hash);
    }

    @ParameterizedTest(name = "{0} fields")
    @ValueSource(ints = {20, 1000})
    void hscan_match_filtersByFieldNotByValue(int size) {
        Map<String, String> hash = new HashMap<>();
        for (int i = 0; i < size; i++) {
            hash.put((i % 2 == 0 ? "even:" : "odd:") + i, "odd:" + i);
        }
        hset("h", hash);
        Map<String, String> even = new TreeMap<>();
        hash.forEach((field, value) -> {
            if (field.startsWith("even:")) {
                even.put(field, value);
            }
        });
        assertEquals(even, hscanMap("h", "MATCH", "even:*", "COUNT", "10"));
        assertEquals(even, hscanMap("h", "match", "even:*"));
        assertEquals(Map.of("odd:11", "odd:11", "odd:13", "odd:13"), hscanMap("h", "MATCH", "odd:1[13]"));
        assertEquals(Map.of(), hscanMap("h", "MATCH", "none:*"));
    }

    @Test
    void hscan_novalues_returnsFieldsOnly() {
        requireRedis("7.4", "HSCAN NOVALUES");
        hset("h", numberedHash(5));
        Reply.Array reply = assertInstanceOf(Reply.Array.class, exec("HSCAN", "h", "0", "NOVALUES", "COUNT", "100"));
        assertEquals(bulk("0"), reply.items().get(0));
        assertEquals(new TreeSet<>(numberedHash(5).keySet()), distinct(reply.items().get(1)));
        hset("g", numberedHash(1000));
        TreeSet<String> fields = new TreeSet<>();
        String cursor = "0";
        do {
            List<Reply> parts = assertInstanceOf(Reply.Array.class, exec("HSCAN", "g", cursor, "COUNT", "50", "novalues")).items();
            cursor = ((Reply.Bulk) parts.get(0)).utf8();
            for (String item : strings(parts.get(1))) {
                assertTrue(item.startsWith("f"), () -> "a value among the fields: " + item);
                fields.add(item);
            }
        } while (!cursor.equals("0"));
        assertEquals(new TreeSet<>(numberedHash(1000).keySet()), fields);
    }

    @Test
    void hscan_missingKey_returnsCursorZeroAndNoFieldsWhateverTheOptions() {
        assertReply(Reply.array(List.of(bulk("0"), emptyArray())), "HSCAN", "missing", "0");
        assertReply(Reply.array(List.of(bulk("0"), emptyArray())), "HSCAN", "missing", "12345");
        assertReply(Reply.array(List.of(bulk("0"), emptyArray())), "HSCAN", "missing", "0", "COUNT", "0");
        assertReply(Reply.array(List.of(bulk("0"), emptyArray())), "HSCAN", "missing", "0", "foo");
        assertNoKey("missing");
    }

    @ParameterizedTest(name = "cursor \"{0}\"")
    @ValueSource(strings = {"abc", "-", " 0", "0 ", "1.0", "0x10", "18446744073709551616"})
    void hscan_malformedCursor_returnsInvalidCursor(String cursor) {
        hset("h", "a", "1");
        assertError(INVALID_CURSOR, "HSCAN", "h", cursor);
        assertError(INVALID_CURSOR, "HSCAN", "missing", cursor);
        assertError(INVALID_CURSOR, "HSCAN", "h", cursor, "COUNT", "0");
    }

    @Test
    void hscan_countZeroNegativeOrNotAnInteger_returnsErrors() {
        hset("h", "a", "1");
        assertError(SYNTAX, "HSCAN", "h", "0", "COUNT", "0");
        assertError(SYNTAX, "HSCAN", "h", "0", "COUNT", "-1");
        assertError(NOT_INTEGER, "HSCAN", "h", "0", "COUNT", "abc");
        assertError(NOT_INTEGER, "HSCAN", "h", "0", "COUNT", "");
        assertError(SYNTAX, "HSCAN", "h", "0", "COUNT", "1", "COUNT", "0");
    }

    @Test
    void hscan_unknownOrIncompleteOption_returnsSyntaxError() {
        hset("h", "a", "1");
        assertError(SYNTAX, "HSCAN", "h", "0", "MATCH");
        assertError(SYNTAX, "HSCAN", "h", "0", "COUNT");
        assertError(SYNTAX, "HSCAN", "h", "0", "foo", "bar");
        assertError(SYNTAX, "HSCAN", "h", "0", "TYPE", "string");
        assertError(SYNTAX, "HSCAN", "h", "0", "MATCH", "*", "COUNT");
        assertError(wrongArity("hscan"), "HSCAN", "h");
    }

    @Test
    void hscan_repeatedMatch_lastOneWins() {
        hset("h", "a", "1", "b", "2");
        assertEquals(Map.of("b", "2"), hscanMap("h", "MATCH", "a", "MATCH", "b"));
    }
}
