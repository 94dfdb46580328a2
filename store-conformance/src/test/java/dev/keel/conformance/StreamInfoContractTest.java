package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.keel.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * XINFO STREAM (and FULL, with COUNT), XINFO GROUPS with the entries-read counter and the lag as
 * redis.io documents them, XINFO CONSUMERS, XSETID (ENTRIESADDED, MAXDELETEDID), and their
 * refusals.
 *
 * <p>The radix tree counts of XINFO STREAM describe Redis's own encoding: the tests only require
 * them to be counts. Delivery times are set with {@code XCLAIM ... TIME} where a test reads them;
 * seen times and idle times are checked against the test's clock within a generous bound.
 *
 * <p>The lag is the number of entries the group has yet to be given: exact while no entry was
 * deleted between the group's position and the end of the stream, nil while one may have been
 * (an XDEL after the group's last delivered entry), and exact again once the group has read to
 * the end.
 */
class StreamInfoContractTest extends StreamContractBase {
    private static final List<String> STREAM_FIELDS = List.of("length", "radix-tree-keys", "radix-tree-nodes", "last-generated-id",
            "max-deleted-entry-id", "entries-added", "recorded-first-entry-id", "groups", "first-entry", "last-entry");
    private static final List<String> FULL_FIELDS = List.of("length", "radix-tree-keys", "radix-tree-nodes", "last-generated-id",
            "max-deleted-entry-id", "entries-added", "recorded-first-entry-id", "entries", "groups");
    private static final List<String> FULL_GROUP_FIELDS = List.of("name", "last-delivered-id", "entries-read", "lag", "pel-count",
            "pending", "consumers");
    private static final String STREAM_SYNTAX = "ERR unknown subcommand or wrong number of arguments for 'STREAM'. Try XINFO HELP.";

    /** XINFO CONSUMERS' fields: Redis 7.2 added {@code inactive}. */
    private List<String> consumerFields() {
        return target.redis() && RedisServer.shared().atLeast("7.2")
                ? List.of("name", "pending", "idle", "inactive") : List.of("name", "pending", "idle");
    }

    /** XINFO STREAM FULL's consumer fields: Redis 7.2 added {@code active-time}. */
    private List<String> fullConsumerFields() {
        return target.redis() && RedisServer.shared().atLeast("7.2")
                ? List.of("name", "seen-time", "active-time", "pel-count", "pending") : List.of("name", "seen-time", "pel-count", "pending");
    }

    /** Asserts that {@code reply} is a count (an integer of at least 0). */
    private static void assertCount(Reply reply, String what) {
        assertBetween(0, Long.MAX_VALUE, asLong(reply), what);
    }

    /** XINFO STREAM's values in order, but for the radix tree counts, which describe Redis's own encoding. */
    private static List<Reply> withoutRadixTree(Map<String, Reply> info) {
        return info.entrySet().stream().filter(field -> !field.getKey().startsWith("radix-tree-")).map(Map.Entry::getValue).toList();
    }

    // ------------------------------------------------------------------ XINFO STREAM

    @Test
    void xinfoStream_counters_firstAndLastEntries() {
        xaddNumbered("s", 6);
        assertReply(integer(2), "XDEL", "s", "3-0", "1-0");
        createGroup("s", "g", "0");
        Map<String, Reply> info = streamInfo("s");
        assertEquals(STREAM_FIELDS, List.copyOf(info.keySet()));
        assertEquals(integer(4), info.get("length"));
        assertCount(info.get("radix-tree-keys"), "radix-tree-keys");
        assertCount(info.get("radix-tree-nodes"), "radix-tree-nodes");
        assertEquals(bulk("6-0"), info.get("last-generated-id"));
        assertEquals(bulk("3-0"), info.get("max-deleted-entry-id"));
        assertEquals(integer(6), info.get("entries-added"));
        assertEquals(bulk("2-0"), info.get("recorded-first-entry-id"));
        assertEquals(integer(1), info.get("groups"));
        assertEquals(entry("2-0", "f", "2"), info.get("first-entry"));
        assertEquals(entry("6-0", "f", "6"), info.get("last-entry"));
    }

    @Test
    void xinfoStream_trimming_movesTheFirstEntryButNotTheMaxDeletedId() {
        xaddNumbered("s", 6);
        assertReply(integer(4), "XTRIM", "s", "MAXLEN", "2");
        Map<String, Reply> info = streamInfo("s");
        assertEquals(bulk("0-0"), info.get("max-deleted-entry-id"));
        assertEquals(bulk("5-0"), info.get("recorded-first-entry-id"));
        assertEquals(integer(6), info.get("entries-added"));
        assertEquals(entry("5-0", "f", "5"), info.get("first-entry"));
    }

    @Test
    void xinfoStream_emptiedOrCreatedEmpty_hasNilEntriesAndKeepsItsCounters() {
        createGroup("e", "g", "$", "MKSTREAM");
        assertEquals(List.of(integer(0), bulk("0-0"), bulk("0-0"), integer(0), bulk("0-0"), integer(1), Reply.NIL, Reply.NIL),
                withoutRadixTree(streamInfo("e")));
        xaddNumbered("s", 4);
        exec("XDEL", "s", "4-0", "1-0");
        exec("XTRIM", "s", "MAXLEN", "0");
        assertEquals(List.of(integer(0), bulk("4-0"), bulk("4-0"), integer(4), bulk("0-0"), integer(0), Reply.NIL, Reply.NIL),
                withoutRadixTree(streamInfo("s")));
    }

    @Test
    void xinfoStreamFull_entriesGroupsPendingAndConsumers() {
        xaddNumbered("s", 3);
        createGroup("s", "g", "0");
        exec("XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">");
        exec("XCLAIM", "s", "g", "alice", "0", "1-0", "TIME", "1000", "JUSTID");
        exec("XCLAIM", "s", "g", "alice", "0", "2-0", "TIME", "2000", "RETRYCOUNT", "5", "JUSTID");
        long before = System.currentTimeMillis();
        exec("XGROUP", "CREATECONSUMER", "s", "g", "bob");
        long after = System.currentTimeMillis();
        Map<String, Reply> info = fields(exec("XINFO", "STREAM", "s", "FULL"));
        assertEquals(FULL_FIELDS, List.copyOf(info.keySet()));
        assertEquals(integer(3), info.get("length"));
        assertEquals(numberedEntries(1, 3), info.get("entries"));
        List<Map<String, Reply>> groups = fieldsOfEach(info.get("groups"));
        assertEquals(1, groups.size());
        Map<String, Reply> group = groups.get(0);
        assertEquals(FULL_GROUP_FIELDS, List.copyOf(group.keySet()));
        assertEquals(List.of(bulk("g"), bulk("2-0"), integer(2), integer(1), integer(2)),
                List.of(group.get("name"), group.get("last-delivered-id"), group.get("entries-read"), group.get("lag"), group.get("pel-count")));
        assertEquals(Reply.array(List.of(
                Reply.array(List.of(bulk("1-0"), bulk("alice"), integer(1000), integer(1))),
                Reply.array(List.of(bulk("2-0"), bulk("alice"), integer(2000), integer(5))))), group.get("pending"));
        List<Map<String, Reply>> consumers = fieldsOfEach(group.get("consumers"));
        assertEquals(2, consumers.size());
        Map<String, Reply> alice = consumers.get(0);
        Map<String, Reply> bob = consumers.get(1);
        assertEquals(fullConsumerFields(), List.copyOf(alice.keySet()));
        assertEquals(List.of(bulk("alice"), integer(2)), List.of(alice.get("name"), alice.get("pel-count")));
        assertEquals(Reply.array(List.of(Reply.array(List.of(bulk("1-0"), integer(1000), integer(1))),
                Reply.array(List.of(bulk("2-0"), integer(2000), integer(5))))), alice.get("pending"));
        assertBetween(before - FRESH_IDLE_MILLIS, after, asLong(alice.get("seen-time")), "alice's seen-time");
        assertEquals(List.of(bulk("bob"), integer(0), emptyArray()), List.of(bob.get("name"), bob.get("pel-count"), bob.get("pending")));
        assertBetween(before - 1_000, after + 1_000, asLong(bob.get("seen-time")), "bob's seen-time");
    }

    @Test
    void xinfoStreamFull_count_limitsEntriesAndPendingEntries() {
        xaddNumbered("s", 15);
        createGroup("s", "g", "0");
        exec("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">");
        assertFullCounts(10, "XINFO", "STREAM", "s", "FULL");
        assertFullCounts(1, "XINFO", "STREAM", "s", "FULL", "COUNT", "1");
        assertFullCounts(15, "XINFO", "STREAM", "s", "FULL", "COUNT", "0");
        assertFullCounts(15, "XINFO", "STREAM", "s", "full", "count", "100");
    }

    /** Asserts that XINFO STREAM FULL lists {@code count} entries, group pending entries and consumer pending entries. */
    private void assertFullCounts(int count, String... argv) {
        Map<String, Reply> info = fields(exec(argv));
        assertEquals(numberedEntries(1, count), info.get("entries"), "entries");
        Map<String, Reply> group = fieldsOfEach(info.get("groups")).get(0);
        assertEquals(count, assertInstanceOf(Reply.Array.class, group.get("pending")).items().size(), "group pending");
        assertEquals(integer(15), group.get("pel-count"));
        Map<String, Reply> consumer = fieldsOfEach(group.get("consumers")).get(0);
        assertEquals(count, assertInstanceOf(Reply.Array.class, consumer.get("pending")).items().size(), "consumer pending");
    }

    @Test
    void xinfoStream_refusals() {
        xaddNumbered("s", 3);
        assertError(NO_SUCH_KEY, "XINFO", "STREAM", "missing");
        assertError(NO_SUCH_KEY, "XINFO", "STREAM", "missing", "FULL");
        assertError(NOT_INTEGER, "XINFO", "STREAM", "s", "FULL", "COUNT", "abc");
        assertError(STREAM_SYNTAX, "XINFO", "STREAM", "s", "FOO");
        assertError(STREAM_SYNTAX, "XINFO", "STREAM", "s", "FULL", "FOO");
        assertError(STREAM_SYNTAX, "XINFO", "STREAM", "s", "FULL", "COUNT");
        assertError(STREAM_SYNTAX, "XINFO", "STREAM", "s", "COUNT", "1");
        assertError(wrongArity("xinfo|stream"), "XINFO", "STREAM");
        assertError("ERR unknown subcommand 'foo'. Try XINFO HELP.", "XINFO", "foo", "s");
        assertError(wrongArity("xinfo"), "XINFO");
    }

    // ------------------------------------------------------------------ XINFO GROUPS: entries read and lag

    @Test
    void xinfoGroups_lagFollowsReadsAddsAndDeletions() {
        xaddNumbered("s", 6);
        createGroup("s", "g", "0");
        assertGroup("s", "g", 0, 0, "0-0", null, 6L);
        exec("XREADGROUP", "GROUP", "g", "c", "COUNT", "2", "STREAMS", "s", ">");
        assertGroup("s", "g", 1, 2, "2-0", 2L, 4L);
        xadd("s", "7-0", "f", "7");
        assertGroup("s", "g", 1, 2, "2-0", 2L, 5L);
        assertReply(integer(1), "XDEL", "s", "5-0");
        assertEquals(Reply.NIL, groupInfo("s", "g").get("lag"), "lag with a deleted entry ahead of the group");
        exec("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
        assertGroup("s", "g", 1, 6, "7-0", 7L, 0L);
        xadd("s", "8-0", "f", "8");
        assertReply(integer(1), "XDEL", "s", "1-0");
        assertGroup("s", "g", 1, 6, "7-0", 7L, 1L);
        exec("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
        assertGroup("s", "g", 1, 7, "8-0", 8L, 0L);
    }

    @Test
    void xinfoGroups_severalGroups_inNameOrderEachWithItsOwnLag() {
        xaddNumbered("s", 4);
        createGroup("s", "b", "$");
        createGroup("s", "a", "0");
        createGroup("s", "c", "0", "ENTRIESREAD", "1");
        exec("XREADGROUP", "GROUP", "a", "x", "COUNT", "1", "STREAMS", "s", ">");
        List<String> names = new ArrayList<>();
        fieldsOfEach(exec("XINFO", "GROUPS", "s")).forEach(group -> names.add(((Reply.Bulk) group.get("name")).utf8()));
        assertEquals(List.of("a", "b", "c"), names);
        assertGroup("s", "a", 1, 1, "1-0", 1L, 3L);
        assertGroup("s", "b", 0, 0, "4-0", null, 0L);
        assertGroup("s", "c", 0, 0, "0-0", 1L, 3L);
        xadd("s", "5-0", "f", "5");
        // Created at $ without ENTRIESREAD, b has no read counter: once the stream grows its lag cannot be told.
        assertGroup("s", "b", 0, 0, "4-0", null, null);
        assertGroup("s", "c", 0, 0, "0-0", 1L, 4L);
    }

    @Test
    void xinfoGroups_emptyStream_lagZero() {
        createGroup("s", "g", "$", "MKSTREAM");
        assertGroup("s", "g", 0, 0, "0-0", null, 0L);
        xadd("s", "1-0", "f", "1");
        assertGroup("s", "g", 0, 0, "0-0", null, 1L);
    }

    @Test
    void xinfoGroups_refusals() {
        xaddNumbered("s", 1);
        assertReply(emptyArray(), "XINFO", "GROUPS", "s");
        assertError(NO_SUCH_KEY, "XINFO", "GROUPS", "missing");
        assertError(wrongArity("xinfo|groups"), "XINFO", "GROUPS");
        assertError(wrongArity("xinfo|groups"), "XINFO", "GROUPS", "s", "extra");
    }

    // ------------------------------------------------------------------ XINFO CONSUMERS

    @Test
    void xinfoConsumers_namePendingAndIdle_inNameOrder() {
        xaddNumbered("s", 5);
        createGroup("s", "g", "0");
        exec("XREADGROUP", "GROUP", "g", "bob", "COUNT", "2", "STREAMS", "s", ">");
        exec("XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "STREAMS", "s", ">");
        exec("XGROUP", "CREATECONSUMER", "s", "g", "carol");
        List<Map<String, Reply>> consumers = fieldsOfEach(exec("XINFO", "CONSUMERS", "s", "g"));
        List<String> seen = new ArrayList<>();
        for (Map<String, Reply> consumer : consumers) {
            assertEquals(consumerFields(), List.copyOf(consumer.keySet()));
            seen.add(((Reply.Bulk) consumer.get("name")).utf8() + "=" + asLong(consumer.get("pending")));
            assertBetween(0, FRESH_IDLE_MILLIS, asLong(consumer.get("idle")), "idle");
        }
        assertEquals(List.of("alice=1", "bob=2", "carol=0"), seen);
    }

    @Test
    void xinfoConsumers_refusals() {
        xaddNumbered("s", 1);
        createGroup("s", "g", "0");
        assertReply(emptyArray(), "XINFO", "CONSUMERS", "s", "g");
        assertError(noConsumerGroup("s", "nog"), "XINFO", "CONSUMERS", "s", "nog");
        assertError(NO_SUCH_KEY, "XINFO", "CONSUMERS", "missing", "g");
        assertError(wrongArity("xinfo|consumers"), "XINFO", "CONSUMERS", "s");
    }

    // ------------------------------------------------------------------ XSETID

    @Test
    void xsetid_movesTheLastIdUpOrToTheTopEntry() {
        xaddNumbered("s", 3);
        assertReply(Reply.OK, "XSETID", "s", "5-0");
        assertReply(Reply.OK, "XSETID", "s", "4-0");
        assertReply(Reply.OK, "XSETID", "s", "3");
        assertEquals(bulk("3-0"), streamInfo("s").get("last-generated-id"));
        assertRefusedUnchanged("ERR The ID specified in XSETID is smaller than the target stream top item", "XSETID", "s", "2-0");
        assertReply(Reply.OK, "XSETID", "s", "5-0");
        assertRefusedUnchanged(ID_NOT_ABOVE_TOP, "XADD", "s", "5-0", "f", "v");
        assertReply(bulk("5-1"), "XADD", "s", "5-*", "f", "v");
    }

    @Test
    void xsetid_entriesAddedAndMaxDeletedId_setTheCounters() {
        xaddNumbered("s", 3);
        assertReply(Reply.OK, "XSETID", "s", "5-0", "ENTRIESADDED", "10", "MAXDELETEDID", "4-0");
        Map<String, Reply> info = streamInfo("s");
        assertEquals(List.of(bulk("5-0"), integer(10), bulk("4-0"), integer(3)),
                List.of(info.get("last-generated-id"), info.get("entries-added"), info.get("max-deleted-entry-id"), info.get("length")));
        assertReply(Reply.OK, "XSETID", "s", "5-0", "ENTRIESADDED", "3");
        assertEquals(integer(3), streamInfo("s").get("entries-added"));
    }

    @Test
    void xsetid_emptyStream_mayMoveTheLastIdBelowItsOldValue() {
        xadd("s", "5-0", "f", "v");
        assertReply(integer(1), "XDEL", "s", "5-0");
        assertReply(Reply.OK, "XSETID", "s", "2-0", "ENTRIESADDED", "0");
        assertEquals(bulk("2-0"), streamInfo("s").get("last-generated-id"));
        assertReply(bulk("3-0"), "XADD", "s", "3-0", "f", "v");
    }

    @Test
    void xsetid_refusals() {
        xaddNumbered("s", 3);
        assertRefusedUnchanged("ERR The entries_added specified in XSETID is smaller than the target stream length",
                "XSETID", "s", "5-0", "ENTRIESADDED", "2");
        assertRefusedUnchanged("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id",
                "XSETID", "s", "5-0", "ENTRIESADDED", "10", "MAXDELETEDID", "6-0");
        assertRefusedUnchanged("ERR entries_added must be positive", "XSETID", "s", "5-0", "ENTRIESADDED", "-1");
        assertRefusedUnchanged(NOT_INTEGER, "XSETID", "s", "5-0", "ENTRIESADDED", "abc");
        assertRefusedUnchanged(INVALID_ID, "XSETID", "s", "5-0", "MAXDELETEDID", "abc");
        assertRefusedUnchanged(INVALID_ID, "XSETID", "s", "abc");
        assertRefusedUnchanged(SYNTAX, "XSETID", "s", "5-0", "FOO");
        assertRefusedUnchanged(NO_SUCH_KEY, "XSETID", "missing", "1-0");
        assertRefusedUnchanged(wrongArity("xsetid"), "XSETID", "s");
        assertNoKey("missing");
    }
}
