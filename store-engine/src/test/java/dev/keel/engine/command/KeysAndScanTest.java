package dev.keel.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Codec;
import dev.keel.KeyScan;
import dev.keel.Reply;
import dev.keel.ScanArgs;
import dev.keel.SetArgs;
import dev.keel.engine.AbstractCommandTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** KEYS and SCAN. */
class KeysAndScanTest extends AbstractCommandTest {
    private static final String SYNTAX = "ERR syntax error";
    private static final String INVALID_CURSOR = "ERR invalid cursor";

    private void setAll(String... keys) {
        for (String key : keys) {
            redis.set(key, "v");
        }
    }

    private Set<String> keys(String pattern) {
        return new TreeSet<>(redis.keys(pattern));
    }

    /** Runs a full SCAN iteration and returns every key it returned, with repeats. */
    private List<String> scanAll(ScanArgs args) {
        List<String> all = new ArrayList<>();
        String cursor = "0";
        int steps = 0;
        do {
            KeyScan<String> step = redis.scan(cursor, args);
            all.addAll(step.keys());
            cursor = step.cursor();
            assertTrue(++steps < 1_000_000, "SCAN does not terminate");
        } while (!cursor.equals("0"));
        return all;
    }

    // ------------------------------------------------------------------ KEYS

    @Test
    void keys_star_returnsEveryKey() {
        setAll("a", "b", "hello");
        assertEquals(Set.of("a", "b", "hello"), keys("*"));
    }

    @Test
    void keys_emptyStore_returnsEmptyArray() {
        assertReply(Reply.array(List.of()), "KEYS", "*");
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
    }

    @Test
    void keys_expiredKeys_areLeftOut() {
        redis.set("live", "v");
        redis.set("dead", "v", SetArgs.px(10));
        clock.advanceMillis(11);
        assertEquals(Set.of("live"), keys("*"));
        assertEquals(1, redis.dbsize());
    }

    @Test
    void keys_binaryKeys_matchBytewise() {
        var raw = store.commands(Codec.bytes());
        raw.set(new byte[] {'k', 0, (byte) 0xFF}, "v".getBytes(StandardCharsets.UTF_8));
        raw.set(new byte[] {'k', 1}, "v".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, raw.keys(new byte[] {'k', '?', '?'}).size());
        assertEquals(2, raw.keys(new byte[] {'k', '*'}).size());
    }

    @Test
    void keys_wrongArity_returnsArityError() {
        assertError("ERR wrong number of arguments for 'keys' command", "KEYS");
        assertError("ERR wrong number of arguments for 'keys' command", "KEYS", "a", "b");
    }

    // ------------------------------------------------------------------ SCAN iteration

    @Test
    void scan_emptyStore_returnsNoKeys() {
        assertEquals(List.of(), scanAll(ScanArgs.none()));
        assertEquals(List.of(), scanAll(ScanArgs.none().withCount(1)));
    }

    @Test
    void scan_smallKeyspace_finishesInOneCall() {
        assertReply(Reply.array(List.of(bulk("0"), Reply.array(List.of()))), "SCAN", "0");
        setAll("a", "b", "c");
        KeyScan<String> step = redis.scan("0");
        assertTrue(step.finished());
        assertEquals(Set.of("a", "b", "c"), new HashSet<>(step.keys()));
    }

