package dev.keel.conformance;

import static dev.keel.conformance.StreamValues.entry;
import static dev.keel.conformance.StreamValues.fields;
import static dev.keel.conformance.StreamValues.id;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.AutoClaimed;
import dev.keel.KeyValue;
import dev.keel.PendingEntry;
import dev.keel.PendingSummary;
import dev.keel.Reply;
import dev.keel.StreamConsumerInfo;
import dev.keel.StreamEntry;
import dev.keel.StreamFullInfo;
import dev.keel.StreamGroupInfo;
import dev.keel.StreamId;
import dev.keel.StreamInfo;
import dev.keel.StreamOffset;
import dev.keel.StreamRange;
import dev.keel.WrongTypeException;
import dev.keel.XAddArgs;
import dev.keel.XClaimArgs;
import dev.keel.XGroupCreateArgs;
import dev.keel.XGroupSetidArgs;
import dev.keel.XPendingArgs;
import dev.keel.XReadArgs;
import dev.keel.XReadGroupArgs;
import dev.keel.XSetidArgs;
import dev.keel.XTrimArgs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The typed stream commands of {@code Commands}: that each one sends its command line in Redis's
 * order (ranges low bound first, reversed for XREVRANGE; the ids after {@code STREAMS} in the
 * order of the keys) and decodes the reply as Redis sends it: IDs, entries with their fields in
 * order, nil where Redis answers nil, the named fields of XINFO, on every target.
 *
 * <p>Where a reply does not depend on the clock it is also compared with the raw reply of the
 * same command line. Idle times are asserted within generous bounds, or exactly where the test
 * sets them (XCLAIM ... IDLE, TIME).
 */
@Timeout(60)
class TypedStreamCommandsContractTest extends ContractTest {
    private static final Duration SHORT = Duration.ofMillis(10);
    /** Longest a fresh delivery may have been idle, in milliseconds, on a slow machine. */
    private static final long FRESH = 10_000;

    /** An entry as Redis sends it: {@code [id, [field, value, ...]]}. */
    private static Reply entryReply(String id, String... fieldsAndValues) {
        return Reply.array(List.of(bulk(id), array(fieldsAndValues)));
    }

    private static Reply entriesReply(Reply... entries) {
        return Reply.array(List.of(entries));
    }

    /** 1-1 {a=1, b=2}, 2-1 {c=3}, 3-1 {d=4} under {@code key}. */
    private void threeEntries(String key) {
        assertEquals(id("1-1"), redis.xadd(key, XAddArgs.id(id("1-1")), fields("a", "1", "b", "2")));
        assertEquals(id("2-1"), redis.xadd(key, XAddArgs.id(id("2-1")), fields("c", "3")));
        assertEquals(id("3-1"), redis.xadd(key, XAddArgs.id(id("3-1")), fields("d", "4")));
    }

    private static <T> KeyValue<String, T> kv(String key, T value) {
        return new KeyValue<>(key, value);
    }

    // ------------------------------------------------------------------ IDs and ranges as values

    @Test
    void streamId_parseCompareAndPrint_unsigned() {
        assertEquals(new StreamId(1526919030474L, 55), id("1526919030474-55"));
        assertEquals("1526919030474-55", id("1526919030474-55").toString());
        StreamId max = id("18446744073709551615-18446744073709551615");
        assertEquals(new StreamId(-1, -1), max);
        assertEquals("18446744073709551615-18446744073709551615", max.toString());
        assertTrue(max.compareTo(id("9223372036854775807-0")) > 0, "unsigned order");
        assertTrue(id("1-2").compareTo(id("1-10")) < 0);
        assertTrue(id("2-0").compareTo(id("1-99")) > 0);
        assertEquals(0, id("5-5").compareTo(new StreamId(5, 5)));
        for (String bad : List.of("", "1", "-1", "1-", "1--1", "a-1", "1-b", "+1-0", "18446744073709551616-0")) {
            assertThrows(IllegalArgumentException.class, () -> StreamId.parse(bad), bad);
        }
        assertEquals("- +", StreamRange.all().toString());
        assertEquals("(1-1 +", StreamRange.greaterThan(id("1-1")).toString());
        assertEquals("1-1 (2-0", StreamRange.closedOpen(id("1-1"), id("2-0")).toString());
        assertEquals("- (2-0", StreamRange.lessThan(id("2-0")).toString());
        assertEquals(StreamRange.all(), new StreamRange(null, false, null, false), "open bounds are inclusive");
    }

    // ------------------------------------------------------------------ XADD, XLEN, XRANGE, XDEL, XTRIM

