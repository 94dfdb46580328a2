package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SINTER, SUNION, SDIFF, SINTERSTORE, SUNIONSTORE, SDIFFSTORE, SINTERCARD and SSCAN. Results are
 * compared as sets: Redis defines no order for them. A missing key counts as an empty set; a key
 * of another type anywhere among the sources refuses the whole command, even after a missing key
 * that already decides the result.
 */
class SetAlgebraContractTest extends HashAndSetContractBase {
    private static final String NUMKEYS = "ERR numkeys should be greater than 0";
    private static final String TOO_MANY_KEYS = "ERR Number of keys can't be greater than number of args";
    private static final String NEGATIVE_LIMIT = "ERR LIMIT can't be negative";
    private static final String INVALID_CURSOR = "ERR invalid cursor";

    private static Set<String> setOf(String... members) {
        return new HashSet<>(List.of(members));
    }

    /** Members {@code 0 .. count-1} stepping by {@code step}, as decimal text: integers, as intset-friendly as can be. */
    private static String[] range(int from, int to, int step) {
        List<String> members = new ArrayList<>();
        for (int i = from; i < to; i += step) {
            members.add(Integer.toString(i));
        }
        return members.toArray(new String[0]);
    }

    private void abc() {
        sadd("a", "1", "2", "3", "x");
        sadd("b", "2", "3", "4", "y");
        sadd("c", "3", "y", "z");
    }

    // ------------------------------------------------------------------ SINTER, SUNION, SDIFF

    @Test
    void sinter_sets_returnsTheMembersInEvery() {
        abc();
        assertUnordered(setOf("2", "3"), "SINTER", "a", "b");
        assertUnordered(setOf("3"), "SINTER", "a", "b", "c");
        assertUnordered(setOf("1", "2", "3", "x"), "SINTER", "a");
        assertUnordered(setOf("1", "2", "3", "x"), "SINTER", "a", "a");
    }

    @Test
    void sunion_sets_returnsTheMembersInAny() {
        abc();
        assertUnordered(setOf("1", "2", "3", "4", "x", "y"), "SUNION", "a", "b");
        assertUnordered(setOf("1", "2", "3", "4", "x", "y", "z"), "SUNION", "a", "b", "c");
        assertUnordered(setOf("3", "y", "z"), "SUNION", "c", "c");
    }

    @Test
    void sdiff_sets_returnsTheFirstSetsMembersInNoOther() {
        abc();
        assertUnordered(setOf("1", "x"), "SDIFF", "a", "b");
        assertUnordered(setOf("1", "x"), "SDIFF", "a", "b", "c");
        assertUnordered(setOf("4"), "SDIFF", "b", "a", "c");
        assertUnordered(setOf("1", "2", "3", "x"), "SDIFF", "a");
        assertUnordered(setOf(), "SDIFF", "a", "a");
    }

    @Test
    void setAlgebra_sameKeyTwice_returnsEachMemberOnceAtEverySize() {
        // growing a set one SADD at a time leaves its hash table mid-rehash at some sizes
        for (int n = 1; n <= 150; n++) {
            exec("DEL", "s");
            sadd("s", "1");
            String[] members = numbered("m", n);
            members[0] = "x".repeat(65);
            sadd("s", members);
            List<String> expected = new ArrayList<>(List.of(members));
            expected.add("1");
            expected.sort(null);
            int card = expected.size();
            String size = card + " members";
            assertEquals(expected, sortedStrings(exec("SINTER", "s", "s")), "SINTER s s, " + size);
            assertEquals(expected, sortedStrings(exec("SUNION", "s", "s")), "SUNION s s, " + size);
            assertReply(emptyArray(), "SDIFF", "s", "s");
            assertEquals(integer(card), exec("SINTERCARD", "2", "s", "s"), "SINTERCARD 2 s s, " + size);
            assertEquals(integer(card), exec("SINTERSTORE", "d", "s", "s"), "SINTERSTORE d s s, " + size);
        }
    }