    @Test
    void scan_fullIteration_returnsEveryKeyAtLeastOnce() {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            expected.add("key:" + i);
            redis.set("key:" + i, "v");
        }
        for (long count : new long[] {0, 1, 7, 100, 5_000}) {
            List<String> found = scanAll(ScanArgs.none().withCount(count));
            assertEquals(expected, new HashSet<>(found), "COUNT " + count);
        }
    }

    @Test
    void scan_keysAddedAndRemovedDuringIteration_stillReturnsKeysPresentThroughout() {
        Set<String> stable = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            stable.add("stable:" + i);
            redis.set("stable:" + i, "v");
        }
        Set<String> found = new HashSet<>();
        String cursor = "0";
        int step = 0;
        do {
            KeyScan<String> result = redis.scan(cursor, ScanArgs.none().withCount(5));
            found.addAll(result.keys());
            cursor = result.cursor();
            for (int i = 0; i < 20; i++) {
                redis.set("churn:" + step + ":" + i, "v");
            }
            redis.del("churn:" + step + ":0");
            step++;
        } while (!cursor.equals("0"));
        assertTrue(found.containsAll(stable), "missing: " + difference(stable, found));
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    @Test
    void scan_match_returnsOnlyMatchingKeys() {
        for (int i = 0; i < 200; i++) {
            redis.set((i % 2 == 0 ? "even:" : "odd:") + i, "v");
        }
        List<String> found = scanAll(ScanArgs.match("even:*").withCount(10));
        assertEquals(100, new HashSet<>(found).size());
        assertTrue(found.stream().allMatch(key -> key.startsWith("even:")));
        assertEquals(200, new HashSet<>(scanAll(ScanArgs.match("*"))).size());
    }

    @Test
    void scan_type_filtersByTypeNameCaseInsensitively() {
        setAll("a", "b", "c");
        assertEquals(Set.of("a", "b", "c"), new HashSet<>(scanAll(ScanArgs.none().withType("string"))));
        assertEquals(Set.of("a", "b", "c"), new HashSet<>(scanAll(ScanArgs.none().withType("STRING"))));
        assertEquals(List.of(), scanAll(ScanArgs.none().withType("list")));
        assertEquals(List.of(), scanAll(ScanArgs.none().withType("foo")));
    }

    @Test
    void scan_matchCountAndType_together() {
        setAll("a", "ab", "b");
        assertEquals(Set.of("a", "ab"), new HashSet<>(scanAll(new ScanArgs("a*", 5, "string"))));
        assertReply(Reply.array(List.of(bulk("0"), array("a"))), "SCAN", "0", "MATCH", "a", "COUNT", "1000", "TYPE", "string");
    }

    @Test
    void scan_expiredKeys_areLeftOut() {
        redis.set("live", "v");
        for (int i = 0; i < 50; i++) {
            redis.set("dead" + i, "v", SetArgs.px(10));
        }
        clock.advanceMillis(11);
        assertEquals(List.of("live"), scanAll(ScanArgs.none()));
    }

    @Test
    void scan_repeatedCountOption_lastOneWins() {
        setAll("a");
        assertReply(Reply.array(List.of(bulk("0"), array("a"))), "SCAN", "0", "COUNT", "1", "count", "100000");
    }

    // ------------------------------------------------------------------ SCAN cursors and errors

    @ParameterizedTest
    @ValueSource(strings = {"", "+0", "-0", "00"})
    void scan_cursorSpellingsOfZero_startAnIteration(String cursor) {
        for (int i = 0; i < 100; i++) {
            redis.set("k" + i, "v");
        }
        assertEquals(exec("SCAN", "0"), exec("SCAN", cursor));
        assertEquals(exec("SCAN", "0", "COUNT", "100000"), exec("SCAN", cursor, "COUNT", "100000"));
        assertEquals(bulk("0"), ((Reply.Array) exec("SCAN", cursor, "COUNT", "100000")).items().get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-", "+", " 0", "0 ", "0x10", "1.0", "18446744073709551616",
            "-18446744073709551616", "99999999999999999999999"})
    void scan_malformedCursor_returnsInvalidCursor(String cursor) {
        assertError(INVALID_CURSOR, "SCAN", cursor);
        assertError(INVALID_CURSOR, "SCAN", cursor, "COUNT", "0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"18446744073709551615", "-18446744073709551615", "-1", "9223372036854775808", "12345"})
    void scan_anyUnsignedCursor_isAcceptedAndAnswersWellFormed(String cursor) {
        setAll("a", "b", "c");
        Reply reply = exec("SCAN", cursor);
        Reply.Array parts = assertInstanceOf(Reply.Array.class, reply);
        assertEquals(2, parts.items().size());
        String next = assertInstanceOf(Reply.Bulk.class, parts.items().get(0)).utf8();
        assertFalse(next.isEmpty());
        assertInstanceOf(Reply.Array.class, parts.items().get(1));
    }

    @Test
    void scan_countZeroOrNegative_returnsSyntaxError() {
        assertError(SYNTAX, "SCAN", "0", "COUNT", "0");
        assertError(SYNTAX, "SCAN", "0", "COUNT", "-1");
        assertThrowsKeel(SYNTAX, () -> redis.scan("0", ScanArgs.none().withCount(-5)));
    }

    @Test
    void scan_countNotAnInteger_returnsNotInteger() {
        assertError("ERR value is not an integer or out of range", "SCAN", "0", "COUNT", "abc");
    }

    @Test
    void scan_hugeCount_isAccepted() {
        setAll("a");
        assertReply(Reply.array(List.of(bulk("0"), array("a"))), "SCAN", "0", "COUNT", "9223372036854775807");
    }

    @Test
    void scan_optionWithoutValueOrUnknown_returnsSyntaxError() {
        assertError(SYNTAX, "SCAN", "0", "COUNT");
        assertError(SYNTAX, "SCAN", "0", "MATCH");
        assertError(SYNTAX, "SCAN", "0", "TYPE");
        assertError(SYNTAX, "SCAN", "0", "foo");
        assertError(SYNTAX, "SCAN", "0", "MATCH", "*", "foo");
    }

    @Test
    void scan_wrongArity_returnsArityError() {
        assertError("ERR wrong number of arguments for 'scan' command", "SCAN");
    }
}
