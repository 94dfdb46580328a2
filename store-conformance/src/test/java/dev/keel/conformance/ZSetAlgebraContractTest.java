package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Reply;
import dev.keel.conformance.ScoredMembers.Scored;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms, ZINTERCARD and ZSCAN. Results come in Redis's order
 * (by score, then member), so they are compared exactly. A plain set counts as a sorted set whose
 * members all score 1, a missing key as an empty one; a key of another type anywhere among the
 * sources refuses the whole command, even after a missing key that already decides the result.
 * A sum that is not a number (infinity minus infinity, zero times infinity) counts as 0.
 */
class ZSetAlgebraContractTest extends ZSetContractBase {
    private static final String WEIGHT_NOT_A_FLOAT = "ERR weight value is not a float";
    private static final String NEGATIVE_LIMIT = "ERR LIMIT can't be negative";
    private static final String INVALID_CURSOR = "ERR invalid cursor";

    /** Redis's error for a numkeys below 1 in {@code command} (lower case, as Redis prints it). */
    private static String noInputKey(String command) {
        return "ERR at least 1 input key is needed for '" + command + "' command";
    }

    /** {@code a = x:1 y:2 z:3}, {@code b = y:10 z:20 w:30}, the set {@code set = {y, w, q}} and the string {@code str}. */
    private void abSet() {
        zadd("a", "1", "x", "2", "y", "3", "z");
        zadd("b", "10", "y", "20", "z", "30", "w");
        sadd("set", "y", "w", "q");
        exec("SET", "str", "v");
    }

    // ------------------------------------------------------------------ ZUNION, ZINTER, ZDIFF

    @Test
    void zunionZinterZdiff_sumTheScoresOfTheMembersTheyKeep() {
        abSet();
        assertReply(array("x", "1", "y", "12", "z", "23", "w", "30"), "ZUNION", "2", "a", "b", "WITHSCORES");
        assertReply(array("x", "y", "z", "w"), "ZUNION", "2", "a", "b");
        assertReply(array("y", "12", "z", "23"), "ZINTER", "2", "a", "b", "withscores");
        assertReply(array("y", "z"), "ZINTER", "2", "b", "a");
        assertReply(array("x", "1"), "ZDIFF", "2", "a", "b", "WITHSCORES");
        assertReply(array("w"), "ZDIFF", "2", "b", "a");
        assertReply(array("x", "1", "y", "2", "z", "3"), "ZDIFF", "1", "a", "WITHSCORES", "WITHSCORES");
    }

    @Test
    void zunionAndZinter_weightsAndAggregate() {
        abSet();
        assertReply(array("x", "2", "y", "9", "w", "15", "z", "16"), "ZUNION", "2", "a", "b", "WEIGHTS", "2", "0.5", "WITHSCORES");
        assertReply(array("x", "1", "y", "2", "z", "3", "w", "30"), "ZUNION", "2", "a", "b", "AGGREGATE", "MIN", "WITHSCORES");
        assertReply(array("x", "1", "y", "10", "z", "20", "w", "30"), "ZUNION", "2", "a", "b", "aggregate", "max", "WITHSCORES");
        assertReply(array("y", "20", "z", "40"), "ZINTER", "2", "a", "b", "AGGREGATE", "MAX", "WEIGHTS", "1", "2", "WITHSCORES");
        assertReply(array("w", "-30", "z", "-17", "y", "-8", "x", "1"), "ZUNION", "2", "a", "b", "WEIGHTS", "1", "-1",
                "AGGREGATE", "SUM", "WITHSCORES");
        assertReply(array("x", "2", "y", "4", "z", "6"), "ZUNION", "1", "a", "WITHSCORES", "WEIGHTS", "0x2");
        assertReply(array("x", "1", "y", "22", "z", "43", "w", "60"), "ZUNION", "2", "a", "b", "WEIGHTS", "5", "5",
                "WEIGHTS", "1", "2", "AGGREGATE", "MIN", "AGGREGATE", "SUM", "WITHSCORES");
    }

    @Test
    void zunionAndZinter_sumsThatAreNotANumber_countAsZero() {
        zadd("inf", "inf", "x", "-inf", "y");
        zadd("a", "1", "x", "2", "y");
        assertReply(array("x", "1", "y", "2"), "ZUNION", "2", "inf", "a", "WEIGHTS", "0", "1", "WITHSCORES");
        assertReply(array("x", "0", "y", "0"), "ZINTER", "2", "inf", "inf", "WEIGHTS", "1", "-1", "WITHSCORES");
        assertReply(array("y", "-inf", "x", "1"), "ZINTER", "2", "inf", "a", "AGGREGATE", "MIN", "WITHSCORES");
        assertReply(array("y", "2", "x", "inf"), "ZUNION", "2", "inf", "a", "AGGREGATE", "MAX", "WITHSCORES");
        assertReply(array("x", "-inf", "y", "inf"), "ZUNION", "1", "inf", "WEIGHTS", "-1", "WITHSCORES");
    }

