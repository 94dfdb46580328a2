package dev.keel.conformance;

import dev.keel.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Consumer groups without claiming: XGROUP CREATE (MKSTREAM, {@code $}, ENTRIESREAD), SETID,
 * DESTROY, CREATECONSUMER and DELCONSUMER; XREADGROUP ({@code >}, a consumer's own pending history
 * read by ID, deleted entries in it, NOACK, COUNT); XACK; XPENDING in its summary and extended
 * forms (IDLE, ranges, COUNT, one consumer) with delivery counts; and every refusal. Claiming is in
 * {@link StreamClaimContractTest}, XINFO and the lag in {@link StreamInfoContractTest}, XREADGROUP
 * BLOCK in {@link StreamBlockingContractTest}.
 */
class StreamGroupContractTest extends StreamContractBase {
    private static final String ENTRIESREAD_RANGE = "ERR value for ENTRIESREAD must be positive or -1";
    private static final String DOLLAR_IN_XREADGROUP = "ERR The $ ID is meaningless in the context of XREADGROUP: you want to "
            + "read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would "
            + "just return an empty result set.";

    /** The stream {@code 1-0 .. count-0} at {@code s} with the group {@code g} at 0. */
    private void streamWithGroup(int count) {
        xaddNumbered("s", count);
        createGroup("s", "g", "0");
    }

    // ------------------------------------------------------------------ XGROUP CREATE

    @Test
    void xgroupCreate_existingStream_startsAtTheIdGiven() {
        xaddNumbered("s", 3);
        createGroup("s", "g", "0");
        createGroup("s", "g2", "$");
        createGroup("s", "g3", "2-0");
        assertGroup("s", "g", 0, 0, "0-0", null, 3L);
        assertGroup("s", "g2", 0, 0, "3-0", null, 0L);
        assertGroup("s", "g3", 0, 0, "2-0", null, null);
        assertReply(streams(stream("s", numberedEntries(3, 3))), "XREADGROUP", "GROUP", "g3", "c", "STREAMS", "s", ">");
        assertGroup("s", "g3", 1, 1, "3-0", 3L, 0L);
    }

    @Test
    void xgroupCreate_sameNameTwice_refusedAsBusy() {
        streamWithGroup(3);
        assertRefusedUnchanged(BUSYGROUP, "XGROUP", "CREATE", "s", "g", "$");
        assertRefusedUnchanged(BUSYGROUP, "XGROUP", "CREATE", "s", "g", "0", "MKSTREAM");
    }

    @Test
    void xgroupCreate_missingKey_refusedUnlessMkstream() {
        assertRefusedUnchanged(XGROUP_NEEDS_KEY, "XGROUP", "CREATE", "s", "g", "0");
        assertRefusedUnchanged(XGROUP_NEEDS_KEY, "XGROUP", "CREATE", "s", "g", "$");
        assertNoKey("s");
        createGroup("s", "g", "$", "MKSTREAM");
        assertStream("s", emptyArray());
        assertGroup("s", "g", 0, 0, "0-0", null, 0L);
    }

    @Test
    void xgroupCreate_entriesRead_setsTheReadCounter() {
        xaddNumbered("s", 5);
        createGroup("s", "g", "2-0", "ENTRIESREAD", "2");
        createGroup("s", "g2", "1-0", "ENTRIESREAD", "-1");
        createGroup("s", "g3", "1-0", "MKSTREAM", "ENTRIESREAD", "1");
        assertGroup("s", "g", 0, 0, "2-0", 2L, 3L);
        assertGroup("s", "g2", 0, 0, "1-0", null, 4L);
        assertGroup("s", "g3", 0, 0, "1-0", 1L, 4L);
    }

