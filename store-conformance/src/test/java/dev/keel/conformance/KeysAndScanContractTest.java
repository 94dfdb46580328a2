package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.KeyScan;
import dev.keel.Reply;
import dev.keel.ScanArgs;
import dev.keel.SetArgs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * KEYS and SCAN. KEYS answers in no particular order, so its keys are compared as sets. SCAN's
 * cursors and page boundaries are each server's own business: only full iterations are compared.
 */
class KeysAndScanContractTest extends ContractTest {
    private static final String INVALID_CURSOR = "ERR invalid cursor";

    private void setAll(String... keys) {
        for (String key : keys) {
            redis.set(key, "v");
        }
    }

    private Set<String> keys(String pattern) {
        return new TreeSet<>(redis.keys(pattern));
    }

    /** The keys of a KEYS reply sent through {@code execute}, as a set. */
    private Set<String> rawKeys(String pattern) {
        Set<String> keys = new TreeSet<>();
        for (Reply item : assertInstanceOf(Reply.Array.class, exec("KEYS", pattern)).items()) {
            keys.add(assertInstanceOf(Reply.Bulk.class, item).utf8());
        }
        return keys;
    }

    /** Runs a full SCAN iteration through the typed API and returns every key it returned, with repeats. */
    private List<String> scanAll(ScanArgs args) {
        List<String> all = new ArrayList<>();
        String cursor = "0";
        int steps = 0;
        do {
            KeyScan<String> step = redis.scan(cursor, args);
            all.addAll(step.keys());
            cursor = step.cursor();
            assertTrue(++steps < 100_000, "SCAN does not terminate");
        } while (!cursor.equals("0"));
        return all;
    }

    /** Runs a full SCAN iteration through {@code execute}, starting from {@code first}, with {@code options}. */
    private List<String> rawScanAll(String first, String... options) {
        List<String> all = new ArrayList<>();
        String cursor = first;
        int steps = 0;
        do {
            String[] argv = new String[2 + options.length];
            argv[0] = "SCAN";
            argv[1] = cursor;
            System.arraycopy(options, 0, argv, 2, options.length);
            List<Reply> parts = assertInstanceOf(Reply.Array.class, exec(argv)).items();
            assertEquals(2, parts.size(), "SCAN answers a cursor and an array");
            cursor = assertInstanceOf(Reply.Bulk.class, parts.get(0)).utf8();
            for (Reply key : assertInstanceOf(Reply.Array.class, parts.get(1)).items()) {
                all.add(assertInstanceOf(Reply.Bulk.class, key).utf8());
            }
            assertTrue(++steps < 100_000, "SCAN does not terminate");
        } while (!cursor.equals("0"));
        return all;
    }

    // ------------------------------------------------------------------ KEYS

    @Test
    void keys_star_returnsEveryKey() {
        setAll("a", "b", "hello", "");
        assertEquals(Set.of("a", "b", "hello", ""), keys("*"));
        assertEquals(Set.of("a", "b", "hello", ""), rawKeys("*"));
    }

    @Test
    void keys_emptyStore_returnsEmptyArray() {
        assertReply(Reply.array(List.of()), "KEYS", "*");
        assertEquals(List.of(), redis.keys("*"));
        setAll("a");
        assertReply(Reply.array(List.of()), "KEYS", "b*");
    }

    @Test
    void keys_globPatterns_matchAsRedis() {
        setAll("a", "b", "c", "d", "ab", "abc", "a*", "a?", "]", "-", "_", "^", "\\", "[", "x[y",
                "hello", "hallo", "hxllo", "hllo", "heeeello");
        assertEquals(Set.of("a", "b", "c", "d", "]", "-", "_", "^", "\\", "["), keys("?"));
        assertEquals(Set.of("a", "b", "c"), keys("[a-c]"));
        assertEquals(Set.of("a", "b", "c"), keys("[c-a]"));
        assertEquals(Set.of("b", "c", "d", "]", "-", "_", "^", "\\", "["), keys("[^a]"));
        assertEquals(Set.of("a*"), keys("a\\*"));
        assertEquals(Set.of("a?"), keys("a\\?"));
        assertEquals(Set.of("a", "-"), keys("[-a]"));
        assertEquals(Set.of(), keys("[]"));
        assertEquals(Set.of("a", "b", "c", "d", "]", "-", "_", "^", "\\", "["), keys("[^]"));
        assertEquals(Set.of("]"), keys("[\\]]"));
        assertEquals(Set.of("\\"), keys("\\\\"));
        assertEquals(Set.of("\\"), keys("\\"));
        assertEquals(Set.of("hallo", "hello"), keys("h[ae]llo"));
        assertEquals(Set.of("hallo", "hxllo"), keys("h[^e]llo"));
        assertEquals(Set.of("hllo", "hxllo", "heeeello", "hallo", "hello"), keys("h*llo"));
        assertEquals(Set.of("hxllo", "hallo", "hello"), keys("h?llo"));
        assertEquals(Set.of("a", "b", "c"), keys("[abc"));
        assertEquals(Set.of("x[y"), keys("x\\[y"));
        assertEquals(Set.of("a", "b", "c", "-"), keys("[a-b-c]"));
        assertEquals(Set.of("a", "c", "-"), keys("[a\\-c]"));
        assertEquals(Set.of(), keys("a[\\-]"));
        assertEquals(Set.of("c", "abc"), keys("*c"));
        assertEquals(Set.of("ab", "abc", "a*", "a?", "a"), keys("a*"));
        assertEquals(Set.of("ab", "abc"), keys("a*b*"));
        assertEquals(Set.of("heeeello"), keys("h**e*e*llo"));
        assertEquals(Set.of(), keys("hello?"));
        assertEquals(Set.of(), keys(""));
    }