    @Test
    void setAlgebra_missingKeys_countAsEmptySets() {
        abc();
        assertReply(emptyArray(), "SINTER", "a", "missing", "b");
        assertReply(emptyArray(), "SINTER", "missing");
        assertUnordered(setOf("1", "2", "3", "x"), "SUNION", "missing", "a", "other");
        assertReply(emptyArray(), "SUNION", "missing", "other");
        assertReply(emptyArray(), "SDIFF", "missing", "a");
        assertUnordered(setOf("1", "2", "3", "x"), "SDIFF", "a", "missing");
        assertNoKey("missing");
    }

    @Test
    void setAlgebra_keyOfAnotherTypeAnywhere_wrongTypeEvenAfterAMissingKey() {
        abc();
        exec("SET", "str", "v");
        hset("hash", "f", "v");
        for (String command : List.of("SINTER", "SUNION", "SDIFF")) {
            assertRefusedUnchanged(WRONGTYPE, command, "str");
            assertRefusedUnchanged(WRONGTYPE, command, "a", "str");
            assertRefusedUnchanged(WRONGTYPE, command, "missing", "str");
            assertRefusedUnchanged(WRONGTYPE, command, "str", "missing");
            assertRefusedUnchanged(WRONGTYPE, command, "a", "b", "hash");
        }
    }

