package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * XCLAIM (the min-idle-time filter, IDLE, TIME, RETRYCOUNT, FORCE, JUSTID, LASTID, entries deleted
 * since delivery) and XAUTOCLAIM (COUNT, the next cursor, JUSTID, the list of deleted entries it
 * dropped), with the delivery counts, owners and delivery times they leave, and every refusal.
 *
 * <p>An entry is made idle for a long time with {@code XCLAIM ... IDLE} or {@code TIME} rather than
 * by waiting, so the min-idle-time filters are decided: a fresh delivery is never an hour idle.
 */
class StreamClaimContractTest extends StreamContractBase {
    private static final String HOUR = "3600000";
    private static final String TWO_HOURS = "7200000";

    /** The stream {@code 1-0 .. count-0} at {@code s}, the group {@code g}, and the first {@code delivered} entries delivered to alice. */
    private void deliveredToAlice(int count, int delivered) {
        xaddNumbered("s", count);
        createGroup("s", "g", "0");
        exec("XREADGROUP", "GROUP", "g", "alice", "COUNT", Integer.toString(delivered), "STREAMS", "s", ">");
    }

    /** The consumers XINFO CONSUMERS lists for {@code s g}, each with its pending count. */
    private List<String> consumers() {
        return fieldsOfEach(exec("XINFO", "CONSUMERS", "s", "g")).stream()
                .map(consumer -> ((Reply.Bulk) consumer.get("name")).utf8() + "=" + asLong(consumer.get("pending")))
                .toList();
    }

    // ------------------------------------------------------------------ XCLAIM

    @Test
    void xclaim_minIdleZero_movesPendingEntriesAndCountsADelivery() {
        deliveredToAlice(5, 3);
        assertReply(entries(entry("1-0", "f", "1"), entry("2-0", "f", "2")), "XCLAIM", "s", "g", "bob", "0", "1-0", "2-0", "9-0", "4-0");
        assertPending(List.of("1-0 bob x2", "2-0 bob x2", "3-0 alice x1"), "s", "g", "-", "+", "10");
        assertReply(pendingSummary(3, "1-0", "3-0", "alice", "1", "bob", "2"), "XPENDING", "s", "g");
        assertEquals(List.of("alice=1", "bob=2"), consumers());
        assertGroup("s", "g", 2, 3, "3-0", 3L, 2L);
    }

    @Test
    void xclaim_justid_answersIdsAndCountsNoDelivery() {
        deliveredToAlice(3, 3);
        assertReply(array("1-0", "3-0"), "XCLAIM", "s", "g", "bob", "0", "1-0", "3-0", "JUSTID");
        assertPending(List.of("1-0 bob x1", "2-0 alice x1", "3-0 bob x1"), "s", "g", "-", "+", "10");
    }

    @Test
    void xclaim_minIdleTime_claimsOnlyEntriesIdleThatLong() {
        deliveredToAlice(3, 3);
        assertReply(emptyArray(), "XCLAIM", "s", "g", "bob", HOUR, "1-0", "2-0");
        assertEquals(List.of("alice=3"), consumers());
        assertReply(array("2-0"), "XCLAIM", "s", "g", "alice", "0", "2-0", "IDLE", TWO_HOURS, "JUSTID");
        assertPending(7_200_000, List.of("2-0 alice x1"), "s", "g", "IDLE", HOUR, "-", "+", "10");
        assertReply(entries(entry("2-0", "f", "2")), "XCLAIM", "s", "g", "carol", HOUR, "1-0", "2-0", "3-0");
        assertPending(List.of("1-0 alice x1", "2-0 carol x2", "3-0 alice x1"), "s", "g", "-", "+", "10");
    }

    @Test
    void xclaim_time_setsTheDeliveryTime() {
        deliveredToAlice(3, 3);
        assertReply(array("1-0"), "XCLAIM", "s", "g", "bob", "0", "1-0", "TIME", "1000", "JUSTID");
        Map<String, Reply> group = fieldsOfEach(streamInfoFull().get("groups")).get(0);
        List<Reply> first = ((Reply.Array) ((Reply.Array) group.get("pending")).items().get(0)).items();
        assertEquals(List.of(bulk("1-0"), bulk("bob"), integer(1000), integer(1)), first, "the group's first pending entry");
        long idle = pending("s", "g", "-", "+", "1").get(0).idleMillis();
        assertBetween(System.currentTimeMillis() - 1000 - FRESH_IDLE_MILLIS, System.currentTimeMillis(), idle, "idle time since TIME 1000");
    }

    @Test
    void xclaim_timeInTheFutureOrNegativeIdle_countsAsNow() {
        deliveredToAlice(3, 3);
        exec("XCLAIM", "s", "g", "bob", "0", "1-0", "TIME", Long.toString(FUTURE_MILLIS), "JUSTID");
        exec("XCLAIM", "s", "g", "bob", "0", "2-0", "IDLE", "-5", "JUSTID");
        assertPending(List.of("1-0 bob x1", "2-0 bob x1"), "s", "g", "-", "+", "10", "bob");
    }

