package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Reply;
import dev.keel.conformance.ScoredMembers.Scored;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ZPOPMIN, ZPOPMAX, ZMPOP and ZRANDMEMBER. Pops are exact: the lowest or highest members, equal
 * scores by member bytes. Random replies are checked by their size, membership and scores, never
 * by which members they hold. Tests marked with a size run on a small sorted set and on one of
 * 1000 members, past the packed encoding on the default target.
 *
 * <p>No test sends a huge negative count that Redis accepts: Redis would build a reply that long.
 */
class ZSetPopContractTest extends ZSetContractBase {
    private static final String COUNT_RANGE = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
    private static final String OUT_OF_RANGE = "ERR value is out of range";

    /** The members and scores of a flat {@code [member, score, ...]} reply. */
    private static List<Scored> scoredItems(Reply reply) {
        List<String> items = strings(reply);
        assertEquals(0, items.size() % 2, () -> "members and scores in pairs: " + items);
        List<Scored> entries = new ArrayList<>();
        for (int i = 0; i < items.size(); i += 2) {
            entries.add(new Scored(items.get(i), ScoredMembers.parseScore(items.get(i + 1))));
        }
        return entries;
    }

    /** Asserts that every entry is a member of {@code model} with its score. */
    private static void assertMembersOf(ScoredMembers model, List<Scored> entries) {
        for (Scored entry : entries) {
            assertEquals(model.score(entry.member()), entry.score(), () -> entry + " is not a member with that score");
        }
    }

    // ------------------------------------------------------------------ ZPOPMIN, ZPOPMAX

    @Test
    void zpopminAndZpopmax_popFromEitherEnd() {
        abcde("z");
        assertReply(array("a", "1"), "ZPOPMIN", "z");
        assertReply(array("e", "5"), "ZPOPMAX", "z");
        assertReply(array("b", "2", "c", "3"), "ZPOPMIN", "z", "2");
        assertZSet("z", "d", "4");
    }

    @Test
    void zpop_equalScores_byMemberBytes() {
        zadd("z", "1", "b", "1", "a", "1", "c", "1", "B");
        assertReply(array("B", "1"), "ZPOPMIN", "z");
        assertReply(array("c", "1"), "ZPOPMAX", "z");
        assertReply(array("b", "1", "a", "1"), "ZPOPMAX", "z", "5");
        assertNoZSet("z");
    }

    @Test
    void zpop_countPastTheSize_popsEverythingAndDeletesTheKey() {
        abcde("z");
        exec("PEXPIREAT", "z", Long.toString(FUTURE_MILLIS));
        assertReply(array("e", "5", "d", "4", "c", "3", "b", "2", "a", "1"), "ZPOPMAX", "z", "10");
        assertNoZSet("z");
        zadd("z", "inf", "x");
        assertReply(array("x", "inf"), "ZPOPMIN", "z", "9223372036854775807");
        assertNoZSet("z");
    }

    @Test
    void zpop_countZeroOrMissingKey_returnsEmptyArray() {
        abcde("z");
        assertReplyUnchanged(emptyArray(), "ZPOPMIN", "z", "0");
        assertReplyUnchanged(emptyArray(), "ZPOPMAX", "z", "0");
        assertReply(emptyArray(), "ZPOPMIN", "missing");
        assertReply(emptyArray(), "ZPOPMAX", "missing", "2");
        assertNoZSet("missing");
    }

    @ParameterizedTest(name = "count \"{0}\"")
    @ValueSource(strings = {"-1", "-0", "abc", "1.5", "", " 1", "9223372036854775808", "-9223372036854775808"})
    void zpop_countNegativeOrNotAnInteger_mustBePositiveWhateverTheKey(String count) {
        abcde("z");
        exec("SET", "str", "v");
        assertRefusedUnchanged(POP_COUNT, "ZPOPMIN", "z", count);
        assertRefusedUnchanged(POP_COUNT, "ZPOPMAX", "missing", count);
        assertRefusedUnchanged(POP_COUNT, "ZPOPMIN", "str", count);
    }