    @Test
    void setAlgebra_noKey_wrongNumberOfArguments() {
        assertError(wrongArity("sinter"), "SINTER");
        assertError(wrongArity("sunion"), "SUNION");
        assertError(wrongArity("sdiff"), "SDIFF");
        assertError(wrongArity("sinterstore"), "SINTERSTORE", "d");
        assertError(wrongArity("sunionstore"), "SUNIONSTORE", "d");
        assertError(wrongArity("sdiffstore"), "SDIFFSTORE", "d");
        assertError(wrongArity("sinterstore"), "SINTERSTORE");
        assertNoKey("d");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"integers", "strings"})
    void setAlgebra_bigSets_matchJavaSets(String kind) {
        String prefix = kind.equals("integers") ? "" : "m";
        String[] multiplesOf2 = range(0, 2000, 2);
        String[] multiplesOf3 = range(0, 3000, 3);
        sadd("two", prefixed(prefix, multiplesOf2));
        sadd("three", prefixed(prefix, multiplesOf3));
        sadd("small", prefixed(prefix, "6", "7", "12", "5000"));
        Set<String> two = setOf(prefixed(prefix, multiplesOf2));
        Set<String> three = setOf(prefixed(prefix, multiplesOf3));
        Set<String> inter = new HashSet<>(two);
        inter.retainAll(three);
        Set<String> union = new HashSet<>(two);
        union.addAll(three);
        Set<String> diff = new HashSet<>(two);
        diff.removeAll(three);
        assertUnordered(inter, "SINTER", "two", "three");
        assertUnordered(union, "SUNION", "two", "three");
        assertUnordered(diff, "SDIFF", "two", "three");
        assertUnordered(setOf(prefixed(prefix, "6", "12")), "SINTER", "small", "two", "three");
        assertUnordered(setOf(prefixed(prefix, "6", "12")), "SINTER", "two", "three", "small");
        assertUnordered(setOf(prefixed(prefix, "7", "5000")), "SDIFF", "small", "two", "three");
        assertReply(integer(inter.size()), "SINTERCARD", "2", "two", "three");
        assertReply(integer(inter.size()), "SINTERSTORE", "dest", "two", "three");
        assertSet("dest", inter);
    }

    private static List<String> sortedStrings(Reply reply) {
        List<String> items = strings(reply);
        items.sort(null);
        return items;
    }

    private static String[] prefixed(String prefix, String... members) {
        String[] all = new String[members.length];
        for (int i = 0; i < members.length; i++) {
            all[i] = prefix + members[i];
        }
        return all;
    }

    // ------------------------------------------------------------------ STORE forms

    @Test
    void store_result_replacesTheDestinationAndCountsIt() {
        abc();
        sadd("d", "old");
        exec("PEXPIREAT", "d", Long.toString(FUTURE_MILLIS));
        assertReply(integer(2), "SINTERSTORE", "d", "a", "b");
        assertSet("d", "2", "3");
        assertReply(integer(-1), "PTTL", "d");
        assertReply(integer(7), "SUNIONSTORE", "d", "a", "b", "c");
        assertSet("d", "1", "2", "3", "4", "x", "y", "z");
        assertReply(integer(2), "SDIFFSTORE", "d", "a", "b");
        assertSet("d", "1", "x");
        assertSet("a", "1", "2", "3", "x");
    }

    @Test
    void store_destinationOfAnotherType_isOverwritten() {
        abc();
        exec("SET", "str", "v", "PXAT", Long.toString(FUTURE_MILLIS));
        hset("hash", "f", "v");
        exec("RPUSH", "list", "e");
        assertReply(integer(2), "SINTERSTORE", "str", "a", "b");
        assertReply(status("set"), "TYPE", "str");
        assertReply(integer(-1), "PTTL", "str");
        assertSet("str", "2", "3");
        assertReply(integer(3), "SUNIONSTORE", "hash", "c");
        assertSet("hash", "3", "y", "z");
        assertReply(integer(2), "SDIFFSTORE", "list", "a", "b");
        assertSet("list", "1", "x");
    }

    @Test
    void store_emptyResult_deletesTheDestinationWhateverItsType() {
        abc();
        sadd("d", "old");
        exec("SET", "str", "v", "PXAT", Long.toString(FUTURE_MILLIS));
        hset("hash", "f", "v");
        assertReply(integer(0), "SINTERSTORE", "d", "a", "missing");
        assertNoKey("d");
        assertReply(integer(0), "SUNIONSTORE", "str", "missing", "other");
        assertNoKey("str");
        assertReply(integer(0), "SDIFFSTORE", "hash", "a", "a");
        assertNoKey("hash");
        assertReply(integer(0), "SINTERSTORE", "new", "missing");
        assertNoKey("new");
    }

    @Test
    void store_destinationAmongTheSources_readsTheSourcesFirst() {
        abc();
        assertReply(integer(6), "SUNIONSTORE", "a", "a", "b");
        assertSet("a", "1", "2", "3", "4", "x", "y");
        assertReply(integer(2), "SINTERSTORE", "b", "c", "b");
        assertSet("b", "3", "y");
        assertReply(integer(1), "SDIFFSTORE", "c", "c", "b");
        assertSet("c", "z");
        assertReply(integer(1), "SDIFFSTORE", "c", "c");
        assertSet("c", "z");
    }

    @Test
    void store_sourceOfAnotherType_wrongTypeAndTheDestinationIsKept() {
        abc();
        exec("SET", "str", "v");
        sadd("d", "old");
        for (String command : List.of("SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE")) {
            assertRefusedUnchanged(WRONGTYPE, command, "d", "a", "str");
            assertRefusedUnchanged(WRONGTYPE, command, "d", "missing", "str");
            assertRefusedUnchanged(WRONGTYPE, command, "new", "str");
        }
        assertSet("d", "old");
        assertNoKey("new");
    }

    @Test
    void store_bigResult_isAFullSet() {
        sadd("a", numbered("m", 1000));
        sadd("b", numbered("m", 500));
        assertReply(integer(500), "SDIFFSTORE", "d", "a", "b");
        assertReply(integer(500), "SCARD", "d");
        assertReply(integer(1), "SISMEMBER", "d", "m999");
        assertReply(integer(0), "SISMEMBER", "d", "m499");
        assertReply(bulk("hashtable"), "OBJECT", "ENCODING", "d");
    }

    // ------------------------------------------------------------------ SINTERCARD

    @Test
    void sintercard_countsTheIntersection() {
        abc();
        assertReply(integer(2), "SINTERCARD", "2", "a", "b");
        assertReply(integer(1), "SINTERCARD", "3", "a", "b", "c");
        assertReply(integer(4), "SINTERCARD", "1", "a");
        assertReply(integer(0), "SINTERCARD", "2", "a", "missing");
        assertReply(integer(0), "SINTERCARD", "1", "missing");
    }

    @Test
    void sintercard_limit_capsTheCountAndZeroMeansNone() {
        abc();
        assertReply(integer(1), "SINTERCARD", "2", "a", "b", "LIMIT", "1");
        assertReply(integer(2), "SINTERCARD", "2", "a", "b", "LIMIT", "2");
        assertReply(integer(2), "SINTERCARD", "2", "a", "b", "LIMIT", "100");
        assertReply(integer(2), "SINTERCARD", "2", "a", "b", "limit", "0");
        assertReply(integer(4), "SINTERCARD", "1", "a", "LIMIT", "9223372036854775807");
        sadd("big", numbered("m", 1000));
        assertReply(integer(10), "SINTERCARD", "2", "big", "big", "LIMIT", "10");
    }

    @ParameterizedTest(name = "numkeys \"{0}\"")
    @ValueSource(strings = {"0", "-1", "abc", "1.5", "01", " 1", "", "9223372036854775808"})
    void sintercard_numkeysNotPositive_returnsNumkeysError(String numkeys) {
        abc();
        assertRefusedUnchanged(NUMKEYS, "SINTERCARD", numkeys, "a");
        assertRefusedUnchanged(NUMKEYS, "SINTERCARD", numkeys, "a", "b");
    }

    @Test
    void sintercard_numkeysPastTheArguments_returnsTooManyKeys() {
        abc();
        assertRefusedUnchanged(TOO_MANY_KEYS, "SINTERCARD", "2", "a");
        assertRefusedUnchanged(TOO_MANY_KEYS, "SINTERCARD", "4", "a", "b", "c");
        assertRefusedUnchanged(TOO_MANY_KEYS, "SINTERCARD", "2147483648", "a");
        assertRefusedUnchanged(TOO_MANY_KEYS, "SINTERCARD", "9223372036854775807", "a");
    }

    @Test
    void sintercard_badTrailingArguments_returnErrors() {
        abc();
        assertRefusedUnchanged(SYNTAX, "SINTERCARD", "1", "a", "b");
        assertRefusedUnchanged(SYNTAX, "SINTERCARD", "2", "a", "b", "LIMIT");
        assertRefusedUnchanged(SYNTAX, "SINTERCARD", "2", "a", "b", "FOO", "1");
        assertRefusedUnchanged(NEGATIVE_LIMIT, "SINTERCARD", "2", "a", "b", "LIMIT", "-1");
        assertRefusedUnchanged(NEGATIVE_LIMIT, "SINTERCARD", "2", "a", "b", "LIMIT", "abc");
        assertRefusedUnchanged(NEGATIVE_LIMIT, "SINTERCARD", "2", "a", "b", "LIMIT", "9223372036854775808");
        assertRefusedUnchanged(NEGATIVE_LIMIT, "SINTERCARD", "1", "missing", "LIMIT", "-1");
        assertError(wrongArity("sintercard"), "SINTERCARD", "1");
        assertError(wrongArity("sintercard"), "SINTERCARD");
    }

    @Test
    void sintercard_keyOfAnotherType_wrongTypeEvenAfterAMissingKey() {
        abc();
        exec("SET", "str", "v");
        assertRefusedUnchanged(WRONGTYPE, "SINTERCARD", "2", "a", "str");
        assertRefusedUnchanged(WRONGTYPE, "SINTERCARD", "2", "missing", "str");
        assertRefusedUnchanged(WRONGTYPE, "SINTERCARD", "2", "str", "missing");
        assertRefusedUnchanged(WRONGTYPE, "SINTERCARD", "1", "str", "LIMIT", "1");
    }

    // ------------------------------------------------------------------ SSCAN

    /** Runs a full SSCAN iteration with {@code options}; returns every member it returned, with repeats. */
    private List<String> sscanAll(String key, String... options) {
        List<String> all = new ArrayList<>();
        String cursor = "0";
        int steps = 0;
        do {
            String[] argv = concat(new String[] {"SSCAN", key, cursor}, options);
            List<Reply> parts = assertInstanceOf(Reply.Array.class, exec(argv), () -> String.join(" ", argv)).items();
            assertEquals(2, parts.size(), "SSCAN answers a cursor and an array");
            cursor = assertInstanceOf(Reply.Bulk.class, parts.get(0)).utf8();
            all.addAll(strings(parts.get(1)));
            assertTrue(++steps < 100_000, "SSCAN does not terminate");
        } while (!cursor.equals("0"));
        return all;
    }

    @ParameterizedTest(name = "{0} members")
    @ValueSource(ints = {5, 1000})
    void sscan_fullIteration_returnsEveryMemberAtLeastOnce(int size) {
        String[] members = numbered("m", size);
        sadd("s", members);
        Set<String> expected = new TreeSet<>(List.of(members));
        assertEquals(expected, new TreeSet<>(sscanAll("s")));
        for (String count : List.of("1", "7", "100", "5000")) {
            assertEquals(expected, new TreeSet<>(sscanAll("s", "COUNT", count)), "COUNT " + count);
        }
        assertSet("s", members);
    }

    @Test
    void sscan_integerSet_returnsEveryMember() {
        String[] members = range(-50, 50, 1);
        sadd("s", members);
        assertEquals(new TreeSet<>(List.of(members)), new TreeSet<>(sscanAll("s", "COUNT", "3")));
    }

    @ParameterizedTest(name = "{0} members")
    @ValueSource(ints = {20, 1000})
    void sscan_match_returnsOnlyMatchingMembers(int size) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            members.add((i % 2 == 0 ? "even:" : "odd:") + i);
        }
        sadd("s", members.toArray(new String[0]));
        Set<String> even = new TreeSet<>();
        members.stream().filter(m -> m.startsWith("even:")).forEach(even::add);
        assertEquals(even, new TreeSet<>(sscanAll("s", "MATCH", "even:*", "COUNT", "10")));
        assertEquals(Set.of("odd:11", "odd:13"), new TreeSet<>(sscanAll("s", "match", "odd:1[13]")));
        assertEquals(List.of(), sscanAll("s", "MATCH", "none:*"));
    }

    @Test
    void sscan_missingKey_returnsCursorZeroAndNoMembersWhateverTheOptions() {
        assertReply(Reply.array(List.of(bulk("0"), emptyArray())), "SSCAN", "missing", "0");
        assertReply(Reply.array(List.of(bulk("0"), emptyArray())), "SSCAN", "missing", "77");
        assertReply(Reply.array(List.of(bulk("0"), emptyArray())), "SSCAN", "missing", "0", "COUNT", "abc");
        assertNoKey("missing");
    }

    @ParameterizedTest(name = "cursor \"{0}\"")
    @ValueSource(strings = {"abc", "-", " 0", "1.0", "18446744073709551616"})
    void sscan_malformedCursor_returnsInvalidCursor(String cursor) {
        sadd("s", "a");
        assertError(INVALID_CURSOR, "SSCAN", "s", cursor);
        assertError(INVALID_CURSOR, "SSCAN", "missing", cursor);
    }

    @Test
    void sscan_badOptions_returnErrors() {
        sadd("s", "a");
        assertError(SYNTAX, "SSCAN", "s", "0", "COUNT", "0");
        assertError(SYNTAX, "SSCAN", "s", "0", "COUNT", "-5");
        assertError(NOT_INTEGER, "SSCAN", "s", "0", "COUNT", "abc");
        assertError(SYNTAX, "SSCAN", "s", "0", "MATCH");
        assertError(SYNTAX, "SSCAN", "s", "0", "TYPE", "set");
        assertError(SYNTAX, "SSCAN", "s", "0", "foo");
        assertError(wrongArity("sscan"), "SSCAN", "s");
    }

    @Test
    void sscan_novalues_isOnlyForHscan() {
        requireRedis("7.4", "the NOVALUES option");
        sadd("s", "a");
        assertError("ERR NOVALUES option can only be used in HSCAN", "SSCAN", "s", "0", "NOVALUES");
    }
}