    @Test
    void xadd_autoAndExplicitIds_growAndRefuseLowerOnes() {
        StreamId first = redis.xadd("s", fields("a", "1"));
        StreamId second = redis.xadd("s", fields("b", "2"));
        assertTrue(second.compareTo(first) > 0);
        assertEquals(id("18446744073709551614-0"), redis.xadd("s", XAddArgs.id(id("18446744073709551614-0")), fields("c", "3")));
        assertEquals(id("18446744073709551614-1"), redis.xadd("s", XAddArgs.none().withAutoSequence(-2), fields("d", "4")),
                "<ms>-* takes the next sequence of that millisecond");
        assertThrowsRedis("ERR The ID specified in XADD is equal or smaller than the target stream top item",
                () -> redis.xadd("s", XAddArgs.id(id("5-0")), fields("x", "1")));
        assertThrowsRedis("ERR The ID specified in XADD must be greater than 0-0",
                () -> redis.xadd("t", XAddArgs.id(new StreamId(0, 0)), fields("x", "1")));
        assertEquals(4, redis.xlen("s"));
        assertEquals(0, redis.exists("t"), "a refused XADD creates nothing");
        assertEquals(0, redis.xlen("missing"));
        assertEquals("NOMKSTREAM MAXLEN ~ 10 LIMIT 5 7-*",
                XAddArgs.maxlen(10).withApproximate().withLimit(5).withNomkstream().withAutoSequence(7).toString());
        assertEquals("MINID = 1-1 *", XAddArgs.minid(id("1-1")).withExact().toString());
        assertEquals("5-1", XAddArgs.id(id("9-9")).withId(id("5-1")).toString(), "one slot for the ID");
        assertThrows(IllegalStateException.class, () -> XAddArgs.none().withApproximate());
    }