    @Test
    void zpop_extraArgumentsOrWrongType_refused() {
        abcde("z");
        exec("SET", "str", "v");
        assertRefusedUnchanged(SYNTAX, "ZPOPMIN", "z", "1", "2");
        assertRefusedUnchanged(WRONGTYPE, "ZPOPMIN", "str");
        assertRefusedUnchanged(WRONGTYPE, "ZPOPMAX", "str", "1");
        assertRefusedUnchanged(wrongArity("zpopmin"), "ZPOPMIN");
        assertRefusedUnchanged(wrongArity("zpopmax"), "ZPOPMAX");
    }

    @Test
    void zpop_bigSortedSet_popsInOrderFromBothEnds() {
        ScoredMembers model = numberedZSet("z", 1000);
        List<Scored> sorted = model.sorted();
        assertReply(ScoredMembers.reply(sorted.subList(0, 300), true), "ZPOPMIN", "z", "300");
        assertReply(ScoredMembers.reply(sorted.subList(700, 1000).reversed(), true), "ZPOPMAX", "z", "300");
        assertReply(ScoredMembers.reply(sorted.subList(300, 301), true), "ZPOPMIN", "z");
        sorted.subList(0, 301).forEach(entry -> model.remove(entry.member()));
        sorted.subList(700, 1000).forEach(entry -> model.remove(entry.member()));
        assertZSet("z", model);
    }

    // ------------------------------------------------------------------ ZMPOP

    @Test
    void zmpop_popsFromTheFirstNonEmptyKey() {
        abcde("z");
        assertReply(keyAndScoredMembers("z", "a", "1"), "ZMPOP", "2", "missing", "z", "MIN");
        assertReply(keyAndScoredMembers("z", "e", "5", "d", "4"), "ZMPOP", "2", "missing", "z", "max", "COUNT", "2");
        zadd("y", "7", "y1");
        assertReply(keyAndScoredMembers("y", "y1", "7"), "ZMPOP", "2", "y", "z", "MIN", "count", "5");
        assertNoZSet("y");
        assertReply(keyAndScoredMembers("z", "b", "2", "c", "3"), "ZMPOP", "1", "z", "MIN", "COUNT", "10");
        assertNoZSet("z");
        assertReply(Reply.NIL, "ZMPOP", "1", "z", "MIN");
        assertReply(Reply.NIL, "ZMPOP", "3", "a", "b", "c", "MAX", "COUNT", "2");
    }