    @Test
    void xclaim_retrycount_setsTheDeliveryCount() {
        deliveredToAlice(3, 3);
        exec("XCLAIM", "s", "g", "bob", "0", "1-0", "RETRYCOUNT", "7");
        exec("XCLAIM", "s", "g", "bob", "0", "2-0", "RETRYCOUNT", "9", "JUSTID");
        exec("XCLAIM", "s", "g", "bob", "0", "3-0", "RETRYCOUNT", "0");
        assertPending(List.of("1-0 bob x7", "2-0 bob x9", "3-0 bob x0"), "s", "g", "-", "+", "10");
    }

    @Test
    void xclaim_force_makesUndeliveredEntriesPendingButNotMissingOnes() {
        deliveredToAlice(5, 1);
        assertReply(entries(entry("4-0", "f", "4")), "XCLAIM", "s", "g", "dave", "0", "4-0", "FORCE");
        assertReply(array("3-0"), "XCLAIM", "s", "g", "dave", "0", "3-0", "9-0", "FORCE", "JUSTID");
        assertPending(List.of("1-0 alice x1", "3-0 dave x1", "4-0 dave x2"), "s", "g", "-", "+", "10");
        assertGroup("s", "g", 2, 3, "1-0", 1L, 4L);
        assertReply(streams(stream("s", numberedEntries(2, 5))), "XREADGROUP", "GROUP", "g", "erin", "STREAMS", "s", ">");
        assertPending(List.of("1-0 alice x1", "2-0 erin x1", "3-0 erin x1", "4-0 erin x1", "5-0 erin x1"), "s", "g", "-", "+", "10");
    }

