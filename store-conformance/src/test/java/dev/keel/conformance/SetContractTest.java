package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SADD, SREM, SISMEMBER, SMISMEMBER, SMEMBERS, SCARD, SPOP, SRANDMEMBER, SMOVE, WRONGTYPE for
 * every set command, and the encodings OBJECT ENCODING reports for sets. SINTER, SUNION, SDIFF,
 * their STORE forms, SINTERCARD and SSCAN are in {@link SetAlgebraContractTest}.
 *
 * <p>Redis defines no order for a set's members, so every reply listing members is compared as a
 * set; random replies (SPOP, SRANDMEMBER) by their size and membership. Tests marked with a size
 * run on a small set and on one of 1000 members, past the packed encoding on the default target.
 * No test sends a huge negative count that Redis accepts: Redis would build a reply that long.
 */
class SetContractTest extends HashAndSetContractBase {
    private static final String POP_COUNT = "ERR value is out of range, must be positive";
    private static final String COUNT_RANGE = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";

    private static Set<String> setOf(String... members) {
        return new HashSet<>(Arrays.asList(members));
    }

    // ------------------------------------------------------------------ SADD, SREM

    @Test
    void sadd_newAndRepeatedMembers_countsOnlyNewOnes() {
        assertReply(integer(3), "SADD", "s", "a", "b", "a", "c");
        assertReply(integer(1), "SADD", "s", "a", "d");
        assertReply(integer(0), "SADD", "s", "a");
        assertSet("s", "a", "b", "c", "d");
    }

    @Test
    void sadd_missingKey_createsASetWithoutExpiry() {
        assertReply(integer(1), "SADD", "s", "a");
        assertReply(status("set"), "TYPE", "s");
        assertReply(integer(-1), "TTL", "s");
    }

    @Test
    void sadd_existingSetWithExpiry_keepsTheKeyExpiry() {
        sadd("s", "a");
        exec("PEXPIREAT", "s", Long.toString(FUTURE_MILLIS));
        assertReply(integer(1), "SADD", "s", "b");
        assertReply(integer(FUTURE_MILLIS), "PEXPIRETIME", "s");
    }

