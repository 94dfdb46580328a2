package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.keel.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the stream contract tests share: Redis's error texts for streams, builders of entries and
 * of the nested replies XRANGE, XREAD and XREADGROUP give, readers of the field-value replies of
 * XINFO and of XPENDING's pending entries, and a snapshot that reads streams with their groups,
 * so that a refused command can be shown to change nothing.
 *
 * <p>Idle times and delivery times follow the clock. The tests assert them only where they are
 * decided: a delivery time set with {@code XCLAIM ... TIME}, an idle time of a fresh delivery
 * within a generous bound, delivery counts exactly.
 *
 * <p>Replies are Redis 7.0's, the version Keel follows: XINFO CONSUMERS without 7.2's
 * {@code inactive}, XINFO STREAM FULL consumers without 7.2's {@code active-time}.
 */
abstract class StreamContractBase extends HashAndSetContractBase {
    static final String INVALID_ID = "ERR Invalid stream ID specified as stream command argument";
    static final String ID_NOT_ABOVE_TOP = "ERR The ID specified in XADD is equal or smaller than the target stream top item";
    static final String ID_ZERO = "ERR The ID specified in XADD must be greater than 0-0";
    static final String NO_SUCH_KEY = "ERR no such key";
    static final String XGROUP_NEEDS_KEY = "ERR The XGROUP subcommand requires the key to exist. "
            + "Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.";
    static final String BUSYGROUP = "BUSYGROUP Consumer Group name already exists";
    static final String UNBALANCED = "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.";
    static final String TIMEOUT_NOT_INTEGER = "ERR timeout is not an integer or out of range";
    static final String TIMEOUT_NEGATIVE = "ERR timeout is negative";
    /** Longest a fresh delivery or interaction may have been idle, in milliseconds, on a slow machine. */
    static final long FRESH_IDLE_MILLIS = 10_000;

    /** NOGROUP as XPENDING, XCLAIM and XAUTOCLAIM answer it. */
    static String noGroup(String key, String group) {
        return "NOGROUP No such key '" + key + "' or consumer group '" + group + "'";
    }

    /** NOGROUP as XREADGROUP answers it. */
    static String noGroupToRead(String key, String group) {
        return noGroup(key, group) + " in XREADGROUP with GROUP option";
    }

    /** NOGROUP as the XGROUP subcommands and XINFO CONSUMERS answer it. */
    static String noConsumerGroup(String key, String group) {
        return "NOGROUP No such consumer group '" + group + "' for key name '" + key + "'";
    }

    // ------------------------------------------------------------------ building streams

    /** {@code XADD key id field value ...}, asserting it answers {@code id}. */
    void xadd(String key, String id, String... fieldsAndValues) {
        assertReply(bulk(id), concat(new String[] {"XADD", key, id}, fieldsAndValues));
    }

    /** Adds {@code count} entries {@code 1-0 .. count-0}, each {@code f -> <ms>}, to {@code key}. */
    void xaddNumbered(String key, int count) {
        for (int i = 1; i <= count; i++) {
            xadd(key, i + "-0", "f", Integer.toString(i));
        }
    }

    /** Adds every entry of {@code entries} to {@code key}; returns {@code entries}. */
    StreamEntries xadd(String key, StreamEntries entries) {
        for (StreamEntries.Entry entry : entries.all()) {
            xadd(key, entry.id(), entry.fieldsAndValues().toArray(new String[0]));
        }
        return entries;
    }

    /** {@code XGROUP CREATE key group id [options]}, asserting it answers OK. */
    void createGroup(String key, String group, String id, String... options) {
        assertReply(Reply.OK, concat(new String[] {"XGROUP", "CREATE", key, group, id}, options));
    }

    // ------------------------------------------------------------------ reply shapes

    /** One entry as XRANGE answers it: {@code [id, [field, value, ...]]}. */
    static Reply entry(String id, String... fieldsAndValues) {
        return Reply.array(List.of(bulk(id), array(fieldsAndValues)));
    }

    /** An entry deleted after it was delivered, as a consumer's history shows it: {@code [id, nil]}. */
    static Reply deletedEntry(String id) {
        return Reply.array(List.of(bulk(id), Reply.NIL));
    }