    @Test
    void zmpop_countOfLongMax_popsEverything() {
        abcde("z");
        assertReply(keyAndScoredMembers("z", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5"),
                "ZMPOP", "1", "z", "MIN", "COUNT", "9223372036854775807");
        assertNoZSet("z");
    }

    @Test
    void zmpop_bigSortedSet_popsAPageInOrder() {
        List<Scored> sorted = numberedZSet("z", 1000).sorted();
        String[] top = ScoredMembers.flat(sorted.subList(900, 1000).reversed(), true);
        assertReply(keyAndScoredMembers("z", top), "ZMPOP", "1", "z", "MAX", "COUNT", "100");
        String[] bottom = ScoredMembers.flat(sorted.subList(0, 450), true);
        assertReply(keyAndScoredMembers("z", bottom), "ZMPOP", "1", "z", "MIN", "COUNT", "450");
        assertReply(integer(450), "ZCARD", "z");
    }

    @ParameterizedTest(name = "ZMPOP {0}")
    @CsvSource(delimiter = '|', value = {
            "0 z MIN                 | ERR numkeys should be greater than 0",
            "-1 z MIN                | ERR numkeys should be greater than 0",
            "abc z MIN               | ERR numkeys should be greater than 0",
            "2 z MIN                 | ERR syntax error",
            "2147483648 z MIN        | ERR syntax error",
            "1 z foo                 | ERR syntax error",
            "1 z MIN MIN             | ERR syntax error",
            "1 z MIN COUNT           | ERR syntax error",
            "1 z MIN COUNT 1 COUNT 1 | ERR syntax error",
            "1 z MIN COUNT 1 foo     | ERR syntax error",
            "1 z MIN COUNT 0         | ERR count should be greater than 0",
            "1 z MIN COUNT -1        | ERR count should be greater than 0",
            "1 z MIN COUNT abc       | ERR count should be greater than 0",
            "1 z MIN COUNT 9223372036854775808 | ERR count should be greater than 0",
            "1 str MIN               | WRONGTYPE Operation against a key holding the wrong kind of value",
            "2 missing str MAX       | WRONGTYPE Operation against a key holding the wrong kind of value",
            "1 z                     | ERR wrong number of arguments for 'zmpop' command",
    })
    void zmpop_badArguments_refusedWithRedisTexts(String arguments, String error) {
        abcde("z");
        exec("SET", "str", "v");
        assertRefusedUnchanged(error, concat(new String[] {"ZMPOP"}, arguments.trim().split(" ")));
    }

    // ------------------------------------------------------------------ ZRANDMEMBER

    @ParameterizedTest(name = "{0} members")
    @ValueSource(ints = {3, 1000})
    void zrandmember_noCount_returnsOneMemberAndRemovesNothing(int size) {
        ScoredMembers model = numberedZSet("z", size);
        for (int i = 0; i < 20; i++) {
            String member = assertInstanceOf(Reply.Bulk.class, exec("ZRANDMEMBER", "z")).utf8();
            assertTrue(model.score(member) != null, member);
        }
        assertZSet("z", model);
    }

    @Test
    void zrandmember_missingKey_nilWithoutCountAndEmptyArrayWithOne() {
        assertReply(Reply.NIL, "ZRANDMEMBER", "missing");
        assertReply(emptyArray(), "ZRANDMEMBER", "missing", "3");
        assertReply(emptyArray(), "ZRANDMEMBER", "missing", "-3", "WITHSCORES");
        assertReply(emptyArray(), "ZRANDMEMBER", "missing", "0");
        assertNoZSet("missing");
    }

    @ParameterizedTest(name = "{0} members, count {1}")
    @CsvSource({"5, 1", "5, 3", "5, 4", "1000, 10", "1000, 400", "1000, 999"})
    void zrandmember_positiveCountBelowTheSize_returnsThatManyDistinctMembers(int size, int count) {
        ScoredMembers model = numberedZSet("z", size);
        Set<String> chosen = distinct(exec("ZRANDMEMBER", "z", Integer.toString(count)));
        assertEquals(count, chosen.size());
        chosen.forEach(member -> assertTrue(model.score(member) != null, member));
        List<Scored> withScores = scoredItems(exec("ZRANDMEMBER", "z", Integer.toString(count), "WITHSCORES"));
        assertEquals(count, withScores.stream().map(Scored::member).distinct().count());
        assertMembersOf(model, withScores);
        assertZSet("z", model);
    }

    @ParameterizedTest(name = "{0} members, count {1}")
    @CsvSource({"3, 3", "3, 10", "1000, 1000", "1000, 3000", "3, 9223372036854775807"})
    void zrandmember_positiveCountFromTheSize_returnsEveryMemberOnce(int size, String count) {
        ScoredMembers model = numberedZSet("z", size);
        Set<String> all = new HashSet<>(List.of(ScoredMembers.flat(model.sorted(), false)));
        assertUnordered(all, "ZRANDMEMBER", "z", count);
        List<Scored> withScores = scoredItems(exec("ZRANDMEMBER", "z", count.length() > 10 ? "5000" : count, "withscores"));
        assertEquals(size, withScores.size());
        assertEquals(all, new HashSet<>(withScores.stream().map(Scored::member).toList()));
        assertMembersOf(model, withScores);
    }

    @ParameterizedTest(name = "{0} members, count -{1}")
    @CsvSource({"1, 4", "3, 1", "3, 20", "1000, 10", "1000, 2500"})
    void zrandmember_negativeCount_returnsExactlyThatManyMembersMaybeRepeated(int size, int count) {
        ScoredMembers model = numberedZSet("z", size);
        List<String> chosen = strings(exec("ZRANDMEMBER", "z", Integer.toString(-count)));
        assertEquals(count, chosen.size());
        chosen.forEach(member -> assertTrue(model.score(member) != null, member));
        List<Scored> withScores = scoredItems(exec("ZRANDMEMBER", "z", Integer.toString(-count), "WITHSCORES"));
        assertEquals(count, withScores.size());
        assertMembersOf(model, withScores);
        assertZSet("z", model);
    }

    @Test
    void zrandmember_countZero_returnsEmptyArray() {
        zadd("z", "1", "a");
        assertReplyUnchanged(emptyArray(), "ZRANDMEMBER", "z", "0");
        assertReplyUnchanged(emptyArray(), "ZRANDMEMBER", "z", "0", "WITHSCORES");
    }

    @ParameterizedTest(name = "count \"{0}\"")
    @ValueSource(strings = {"abc", "1.5", "", "-0", "9223372036854775808", " 1"})
    void zrandmember_countNotAnInteger_returnsNotInteger(String count) {
        zadd("z", "1", "a");
        exec("SET", "str", "v");
        assertRefusedUnchanged(NOT_INTEGER, "ZRANDMEMBER", "z", count);
        assertRefusedUnchanged(NOT_INTEGER, "ZRANDMEMBER", "missing", count, "WITHSCORES");
        assertRefusedUnchanged(NOT_INTEGER, "ZRANDMEMBER", "str", count);
    }

    @Test
    void zrandmember_hugeCounts_refusedWithRangeErrors() {
        zadd("z", "1", "a");
        exec("SET", "str", "v");
        assertRefusedUnchanged(COUNT_RANGE, "ZRANDMEMBER", "z", "-9223372036854775808");
        assertRefusedUnchanged(COUNT_RANGE, "ZRANDMEMBER", "missing", "-9223372036854775808");
        assertRefusedUnchanged(COUNT_RANGE, "ZRANDMEMBER", "str", "-9223372036854775808");
        assertRefusedUnchanged(OUT_OF_RANGE, "ZRANDMEMBER", "z", "-9223372036854775807", "WITHSCORES");
        assertRefusedUnchanged(OUT_OF_RANGE, "ZRANDMEMBER", "z", "-4611686018427387904", "WITHSCORES");
        assertRefusedUnchanged(OUT_OF_RANGE, "ZRANDMEMBER", "z", "9223372036854775807", "WITHSCORES");
    }

    @Test
    void zrandmember_badOptionsOrWrongType_refused() {
        zadd("z", "1", "a");
        exec("SET", "str", "v");
        assertRefusedUnchanged(SYNTAX, "ZRANDMEMBER", "z", "1", "foo");
        assertRefusedUnchanged(SYNTAX, "ZRANDMEMBER", "z", "1", "WITHSCORE");
        assertRefusedUnchanged(SYNTAX, "ZRANDMEMBER", "z", "1", "WITHSCORES", "WITHSCORES");
        assertRefusedUnchanged(WRONGTYPE, "ZRANDMEMBER", "str");
        assertRefusedUnchanged(WRONGTYPE, "ZRANDMEMBER", "str", "0");
        assertRefusedUnchanged(WRONGTYPE, "ZRANDMEMBER", "str", "-2", "WITHSCORES");
        assertRefusedUnchanged(wrongArity("zrandmember"), "ZRANDMEMBER");
    }
}
