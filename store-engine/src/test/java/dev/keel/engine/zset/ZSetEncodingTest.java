package dev.keel.engine.zset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When a sorted set is packed and when it is a tree: past either limit it becomes a tree, and
 * only at half the entry limit (and no member over the length limit) does it become packed again;
 * results stored by ZUNIONSTORE and ZRANGESTORE get the encoding their size calls for. Contents
 * and order never change across a conversion.
 */
class ZSetEncodingTest extends AbstractZSetTest {

    private String packed() {
        return maxEntries() == 0 ? "skiplist" : "listpack";
    }

    private List<String> expectedMembers(int from, int to) {
        List<String> members = new ArrayList<>();
        for (int i = from; i < to; i++) {
            members.add("m" + (char) ('a' + i / 26) + (char) ('a' + i % 26));
        }
        return members;
    }

    @Test
    void zadd_pastMaxEntries_becomesATree_andPackedAgainOnlyAtHalf() {
        int max = Math.max(maxEntries(), 8);
        List<String> all = expectedMembers(0, max + 1);
        for (int i = 0; i < max; i++) {
            zadd("z", Integer.toString(max - i), all.get(i));
            assertEquals(i < maxEntries() ? "listpack" : "skiplist", encoding("z"), "after " + (i + 1) + " members");
        }
        zadd("z", "0", all.get(max));
        assertEquals("skiplist", encoding("z"));
        List<String> order = new ArrayList<>(all);
        java.util.Collections.reverse(order);
        assertEquals(order, members("z"));
        for (int size = max + 1; size > 1; size--) {
            String gone = order.remove(order.size() - 1);
            assertEquals(integer(1), exec("ZREM", "z", gone));
            boolean packedAgain = size - 1 <= maxEntries() / 2;
            assertEquals(packedAgain ? "listpack" : "skiplist", encoding("z"), "after shrinking to " + (size - 1));
            assertEquals(order, members("z"));
        }
    }

    @Test
    void zadd_memberLongerThanMaxValue_makesATree_whichStaysOneWhileItHoldsIt() {
        String longMember = "x".repeat(maxValue() + 1);
        zadd("z", "1", "a", "2", "b");
        assertEquals(packed(), encoding("z"));
        zadd("z", "3", longMember);
        assertEquals("skiplist", encoding("z"));
        assertEquals(integer(1), exec("ZREM", "z", "a"));
        assertEquals("skiplist", encoding("z"), "a member over the limit keeps the tree");
        assertEquals(integer(1), exec("ZREM", "z", longMember));
        assertEquals(maxEntries() >= 2 ? "listpack" : "skiplist", encoding("z"));
        assertEquals(List.of("b"), members("z"));
    }

    @Test
    void zunionstore_bigAndSmallResults_getTheEncodingTheirSizeCallsFor() {
        int big = Math.max(maxEntries(), 8) + 1;
        for (int i = 0; i < big; i++) {
            zadd("a", Integer.toString(i), "m" + i);
        }
        zadd("b", "1", "m1", "2", "m2");
        assertEquals(integer(big), exec("ZUNIONSTORE", "u", "2", "a", "b"));
        assertEquals("skiplist", encoding("u"));
        assertEquals(integer(2), exec("ZINTERSTORE", "i", "2", "a", "b"));
        assertEquals(maxEntries() >= 2 ? "listpack" : "skiplist", encoding("i"));
        assertEquals(integer(2), exec("ZRANGESTORE", "r", "a", "0", "1"));
        assertEquals(maxEntries() >= 2 ? "listpack" : "skiplist", encoding("r"));
        assertEquals(List.of("m0", "m1"), members("r"));
    }

    @Test
    void copyAndRename_ofBothEncodings_keepMembersScoresAndOrder() {
        int big = Math.max(maxEntries(), 8) + 3;
        for (int i = 0; i < big; i++) {
            zadd("big", Integer.toString(i % 5), "m" + i);
        }
        zadd("small", "2.5", "x", "-1", "y");
        assertEquals(integer(1), exec("COPY", "big", "big2"));
        assertEquals(integer(1), exec("COPY", "small", "small2"));
        assertEquals(members("big"), members("big2"));
        assertEquals(members("small"), members("small2"));
        assertEquals(integer(1), exec("ZADD", "big2", "100", "new"));
        assertEquals(integer(big), exec("ZCARD", "big"), "the copy is independent");
        assertEquals(Reply.OK, exec("RENAME", "big2", "moved"));
        assertEquals(integer(big + 1), exec("ZCARD", "moved"));
        assertEquals(bulk("2.5"), exec("ZSCORE", "small2", "x"));
        assertEquals(integer(0), exec("EXISTS", "big2"));
    }

    @Test
    void zremrangebyrank_everything_removesTheKeyAndFreesItsMemory() {
        int big = Math.max(maxEntries(), 8) * 3;
        for (int i = 0; i < big; i++) {
            zadd("z", Integer.toString(i), "member-" + i);
        }
        assertEquals(integer(big), exec("ZREMRANGEBYRANK", "z", "0", "-1"));
        assertEquals(integer(0), exec("EXISTS", "z"));
    }
}
