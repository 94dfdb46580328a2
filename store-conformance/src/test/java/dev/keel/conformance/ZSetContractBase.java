package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.keel.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the sorted set contract tests share: builders of sorted sets (small ones from literal
 * arguments, big ones from {@link ScoredMembers#numbered(int)}), assertions on a whole sorted set,
 * the reply shapes of the pop commands, and a snapshot that reads sorted sets too, so that a
 * refused command can be shown to change nothing.
 *
 * <p>Scores in these tests are integers, halves, quarters and infinities: their text is the same
 * in Redis 7.0 ({@code %.17g}) and in Redis 7.2 and Keel (shortest round trip). Anything else is
 * guarded by {@code requireRedis("7.2", ...)}.
 */
abstract class ZSetContractBase extends HashAndSetContractBase {
    static final String NOT_A_FLOAT = "ERR value is not a valid float";
    static final String RANGE_NOT_A_FLOAT = "ERR min or max is not a float";
    static final String NOT_A_LEX_RANGE = "ERR min or max not valid string range item";
    static final String NAN_SCORE = "ERR resulting score is not a number (NaN)";
    static final String POP_COUNT = "ERR value is out of range, must be positive";
    static final String NUMKEYS = "ERR numkeys should be greater than 0";
    static final String COUNT_POSITIVE = "ERR count should be greater than 0";

    // ------------------------------------------------------------------ building sorted sets

    /** {@code ZADD key score member [score member ...]}, asserting it answers an integer. */
    void zadd(String key, String... scoresAndMembers) {
        String[] argv = concat(new String[] {"ZADD", key}, scoresAndMembers);
        assertInstanceOf(Reply.Int.class, exec(argv), () -> String.join(" ", argv));
    }

    /** Adds every member of {@code members} to the sorted set at {@code key}; returns {@code members}. */
    ScoredMembers zadd(String key, ScoredMembers members) {
        zadd(key, members.zaddArguments());
        return members;
    }

    /** Builds {@link ScoredMembers#numbered(int) numbered(size)} at {@code key} and returns it. */
    ScoredMembers numberedZSet(String key, int size) {
        return zadd(key, ScoredMembers.numbered(size));
    }

    /** Builds the sorted set {@code a:1 b:2 c:3 d:4 e:5} at {@code key} and returns it. */
    ScoredMembers abcde(String key) {
        return zadd(key, ScoredMembers.of("1", "a", "2", "b", "3", "c", "4", "d", "5", "e"));
    }

    // ------------------------------------------------------------------ whole sorted sets

    /**
     * Asserts that the sorted set at {@code key} holds exactly {@code membersAndScores}, in order
     * ({@code ZRANGE key 0 -1 WITHSCORES}), and that ZCARD and TYPE agree.
     */
    void assertZSet(String key, String... membersAndScores) {
        assertReply(array(membersAndScores), "ZRANGE", key, "0", "-1", "WITHSCORES");
        assertReply(integer(membersAndScores.length / 2), "ZCARD", key);
        assertReply(status("zset"), "TYPE", key);
    }

    /** As {@link #assertZSet(String, String...)} with the expected sorted set. */
    void assertZSet(String key, ScoredMembers expected) {
        assertZSet(key, ScoredMembers.flat(expected.sorted(), true));
    }

    /** What OBJECT ENCODING says for a small sorted set: listpack, or skiplist where every sorted set is one. */
    String smallZSetEncoding() {
        return target.name().equals("keel-scalable") ? "skiplist" : "listpack";
    }

    // ------------------------------------------------------------------ reply shapes

    /** The {@code [key, [[member, score] ...]]} reply of ZMPOP and BZMPOP. */
    static Reply keyAndScoredMembers(String key, String... membersAndScores) {
        List<Reply> pairs = new ArrayList<>();
        for (int i = 0; i < membersAndScores.length; i += 2) {
            pairs.add(array(membersAndScores[i], membersAndScores[i + 1]));
        }
        return Reply.array(List.of(bulk(key), Reply.array(pairs)));
    }

    // ------------------------------------------------------------------ snapshots

    /** As {@link HashAndSetContractBase#snapshot()}, with each sorted set's members and scores in order. */
    @Override
    Map<String, String> snapshot() {
        Map<String, String> data = super.snapshot();
        for (byte[] key : binary.keys(bytes("*"))) {
            if (store.execute(bytes("TYPE"), key) instanceof Reply.Status type && type.text().equals("zset")) {
                Reply members = store.execute(bytes("ZRANGE"), key, bytes("0"), bytes("-1"), bytes("WITHSCORES"));
                List<String> items = new ArrayList<>();
                for (Reply item : assertInstanceOf(Reply.Array.class, members).items()) {
                    items.add(new String(assertInstanceOf(Reply.Bulk.class, item).bytes(), StandardCharsets.ISO_8859_1));
                }
                data.put(latin1(key), "zset " + items + " @" + binary.pexpiretime(key));
            }
        }
        return data;
    }

    /** Asserts that {@code key} holds no sorted set any more: not there at all. */
    void assertNoZSet(String key) {
        assertNoKey(key);
        assertReply(integer(0), "ZCARD", key);
        assertEquals(emptyArray(), exec("ZRANGE", key, "0", "-1"), "ZRANGE " + key);
    }
}