    @Test
    void xclaim_lastid_movesTheGroupForwardOnly() {
        deliveredToAlice(5, 2);
        exec("XCLAIM", "s", "g", "bob", "0", "1-0", "LASTID", "4-0", "JUSTID");
        assertEquals(bulk("4-0"), groupInfo("s", "g").get("last-delivered-id"));
        exec("XCLAIM", "s", "g", "bob", "0", "1-0", "LASTID", "3-0", "JUSTID");
        assertEquals(bulk("4-0"), groupInfo("s", "g").get("last-delivered-id"));
        assertReply(streams(stream("s", numberedEntries(5, 5))), "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
    }

    @Test
    void xclaim_entryDeletedSinceDelivery_droppedFromPendingAndNotAnswered() {
        deliveredToAlice(3, 3);
        assertReply(integer(1), "XDEL", "s", "2-0");
        assertReply(entries(entry("1-0", "f", "1"), entry("3-0", "f", "3")), "XCLAIM", "s", "g", "bob", "0", "1-0", "2-0", "3-0");
        assertPending(List.of("1-0 bob x2", "3-0 bob x2"), "s", "g", "-", "+", "10");
        assertReply(array("1-0", "3-0"), "XCLAIM", "s", "g", "bob", "0", "1-0", "2-0", "3-0", "JUSTID");
    }

    @Test
    void xclaim_refusals() {
        deliveredToAlice(3, 3);
        assertRefusedUnchanged(noGroup("s", "nog"), "XCLAIM", "s", "nog", "bob", "0", "1-0");
        assertRefusedUnchanged(noGroup("missing", "g"), "XCLAIM", "missing", "g", "bob", "0", "1-0");
        assertRefusedUnchanged("ERR Invalid min-idle-time argument for XCLAIM", "XCLAIM", "s", "g", "bob", "abc", "1-0");
        assertRefusedUnchanged("ERR Invalid IDLE option argument for XCLAIM", "XCLAIM", "s", "g", "bob", "0", "1-0", "IDLE", "abc");
        assertRefusedUnchanged("ERR Invalid TIME option argument for XCLAIM", "XCLAIM", "s", "g", "bob", "0", "1-0", "TIME", "abc");
        assertRefusedUnchanged("ERR Invalid RETRYCOUNT option argument for XCLAIM",
                "XCLAIM", "s", "g", "bob", "0", "1-0", "RETRYCOUNT", "abc");
        assertRefusedUnchanged(INVALID_ID, "XCLAIM", "s", "g", "bob", "0", "1-0", "LASTID", "abc");
        assertRefusedUnchanged("ERR Unrecognized XCLAIM option 'abc'", "XCLAIM", "s", "g", "bob", "0", "abc");
        assertRefusedUnchanged("ERR Unrecognized XCLAIM option 'foo'", "XCLAIM", "s", "g", "bob", "0", "1-0", "foo", "2-0");
        assertRefusedUnchanged("ERR Unrecognized XCLAIM option 'IDLE'", "XCLAIM", "s", "g", "bob", "0", "1-0", "IDLE");
        assertRefusedUnchanged("ERR Unrecognized XCLAIM option '3-0'", "XCLAIM", "s", "g", "bob", "0", "1-0", "IDLE", "10", "3-0");
        assertRefusedUnchanged(wrongArity("xclaim"), "XCLAIM", "s", "g", "bob", "0");
    }

    // ------------------------------------------------------------------ XAUTOCLAIM

    @Test
    void xautoclaim_count_claimsInIdOrderAndAnswersTheNextCursor() {
        deliveredToAlice(5, 5);
        assertReply(autoClaimed("3-0", entries(entry("1-0", "f", "1"), entry("2-0", "f", "2")), array()),
                "XAUTOCLAIM", "s", "g", "bob", "0", "0", "COUNT", "2");
        assertReply(autoClaimed("0-0", numberedEntries(3, 5), array()), "XAUTOCLAIM", "s", "g", "bob", "0", "3-0");
        assertPending(List.of("1-0 bob x2", "2-0 bob x2", "3-0 bob x2", "4-0 bob x2", "5-0 bob x2"), "s", "g", "-", "+", "10");
        assertReply(autoClaimed("0-0", numberedEntries(2, 5), array()), "XAUTOCLAIM", "s", "g", "carol", "0", "(1-0");
        assertReply(autoClaimed("0-0", numberedEntries(1, 5), array()), "XAUTOCLAIM", "s", "g", "carol", "0", "-", "COUNT", "100");
        assertReply(autoClaimed("0-0", emptyArray(), array()), "XAUTOCLAIM", "s", "g", "carol", "0", "+");
    }

    @Test
    void xautoclaim_deletedEntries_listedDroppedAndCountedAgainstCount() {
        deliveredToAlice(5, 5);
        assertReply(integer(2), "XDEL", "s", "3-0", "4-0");
        assertReply(autoClaimed("4-0", entries(entry("2-0", "f", "2")), array("3-0")),
                "XAUTOCLAIM", "s", "g", "bob", "0", "2-0", "COUNT", "2");
        assertPending(List.of("1-0 alice x1", "2-0 bob x2", "4-0 alice x1", "5-0 alice x1"), "s", "g", "-", "+", "10");
        assertReply(autoClaimed("0-0", array("1-0", "2-0", "5-0"), array("4-0")), "XAUTOCLAIM", "s", "g", "bob", "0", "0-0", "JUSTID");
        assertPending(List.of("1-0 bob x1", "2-0 bob x2", "5-0 bob x1"), "s", "g", "-", "+", "10");
    }

    @Test
    void xautoclaim_minIdleTime_skipsRecentDeliveries() {
        deliveredToAlice(3, 3);
        assertReply(autoClaimed("0-0", emptyArray(), array()), "XAUTOCLAIM", "s", "g", "carol", HOUR, "0");
        assertEquals(List.of("alice=3"), consumers());
        exec("XCLAIM", "s", "g", "alice", "0", "2-0", "IDLE", TWO_HOURS, "JUSTID");
        assertReply(autoClaimed("0-0", entries(entry("2-0", "f", "2")), array()), "XAUTOCLAIM", "s", "g", "carol", HOUR, "0");
        assertEquals(List.of("alice=2", "carol=1"), consumers());
    }

    @Test
    void xautoclaim_refusals() {
        deliveredToAlice(3, 3);
        assertRefusedUnchanged(noGroup("s", "nog"), "XAUTOCLAIM", "s", "nog", "bob", "0", "0");
        assertRefusedUnchanged(noGroup("missing", "g"), "XAUTOCLAIM", "missing", "g", "bob", "0", "0");
        assertRefusedUnchanged(INVALID_ID, "XAUTOCLAIM", "s", "g", "bob", "0", "abc");
        assertRefusedUnchanged("ERR Invalid min-idle-time argument for XAUTOCLAIM", "XAUTOCLAIM", "s", "g", "bob", "abc", "0");
        assertRefusedUnchanged("ERR COUNT must be > 0", "XAUTOCLAIM", "s", "g", "bob", "0", "0", "COUNT", "0");
        assertRefusedUnchanged("ERR COUNT must be > 0", "XAUTOCLAIM", "s", "g", "bob", "0", "0", "COUNT", "-1");
        assertRefusedUnchanged("ERR COUNT must be > 0", "XAUTOCLAIM", "s", "g", "bob", "0", "0", "COUNT", "abc");
        assertRefusedUnchanged(SYNTAX, "XAUTOCLAIM", "s", "g", "bob", "0", "0", "COUNT", "1", "FOO");
        assertRefusedUnchanged(SYNTAX, "XAUTOCLAIM", "s", "g", "bob", "0", "0", "COUNT");
        assertRefusedUnchanged(wrongArity("xautoclaim"), "XAUTOCLAIM", "s", "g", "bob", "0");
    }

    /** XAUTOCLAIM's reply: the next cursor, the claimed entries (or IDs), and the IDs of deleted entries it dropped. */
    private static Reply autoClaimed(String cursor, Reply claimed, Reply deleted) {
        return Reply.array(List.of(bulk(cursor), claimed, deleted));
    }

    private Map<String, Reply> streamInfoFull() {
        return fields(exec("XINFO", "STREAM", "s", "FULL"));
    }
}