    @Test
    void xgroupCreate_badArguments_refused() {
        xaddNumbered("s", 3);
        assertRefusedUnchanged(INVALID_ID, "XGROUP", "CREATE", "s", "g", "abc");
        assertRefusedUnchanged(INVALID_ID, "XGROUP", "CREATE", "s", "g", ">");
        assertRefusedUnchanged(ENTRIESREAD_RANGE, "XGROUP", "CREATE", "s", "g", "0", "ENTRIESREAD", "-2");
        assertRefusedUnchanged(NOT_INTEGER, "XGROUP", "CREATE", "s", "g", "0", "ENTRIESREAD", "abc");
        assertRefusedUnchanged("ERR unknown subcommand or wrong number of arguments for 'CREATE'. Try XGROUP HELP.",
                "XGROUP", "CREATE", "s", "g", "0", "FOO");
        assertRefusedUnchanged(wrongArity("xgroup|create"), "XGROUP", "CREATE", "s", "g");
        assertRefusedUnchanged("ERR unknown subcommand 'foo'. Try XGROUP HELP.", "XGROUP", "foo", "s", "g");
        assertRefusedUnchanged(wrongArity("xgroup"), "XGROUP");
    }

    // ------------------------------------------------------------------ SETID, DESTROY, CREATECONSUMER, DELCONSUMER