    @Test
    void xadd_fieldsInOrder_readBackAsEntries() {
        Map<String, String> fields = fields("z", "26", "a", "1", "m", "");
        redis.xadd("s", XAddArgs.id(id("1-0")), fields);
        List<StreamEntry<String, String>> entries = redis.xrange("s", StreamRange.all());
        assertEquals(List.of(new StreamEntry<>(id("1-0"), fields)), entries);
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(entries.getFirst().fields().keySet()), "field order kept");
        assertFalse(entries.getFirst().deleted());
        assertReply(entriesReply(entryReply("1-0", "z", "26", "a", "1", "m", "")), "XRANGE", "s", "-", "+");
    }

    @Test
    void xadd_nomkstream_nilForMissingStream() {
        assertNull(redis.xadd("s", XAddArgs.nomkstream(), fields("a", "1")));
        assertEquals(0, redis.exists("s"));
        redis.xadd("s", XAddArgs.id(id("1-0")), fields("a", "1"));
        assertEquals(id("2-0"), redis.xadd("s", XAddArgs.nomkstream().withId(id("2-0")), fields("b", "2")));
        assertEquals(2, redis.xlen("s"));
    }

    @Test
    void xadd_trims_exactlyWithMaxlenAndMinid() {
        for (int i = 1; i <= 5; i++) {
            redis.xadd("s", XAddArgs.maxlen(3).withId(new StreamId(i, 0)), fields("n", Integer.toString(i)));
        }
        assertEquals(List.of(entry("3-0", "n", "3"), entry("4-0", "n", "4"), entry("5-0", "n", "5")), redis.xrange("s", StreamRange.all()));
        redis.xadd("s", XAddArgs.minid(id("5-0")).withExact().withId(id("6-0")), fields("n", "6"));
        assertEquals(List.of(entry("5-0", "n", "5"), entry("6-0", "n", "6")), redis.xrange("s", StreamRange.all()));
        redis.xadd("s", XAddArgs.maxlen(1).withApproximate().withLimit(10).withId(id("7-0")), fields("n", "7"));
        assertBetween(1, 3, redis.xlen("s"), "MAXLEN ~ keeps at least the threshold");
        assertThrowsRedis("ERR syntax error, LIMIT cannot be used without the special ~ option",
                () -> redis.xadd("s", XAddArgs.maxlen(1).withLimit(10), fields("n", "8")));
    }

    @Test
    void xrangeAndXrevrange_boundsCountsAndOrder() {
        threeEntries("s");
        List<StreamEntry<String, String>> all = List.of(entry("1-1", "a", "1", "b", "2"), entry("2-1", "c", "3"), entry("3-1", "d", "4"));
        assertEquals(all, redis.xrange("s", StreamRange.all()));
        assertEquals(all.subList(0, 2), redis.xrange("s", StreamRange.all(), 2));
        assertEquals(all.subList(1, 3), redis.xrange("s", StreamRange.greaterThan(id("1-1"))));
        assertEquals(all.subList(1, 2), redis.xrange("s", StreamRange.open(id("1-1"), id("3-1"))));
        assertEquals(all.subList(0, 2), redis.xrange("s", StreamRange.closedOpen(id("1-1"), id("3-1"))));
        assertEquals(all.subList(1, 3), redis.xrange("s", StreamRange.openClosed(id("1-1"), id("3-1"))));
        assertEquals(all.subList(0, 2), redis.xrange("s", StreamRange.atMost(id("2-1"))));
        assertEquals(all.subList(0, 1), redis.xrange("s", StreamRange.lessThan(id("2-1"))));
        assertEquals(all.subList(2, 3), redis.xrange("s", StreamRange.atLeast(id("2-2"))));
        assertEquals(List.of(), redis.xrange("s", StreamRange.closed(id("3-0"), id("1-0"))), "a reversed range is empty");
        assertEquals(List.of(), redis.xrange("missing", StreamRange.all()));
        assertEquals(List.of(all.get(2), all.get(1), all.get(0)), redis.xrevrange("s", StreamRange.all()));
        assertEquals(List.of(all.get(2)), redis.xrevrange("s", StreamRange.all(), 1));
        assertEquals(List.of(all.get(1), all.get(0)), redis.xrevrange("s", StreamRange.lessThan(id("3-1"))), "high bound sent first");
        assertEquals(List.of(all.get(1)), redis.xrevrange("s", StreamRange.open(id("1-1"), id("3-1")), 5));
        assertReply(entriesReply(entryReply("2-1", "c", "3")), "XREVRANGE", "s", "(3-1", "(1-1");
        assertReply(entriesReply(entryReply("1-1", "a", "1", "b", "2"), entryReply("2-1", "c", "3")), "XRANGE", "s", "-", "+", "COUNT", "2");
    }

    @Test
    void xdelAndXtrim_countRemoved_emptiedStreamStays() {
        threeEntries("s");
        assertEquals(1, redis.xdel("s", id("2-1"), id("9-9")));
        assertEquals(0, redis.xdel("missing", id("1-1")));
        assertEquals(List.of(entry("1-1", "a", "1", "b", "2"), entry("3-1", "d", "4")), redis.xrange("s", StreamRange.all()));
        assertEquals(1, redis.xtrim("s", XTrimArgs.maxlen(1)));
        assertEquals(List.of(entry("3-1", "d", "4")), redis.xrange("s", StreamRange.all()));
        assertEquals(0, redis.xtrim("s", XTrimArgs.minid(id("3-1")).withExact()));
        assertEquals(1, redis.xtrim("s", XTrimArgs.minid(id("3-2"))));
        assertEquals(0, redis.xlen("s"));
        assertEquals(1, redis.exists("s"), "an emptied stream is still a key");
        assertEquals("stream", redis.type("s"));
        assertEquals(0, redis.xtrim("missing", XTrimArgs.maxlen(0)));
        assertEquals("MAXLEN ~ 10 LIMIT 100", XTrimArgs.maxlen(10).withExact().withApproximate().withLimit(100).toString());
        assertThrowsRedis("ERR syntax error, LIMIT cannot be used without the special ~ option",
                () -> redis.xtrim("s", XTrimArgs.maxlen(0).withLimit(3)));
        assertEquals(0, redis.xtrim("s", XTrimArgs.maxlen(0).withApproximate().withLimit(3)));
    }

    // ------------------------------------------------------------------ XREAD

    @Test
    void xread_entriesAfterEachPosition_perStreamInOrder() throws InterruptedException {
        threeEntries("a");
        redis.xadd("b", XAddArgs.id(id("5-0")), fields("x", "y"));
        List<KeyValue<String, List<StreamEntry<String, String>>>> read = redis.xread(
                List.of(StreamOffset.after("b", new StreamId(0, 0)), StreamOffset.after("missing", new StreamId(0, 0)),
                        StreamOffset.after("a", id("1-1"))));
        assertEquals(List.of(kv("b", List.of(entry("5-0", "x", "y"))), kv("a", List.of(entry("2-1", "c", "3"), entry("3-1", "d", "4")))),
                read, "streams without entries are left out");
        assertEquals(List.of(kv("a", List.of(entry("1-1", "a", "1", "b", "2")))),
                redis.xread(XReadArgs.count(1), List.of(StreamOffset.after("a", new StreamId(0, 0)))));
        assertNull(redis.xread(List.of(StreamOffset.after("a", id("3-1")), StreamOffset.after("missing", new StreamId(0, 0)))));
        assertNull(redis.xread(List.of(StreamOffset.latest("a"))), "$ without BLOCK has nothing to answer");
        assertReply(Reply.array(List.of(Reply.array(List.of(bulk("a"), entriesReply(entryReply("3-1", "d", "4")))))),
                "XREAD", "COUNT", "5", "STREAMS", "a", "2-1");
        assertEquals("COUNT 2 BLOCK 1500", XReadArgs.count(2).withBlock(Duration.ofMillis(1500)).toString());
        assertEquals("BLOCK 1", XReadArgs.block(Duration.ofNanos(1)).toString(), "under a millisecond waits one, not forever");
        assertEquals("BLOCK 0", XReadArgs.block(Duration.ZERO).toString());
        assertThrows(IllegalArgumentException.class, () -> XReadArgs.block(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> redis.xread(List.of()));
    }

    @Test
    void xread_block_dataPresentAnswersAtOnce_emptyTimesOut() throws InterruptedException {
        threeEntries("s");
        assertEquals(List.of(kv("s", List.of(entry("3-1", "d", "4")))),
                redis.xread(XReadArgs.block(Duration.ZERO), List.of(StreamOffset.after("s", id("2-1")))));
        assertEquals(List.of(kv("s", List.of(entry("2-1", "c", "3")))),
                redis.xread(XReadArgs.count(1).withBlock(Duration.ofSeconds(10)), List.of(StreamOffset.after("s", id("1-1")))));
        assertNull(redis.xread(XReadArgs.block(SHORT), List.of(StreamOffset.after("s", id("3-1")))));
        assertNull(redis.xread(XReadArgs.block(SHORT), List.of(StreamOffset.latest("s"), StreamOffset.latest("missing"))));
        assertEquals(0, redis.exists("missing"), "waiting on a key creates nothing");
    }

    @Test
    void xread_plusReadsTheLastEntry() throws InterruptedException {
        requireRedis("7.4", "XREAD with the + ID");
        threeEntries("s");
        assertEquals(List.of(kv("s", List.of(entry("3-1", "d", "4")))), redis.xread(List.of(StreamOffset.lastEntry("s"))));
        assertEquals(List.of(kv("s", List.of(entry("3-1", "d", "4")))),
                redis.xread(XReadArgs.count(10), List.of(StreamOffset.lastEntry("s"), StreamOffset.lastEntry("missing"))));
    }

    // ------------------------------------------------------------------ XGROUP

    @Test
    void xgroupCreate_mkstreamEntriesreadAndRefusals() {
        assertThrowsRedis("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the "
                + "MKSTREAM option to create an empty stream automatically.", () -> redis.xgroupCreate("s", "g", XGroupCreateArgs.latest()));
        assertEquals("OK", redis.xgroupCreate("s", "g", XGroupCreateArgs.latest().withMkstream()));
        assertEquals(0, redis.xlen("s"));
        assertEquals("stream", redis.type("s"));
        assertThrowsRedis("BUSYGROUP Consumer Group name already exists", () -> redis.xgroupCreate("s", "g", XGroupCreateArgs.latest()));
        threeEntries("t");
        assertEquals("OK", redis.xgroupCreate("t", "from-start", XGroupCreateArgs.id(new StreamId(0, 0))));
        assertEquals("OK", redis.xgroupCreate("t", "counted", XGroupCreateArgs.id(id("2-1")).withEntriesread(2)));
        assertEquals("OK", redis.xgroupCreate("t", "at-end", XGroupCreateArgs.latest()));
        List<StreamGroupInfo<String>> groups = redis.xinfoGroups("t");
        assertEquals(3, groups.size());
        assertAtEnd(groups.get(0), "at-end", id("3-1"));
        assertEquals(new StreamGroupInfo<>("counted", 0, 0, id("2-1"), 2L, 1L), groups.get(1));
        assertEquals(new StreamGroupInfo<>("from-start", 0, 0, new StreamId(0, 0), null, 3L), groups.get(2));
        assertEquals("0-0 MKSTREAM ENTRIESREAD 7", XGroupCreateArgs.id(new StreamId(0, 0)).withMkstream().withEntriesread(7).toString());
    }

    /**
     * A group created at {@code $} on a stream of three entries, none deleted: no lag. Its
     * entries-read is nil in Redis 7.0 (the count is unknown) and may be known, 3, elsewhere.
     */
    private static void assertAtEnd(StreamGroupInfo<String> group, String name, StreamId last) {
        assertEquals(name, group.name());
        assertEquals(0, group.consumers());
        assertEquals(0, group.pending());
        assertEquals(last, group.lastDeliveredId());
        assertEquals(0L, group.lag());
        assertTrue(group.entriesRead() == null || group.entriesRead() == 3, () -> "entries-read " + group.entriesRead());
    }

    @Test
    void xgroupSetidDestroyAndConsumers() {
        threeEntries("s");
        redis.xgroupCreate("s", "g", XGroupCreateArgs.latest());
        assertEquals("OK", redis.xgroupSetid("s", "g", XGroupSetidArgs.id(id("1-1")).withEntriesread(1)));
        assertEquals(List.of(new StreamGroupInfo<>("g", 0, 0, id("1-1"), 1L, 2L)), redis.xinfoGroups("s"));
        assertEquals("OK", redis.xgroupSetid("s", "g", XGroupSetidArgs.latest()));
        assertEquals(id("3-1"), redis.xinfoGroups("s").getFirst().lastDeliveredId());
        assertThrowsRedis("NOGROUP No such consumer group 'nog' for key name 's'",
                () -> redis.xgroupSetid("s", "nog", XGroupSetidArgs.latest()));
        assertTrue(redis.xgroupCreateconsumer("s", "g", "c1"));
        assertFalse(redis.xgroupCreateconsumer("s", "g", "c1"));
        assertEquals(0, redis.xgroupDelconsumer("s", "g", "nobody"));
        redis.xgroupSetid("s", "g", XGroupSetidArgs.id(new StreamId(0, 0)));
        redis.xreadgroup("g", "c2", List.of(StreamOffset.undelivered("s")));
        assertEquals(3, redis.xgroupDelconsumer("s", "g", "c2"), "answers the deleted consumer's pending count");
        assertEquals(0, redis.xpending("s", "g").count(), "its entries are no longer pending");
        assertTrue(redis.xgroupDestroy("s", "g"));
        assertFalse(redis.xgroupDestroy("s", "g"));
        assertThrowsRedis("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the "
                + "MKSTREAM option to create an empty stream automatically.", () -> redis.xgroupDestroy("missing", "g"));
    }

    // ------------------------------------------------------------------ XREADGROUP, XACK, XPENDING

    @Test
    void xreadgroup_undeliveredThenHistory_noackAndDeletedEntries() throws InterruptedException {
        threeEntries("s");
        redis.xgroupCreate("s", "g", XGroupCreateArgs.id(new StreamId(0, 0)));
        assertEquals(List.of(kv("s", List.of(entry("1-1", "a", "1", "b", "2"), entry("2-1", "c", "3")))),
                redis.xreadgroup("g", "c1", XReadGroupArgs.count(2), List.of(StreamOffset.undelivered("s"))));
        assertEquals(List.of(kv("s", List.of(entry("3-1", "d", "4")))),
                redis.xreadgroup("g", "c2", XReadGroupArgs.noack(), List.of(StreamOffset.undelivered("s"))));
        assertNull(redis.xreadgroup("g", "c1", List.of(StreamOffset.undelivered("s"))), "nothing undelivered: nil");
        assertEquals(1, redis.xdel("s", id("1-1")));
        assertEquals(List.of(kv("s", List.of(new StreamEntry<String, String>(id("1-1"), null), entry("2-1", "c", "3")))),
                redis.xreadgroup("g", "c1", List.of(StreamOffset.after("s", new StreamId(0, 0)))), "a deleted pending entry has nil fields");
        assertTrue(redis.xreadgroup("g", "c1", List.of(StreamOffset.after("s", new StreamId(0, 0)))).getFirst().value().getFirst().deleted());
        assertEquals(List.of(kv("s", List.of())), redis.xreadgroup("g", "c2", List.of(StreamOffset.after("s", new StreamId(0, 0)))),
                "NOACK left nothing pending; a history read answers the stream with no entries");
        assertEquals(List.of(kv("s", List.of(entry("2-1", "c", "3")))),
                redis.xreadgroup("g", "c1", XReadGroupArgs.count(5), List.of(StreamOffset.after("s", id("1-1")))));
        assertReply(Reply.array(List.of(Reply.array(List.of(bulk("s"), entriesReply(entryReply("2-1", "c", "3")))))),
                "XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", "1-1");
        assertThrowsRedis("NOGROUP No such key 's' or consumer group 'nog' in XREADGROUP with GROUP option",
                () -> redis.xreadgroup("nog", "c", List.of(StreamOffset.undelivered("s"))));
        assertEquals("COUNT 1 BLOCK 20 NOACK", XReadGroupArgs.count(1).withBlock(Duration.ofMillis(20)).withNoack().toString());
    }

    @Test
    void xreadgroup_block_dataPresentAnswersAtOnce_emptyTimesOut() throws InterruptedException {
        threeEntries("s");
        redis.xgroupCreate("s", "g", XGroupCreateArgs.id(id("2-1")));
        assertEquals(List.of(kv("s", List.of(entry("3-1", "d", "4")))),
                redis.xreadgroup("g", "c", XReadGroupArgs.block(Duration.ZERO), List.of(StreamOffset.undelivered("s"))));
        assertNull(redis.xreadgroup("g", "c", XReadGroupArgs.block(SHORT).withCount(1), List.of(StreamOffset.undelivered("s"))));
        assertEquals(1, redis.xpending("s", "g").count());
    }

    @Test
    void xackAndXpendingSummary_countsPerConsumer() throws InterruptedException {
        threeEntries("s");
        redis.xgroupCreate("s", "g", XGroupCreateArgs.id(new StreamId(0, 0)));
        assertEquals(new PendingSummary<String>(0, null, null, Map.of()), redis.xpending("s", "g"));
        assertReply(Reply.array(List.of(integer(0), Reply.NIL, Reply.NIL, Reply.NIL)), "XPENDING", "s", "g");
        redis.xreadgroup("g", "c1", XReadGroupArgs.count(2), List.of(StreamOffset.undelivered("s")));
        redis.xreadgroup("g", "c2", List.of(StreamOffset.undelivered("s")));
        Map<String, Long> perConsumer = new LinkedHashMap<>();
        perConsumer.put("c1", 2L);
        perConsumer.put("c2", 1L);
        PendingSummary<String> summary = redis.xpending("s", "g");
        assertEquals(new PendingSummary<>(3, id("1-1"), id("3-1"), perConsumer), summary);
        assertEquals(List.of("c1", "c2"), new ArrayList<>(summary.consumers().keySet()));
        assertReply(Reply.array(List.of(integer(3), bulk("1-1"), bulk("3-1"),
                Reply.array(List.of(array("c1", "2"), array("c2", "1"))))), "XPENDING", "s", "g");
        assertEquals(2, redis.xack("s", "g", id("1-1"), id("3-1"), id("9-9")));
        assertEquals(0, redis.xack("s", "g", id("1-1")));
        assertEquals(0, redis.xack("missing", "g", id("1-1")));
        assertEquals(new PendingSummary<>(1, id("2-1"), id("2-1"), Map.of("c1", 1L)), redis.xpending("s", "g"));
        assertThrowsRedis("NOGROUP No such key 's' or consumer group 'nog'", () -> redis.xpending("s", "nog"));
    }

    @Test
    void xpendingExtended_rangeCountConsumerAndIdle() throws InterruptedException {
        threeEntries("s");
        redis.xgroupCreate("s", "g", XGroupCreateArgs.id(new StreamId(0, 0)));
        redis.xreadgroup("g", "c1", XReadGroupArgs.count(2), List.of(StreamOffset.undelivered("s")));
        redis.xreadgroup("g", "c2", List.of(StreamOffset.undelivered("s")));
        List<PendingEntry<String>> all = redis.xpending("s", "g", XPendingArgs.range(StreamRange.all(), 10));
        assertEquals(List.of(id("1-1"), id("2-1"), id("3-1")), all.stream().map(PendingEntry::id).toList());
        assertEquals(List.of("c1", "c1", "c2"), all.stream().map(PendingEntry::consumer).toList());
        for (PendingEntry<String> entry : all) {
            assertEquals(1, entry.deliveryCount());
            assertBetween(0, FRESH, entry.idleMillis(), "idle of a fresh delivery");
        }
        assertEquals(List.of(id("2-1")),
                redis.xpending("s", "g", XPendingArgs.range(StreamRange.greaterThan(id("1-1")), 1)).stream().map(PendingEntry::id).toList());
        assertEquals(List.of(id("3-1")), redis.xpending("s", "g", XPendingArgs.range(StreamRange.all(), 10), "c2")
                .stream().map(PendingEntry::id).toList());
        assertEquals(List.of(), redis.xpending("s", "g", XPendingArgs.range(StreamRange.all(), 10), "nobody"));
        redis.xclaim("s", "g", "c1", Duration.ZERO, XClaimArgs.idle(Duration.ofHours(1)), id("2-1"));
        List<PendingEntry<String>> idle = redis.xpending("s", "g", XPendingArgs.range(StreamRange.all(), 10).withIdle(Duration.ofMinutes(30)));
        assertEquals(1, idle.size());
        assertEquals(id("2-1"), idle.getFirst().id());
        assertBetween(3_600_000, 3_600_000 + FRESH, idle.getFirst().idleMillis(), "idle set by XCLAIM IDLE");
        assertEquals("IDLE 1000 (1-1 + 5", XPendingArgs.range(StreamRange.greaterThan(id("1-1")), 5).withIdle(Duration.ofSeconds(1)).toString());
    }

    // ------------------------------------------------------------------ XCLAIM, XAUTOCLAIM

    /** s with 1-1, 2-1, 3-1, group g from the start, all three delivered to c1. */
    private void deliveredToC1() {
        threeEntries("s");
        redis.xgroupCreate("s", "g", XGroupCreateArgs.id(new StreamId(0, 0)));
        redis.xreadgroup("g", "c1", List.of(StreamOffset.undelivered("s")));
    }

    private PendingEntry<String> pendingOf(StreamId id) {
        return redis.xpending("s", "g", XPendingArgs.range(StreamRange.closed(id, id), 1)).getFirst();
    }

    @Test
    void xclaim_entriesIdleLongEnough_countsRaised() {
        deliveredToC1();
        assertEquals(List.of(), redis.xclaim("s", "g", "c2", Duration.ofHours(1), id("1-1")), "not idle long enough");
        assertEquals(List.of(entry("1-1", "a", "1", "b", "2"), entry("2-1", "c", "3")),
                redis.xclaim("s", "g", "c2", Duration.ZERO, id("1-1"), id("2-1"), id("9-9")));
        PendingEntry<String> claimed = pendingOf(id("1-1"));
        assertEquals("c2", claimed.consumer());
        assertEquals(2, claimed.deliveryCount());
        assertEquals(List.of(id("3-1")), redis.xclaimJustid("s", "g", "c2", Duration.ZERO, id("3-1")));
        assertEquals(1, pendingOf(id("3-1")).deliveryCount(), "JUSTID leaves the delivery count");
        assertEquals(1, redis.xdel("s", id("2-1")));
        assertEquals(List.of(), redis.xclaim("s", "g", "c3", Duration.ZERO, id("2-1")), "a deleted entry is not answered");
        assertThrowsRedis("NOGROUP No such key 's' or consumer group 'nog'", () -> redis.xclaim("s", "nog", "c", Duration.ZERO, id("1-1")));
    }

    @Test
    void xclaim_options_idleTimeRetrycountForceLastid() {
        deliveredToC1();
        redis.xadd("s", XAddArgs.id(id("4-1")), fields("e", "5"));
        assertEquals(List.of(entry("1-1", "a", "1", "b", "2")),
                redis.xclaim("s", "g", "c2", Duration.ZERO, XClaimArgs.idle(Duration.ofSeconds(100)).withRetrycount(7), id("1-1")));
        PendingEntry<String> first = pendingOf(id("1-1"));
        assertEquals(7, first.deliveryCount());
        assertBetween(100_000, 100_000 + FRESH, first.idleMillis(), "IDLE");
        Instant past = Instant.now().minusSeconds(500);
        assertEquals(List.of(id("2-1")), redis.xclaimJustid("s", "g", "c2", Duration.ZERO, XClaimArgs.time(past), id("2-1")));
        assertBetween(500_000, 500_000 + FRESH, pendingOf(id("2-1")).idleMillis(), "TIME");
        assertEquals(List.of(), redis.xclaimJustid("s", "g", "c2", Duration.ZERO, id("4-1")), "not pending, not claimed");
        assertEquals(List.of(id("4-1")),
                redis.xclaimJustid("s", "g", "c2", Duration.ZERO, XClaimArgs.force().withLastid(id("4-1")), id("4-1")));
        assertEquals("c2", pendingOf(id("4-1")).consumer());
        assertEquals(id("4-1"), redis.xinfoGroups("s").getFirst().lastDeliveredId(), "LASTID moved the group on");
        assertEquals("TIME 0 RETRYCOUNT 2 FORCE LASTID 1-1",
                XClaimArgs.idle(Duration.ofSeconds(1)).withTime(Instant.EPOCH).withRetrycount(2).withForce().withLastid(id("1-1")).toString());
    }

    @Test
    void xautoclaim_claimsFromStart_reportsNextAndDeleted() {
        deliveredToC1();
        AutoClaimed<StreamEntry<String, String>> firstPage = redis.xautoclaim("s", "g", "c2", Duration.ZERO, new StreamId(0, 0), 2);
        assertEquals(new AutoClaimed<>(id("3-1"), List.of(entry("1-1", "a", "1", "b", "2"), entry("2-1", "c", "3")), List.of()), firstPage);
        assertFalse(firstPage.finished());
        assertEquals(1, redis.xdel("s", id("3-1")));
        AutoClaimed<StreamEntry<String, String>> last = redis.xautoclaim("s", "g", "c2", Duration.ZERO, firstPage.nextStart());
        assertEquals(new AutoClaimed<StreamEntry<String, String>>(new StreamId(0, 0), List.of(), List.of(id("3-1"))), last);
        assertTrue(last.finished());
        assertEquals(2, redis.xpending("s", "g").count(), "the deleted entry left the pending list");
        AutoClaimed<StreamId> ids = redis.xautoclaimJustid("s", "g", "c3", Duration.ZERO, new StreamId(0, 0));
        assertEquals(new AutoClaimed<>(new StreamId(0, 0), List.of(id("1-1"), id("2-1")), List.of()), ids);
        assertEquals(2, pendingOf(id("1-1")).deliveryCount(), "JUSTID leaves the delivery count");
        assertEquals(new AutoClaimed<>(id("2-1"), List.of(id("1-1")), List.of()),
                redis.xautoclaimJustid("s", "g", "c4", Duration.ZERO, new StreamId(0, 0), 1));
        assertEquals(new AutoClaimed<StreamId>(new StreamId(0, 0), List.of(), List.of()),
                redis.xautoclaimJustid("s", "g", "c4", Duration.ofHours(1), new StreamId(0, 0), 10), "nothing idle long enough");
        assertThrowsRedis("NOGROUP No such key 's' or consumer group 'nog'",
                () -> redis.xautoclaim("s", "nog", "c", Duration.ZERO, new StreamId(0, 0)));
    }

    // ------------------------------------------------------------------ XINFO, XSETID

    @Test
    void xinfoStream_countersAndFirstAndLastEntries() {
        threeEntries("s");
        redis.xdel("s", id("3-1"));
        redis.xgroupCreate("s", "g", XGroupCreateArgs.latest());
        StreamInfo<String, String> info = redis.xinfoStream("s");
        assertEquals(2, info.length());
        assertEquals(id("3-1"), info.lastGeneratedId());
        assertEquals(id("3-1"), info.maxDeletedEntryId());
        assertEquals(3, info.entriesAdded());
        assertEquals(id("1-1"), info.recordedFirstEntryId());
        assertEquals(1, info.groups());
        assertEquals(entry("1-1", "a", "1", "b", "2"), info.firstEntry());
        assertEquals(entry("2-1", "c", "3"), info.lastEntry());
        assertTrue(info.radixTreeKeys() >= 1 && info.radixTreeNodes() >= 1, info::toString);
        redis.xgroupCreate("e", "g", XGroupCreateArgs.latest().withMkstream());
        StreamInfo<String, String> empty = redis.xinfoStream("e");
        assertEquals(0, empty.length());
        assertEquals(new StreamId(0, 0), empty.lastGeneratedId());
        assertEquals(new StreamId(0, 0), empty.recordedFirstEntryId());
        assertNull(empty.firstEntry());
        assertNull(empty.lastEntry());
        assertThrowsRedis("ERR no such key", () -> redis.xinfoStream("missing"));
    }

    @Test
    void xinfoStreamFull_entriesGroupsConsumersAndPending() {
        deliveredToC1();
        redis.xadd("s", XAddArgs.id(id("4-1")), fields("e", "5"));
        Instant delivered = Instant.ofEpochMilli(1_000_000_000_000L);
        redis.xclaim("s", "g", "c2", Duration.ZERO, XClaimArgs.time(delivered).withRetrycount(4), id("2-1"));
        StreamFullInfo<String, String> full = redis.xinfoStreamFull("s");
        assertEquals(4, full.length());
        assertEquals(id("4-1"), full.lastGeneratedId());
        assertEquals(new StreamId(0, 0), full.maxDeletedEntryId());
        assertEquals(4, full.entriesAdded());
        assertEquals(id("1-1"), full.recordedFirstEntryId());
        assertEquals(List.of(entry("1-1", "a", "1", "b", "2"), entry("2-1", "c", "3"), entry("3-1", "d", "4"), entry("4-1", "e", "5")),
                full.entries());
        assertEquals(1, full.groups().size());
        StreamFullInfo.Group<String> group = full.groups().getFirst();
        assertEquals("g", group.name());
        assertEquals(id("3-1"), group.lastDeliveredId());
        assertEquals(3L, group.entriesRead());
        assertEquals(1L, group.lag());
        assertEquals(3, group.pelCount());
        assertEquals(List.of(id("1-1"), id("2-1"), id("3-1")), group.pending().stream().map(StreamFullInfo.GroupPending::id).toList());
        assertEquals(new StreamFullInfo.GroupPending<>(id("2-1"), "c2", delivered.toEpochMilli(), 4), group.pending().get(1));
        assertEquals(List.of("c1", "c2"), group.consumers().stream().map(StreamFullInfo.Consumer::name).toList());
        StreamFullInfo.Consumer<String> c2 = group.consumers().get(1);
        assertEquals(1, c2.pelCount());
        assertEquals(List.of(new StreamFullInfo.ConsumerPending(id("2-1"), delivered.toEpochMilli(), 4)), c2.pending());
        assertBetween(System.currentTimeMillis() - FRESH, System.currentTimeMillis(), c2.seenTimeMillis(), "seen-time");
        StreamFullInfo<String, String> limited = redis.xinfoStreamFull("s", 1);
        assertEquals(List.of(entry("1-1", "a", "1", "b", "2")), limited.entries());
        assertEquals(1, limited.groups().getFirst().pending().size());
        assertEquals(3, limited.groups().getFirst().pelCount());
        assertEquals(4, redis.xinfoStreamFull("s", 0).entries().size(), "COUNT 0: all");
        assertThrowsRedis("ERR no such key", () -> redis.xinfoStreamFull("missing"));
    }

    @Test
    void xinfoGroupsAndConsumers_namedFields() {
        deliveredToC1();
        redis.xgroupCreateconsumer("s", "g", "idle-one");
        redis.xgroupCreate("s", "h", XGroupCreateArgs.latest());
        List<StreamGroupInfo<String>> groups = redis.xinfoGroups("s");
        assertEquals(2, groups.size());
        assertEquals(new StreamGroupInfo<>("g", 2, 3, id("3-1"), 3L, 0L), groups.get(0));
        assertAtEnd(groups.get(1), "h", id("3-1"));
        List<StreamConsumerInfo<String>> consumers = redis.xinfoConsumers("s", "g");
        assertEquals(List.of("c1", "idle-one"), consumers.stream().map(StreamConsumerInfo::name).toList());
        assertEquals(List.of(3L, 0L), consumers.stream().map(StreamConsumerInfo::pending).toList());
        for (StreamConsumerInfo<String> consumer : consumers) {
            assertBetween(0, FRESH, consumer.idleMillis(), "idle of " + consumer.name());
        }
        if (target.redis() && !RedisServer.shared().atLeast("7.2")) {
            assertNull(consumers.getFirst().inactiveMillis(), "no inactive before Redis 7.2");
        }
        assertEquals(List.of(), redis.xinfoConsumers("s", "h"));
        assertThrowsRedis("ERR no such key", () -> redis.xinfoGroups("missing"));
        assertThrowsRedis("NOGROUP No such consumer group 'nog' for key name 's'", () -> redis.xinfoConsumers("s", "nog"));
    }

    @Test
    void xsetid_movesTheLastIdAndCounters() {
        threeEntries("s");
        assertEquals("OK", redis.xsetid("s", id("10-0")));
        assertEquals(id("10-0"), redis.xinfoStream("s").lastGeneratedId());
        assertThrowsRedis("ERR The ID specified in XADD is equal or smaller than the target stream top item",
                () -> redis.xadd("s", XAddArgs.id(id("9-0")), fields("x", "1")));
        assertEquals("OK", redis.xsetid("s", id("20-0"), XSetidArgs.entriesadded(50).withMaxdeletedid(id("15-0"))));
        StreamInfo<String, String> info = redis.xinfoStream("s");
        assertEquals(50, info.entriesAdded());
        assertEquals(id("15-0"), info.maxDeletedEntryId());
        assertThrowsRedis("ERR The ID specified in XSETID is smaller than the target stream top item", () -> redis.xsetid("s", id("1-0")));
        assertThrowsRedis("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id",
                () -> redis.xsetid("s", id("30-0"), XSetidArgs.maxdeletedid(id("40-0"))));
        assertThrowsRedis("ERR no such key", () -> redis.xsetid("missing", id("1-0")));
        assertEquals("ENTRIESADDED 3 MAXDELETEDID 2-0", XSetidArgs.maxdeletedid(id("2-0")).withEntriesadded(3).toString());
    }

    // ------------------------------------------------------------------ types and codecs

    @Test
    void wrongType_typedCallsRefused() {
        redis.set("k", "v");
        assertThrows(WrongTypeException.class, () -> redis.xadd("k", fields("a", "1")));
        assertThrows(WrongTypeException.class, () -> redis.xlen("k"));
        assertThrows(WrongTypeException.class, () -> redis.xrange("k", StreamRange.all()));
        assertThrows(WrongTypeException.class, () -> redis.xread(List.of(StreamOffset.after("k", new StreamId(0, 0)))));
        assertThrows(WrongTypeException.class, () -> redis.xgroupCreate("k", "g", XGroupCreateArgs.latest()));
        assertThrows(WrongTypeException.class, () -> redis.xinfoStream("k"));
        assertEquals("v", redis.get("k"));
    }

    @Test
    void binaryCodec_fieldsValuesAndNamesAreBytes() throws InterruptedException {
        byte[] key = {'s', 0};
        byte[] field = {0, (byte) 0xff};
        byte[] value = {(byte) 0x80, 1, 2};
        Map<byte[], byte[]> fields = new LinkedHashMap<>();
        fields.put(field, value);
        StreamId added = binary.xadd(key, fields);
        List<StreamEntry<byte[], byte[]>> read = binary.xrange(key, StreamRange.all());
        assertEquals(1, read.size());
        assertEquals(added, read.getFirst().id());
        Map.Entry<byte[], byte[]> only = read.getFirst().fields().entrySet().iterator().next();
        assertArrayEquals(field, only.getKey());
        assertArrayEquals(value, only.getValue());
        byte[] group = {'g', (byte) 0xfe};
        byte[] consumer = {'c', 0};
        binary.xgroupCreate(key, group, XGroupCreateArgs.id(new StreamId(0, 0)));
        List<KeyValue<byte[], List<StreamEntry<byte[], byte[]>>>> delivered =
                binary.xreadgroup(group, consumer, XReadGroupArgs.count(1), List.of(StreamOffset.undelivered(key)));
        assertArrayEquals(key, delivered.getFirst().key());
        assertArrayEquals(consumer, binary.xpending(key, group).consumers().keySet().iterator().next());
        assertArrayEquals(group, binary.xinfoGroups(key).getFirst().name());
        assertArrayEquals(consumer, binary.xinfoConsumers(key, group).getFirst().name());
    }
}