    /**
     * Redis's matcher meets the empty key with its whole pattern left and answers "no match"
     * unless the pattern is empty too; only the pattern {@code *}, which KEYS and SCAN take as
     * "every key" without matching, returns it as well.
     */
    @Test
    void keys_emptyKey_isMatchedOnlyByTheEmptyPatternAndStar() {
        setAll("", "a");
        assertEquals(Set.of("", "a"), keys("*"));
        assertEquals(Set.of(""), keys(""));
        assertEquals(Set.of("a"), keys("**"));
        assertEquals(Set.of("a"), keys("***"));
        assertEquals(Set.of("", "a"), new HashSet<>(rawScanAll("0", "MATCH", "*")));
        assertEquals(Set.of("a"), new HashSet<>(rawScanAll("0", "MATCH", "**")));
        assertEquals(List.of(""), rawScanAll("0", "MATCH", ""));
    }

    /**
     * Redis's matcher recurses once per run of stars that has more pattern after it and, to guard
     * against abusive patterns, gives up (no match) past 1000 such levels.
     */
    @Test
    void keys_moreThan1000NestedStars_matchNothing() {
        String key = "a".repeat(1_200);
        setAll(key);
        assertEquals(Set.of(key), keys("*a".repeat(1_000)));
        assertEquals(Set.of(), keys("*a".repeat(1_001)));
        assertEquals(Set.of(key), keys("a*".repeat(1_001)), "a star that ends the pattern does not recurse");
        assertEquals(Set.of(), keys("a*".repeat(1_002)));
        assertEquals(Set.of(key), keys("**a".repeat(1_000) + "**"), "a run of stars counts once");
        assertEquals(Set.of(), keys("*?".repeat(1_001) + "*"));
        assertEquals(List.of(), rawScanAll("0", "MATCH", "*a".repeat(1_001)));
        assertEquals(List.of(key), rawScanAll("0", "MATCH", "*a".repeat(1_000)));
    }

    @Test
    void keys_caseSensitive_matchesBytes() {
        setAll("Key", "key", "KEY");
        assertEquals(Set.of("key"), keys("k*"));
        assertEquals(Set.of("Key", "KEY"), keys("K*"));
        assertEquals(Set.of("Key", "key"), keys("[Kk]ey"));
    }

    @Test
    void keys_expiredKeys_areLeftOut() {
        redis.set("live", "v");
        redis.set("later", "v", SetArgs.pxat(FUTURE_MILLIS));
        redis.set("dead", "v", SetArgs.exat(1));
        assertEquals(Set.of("live", "later"), keys("*"));
        assertEquals(Set.of(), keys("d*"));
    }

    @Test
    void keys_binaryKeys_matchBytewise() {
        binary.set(new byte[] {'k', 0, (byte) 0xFF}, bytes("v"));
        binary.set(new byte[] {'k', 1}, bytes("v"));
        binary.set(new byte[] {'k', '\n'}, bytes("v"));
        assertEquals(1, binary.keys(new byte[] {'k', '?', '?'}).size());
        assertEquals(3, binary.keys(new byte[] {'k', '*'}).size());
        assertEquals(Set.of("k\0\u00FF"), new HashSet<>(binary.keys(new byte[] {'k', 0, '*'}).stream().map(ContractTest::latin1).toList()));
        assertEquals(Set.of("k\n"), new HashSet<>(binary.keys(new byte[] {'k', '[', '\n', ']'}).stream().map(ContractTest::latin1).toList()));
    }

    // ------------------------------------------------------------------ SCAN iteration