    @Test
    void setAlgebra_plainSetsAsInputs_scoreOneEach() {
        abSet();
        assertReply(array("q", "1", "w", "1", "x", "1", "y", "3", "z", "3"), "ZUNION", "2", "a", "set", "WITHSCORES");
        assertReply(array("y", "11", "w", "31"), "ZINTER", "2", "b", "set", "WITHSCORES");
        assertReply(array("y", "13", "w", "33"), "ZINTER", "2", "b", "set", "WEIGHTS", "1", "3", "WITHSCORES");
        assertReply(array("z", "20"), "ZDIFF", "2", "b", "set", "WITHSCORES");
        assertReply(array("q", "1", "w", "1", "y", "1"), "ZDIFF", "1", "set", "WITHSCORES");
        assertReply(integer(3), "ZUNIONSTORE", "d", "1", "set");
        assertZSet("d", "q", "1", "w", "1", "y", "1");
    }

    @Test
    void setAlgebra_missingKeysAndTheSameKeyTwice() {
        abSet();
        assertReply(array("x", "1", "y", "2", "z", "3"), "ZUNION", "2", "missing", "a", "WITHSCORES");
        assertReply(emptyArray(), "ZINTER", "2", "a", "missing", "WITHSCORES");
        assertReply(array("x", "y", "z"), "ZDIFF", "2", "a", "missing");
        assertReply(emptyArray(), "ZDIFF", "2", "missing", "a");
        assertReply(array("x", "2", "y", "4", "z", "6"), "ZUNION", "2", "a", "a", "WITHSCORES");
        assertReply(array("x", "2", "y", "4", "z", "6"), "ZINTER", "2", "a", "a", "WITHSCORES");
        assertReply(emptyArray(), "ZDIFF", "2", "a", "a");
        assertReply(emptyArray(), "ZUNION", "1", "missing");
    }