    @Test
    void xgroupSetid_movesTheGroupAndResetsOrSetsItsReadCounter() {
        // An entry delivered again with > to the consumer that holds it starts over at one delivery.
        streamWithGroup(3);
        exec("XREADGROUP", "GROUP", "g", "c", "COUNT", "2", "STREAMS", "s", ">");
        assertGroup("s", "g", 1, 2, "2-0", 2L, 1L);
        assertReply(Reply.OK, "XGROUP", "SETID", "s", "g", "$", "ENTRIESREAD", "3");
        assertGroup("s", "g", 1, 2, "3-0", 3L, 0L);
        assertReply(Reply.NIL, "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
        assertReply(Reply.OK, "XGROUP", "SETID", "s", "g", "0", "ENTRIESREAD", "0");
        assertGroup("s", "g", 1, 2, "0-0", 0L, 3L);
        assertReply(Reply.OK, "XGROUP", "SETID", "s", "g", "1-0");
        assertGroup("s", "g", 1, 2, "1-0", null, 2L);
        assertReply(streams(stream("s", numberedEntries(2, 3))), "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
        assertPending(List.of("1-0 c x1", "2-0 c x1", "3-0 c x1"), "s", "g", "-", "+", "10");
    }

    @Test
    void xgroupSetid_refusals() {
        streamWithGroup(3);
        assertRefusedUnchanged(noConsumerGroup("s", "nog"), "XGROUP", "SETID", "s", "nog", "0");
        assertRefusedUnchanged(XGROUP_NEEDS_KEY, "XGROUP", "SETID", "missing", "g", "0");
        assertRefusedUnchanged(INVALID_ID, "XGROUP", "SETID", "s", "g", "abc");
        assertRefusedUnchanged(ENTRIESREAD_RANGE, "XGROUP", "SETID", "s", "g", "0", "ENTRIESREAD", "-2");
        assertRefusedUnchanged("ERR unknown subcommand or wrong number of arguments for 'setid'. Try XGROUP HELP.",
                "XGROUP", "setid", "s", "g", "0", "FOO");
        assertRefusedUnchanged(wrongArity("xgroup|setid"), "XGROUP", "SETID", "s", "g");
    }

    @Test
    void xgroupDestroy_removesTheGroupWithItsPendingEntries() {
        streamWithGroup(3);
        exec("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
        assertReply(integer(1), "XGROUP", "DESTROY", "s", "g");
        assertReply(integer(0), "XGROUP", "DESTROY", "s", "g");
        assertReply(emptyArray(), "XINFO", "GROUPS", "s");
        assertError(noGroup("s", "g"), "XPENDING", "s", "g");
        assertStream("s", numberedEntries(1, 3));
        createGroup("s", "g", "0");
        assertReply(nothingPending(), "XPENDING", "s", "g");
        assertRefusedUnchanged(XGROUP_NEEDS_KEY, "XGROUP", "DESTROY", "missing", "g");
    }

    @Test
    void xgroupCreateconsumer_addsAnIdleConsumerOnce() {
        streamWithGroup(3);
        assertReply(integer(1), "XGROUP", "CREATECONSUMER", "s", "g", "alice");
        assertReply(integer(0), "XGROUP", "CREATECONSUMER", "s", "g", "alice");
        assertGroup("s", "g", 1, 0, "0-0", null, 3L);
        assertRefusedUnchanged(noConsumerGroup("s", "nog"), "XGROUP", "CREATECONSUMER", "s", "nog", "alice");
        assertRefusedUnchanged(XGROUP_NEEDS_KEY, "XGROUP", "CREATECONSUMER", "missing", "g", "alice");
    }

    @Test
    void xgroupDelconsumer_returnsItsPendingCountAndDropsThoseEntries() {
        streamWithGroup(3);
        exec("XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">");
        exec("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", ">");
        assertReply(integer(2), "XGROUP", "DELCONSUMER", "s", "g", "alice");
        assertReply(integer(0), "XGROUP", "DELCONSUMER", "s", "g", "alice");
        assertReply(pendingSummary(1, "3-0", "3-0", "bob", "1"), "XPENDING", "s", "g");
        assertGroup("s", "g", 1, 1, "3-0", 3L, 0L);
        assertRefusedUnchanged(noConsumerGroup("s", "nog"), "XGROUP", "DELCONSUMER", "s", "nog", "bob");
        assertRefusedUnchanged(XGROUP_NEEDS_KEY, "XGROUP", "DELCONSUMER", "missing", "g", "bob");
    }

    // ------------------------------------------------------------------ XREADGROUP

    @Test
    void xreadgroup_greaterThan_deliversNewEntriesOnceAcrossConsumers() {
        streamWithGroup(4);
        assertReply(streams(stream("s", numberedEntries(1, 2))), "XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">");
        assertReply(streams(stream("s", numberedEntries(3, 3))), "XREADGROUP", "GROUP", "g", "bob", "COUNT", "1", "STREAMS", "s", ">");
        assertReply(streams(stream("s", numberedEntries(4, 4))), "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">");
        assertReply(Reply.NIL, "XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", ">");
        assertPending(List.of("1-0 alice x1", "2-0 alice x1", "3-0 bob x1", "4-0 alice x1"), "s", "g", "-", "+", "10");
        assertGroup("s", "g", 2, 4, "4-0", 4L, 0L);
    }

    @Test
    void xreadgroup_history_readsOnlyTheConsumersOwnPendingEntriesEachTimeADelivery() {
        streamWithGroup(4);
        assertReply(streams(stream("s", emptyArray())), "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0");
        exec("XREADGROUP", "GROUP", "g", "alice", "COUNT", "3", "STREAMS", "s", ">");
        exec("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", ">");
        assertReply(streams(stream("s", numberedEntries(1, 3))), "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0");
        assertReply(streams(stream("s", numberedEntries(2, 3))), "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "1-0");
        assertReply(streams(stream("s", numberedEntries(1, 1))), "XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "STREAMS", "s", "0");
        assertReply(streams(stream("s", emptyArray())), "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "3-0");
        assertReply(streams(stream("s", numberedEntries(4, 4))), "XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", "0-0");
        assertReply(streams(stream("s", emptyArray())), "XREADGROUP", "GROUP", "g", "carol", "STREAMS", "s", "0");
        assertPending(List.of("1-0 alice x3", "2-0 alice x3", "3-0 alice x3", "4-0 bob x2"), "s", "g", "-", "+", "10");
    }

    @Test
    void xreadgroup_deletedEntryInHistory_showsAsAnIdWithNilFields() {
        streamWithGroup(3);
        exec("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">");
        assertReply(integer(1), "XDEL", "s", "2-0");
        assertReply(streams(stream("s", entries(entry("1-0", "f", "1"), deletedEntry("2-0"), entry("3-0", "f", "3")))),
                "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0");
        assertReply(pendingSummary(3, "1-0", "3-0", "alice", "3"), "XPENDING", "s", "g");
    }

    @Test
    void xreadgroup_noack_deliversWithoutPending() {
        streamWithGroup(3);
        assertReply(streams(stream("s", numberedEntries(1, 2))),
                "XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "NOACK", "STREAMS", "s", ">");
        assertReply(nothingPending(), "XPENDING", "s", "g");
        assertReply(streams(stream("s", emptyArray())), "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0");
        assertGroup("s", "g", 1, 0, "2-0", 2L, 1L);
        assertReply(streams(stream("s", numberedEntries(3, 3))), "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">");
        assertReply(pendingSummary(1, "3-0", "3-0", "alice", "1"), "XPENDING", "s", "g");
    }

    @Test
    void xreadgroup_countZeroOrNegative_readsEverything() {
        streamWithGroup(3);
        assertReply(streams(stream("s", numberedEntries(1, 3))), "XREADGROUP", "GROUP", "g", "a", "COUNT", "0", "STREAMS", "s", ">");
        assertReply(streams(stream("s", numberedEntries(1, 3))), "XREADGROUP", "GROUP", "g", "a", "COUNT", "-1", "STREAMS", "s", "0");
    }

    @Test
    void xreadgroup_severalStreams_readsEachThroughItsOwnGroup() {
        streamWithGroup(2);
        xadd("t", "5-0", "g", "5");
        createGroup("t", "g", "$");
        assertReply(streams(stream("s", numberedEntries(1, 2))), "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "t", ">", ">");
        xadd("t", "6-0", "g", "6");
        assertReply(streams(stream("s", numberedEntries(1, 2)), stream("t", entries(entry("6-0", "g", "6")))),
                "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "t", "0", ">");
    }

    @Test
    void xreadgroup_missingGroupOrKey_refusedAsNogroup() {
        streamWithGroup(3);
        assertRefusedUnchanged(noGroupToRead("s", "nog"), "XREADGROUP", "GROUP", "nog", "c", "STREAMS", "s", ">");
        assertRefusedUnchanged(noGroupToRead("missing", "g"), "XREADGROUP", "GROUP", "g", "c", "STREAMS", "missing", ">");
        assertRefusedUnchanged(noGroupToRead("missing", "g"), "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "missing", ">", "0");
        assertNoKey("missing");
    }

    @Test
    void xreadgroup_badArguments_refused() {
        streamWithGroup(3);
        assertRefusedUnchanged(DOLLAR_IN_XREADGROUP, "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "$");
        assertRefusedUnchanged(INVALID_ID, "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "abc");
        assertRefusedUnchanged(UNBALANCED, "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "t", ">");
        assertRefusedUnchanged(SYNTAX, "XREADGROUP", "GROUP", "g", "c", "FOO", "STREAMS", "s", ">");
        assertRefusedUnchanged(SYNTAX, "XREADGROUP", "COUNT", "1", "FOO", "STREAMS", "s", ">");
        assertRefusedUnchanged(NOT_INTEGER, "XREADGROUP", "GROUP", "g", "c", "COUNT", "x", "STREAMS", "s", ">");
        assertRefusedUnchanged(TIMEOUT_NEGATIVE, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "-1", "STREAMS", "s", ">");
        assertRefusedUnchanged(wrongArity("xreadgroup"), "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s");
        assertRefusedUnchanged(wrongArity("xreadgroup"), "XREADGROUP", "GROUP", "g", "STREAMS", "s", ">");
    }

    // ------------------------------------------------------------------ XACK

    @Test
    void xack_countsOnlyEntriesThatWerePending() {
        streamWithGroup(4);
        exec("XREADGROUP", "GROUP", "g", "alice", "COUNT", "3", "STREAMS", "s", ">");
        assertReply(integer(1), "XACK", "s", "g", "1-0", "1-0", "9-0", "4-0");
        assertReply(integer(0), "XACK", "s", "g", "1-0");
        assertReply(pendingSummary(2, "2-0", "3-0", "alice", "2"), "XPENDING", "s", "g");
        assertReply(integer(2), "XACK", "s", "g", "3-0", "2");
        assertReply(nothingPending(), "XPENDING", "s", "g");
        assertReply(streams(stream("s", emptyArray())), "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0");
        assertStream("s", numberedEntries(1, 4));
    }

    @Test
    void xack_missingGroupOrKey_acknowledgesNothing() {
        streamWithGroup(3);
        exec("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">");
        assertReply(integer(0), "XACK", "s", "nog", "1-0");
        assertReply(integer(0), "XACK", "missing", "g", "1-0");
        assertNoKey("missing");
        assertRefusedUnchanged(INVALID_ID, "XACK", "s", "g", "1-0", "abc");
        assertRefusedUnchanged(wrongArity("xack"), "XACK", "s", "g");
    }

    // ------------------------------------------------------------------ XPENDING

    @Test
    void xpending_summary_countsBoundsAndPerConsumerCounts() {
        streamWithGroup(5);
        assertReply(nothingPending(), "XPENDING", "s", "g");
        exec("XREADGROUP", "GROUP", "g", "bob", "COUNT", "1", "STREAMS", "s", ">");
        exec("XREADGROUP", "GROUP", "g", "alice", "COUNT", "3", "STREAMS", "s", ">");
        exec("XGROUP", "CREATECONSUMER", "s", "g", "carol");
        assertReply(pendingSummary(4, "1-0", "4-0", "alice", "3", "bob", "1"), "XPENDING", "s", "g");
    }

    @Test
    void xpending_extended_rangesCountAndConsumer() {
        streamWithGroup(5);
        exec("XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">");
        exec("XREADGROUP", "GROUP", "g", "bob", "COUNT", "2", "STREAMS", "s", ">");
        exec("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0");
        assertPending(List.of("1-0 alice x2", "2-0 alice x2", "3-0 bob x1", "4-0 bob x1"), "s", "g", "-", "+", "10");
        assertPending(List.of("1-0 alice x2", "2-0 alice x2"), "s", "g", "-", "+", "2");
        assertPending(List.of("2-0 alice x2", "3-0 bob x1"), "s", "g", "(1-0", "(4-0", "10");
        assertPending(List.of("2-0 alice x2", "3-0 bob x1", "4-0 bob x1"), "s", "g", "2", "+", "10");
        assertPending(List.of("3-0 bob x1", "4-0 bob x1"), "s", "g", "-", "+", "10", "bob");
        assertPending(List.of("1-0 alice x2"), "s", "g", "IDLE", "0", "-", "+", "1", "alice");
        assertPending(List.of(), "s", "g", "-", "+", "10", "nobody");
        assertPending(List.of(), "s", "g", "-", "+", "0");
        assertPending(List.of(), "s", "g", "-", "+", "-1");
        assertPending(List.of(), "s", "g", "IDLE", "3600000", "-", "+", "10");
        assertPending(List.of(), "s", "g", "(4-0", "+", "10");
    }

    @Test
    void xpending_refusals() {
        streamWithGroup(3);
        assertRefusedUnchanged(noGroup("missing", "g"), "XPENDING", "missing", "g");
        assertRefusedUnchanged(noGroup("s", "nog"), "XPENDING", "s", "nog");
        assertRefusedUnchanged(noGroup("s", "nog"), "XPENDING", "s", "nog", "-", "+", "10");
        assertRefusedUnchanged(SYNTAX, "XPENDING", "s", "g", "-", "+");
        assertRefusedUnchanged(NOT_INTEGER, "XPENDING", "s", "g", "-", "+", "abc");
        assertRefusedUnchanged(NOT_INTEGER, "XPENDING", "s", "g", "IDLE", "abc", "-", "+", "1");
        assertRefusedUnchanged(NOT_INTEGER, "XPENDING", "s", "g", "FOO", "-", "+", "5");
        assertRefusedUnchanged(INVALID_ID, "XPENDING", "s", "g", "abc", "+", "5");
        assertRefusedUnchanged(wrongArity("xpending"), "XPENDING", "s");
    }
}