    @Test
    void scan_emptyStore_returnsNoKeys() {
        assertEquals(List.of(), scanAll(ScanArgs.none()));
        assertEquals(List.of(), scanAll(ScanArgs.none().withCount(1)));
        assertEquals(List.of(), rawScanAll("0"));
    }

    @Test
    void scan_fewKeys_fullIterationReturnsEachOfThem() {
        setAll("a", "b", "c", "");
        assertEquals(Set.of("a", "b", "c", ""), new HashSet<>(scanAll(ScanArgs.none())));
        assertEquals(Set.of("a", "b", "c", ""), new HashSet<>(rawScanAll("0")));
    }

    @Test
    void scan_fullIteration_returnsEveryKeyAtLeastOnce() {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            expected.add("key:" + i);
        }
        exec(msetArguments(expected));
        for (long count : new long[] {0, 1, 7, 100, 5_000}) {
            List<String> found = scanAll(ScanArgs.none().withCount(count));
            assertEquals(expected, new HashSet<>(found), "COUNT " + count);
        }
        assertEquals(expected, new HashSet<>(rawScanAll("0", "COUNT", "3")));
    }

    private static String[] msetArguments(Set<String> keys) {
        List<String> argv = new ArrayList<>();
        argv.add("MSET");
        for (String key : keys) {
            argv.add(key);
            argv.add("v");
        }
        return argv.toArray(new String[0]);
    }

    @Test
    void scan_keysAddedAndRemovedDuringIteration_stillReturnsKeysPresentThroughout() {
        Set<String> stable = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            stable.add("stable:" + i);
        }
        exec(msetArguments(stable));
        Set<String> found = new HashSet<>();
        String cursor = "0";
        int step = 0;
        do {
            KeyScan<String> result = redis.scan(cursor, ScanArgs.none().withCount(5));
            found.addAll(result.keys());
            cursor = result.cursor();
            for (int i = 0; i < 10; i++) {
                redis.set("churn:" + step + ":" + i, "v");
            }
            redis.del("churn:" + step + ":0");
            step++;
        } while (!cursor.equals("0"));
        Set<String> missing = new TreeSet<>(stable);
        missing.removeAll(found);
        assertEquals(Set.of(), missing, "keys present throughout the iteration but never returned");
    }

    @Test
    void scan_match_returnsOnlyMatchingKeys() {
        Set<String> all = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            all.add((i % 2 == 0 ? "even:" : "odd:") + i);
        }
        exec(msetArguments(all));
        List<String> found = scanAll(ScanArgs.match("even:*").withCount(10));
        assertEquals(100, new HashSet<>(found).size());
        assertTrue(found.stream().allMatch(key -> key.startsWith("even:")), found::toString);
        assertEquals(all, new HashSet<>(scanAll(ScanArgs.match("*"))));
        assertEquals(Set.of("odd:101", "odd:111", "odd:121"), new HashSet<>(rawScanAll("0", "MATCH", "odd:1[0-2]1", "COUNT", "20")));
        assertEquals(Set.of("even:10", "even:12"), new HashSet<>(rawScanAll("0", "match", "even:1[0-2]")));
        assertEquals(List.of(), scanAll(ScanArgs.match("none:*")));
    }

    @Test
    void scan_type_filtersByTypeNameCaseInsensitively() {
        setAll("a", "b", "c");
        assertEquals(Set.of("a", "b", "c"), new HashSet<>(scanAll(ScanArgs.none().withType("string"))));
        assertEquals(Set.of("a", "b", "c"), new HashSet<>(scanAll(ScanArgs.none().withType("STRING"))));
        assertEquals(Set.of("a", "b", "c"), new HashSet<>(rawScanAll("0", "type", "String")));
        for (String other : List.of("list", "set", "zset", "hash", "stream")) {
            assertEquals(List.of(), scanAll(ScanArgs.none().withType(other)), other);
        }
    }

    @Test
    void scan_unknownType_returnsNoKeys() {
        setAll("a", "b", "c");
        assertEquals(List.of(), scanAll(ScanArgs.none().withType("foo")));
        assertEquals(List.of(), rawScanAll("0", "TYPE", "none"));
    }

    @Test
    void scan_matchCountAndType_together() {
        setAll("a", "ab", "b");
        assertEquals(Set.of("a", "ab"), new HashSet<>(scanAll(new ScanArgs("a*", 5, "string"))));
        assertEquals(List.of("a"), rawScanAll("0", "MATCH", "a", "COUNT", "1000", "TYPE", "string"));
        assertEquals(List.of("a"), rawScanAll("0", "TYPE", "string", "COUNT", "1", "MATCH", "a"));
    }

    @Test
    void scan_expiredKeys_areLeftOut() {
        redis.set("live", "v");
        redis.set("later", "v", SetArgs.pxat(FUTURE_MILLIS));
        for (int i = 0; i < 50; i++) {
            redis.set("dead" + i, "v", SetArgs.exat(1));
        }
        assertEquals(Set.of("live", "later"), new HashSet<>(scanAll(ScanArgs.none())));
        assertEquals(List.of(), scanAll(ScanArgs.match("dead*")));
    }

    @Test
    void scan_binaryKeys_areReturnedByteForByte() {
        byte[] key = {0, (byte) 0xFF, '\r', '\n'};
        binary.set(key, bytes("v"));
        KeyScan<byte[]> step;
        List<String> found = new ArrayList<>();
        String cursor = "0";
        do {
            step = binary.scan(cursor);
            step.keys().forEach(k -> found.add(latin1(k)));
            cursor = step.cursor();
        } while (!step.finished());
        assertEquals(List.of(latin1(key)), found);
    }

    @Test
    void scan_repeatedOptions_lastOneWins() {
        setAll("a", "b");
        assertEquals(Set.of("a", "b"), new HashSet<>(rawScanAll("0", "COUNT", "1", "count", "100000")));
        assertEquals(Set.of("b"), new HashSet<>(rawScanAll("0", "MATCH", "a", "MATCH", "b")));
    }

    // ------------------------------------------------------------------ SCAN cursors and errors

    @ParameterizedTest
    @ValueSource(strings = {"", "+0", "-0", "00"})
    void scan_cursorSpellingsOfZero_startAnIteration(String cursor) {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            expected.add("k" + i);
        }
        exec(msetArguments(expected));
        assertEquals(expected, new HashSet<>(rawScanAll(cursor, "COUNT", "100000")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-", "+", " 0", "0 ", "0x10", "1.0", "18446744073709551616",
            "-18446744073709551616", "99999999999999999999999"})
    void scan_malformedCursor_returnsInvalidCursor(String cursor) {
        assertError(INVALID_CURSOR, "SCAN", cursor);
        assertError(INVALID_CURSOR, "SCAN", cursor, "COUNT", "0");
        assertError(INVALID_CURSOR, "SCAN", cursor, "foo");
        assertThrowsRedis(INVALID_CURSOR, () -> redis.scan(cursor));
    }

    @ParameterizedTest
    @ValueSource(strings = {"18446744073709551615", "-1", "9223372036854775808", "12345"})
    void scan_anyUnsignedCursor_isAcceptedAndAnswersWellFormed(String cursor) {
        setAll("a", "b", "c");
        Reply reply = exec("SCAN", cursor);
        Reply.Array parts = assertInstanceOf(Reply.Array.class, reply);
        assertEquals(2, parts.items().size());
        String next = assertInstanceOf(Reply.Bulk.class, parts.items().get(0)).utf8();
        assertFalse(next.isEmpty());
        assertTrue(next.chars().allMatch(Character::isDigit), next);
        for (Reply key : assertInstanceOf(Reply.Array.class, parts.items().get(1)).items()) {
            assertTrue(Set.of("a", "b", "c").contains(assertInstanceOf(Reply.Bulk.class, key).utf8()), key::toString);
        }
    }

    @Test
    void scan_countZeroOrNegative_returnsSyntaxError() {
        assertError(SYNTAX, "SCAN", "0", "COUNT", "0");
        assertError(SYNTAX, "SCAN", "0", "COUNT", "-1");
        assertError(SYNTAX, "SCAN", "0", "COUNT", "-9223372036854775808");
        assertThrowsRedis(SYNTAX, () -> redis.scan("0", ScanArgs.none().withCount(-5)));
    }

    @Test
    void scan_countNotAnInteger_returnsNotInteger() {
        assertError(NOT_INTEGER, "SCAN", "0", "COUNT", "abc");
        assertError(NOT_INTEGER, "SCAN", "0", "COUNT", "1.5");
        assertError(NOT_INTEGER, "SCAN", "0", "COUNT", "");
    }

    @Test
    void scan_hugeCount_isAccepted() {
        setAll("a");
        assertEquals(List.of("a"), rawScanAll("0", "COUNT", "9223372036854775807"));
    }

    @Test
    void scan_optionWithoutValueOrUnknown_returnsSyntaxError() {
        assertError(SYNTAX, "SCAN", "0", "COUNT");
        assertError(SYNTAX, "SCAN", "0", "MATCH");
        assertError(SYNTAX, "SCAN", "0", "TYPE");
        assertError(SYNTAX, "SCAN", "0", "foo");
        assertError(SYNTAX, "SCAN", "0", "MATCH", "*", "foo");
        assertError(SYNTAX, "SCAN", "0", "MATCH", "*", "COUNT");
    }
}