    @Test
    void setAlgebra_keyOfAnotherTypeAnywhere_wrongType() {
        abSet();
        exec("RPUSH", "list", "x");
        for (String command : List.of("ZUNION", "ZINTER", "ZDIFF")) {
            assertRefusedUnchanged(WRONGTYPE, command, "2", "a", "str");
            assertRefusedUnchanged(WRONGTYPE, command, "2", "missing", "str");
            assertRefusedUnchanged(WRONGTYPE, command, "3", "a", "b", "list");
            assertRefusedUnchanged(WRONGTYPE, command + "STORE", "d", "2", "a", "str");
        }
        assertRefusedUnchanged(WRONGTYPE, "ZINTERCARD", "2", "missing", "str");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zunion", "zinter", "zdiff", "zunionstore", "zinterstore", "zdiffstore", "zintercard"})
    void setAlgebra_badNumkeys_refusedWithRedisTexts(String command) {
        abSet();
        String[] head = command.endsWith("store") ? new String[] {command.toUpperCase(), "d"} : new String[] {command.toUpperCase()};
        assertRefusedUnchanged(noInputKey(command), concat(head, "0", "a"));
        assertRefusedUnchanged(noInputKey(command), concat(head, "-1", "a"));
        assertRefusedUnchanged(NOT_INTEGER, concat(head, "abc", "a"));
        assertRefusedUnchanged(NOT_INTEGER, concat(head, "1.5", "a"));
        assertRefusedUnchanged(SYNTAX, concat(head, "3", "a", "b"));
        assertRefusedUnchanged(SYNTAX, concat(head, "2147483648", "a"));
        assertRefusedUnchanged(SYNTAX, concat(head, "9223372036854775807", "a"));
        assertRefusedUnchanged(SYNTAX, concat(head, "1", "a", "b"));
        assertRefusedUnchanged(wrongArity(command), concat(head, "1"));
    }

    @Test
    void setAlgebra_badOptions_refusedWithRedisTexts() {
        abSet();
        assertRefusedUnchanged(SYNTAX, "ZUNION", "2", "a", "b", "WEIGHTS", "1");
        assertRefusedUnchanged(SYNTAX, "ZUNION", "2", "a", "b", "WEIGHTS", "1", "2", "3");
        assertRefusedUnchanged(SYNTAX, "ZINTER", "1", "a", "WEIGHTS");
        assertRefusedUnchanged(WEIGHT_NOT_A_FLOAT, "ZUNION", "2", "a", "b", "WEIGHTS", "1", "abc");
        assertRefusedUnchanged(WEIGHT_NOT_A_FLOAT, "ZINTER", "1", "a", "WEIGHTS", "nan");
        assertRefusedUnchanged(WEIGHT_NOT_A_FLOAT, "ZUNIONSTORE", "d", "1", "a", "WEIGHTS", "1e400");
        assertRefusedUnchanged(WEIGHT_NOT_A_FLOAT, "ZINTERSTORE", "d", "1", "a", "WEIGHTS", "");
        assertRefusedUnchanged(SYNTAX, "ZUNION", "2", "a", "b", "AGGREGATE", "avg");
        assertRefusedUnchanged(SYNTAX, "ZUNION", "2", "a", "b", "AGGREGATE");
        assertRefusedUnchanged(SYNTAX, "ZUNION", "2", "a", "b", "foo");
        assertRefusedUnchanged(SYNTAX, "ZDIFF", "2", "a", "b", "WEIGHTS", "1", "2");
        assertRefusedUnchanged(SYNTAX, "ZDIFF", "2", "a", "b", "AGGREGATE", "MIN");
        assertRefusedUnchanged(SYNTAX, "ZDIFF", "1", "a", "foo");
        assertRefusedUnchanged(SYNTAX, "ZUNIONSTORE", "d", "2", "a", "b", "WITHSCORES");
        assertRefusedUnchanged(SYNTAX, "ZINTERSTORE", "d", "1", "a", "WITHSCORES");
        assertRefusedUnchanged(SYNTAX, "ZDIFFSTORE", "d", "1", "a", "WITHSCORES");
        assertRefusedUnchanged(wrongArity("zunionstore"), "ZUNIONSTORE", "d");
        assertRefusedUnchanged(wrongArity("zunion"), "ZUNION");
    }

    // ------------------------------------------------------------------ STORE forms

    @Test
    void store_result_replacesTheDestinationAndCountsIt() {
        abSet();
        zadd("d", "9", "old");
        exec("PEXPIREAT", "d", Long.toString(FUTURE_MILLIS));
        assertReply(integer(4), "ZUNIONSTORE", "d", "2", "a", "b");
        assertZSet("d", "x", "1", "y", "12", "z", "23", "w", "30");
        assertReply(integer(-1), "PTTL", "d");
        assertReply(integer(2), "ZINTERSTORE", "d", "2", "a", "b", "WEIGHTS", "2", "1", "AGGREGATE", "MIN");
        assertZSet("d", "y", "4", "z", "6");
        assertReply(integer(1), "ZDIFFSTORE", "d", "2", "b", "set");
        assertZSet("d", "z", "20");
    }

    @Test
    void store_destinationOfAnotherType_isOverwritten() {
        abSet();
        assertReply(integer(4), "ZUNIONSTORE", "str", "2", "a", "b");
        assertZSet("str", "x", "1", "y", "12", "z", "23", "w", "30");
        assertReply(integer(3), "ZINTERSTORE", "set", "1", "set");
        assertZSet("set", "q", "1", "w", "1", "y", "1");
    }

    @Test
    void store_emptyResult_deletesTheDestinationWhateverItsType() {
        abSet();
        assertReply(integer(0), "ZINTERSTORE", "str", "2", "a", "missing");
        assertNoZSet("str");
        zadd("d", "1", "x");
        assertReply(integer(0), "ZDIFFSTORE", "d", "2", "a", "a");
        assertNoZSet("d");
        exec("RPUSH", "d", "x");
        assertReply(integer(0), "ZUNIONSTORE", "d", "1", "missing");
        assertNoZSet("d");
    }

    @Test
    void store_destinationAmongTheSources_readsTheSourcesFirst() {
        abSet();
        assertReply(integer(4), "ZUNIONSTORE", "a", "2", "a", "b");
        assertZSet("a", "x", "1", "y", "12", "z", "23", "w", "30");
        assertReply(integer(3), "ZINTERSTORE", "b", "2", "a", "b", "AGGREGATE", "MAX");
        assertZSet("b", "y", "12", "z", "23", "w", "30");
        assertReply(integer(1), "ZDIFFSTORE", "a", "2", "a", "b");
        assertZSet("a", "x", "1");
        assertReply(integer(4), "ZUNIONSTORE", "set", "2", "set", "a", "WEIGHTS", "1", "0");
        assertZSet("set", "x", "0", "q", "1", "w", "1", "y", "1");
    }

    // ------------------------------------------------------------------ big sorted sets

    /** The union, intersection or difference of {@code first} and {@code second} with weights 1 and 2, summed. */
    private static ScoredMembers combine(String command, ScoredMembers first, ScoredMembers second) {
        ScoredMembers result = new ScoredMembers();
        for (Scored entry : first.sorted()) {
            Double other = second.score(entry.member());
            switch (command) {
                case "ZUNION" -> result.put(entry.member(), entry.score() + (other == null ? 0 : 2 * other));
                case "ZINTER" -> {
                    if (other != null) {
                        result.put(entry.member(), entry.score() + 2 * other);
                    }
                }
                default -> {
                    if (other == null) {
                        result.put(entry.member(), entry.score());
                    }
                }
            }
        }
        if (command.equals("ZUNION")) {
            second.sorted().stream().filter(entry -> first.score(entry.member()) == null)
                    .forEach(entry -> result.put(entry.member(), 2 * entry.score()));
        }
        return result;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ZUNION", "ZINTER", "ZDIFF"})
    void setAlgebra_bigSortedSets_matchTheModel(String command) {
        ScoredMembers first = numberedZSet("a", 1000);
        ScoredMembers second = new ScoredMembers();
        for (int i = 600; i < 1400; i++) {
            second.put("m" + i, i % 7 - 3);
        }
        zadd("b", second);
        ScoredMembers expected = combine(command, first, second);
        String[] weights = command.equals("ZDIFF") ? new String[0] : new String[] {"WEIGHTS", "1", "2"};
        String[] read = concat(concat(new String[] {command, "2", "a", "b"}, weights), "WITHSCORES");
        assertReply(ScoredMembers.reply(expected.sorted(), true), read);
        assertReply(integer(expected.size()), concat(new String[] {command + "STORE", "d", "2", "a", "b"}, weights));
        assertZSet("d", expected);
    }

    // ------------------------------------------------------------------ ZINTERCARD

    @Test
    void zintercard_countsTheIntersection() {
        abSet();
        assertReply(integer(2), "ZINTERCARD", "2", "a", "b");
        assertReply(integer(3), "ZINTERCARD", "1", "a");
        assertReply(integer(2), "ZINTERCARD", "2", "b", "set");
        assertReply(integer(1), "ZINTERCARD", "3", "a", "b", "set");
        assertReply(integer(0), "ZINTERCARD", "2", "missing", "a");
        assertReply(integer(3), "ZINTERCARD", "2", "a", "a");
    }

    @Test
    void zintercard_limit_capsTheCountAndZeroMeansNone() {
        abSet();
        assertReply(integer(1), "ZINTERCARD", "2", "a", "b", "LIMIT", "1");
        assertReply(integer(2), "ZINTERCARD", "2", "a", "b", "limit", "0");
        assertReply(integer(2), "ZINTERCARD", "2", "a", "b", "LIMIT", "9223372036854775807");
        assertReply(integer(2), "ZINTERCARD", "1", "a", "LIMIT", "1", "LIMIT", "2");
        numberedZSet("big", 1000);
        assertReply(integer(1000), "ZINTERCARD", "2", "big", "big");
        assertReply(integer(10), "ZINTERCARD", "2", "big", "big", "LIMIT", "10");
    }

    @Test
    void zintercard_badLimitOrArguments_refusedWithRedisTexts() {
        abSet();
        assertRefusedUnchanged(NEGATIVE_LIMIT, "ZINTERCARD", "2", "a", "b", "LIMIT", "-1");
        assertRefusedUnchanged(NEGATIVE_LIMIT, "ZINTERCARD", "2", "a", "b", "LIMIT", "abc");
        assertRefusedUnchanged(NEGATIVE_LIMIT, "ZINTERCARD", "1", "a", "LIMIT", "9223372036854775808");
        assertRefusedUnchanged(SYNTAX, "ZINTERCARD", "2", "a", "b", "LIMIT");
        assertRefusedUnchanged(SYNTAX, "ZINTERCARD", "2", "a", "b", "foo", "1");
        assertRefusedUnchanged(SYNTAX, "ZINTERCARD", "1", "a", "LIMIT", "1", "foo");
        assertRefusedUnchanged(WRONGTYPE, "ZINTERCARD", "2", "a", "str");
    }

    // ------------------------------------------------------------------ ZSCAN

    /** Runs a full ZSCAN iteration with {@code options}; returns every member with its score, asserting a repeat has the same score. */
    private Map<String, String> zscanAll(String key, String... options) {
        Map<String, String> all = new TreeMap<>();
        String cursor = "0";
        int steps = 0;
        do {
            String[] argv = concat(new String[] {"ZSCAN", key, cursor}, options);
            List<Reply> parts = assertInstanceOf(Reply.Array.class, exec(argv), () -> String.join(" ", argv)).items();
            assertEquals(2, parts.size(), "ZSCAN answers a cursor and an array");
            cursor = assertInstanceOf(Reply.Bulk.class, parts.get(0)).utf8();
            List<String> items = strings(parts.get(1));
            assertEquals(0, items.size() % 2, () -> "members and scores in pairs: " + items);
            for (int i = 0; i < items.size(); i += 2) {
                String member = items.get(i);
                String previous = all.put(member, items.get(i + 1));
                assertTrue(previous == null || previous.equals(items.get(i + 1)), () -> member + " returned with two scores");
            }
            assertTrue(++steps < 100_000, "ZSCAN does not terminate");
        } while (!cursor.equals("0"));
        return all;
    }

    private static Map<String, String> scoreTexts(List<Scored> entries) {
        Map<String, String> map = new TreeMap<>();
        entries.forEach(entry -> map.put(entry.member(), ScoredMembers.scoreText(entry.score())));
        return map;
    }

    @ParameterizedTest(name = "{0} members")
    @ValueSource(ints = {5, 1000})
    void zscan_fullIteration_returnsEveryMemberWithItsScore(int size) {
        ScoredMembers model = numberedZSet("z", size);
        Map<String, String> expected = scoreTexts(model.sorted());
        assertEquals(expected, zscanAll("z"));
        for (String count : List.of("1", "7", "100", "5000")) {
            assertEquals(expected, zscanAll("z", "COUNT", count), "COUNT " + count);
        }
        assertZSet("z", model);
    }

    @ParameterizedTest(name = "{0} members")
    @ValueSource(ints = {20, 1000})
    void zscan_match_filtersByMember(int size) {
        ScoredMembers model = new ScoredMembers();
        for (int i = 0; i < size; i++) {
            model.put((i % 2 == 0 ? "even:" : "odd:") + i, i);
        }
        zadd("z", model);
        Map<String, String> even = scoreTexts(model.filter(entry -> entry.member().startsWith("even:")));
        assertEquals(even, zscanAll("z", "MATCH", "even:*", "COUNT", "10"));
        assertEquals(Map.of("odd:11", "11", "odd:13", "13"), zscanAll("z", "match", "odd:1[13]"));
        assertEquals(Map.of(), zscanAll("z", "MATCH", "none:*"));
        assertEquals(Map.of("odd:1", "1"), zscanAll("z", "MATCH", "even:2", "MATCH", "odd:1"));
    }

    @Test
    void zscan_missingKey_returnsCursorZeroAndNothingWhateverTheOptions() {
        assertReply(Reply.array(List.of(bulk("0"), emptyArray())), "ZSCAN", "missing", "0");
        assertReply(Reply.array(List.of(bulk("0"), emptyArray())), "ZSCAN", "missing", "77");
        assertReply(Reply.array(List.of(bulk("0"), emptyArray())), "ZSCAN", "missing", "0", "foo");
        assertNoZSet("missing");
    }

    @ParameterizedTest(name = "cursor \"{0}\"")
    @ValueSource(strings = {"abc", "-", " 0", "1.0", "18446744073709551616"})
    void zscan_malformedCursor_returnsInvalidCursor(String cursor) {
        zadd("z", "1", "a");
        assertError(INVALID_CURSOR, "ZSCAN", "z", cursor);
        assertError(INVALID_CURSOR, "ZSCAN", "missing", cursor);
    }

    @Test
    void zscan_badOptions_returnErrors() {
        zadd("z", "1", "a");
        assertError(SYNTAX, "ZSCAN", "z", "0", "COUNT", "0");
        assertError(SYNTAX, "ZSCAN", "z", "0", "COUNT", "-1");
        assertError(NOT_INTEGER, "ZSCAN", "z", "0", "COUNT", "abc");
        assertError(SYNTAX, "ZSCAN", "z", "0", "COUNT");
        assertError(SYNTAX, "ZSCAN", "z", "0", "MATCH");
        assertError(SYNTAX, "ZSCAN", "z", "0", "TYPE", "zset");
        assertError(SYNTAX, "ZSCAN", "z", "0", "foo");
        assertError(wrongArity("zscan"), "ZSCAN", "z");
    }

    @Test
    void zscan_novalues_isOnlyForHscan() {
        requireRedis("7.4", "the NOVALUES option");
        zadd("z", "1", "a");
        assertError("ERR NOVALUES option can only be used in HSCAN", "ZSCAN", "z", "0", "NOVALUES");
    }
}