    @Test
    void sadd_emptyBinaryAndUnicodeMembers_roundTrip() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertEquals(Reply.integer(2), store.execute(bytes("SADD"), bytes("b"), all, new byte[0]));
        assertEquals(Reply.integer(1), store.execute(bytes("SISMEMBER"), bytes("b"), all));
        assertEquals(Reply.integer(1), store.execute(bytes("SISMEMBER"), bytes("b"), new byte[0]));
        assertEquals(Reply.integer(0), store.execute(bytes("SISMEMBER"), bytes("b"), Arrays.copyOf(all, 255)));
        assertEquals(Reply.integer(1), store.execute(bytes("SREM"), bytes("b"), all));
        assertEquals(Reply.array(List.of(new Reply.Bulk(new byte[0]))), store.execute(bytes("SMEMBERS"), bytes("b")));
        sadd("ключ", "värde ✓", "日本");
        assertSet("ключ", "värde ✓", "日本");
        assertEquals(Reply.integer(1), store.execute("SISMEMBER".getBytes(StandardCharsets.UTF_8),
                "ключ".getBytes(StandardCharsets.UTF_8), "日本".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sadd_integerLookingMembers_areComparedAsBytes() {
        assertReply(integer(5), "SADD", "s", "1", "01", "+1", "1.0", " 1");
        assertReply(integer(0), "SADD", "s", "1");
        assertReply(integer(1), "SISMEMBER", "s", "01");
        assertReply(integer(0), "SISMEMBER", "s", "001");
        assertSet("s", "1", "01", "+1", "1.0", " 1");
        assertReply(integer(2), "SADD", "n", "9223372036854775807", "-9223372036854775808");
        assertReply(integer(1), "SADD", "n", "9223372036854775808");
        assertSet("n", "9223372036854775807", "-9223372036854775808", "9223372036854775808");
    }

    @Test
    void sremAndSadd_noMember_wrongNumberOfArguments() {
        assertRefusedUnchanged(wrongArity("sadd"), "SADD", "s");
        assertRefusedUnchanged(wrongArity("srem"), "SREM", "s");
        assertNoKey("s");
    }

    @Test
    void srem_manyMembers_countsOnlyThoseRemoved() {
        sadd("s", "a", "b", "c");
        assertReply(integer(2), "SREM", "s", "a", "x", "b", "a");
        assertSet("s", "c");
        assertReply(integer(0), "SREM", "s", "a");
        assertReply(integer(0), "SREM", "missing", "a");
    }

    @Test
    void srem_lastMember_deletesTheKey() {
        sadd("s", "a", "b");
        exec("PEXPIREAT", "s", Long.toString(FUTURE_MILLIS));
        assertReply(integer(2), "SREM", "s", "a", "b");
        assertNoKey("s");
        sadd("s", "c");
        assertEquals(integer(-1), exec("PTTL", "s"), "a new set does not inherit the old expiry");
    }

    @ParameterizedTest(name = "{0} members")
    @ValueSource(ints = {5, 1000})
    void sremOneByOne_anySize_deletesTheKeyAtTheEnd(int size) {
        String[] members = numbered("m", size);
        sadd("s", members);
        for (int i = 0; i < size - 1; i++) {
            assertReply(integer(1), "SREM", "s", members[i]);
        }
        assertSet("s", members[size - 1]);
        assertReply(integer(1), "SREM", "s", members[size - 1]);
        assertNoKey("s");
    }

    // ------------------------------------------------------------------ SISMEMBER, SMISMEMBER, SMEMBERS, SCARD

    @Test
    void sismember_memberNonMemberAndMissingKey() {
        sadd("s", "a", "1");
        assertReply(integer(1), "SISMEMBER", "s", "a");
        assertReply(integer(1), "SISMEMBER", "s", "1");
        assertReply(integer(0), "SISMEMBER", "s", "b");
        assertReply(integer(0), "SISMEMBER", "s", "A");
        assertReply(integer(0), "SISMEMBER", "missing", "a");
        assertError(wrongArity("sismember"), "SISMEMBER", "s", "a", "b");
        assertError(wrongArity("sismember"), "SISMEMBER", "s");
    }

    @Test
    void smismember_answersOneFlagPerMemberInOrder() {
        sadd("s", "a", "c");
        assertReply(integers(1, 0, 1, 1), "SMISMEMBER", "s", "a", "b", "c", "a");
        assertReply(integers(0, 0), "SMISMEMBER", "missing", "a", "b");
        assertError(wrongArity("smismember"), "SMISMEMBER", "s");
        assertNoKey("missing");
    }

    @ParameterizedTest(name = "{0} members")
    @ValueSource(ints = {3, 1000})
    void smembers_anySize_returnsEveryMemberOnce(int size) {
        String[] members = numbered("m", size);
        sadd("s", members);
        assertSet("s", members);
        for (int i = 0; i < size; i += 101) {
            assertReply(integer(1), "SISMEMBER", "s", members[i]);
        }
        assertReply(integer(0), "SISMEMBER", "s", "m" + size);
    }

    @Test
    void smembersAndScard_missingKey_emptyArrayAndZero() {
        assertReply(emptyArray(), "SMEMBERS", "missing");
        assertReply(integer(0), "SCARD", "missing");
        assertError(wrongArity("smembers"), "SMEMBERS", "s", "x");
        assertError(wrongArity("scard"), "SCARD", "s", "x");
    }

    // ------------------------------------------------------------------ SPOP

    @ParameterizedTest(name = "{0} members")
    @ValueSource(ints = {3, 1000})
    void spop_noCount_removesAndReturnsOneMember(int size) {
        Set<String> members = setOf(numbered("m", size));
        sadd("s", members.toArray(new String[0]));
        String popped = assertInstanceOf(Reply.Bulk.class, exec("SPOP", "s")).utf8();
        assertTrue(members.remove(popped), popped);
        assertSet("s", members);
    }

    @Test
    void spop_lastMember_deletesTheKey() {
        sadd("s", "a");
        exec("PEXPIREAT", "s", Long.toString(FUTURE_MILLIS));
        assertReply(bulk("a"), "SPOP", "s");
        assertNoKey("s");
    }

    @Test
    void spop_missingKey_nilWithoutCountAndEmptyArrayWithOne() {
        assertReply(Reply.NIL, "SPOP", "missing");
        assertReply(emptyArray(), "SPOP", "missing", "3");
        assertReply(emptyArray(), "SPOP", "missing", "0");
        assertNoKey("missing");
    }

    @ParameterizedTest(name = "{0} members, count {1}")
    @CsvSource({"5, 1", "5, 3", "5, 4", "1000, 10", "1000, 300", "1000, 900", "1000, 999"})
    void spop_countBelowTheSize_removesAndReturnsThatManyDistinctMembers(int size, int count) {
        Set<String> members = setOf(numbered("m", size));
        sadd("s", members.toArray(new String[0]));
        Set<String> popped = distinct(exec("SPOP", "s", Integer.toString(count)));
        assertEquals(count, popped.size());
        assertTrue(members.containsAll(popped), popped::toString);
        members.removeAll(popped);
        assertSet("s", members);
    }

    @ParameterizedTest(name = "{0} members, count {1}")
    @CsvSource({"3, 3", "3, 4", "1000, 1000", "1000, 5000", "3, 9223372036854775807"})
    void spop_countFromTheSize_returnsEveryMemberAndDeletesTheKey(int size, String count) {
        Set<String> members = setOf(numbered("m", size));
        sadd("s", members.toArray(new String[0]));
        exec("PEXPIREAT", "s", Long.toString(FUTURE_MILLIS));
        assertUnordered(members, "SPOP", "s", count);
        assertNoKey("s");
    }

    @Test
    void spop_countZero_returnsEmptyArrayAndRemovesNothing() {
        sadd("s", "a", "b");
        assertReplyUnchanged(emptyArray(), "SPOP", "s", "0");
    }

    @ParameterizedTest(name = "count \"{0}\"")
    @ValueSource(strings = {"-1", "-0", "abc", "1.5", "", "9223372036854775808", "-9223372036854775808"})
    void spop_countNegativeOrNotAnInteger_returnsMustBePositive(String count) {
        sadd("s", "a", "b");
        exec("SET", "str", "v");
        assertRefusedUnchanged(POP_COUNT, "SPOP", "s", count);
        assertRefusedUnchanged(POP_COUNT, "SPOP", "missing", count);
        assertRefusedUnchanged(POP_COUNT, "SPOP", "str", count);
    }

    @Test
    void spop_extraArgument_syntaxError() {
        sadd("s", "a", "b");
        assertRefusedUnchanged(SYNTAX, "SPOP", "s", "1", "2");
        assertRefusedUnchanged(SYNTAX, "SPOP", "s", "abc", "2");
        assertRefusedUnchanged(SYNTAX, "SPOP", "s", "-1", "2");
        assertError(wrongArity("spop"), "SPOP");
    }

    // ------------------------------------------------------------------ SRANDMEMBER

    @ParameterizedTest(name = "{0} members")
    @ValueSource(ints = {3, 1000})
    void srandmember_noCount_returnsOneMemberAndRemovesNothing(int size) {
        Set<String> members = setOf(numbered("m", size));
        sadd("s", members.toArray(new String[0]));
        for (int i = 0; i < 20; i++) {
            String member = assertInstanceOf(Reply.Bulk.class, exec("SRANDMEMBER", "s")).utf8();
            assertTrue(members.contains(member), member);
        }
        assertSet("s", members);
    }

    @Test
    void srandmember_missingKey_nilWithoutCountAndEmptyArrayWithOne() {
        assertReply(Reply.NIL, "SRANDMEMBER", "missing");
        assertReply(emptyArray(), "SRANDMEMBER", "missing", "3");
        assertReply(emptyArray(), "SRANDMEMBER", "missing", "-3");
        assertReply(emptyArray(), "SRANDMEMBER", "missing", "0");
        assertNoKey("missing");
    }

    @ParameterizedTest(name = "{0} members, count {1}")
    @CsvSource({"5, 1", "5, 3", "5, 4", "1000, 10", "1000, 400", "1000, 999"})
    void srandmember_positiveCountBelowTheSize_returnsThatManyDistinctMembers(int size, int count) {
        Set<String> members = setOf(numbered("m", size));
        sadd("s", members.toArray(new String[0]));
        Set<String> chosen = distinct(exec("SRANDMEMBER", "s", Integer.toString(count)));
        assertEquals(count, chosen.size());
        assertTrue(members.containsAll(chosen), chosen::toString);
        assertSet("s", members);
    }

    @ParameterizedTest(name = "{0} members, count {1}")
    @CsvSource({"3, 3", "3, 10", "1000, 1000", "1000, 3000", "3, 9223372036854775807"})
    void srandmember_positiveCountFromTheSize_returnsEveryMemberOnce(int size, String count) {
        Set<String> members = setOf(numbered("m", size));
        sadd("s", members.toArray(new String[0]));
        assertUnordered(members, "SRANDMEMBER", "s", count);
        assertSet("s", members);
    }

    @ParameterizedTest(name = "{0} members, count -{1}")
    @CsvSource({"1, 4", "3, 1", "3, 20", "1000, 10", "1000, 2500"})
    void srandmember_negativeCount_returnsExactlyThatManyMembersMaybeRepeated(int size, int count) {
        Set<String> members = setOf(numbered("m", size));
        sadd("s", members.toArray(new String[0]));
        List<String> chosen = strings(exec("SRANDMEMBER", "s", Integer.toString(-count)));
        assertEquals(count, chosen.size());
        assertTrue(members.containsAll(chosen), chosen::toString);
        if (size == 1) {
            assertEquals(new TreeSet<>(members), new TreeSet<>(chosen));
        }
        assertSet("s", members);
    }

    @Test
    void srandmember_countZero_returnsEmptyArray() {
        sadd("s", "a");
        assertReplyUnchanged(emptyArray(), "SRANDMEMBER", "s", "0");
    }

    @ParameterizedTest(name = "count \"{0}\"")
    @ValueSource(strings = {"abc", "1.5", "", "-0", "9223372036854775808", " 1"})
    void srandmember_countNotAnInteger_returnsNotInteger(String count) {
        sadd("s", "a");
        assertRefusedUnchanged(NOT_INTEGER, "SRANDMEMBER", "s", count);
        assertRefusedUnchanged(NOT_INTEGER, "SRANDMEMBER", "missing", count);
    }

    @Test
    void srandmember_countOfLongMin_returnsRangeError() {
        sadd("s", "a");
        exec("SET", "str", "v");
        assertRefusedUnchanged(COUNT_RANGE, "SRANDMEMBER", "s", "-9223372036854775808");
        assertRefusedUnchanged(COUNT_RANGE, "SRANDMEMBER", "str", "-9223372036854775808");
        assertRefusedUnchanged(SYNTAX, "SRANDMEMBER", "s", "1", "2");
        assertRefusedUnchanged(SYNTAX, "SRANDMEMBER", "s", "abc", "2");
        assertError(wrongArity("srandmember"), "SRANDMEMBER");
    }

    // ------------------------------------------------------------------ SMOVE

    @Test
    void smove_member_movesItAndKeepsBothExpiries() {
        sadd("a", "1", "2", "x");
        sadd("b", "3");
        exec("PEXPIREAT", "a", Long.toString(FUTURE_MILLIS));
        exec("PEXPIREAT", "b", Long.toString(FUTURE_MILLIS + 1));
        assertReply(integer(1), "SMOVE", "a", "b", "x");
        assertSet("a", "1", "2");
        assertSet("b", "3", "x");
        assertReply(integer(FUTURE_MILLIS), "PEXPIRETIME", "a");
        assertReply(integer(FUTURE_MILLIS + 1), "PEXPIRETIME", "b");
    }

    @Test
    void smove_memberAlreadyInDestination_removesItFromTheSource() {
        sadd("a", "1", "2");
        sadd("b", "2");
        assertReply(integer(1), "SMOVE", "a", "b", "2");
        assertSet("a", "1");
        assertSet("b", "2");
    }

    @Test
    void smove_lastMemberToMissingDestination_movesTheSetAlong() {
        sadd("a", "x");
        exec("PEXPIREAT", "a", Long.toString(FUTURE_MILLIS));
        assertReply(integer(1), "SMOVE", "a", "b", "x");
        assertNoKey("a");
        assertSet("b", "x");
        assertReply(integer(-1), "PTTL", "b");
    }

    @Test
    void smove_memberOrSourceMissing_returnsZeroAndChangesNothing() {
        sadd("a", "1");
        sadd("b", "2");
        exec("SET", "str", "v");
        assertReplyUnchanged(integer(0), "SMOVE", "a", "b", "nope");
        assertReplyUnchanged(integer(0), "SMOVE", "missing", "b", "2");
        assertReplyUnchanged(integer(0), "SMOVE", "missing", "str", "2");
        assertReplyUnchanged(integer(0), "SMOVE", "a", "c", "nope");
        assertNoKey("c");
    }

    @Test
    void smove_sameKey_returnsWhetherTheMemberIsThere() {
        sadd("a", "1", "2");
        assertReplyUnchanged(integer(1), "SMOVE", "a", "a", "1");
        assertReplyUnchanged(integer(0), "SMOVE", "a", "a", "3");
        assertSet("a", "1", "2");
    }

    @Test
    void smove_wrongTypeSourceOrDestination_wrongTypeAndNothingChanges() {
        sadd("a", "1");
        exec("SET", "str", "v");
        exec("RPUSH", "list", "1");
        assertRefusedUnchanged(WRONGTYPE, "SMOVE", "a", "str", "1");
        assertRefusedUnchanged(WRONGTYPE, "SMOVE", "a", "str", "nope");
        assertRefusedUnchanged(WRONGTYPE, "SMOVE", "a", "list", "1");
        assertRefusedUnchanged(WRONGTYPE, "SMOVE", "str", "a", "v");
        assertRefusedUnchanged(WRONGTYPE, "SMOVE", "str", "missing", "v");
        assertRefusedUnchanged(wrongArity("smove"), "SMOVE", "a", "b");
        assertRefusedUnchanged(wrongArity("smove"), "SMOVE", "a", "b", "1", "2");
    }

    @Test
    void smove_bigSets_everyMemberOneByOne() {
        String[] members = numbered("m", 1000);
        sadd("a", members);
        sadd("b", numbered("n", 200));
        for (String member : members) {
            assertReply(integer(1), "SMOVE", "a", "b", member);
        }
        assertNoKey("a");
        assertSet("b", concat(members, numbered("n", 200)));
    }

    // ------------------------------------------------------------------ WRONGTYPE

    /** Every set command line against key {@code k}. */
    private static final String[][] SET_COMMANDS = {
            {"SADD", "k", "a"}, {"SREM", "k", "a"}, {"SISMEMBER", "k", "a"}, {"SMISMEMBER", "k", "a", "b"},
            {"SMEMBERS", "k"}, {"SCARD", "k"}, {"SPOP", "k"}, {"SPOP", "k", "2"}, {"SPOP", "k", "0"},
            {"SRANDMEMBER", "k"}, {"SRANDMEMBER", "k", "2"}, {"SRANDMEMBER", "k", "-2"}, {"SRANDMEMBER", "k", "0"},
            {"SMOVE", "k", "other", "a"}, {"SMOVE", "other", "k", "a"}, {"SINTER", "k"}, {"SINTER", "missing", "k"},
            {"SUNION", "k"}, {"SUNION", "other", "k"}, {"SDIFF", "k"}, {"SDIFF", "other", "k"},
            {"SINTERSTORE", "dest", "k"}, {"SUNIONSTORE", "dest", "other", "k"}, {"SDIFFSTORE", "dest", "k"},
            {"SINTERCARD", "1", "k"}, {"SINTERCARD", "2", "missing", "k"}, {"SSCAN", "k", "0"},
    };

    @ParameterizedTest(name = "key holding a {0}")
    @ValueSource(strings = {"string", "list", "hash"})
    void everySetCommand_keyOfAnotherType_wrongTypeAndNothingChanges(String type) {
        switch (type) {
            case "string" -> exec("SET", "k", "v");
            case "list" -> exec("RPUSH", "k", "a", "b");
            default -> hset("k", "a", "1");
        }
        sadd("other", "a", "b");
        exec("SET", "dest", "old");
        exec("PEXPIREAT", "k", Long.toString(FUTURE_MILLIS));
        for (String[] argv : SET_COMMANDS) {
            assertRefusedUnchanged(WRONGTYPE, argv);
        }
        assertReply(status(type), "TYPE", "k");
    }

    // ------------------------------------------------------------------ encodings

    /** What OBJECT ENCODING says for a small set: listpack, or hashtable where every set is one. */
    private String smallSetEncoding() {
        return target.name().equals("keel-scalable") ? "hashtable" : "listpack";
    }

    @Test
    void objectEncoding_smallSetOfStrings_isListpack() {
        requireRedis("7.2", "listpack encoding for small sets");
        sadd("s", "a", "b", "c");
        assertReply(bulk(smallSetEncoding()), "OBJECT", "ENCODING", "s");
        sadd("t", numbered("m", 128));
        assertReply(bulk(smallSetEncoding()), "OBJECT", "ENCODING", "t");
    }

    @Test
    void objectEncoding_smallSetOfIntegers_isIntsetInRedisAndListpackInKeel() {
        // Keel keeps no intset encoding: a small set of integers is packed like any small set
        sadd("s", "1", "2", "3", "-9223372036854775808");
        assertReply(bulk(target.redis() ? "intset" : smallSetEncoding()), "OBJECT", "ENCODING", "s");
    }

    @Test
    void objectEncoding_setPast128MembersOrWithAMemberOf65Bytes_isHashtable() {
        sadd("s", numbered("m", 129));
        assertReply(bulk("hashtable"), "OBJECT", "ENCODING", "s");
        sadd("t", "a", "x".repeat(65));
        assertReply(bulk("hashtable"), "OBJECT", "ENCODING", "t");
        sadd("u", numbered("", 1000));
        assertReply(bulk("hashtable"), "OBJECT", "ENCODING", "u");
        sadd("v", "1", "2");
        sadd("v", "x".repeat(65));
        assertReply(bulk("hashtable"), "OBJECT", "ENCODING", "v");
        assertSet("v", "1", "2", "x".repeat(65));
    }

    @Test
    void hashtable_shrunkToAFewMembers_keepsExactlyTheRemainingMembers() {
        String[] members = numbered("m", 1000);
        sadd("s", members);
        Set<String> left = new HashSet<>();
        for (int i = 0; i < members.length; i++) {
            if (i % 300 == 11) {
                left.add(members[i]);
            } else {
                exec("SREM", "s", members[i]);
            }
        }
        assertSet("s", left);
        sadd("s", "new");
        left.add("new");
        assertSet("s", left);
    }
}