    /** Entries numbered as {@link #xaddNumbered} adds them, {@code from-0 .. to-0}, as XRANGE answers them. */
    static Reply numberedEntries(int from, int to) {
        List<Reply> entries = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            entries.add(entry(i + "-0", "f", Integer.toString(i)));
        }
        return Reply.array(entries);
    }

    /** An array of entries. */
    static Reply entries(Reply... entries) {
        return Reply.array(List.of(entries));
    }

    /** One stream in the reply of XREAD or XREADGROUP: {@code [key, [entry ...]]}. */
    static Reply stream(String key, Reply entries) {
        return Reply.array(List.of(bulk(key), entries));
    }

    /** The reply of XREAD or XREADGROUP: one {@link #stream} per key that has something to say. */
    static Reply streams(Reply... streams) {
        return Reply.array(List.of(streams));
    }

    /** XPENDING's summary: the count, the lowest and highest pending IDs, and {@code [consumer, "count"]} pairs. */
    static Reply pendingSummary(long count, String lowest, String highest, String... consumersAndCounts) {
        List<Reply> consumers = new ArrayList<>();
        for (int i = 0; i < consumersAndCounts.length; i += 2) {
            consumers.add(array(consumersAndCounts[i], consumersAndCounts[i + 1]));
        }
        return Reply.array(List.of(integer(count), bulk(lowest), bulk(highest), Reply.array(consumers)));
    }

    /** XPENDING's summary of a group with nothing pending. */
    static Reply nothingPending() {
        return Reply.array(List.of(integer(0), Reply.NIL, Reply.NIL, Reply.NIL));
    }

    // ------------------------------------------------------------------ reading replies

    /**
     * An array reply of alternating names and values, as XINFO answers, as an ordered map; asserts
     * that no name repeats.
     */
    static Map<String, Reply> fields(Reply reply) {
        List<Reply> items = assertInstanceOf(Reply.Array.class, reply, () -> "an array reply, got " + reply).items();
        assertEquals(0, items.size() % 2, () -> "an odd number of items in " + reply);
        Map<String, Reply> fields = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            String name = assertInstanceOf(Reply.Bulk.class, items.get(i), () -> "a field name in " + reply).utf8();
            assertNull(fields.put(name, items.get(i + 1)), () -> "field " + name + " repeated in " + reply);
        }
        return fields;
    }

    /** Each item of an array reply read with {@link #fields}. */
    static List<Map<String, Reply>> fieldsOfEach(Reply reply) {
        return assertInstanceOf(Reply.Array.class, reply, () -> "an array reply, got " + reply).items().stream()
                .map(StreamContractBase::fields).toList();
    }

    /** One pending entry of XPENDING's extended form. */
    record Pending(String id, String consumer, long idleMillis, long deliveries) {

        /** What the tests compare exactly: everything but the idle time. */
        String withoutIdle() {
            return id + " " + consumer + " x" + deliveries;
        }
    }

    /** Runs XPENDING's extended form and reads its pending entries. */
    List<Pending> pending(String... argv) {
        Reply reply = exec(concat(new String[] {"XPENDING"}, argv));
        List<Pending> pending = new ArrayList<>();
        for (Reply item : assertInstanceOf(Reply.Array.class, reply, () -> "XPENDING answered " + reply).items()) {
            List<Reply> parts = assertInstanceOf(Reply.Array.class, item).items();
            assertEquals(4, parts.size(), () -> "a pending entry of four items, got " + item);
            pending.add(new Pending(assertInstanceOf(Reply.Bulk.class, parts.get(0)).utf8(),
                    assertInstanceOf(Reply.Bulk.class, parts.get(1)).utf8(), asLong(parts.get(2)), asLong(parts.get(3))));
        }
        return pending;
    }

    /**
     * Asserts that XPENDING's extended form lists exactly {@code expected} ({@code "id consumer
     * xDeliveries"} each, in order), and that each was idle for at least {@code minIdle} and less
     * than {@code minIdle + }{@link #FRESH_IDLE_MILLIS} milliseconds.
     */
    void assertPending(long minIdle, List<String> expected, String... argv) {
        List<Pending> pending = pending(argv);
        assertEquals(expected, pending.stream().map(Pending::withoutIdle).toList(), () -> "XPENDING " + String.join(" ", argv));
        for (Pending entry : pending) {
            assertBetween(minIdle, minIdle + FRESH_IDLE_MILLIS, entry.idleMillis(), "idle time of " + entry.id());
        }
    }

    /** As {@link #assertPending(long, List, String...)} for entries delivered or claimed just now. */
    void assertPending(List<String> expected, String... argv) {
        assertPending(0, expected, argv);
    }

    /** XINFO STREAM's fields for {@code key}. */
    Map<String, Reply> streamInfo(String key) {
        return fields(exec("XINFO", "STREAM", key));
    }

    /** XINFO GROUPS' fields for the group {@code group} of {@code key}. */
    Map<String, Reply> groupInfo(String key, String group) {
        for (Map<String, Reply> info : fieldsOfEach(exec("XINFO", "GROUPS", key))) {
            if (info.get("name").equals(bulk(group))) {
                return info;
            }
        }
        throw new AssertionError("XINFO GROUPS " + key + " has no group " + group);
    }

    /**
     * Asserts what XINFO GROUPS says of {@code group}: its consumers, pending entries, last
     * delivered ID, entries read and lag (null for nil).
     */
    void assertGroup(String key, String group, long consumers, long pending, String lastDelivered, Long entriesRead, Long lag) {
        Map<String, Reply> info = groupInfo(key, group);
        assertEquals(List.of("name", "consumers", "pending", "last-delivered-id", "entries-read", "lag"),
                List.copyOf(info.keySet()), "XINFO GROUPS fields");
        String what = "XINFO GROUPS " + key + " " + group;
        assertEquals(integer(consumers), info.get("consumers"), what + " consumers");
        assertEquals(integer(pending), info.get("pending"), what + " pending");
        assertEquals(bulk(lastDelivered), info.get("last-delivered-id"), what + " last-delivered-id");
        assertEquals(entriesRead == null ? Reply.NIL : integer(entriesRead), info.get("entries-read"), what + " entries-read");
        assertEquals(lag == null ? Reply.NIL : integer(lag), info.get("lag"), what + " lag");
    }

    // ------------------------------------------------------------------ whole streams

    /** Asserts that the stream at {@code key} holds exactly {@code entries} ({@code XRANGE key - +}), and that XLEN and TYPE agree. */
    void assertStream(String key, Reply entries) {
        assertReply(entries, "XRANGE", key, "-", "+");
        assertReply(integer(assertInstanceOf(Reply.Array.class, entries).items().size()), "XLEN", key);
        assertReply(status("stream"), "TYPE", key);
    }

    /** As {@link HashAndSetContractBase#snapshot()}, with each stream's entries, IDs and counters, groups, consumers and pending entries. */
    @Override
    Map<String, String> snapshot() {
        Map<String, String> data = super.snapshot();
        for (byte[] key : binary.keys(bytes("*"))) {
            if (store.execute(bytes("TYPE"), key) instanceof Reply.Status type && type.text().equals("stream")) {
                data.put(latin1(key), "stream " + streamSnapshot(latin1(key)));
            }
        }
        return data;
    }

    private String streamSnapshot(String key) {
        StringBuilder text = new StringBuilder();
        text.append(exec("XRANGE", key, "-", "+"));
        Map<String, Reply> info = streamInfo(key);
        for (String field : List.of("last-generated-id", "max-deleted-entry-id", "entries-added", "recorded-first-entry-id")) {
            text.append(' ').append(field).append('=').append(info.get(field));
        }
        for (Map<String, Reply> group : fieldsOfEach(exec("XINFO", "GROUPS", key))) {
            String name = ((Reply.Bulk) group.get("name")).utf8();
            group.remove("lag");
            text.append(" group ").append(group);
            for (Map<String, Reply> consumer : fieldsOfEach(exec("XINFO", "CONSUMERS", key, name))) {
                text.append(" consumer ").append(consumer.get("name")).append(" pending=").append(consumer.get("pending"));
            }
            text.append(" pel ").append(pending(key, name, "-", "+", "1000000").stream().map(Pending::withoutIdle).toList());
        }
        return text.toString();
    }
}
