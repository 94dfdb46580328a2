package dev.keel.conformance;

import static dev.keel.conformance.StreamValues.ZERO;
import static dev.keel.conformance.StreamValues.entry;
import static dev.keel.conformance.StreamValues.fields;
import static dev.keel.conformance.StreamValues.id;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.AutoClaimed;
import dev.keel.Codec;
import dev.keel.KeelStream;
import dev.keel.KeelStreamConsumer;
import dev.keel.KeelStreamGroup;
import dev.keel.PendingEntry;
import dev.keel.PendingSummary;
import dev.keel.StreamConsumerInfo;
import dev.keel.StreamEntry;
import dev.keel.StreamId;
import dev.keel.StreamInfo;
import dev.keel.StreamRange;
import dev.keel.WrongTypeException;
import dev.keel.XAddArgs;
import dev.keel.XTrimArgs;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link KeelStream} view, {@code store.stream(key)}, with its group and consumer views: what
 * each method sends and does to the stream, and the reads that wait, served by an add through
 * the same store or interrupted, on every target.
 */
@Timeout(60)
class StreamViewContractTest extends ContractTest {
    private static final Duration WAIT = Duration.ofSeconds(BlockedCall.PATIENCE_SECONDS);

    /** The stream {@code key} with the entries 1-0 {n=1} .. count-0 {n=count}. */
    private KeelStream<String, String> numbered(String key, int count) {
        KeelStream<String, String> stream = store.stream(key);
        for (int i = 1; i <= count; i++) {
            assertEquals(new StreamId(i, 0), stream.add(fields("n", Integer.toString(i)), XAddArgs.id(new StreamId(i, 0))));
        }
        return stream;
    }

    private static StreamEntry<String, String> numberedEntry(int i) {
        return entry(new StreamId(i, 0), "n", Integer.toString(i));
    }

    // ------------------------------------------------------------------ the stream

    @Test
    void add_growingIds_lengthAndType() {
        KeelStream<String, String> events = store.stream("events");
        assertEquals(0, events.length());
        StreamId first = events.add(fields("user", "ada", "action", "login"));
        StreamId second = events.add(fields("user", "bob"));
        assertTrue(second.compareTo(first) > 0);
        assertEquals(2, events.length());
        assertEquals("stream", redis.type("events"));
        assertEquals(List.of(entry(first, "user", "ada", "action", "login"), entry(second, "user", "bob")), events.range(first, second));
        assertNull(store.stream("missing").add(fields("a", "1"), XAddArgs.nomkstream()), "NOMKSTREAM on a missing stream");
        assertEquals(0, redis.exists("missing"));
    }

    @Test
    void add_withArgs_explicitIdAndTrim() {
        KeelStream<String, String> events = numbered("events", 5);
        assertEquals(id("9-0"), events.add(fields("n", "9"), XAddArgs.maxlen(2).withId(id("9-0"))));
        assertEquals(List.of(numberedEntry(5), entry(id("9-0"), "n", "9")), events.range(StreamRange.all(), 10));
        assertThrowsRedis("ERR The ID specified in XADD is equal or smaller than the target stream top item",
                () -> events.add(fields("n", "1"), XAddArgs.id(id("9-0"))));
    }

    @Test
    void ranges_inclusiveExclusiveCountedAndReversed() {
        KeelStream<String, String> events = numbered("events", 5);
        assertEquals(List.of(numberedEntry(2), numberedEntry(3), numberedEntry(4)), events.range(id("2-0"), id("4-0")));
        assertEquals(List.of(numberedEntry(2), numberedEntry(3)), events.range(id("2-0"), id("4-0"), 2));
        assertEquals(List.of(numberedEntry(3), numberedEntry(4)), events.range(StreamRange.greaterThan(id("2-0")), 2),
                "the page after 2-0");
        assertEquals(List.of(numberedEntry(5), numberedEntry(4)), events.reverseRange(StreamRange.all(), 2));
        assertEquals(List.of(numberedEntry(3), numberedEntry(2)), events.reverseRange(StreamRange.open(id("1-0"), id("4-0")), 10));
        assertEquals(List.of(), events.range(id("6-0"), id("9-0")));
        assertEquals(List.of(), store.stream("missing").range(StreamRange.all(), 10));
    }

    @Test
    void read_afterAnId_withoutWaiting() throws InterruptedException {
        KeelStream<String, String> events = numbered("events", 3);
        assertEquals(List.of(numberedEntry(2), numberedEntry(3)), events.read(id("1-0"), 10, Duration.ZERO));
        assertEquals(List.of(numberedEntry(1)), events.read(ZERO, 1, Duration.ofSeconds(5)), "data present answers at once");
        assertEquals(List.of(), events.read(id("3-0"), 10, Duration.ZERO), "a zero timeout does not wait");
        assertEquals(List.of(), events.read(id("3-0"), 10, Duration.ofSeconds(-1)));
        assertEquals(List.of(), events.read(id("3-0"), 10, Duration.ofMillis(20)));
        assertEquals(List.of(), events.read(id("3-0"), 10, Duration.ofNanos(1)), "under a millisecond waits one, not forever");
        assertEquals(List.of(), store.stream("missing").read(ZERO, 10, Duration.ZERO));
    }

    @Test
    void read_waiting_servedByAnAddThroughTheSameStore() throws Exception {
        KeelStream<String, String> events = numbered("events", 1);
        try (BlockedCall<List<StreamEntry<String, String>>> reader =
                BlockedCall.start(store, target.redis(), () -> events.read(id("1-0"), 10, WAIT))) {
            reader.awaitBlocked();
            StreamId added = store.stream("events").add(fields("n", "2"));
            assertEquals(List.of(entry(added, "n", "2")), reader.get());
        }
        assertEquals(2, events.length(), "reading removes nothing");
    }

    @Test
    void read_interrupted_throwsInterruptedException() throws Exception {
        KeelStream<String, String> events = store.stream("events");
        try (BlockedCall<List<StreamEntry<String, String>>> reader =
                BlockedCall.start(store, target.redis(), () -> events.read(ZERO, 10, WAIT))) {
            reader.awaitBlocked().interrupt();
            ExecutionException e = assertThrows(ExecutionException.class, reader::get);
            assertInstanceOf(InterruptedException.class, e.getCause());
            assertTrue(reader.joinInterruptCleared(), "the thread's interrupt status is cleared, as InterruptedException's contract says");
        }
        assertEquals(0, redis.exists("events"));
        assertEquals(id("1-0"), events.add(fields("n", "1"), XAddArgs.id(id("1-0"))), "the store serves on");
    }

    @Test
    void trimAndDelete_countRemoved_emptiedStreamStays() {
        KeelStream<String, String> events = numbered("events", 6);
        assertEquals(2, events.trim(4));
        assertEquals(List.of(numberedEntry(3), numberedEntry(4), numberedEntry(5), numberedEntry(6)), events.range(StreamRange.all(), 10));
        assertEquals(1, events.trim(XTrimArgs.minid(id("4-0"))));
        assertEquals(2, events.delete(id("4-0"), id("6-0"), id("9-0")));
        assertEquals(List.of(numberedEntry(5)), events.range(StreamRange.all(), 10));
        assertEquals(1, events.delete(id("5-0")));
        assertEquals(0, events.length());
        assertEquals(1, redis.exists("events"), "an emptied stream is still a key");
        assertEquals(0, store.stream("missing").trim(0));
        assertEquals(0, store.stream("missing").delete(id("1-0")));
    }

    @Test
    void info_isXinfoStream() {
        KeelStream<String, String> events = numbered("events", 3);
        events.delete(id("1-0"));
        StreamInfo<String, String> info = events.info();
        assertEquals(2, info.length());
        assertEquals(3, info.entriesAdded());
        assertEquals(id("3-0"), info.lastGeneratedId());
        assertEquals(id("1-0"), info.maxDeletedEntryId());
        assertEquals(numberedEntry(2), info.firstEntry());
        assertEquals(numberedEntry(3), info.lastEntry());
        assertEquals(0, info.groups());
        assertThrowsRedis("ERR no such key", () -> store.stream("missing").info());
    }

    // ------------------------------------------------------------------ groups

    @Test
    void groupCreate_mkstreamBusygroupAndDestroy() {
        KeelStreamGroup<String, String> workers = store.stream("events").group("workers");
        assertEquals("workers", workers.name());
        workers.create(ZERO);
        assertEquals(1, redis.exists("events"), "MKSTREAM created the stream");
        assertThrowsRedis("BUSYGROUP Consumer Group name already exists", () -> workers.create(ZERO));
        assertFalse(workers.createIfAbsent(ZERO));
        assertTrue(store.stream("events").group("others").createIfAbsent(ZERO));
        assertEquals(2, store.stream("events").info().groups());
        assertTrue(workers.destroy());
        assertFalse(workers.destroy());
        assertTrue(workers.createIfAbsent(ZERO));
        redis.set("k", "v");
        assertThrows(WrongTypeException.class, () -> store.stream("k").group("g").createIfAbsent(ZERO), "only BUSYGROUP is absorbed");
    }

    @Test
    void consumerRead_deliversOnce_pendingUntilAcked() throws InterruptedException {
        KeelStream<String, String> events = numbered("events", 3);
        KeelStreamGroup<String, String> workers = events.group("workers");
        workers.create(ZERO);
        KeelStreamConsumer<String, String> w1 = workers.consumer("w1");
        KeelStreamConsumer<String, String> w2 = workers.consumer("w2");
        assertEquals("w1", w1.name());
        assertEquals(List.of(numberedEntry(1), numberedEntry(2)), w1.read(2, Duration.ZERO));
        assertEquals(List.of(numberedEntry(3)), w2.read(10, Duration.ofSeconds(5)), "data present answers at once");
        assertEquals(List.of(), w2.read(10, Duration.ZERO), "each entry is delivered once");
        assertEquals(List.of(), w2.read(10, Duration.ofMillis(20)));
        Map<String, Long> perConsumer = new LinkedHashMap<>();
        perConsumer.put("w1", 2L);
        perConsumer.put("w2", 1L);
        assertEquals(new PendingSummary<>(3, id("1-0"), id("3-0"), perConsumer), workers.pending());
        assertEquals(List.of(id("1-0"), id("2-0")), w1.pending(StreamRange.all(), 10).stream().map(PendingEntry::id).toList());
        assertEquals(List.of(id("3-0")), workers.pending(StreamRange.greaterThan(id("1-0")), 10).stream()
                .filter(p -> p.consumer().equals("w2")).map(PendingEntry::id).toList());
        assertEquals(2, w1.ack(id("1-0"), id("3-0")), "3-0 is w2's, but XACK acknowledges it for the group");
        assertEquals(new PendingSummary<>(1, id("2-0"), id("2-0"), Map.of("w1", 1L)), workers.pending());
        assertEquals(List.of(), w2.pending(StreamRange.all(), 10));
    }

    @Test
    void consumerReadPending_ownHistory_deletedEntriesHaveNoFields() throws InterruptedException {
        KeelStream<String, String> events = numbered("events", 3);
        KeelStreamGroup<String, String> workers = events.group("workers");
        workers.create(ZERO);
        KeelStreamConsumer<String, String> w1 = workers.consumer("w1");
        w1.read(10, Duration.ZERO);
        assertEquals(List.of(numberedEntry(1), numberedEntry(2), numberedEntry(3)), w1.readPending(ZERO, 10));
        assertEquals(List.of(numberedEntry(2)), w1.readPending(id("1-0"), 1));
        events.delete(id("2-0"));
        List<StreamEntry<String, String>> history = w1.readPending(ZERO, 10);
        assertEquals(List.of(numberedEntry(1), new StreamEntry<String, String>(id("2-0"), null), numberedEntry(3)), history);
        assertTrue(history.get(1).deleted());
        assertEquals(List.of(), workers.consumer("w2").readPending(ZERO, 10));
        w1.ack(id("1-0"), id("2-0"), id("3-0"));
        assertEquals(List.of(), w1.readPending(ZERO, 10));
        assertThrowsRedis("NOGROUP No such key 'events' or consumer group 'nobody' in XREADGROUP with GROUP option",
                () -> events.group("nobody").consumer("w1").read(1, Duration.ZERO));
    }

    @Test
    void consumerRead_waiting_servedByAnAddThroughTheSameStore() throws Exception {
        KeelStream<String, String> events = store.stream("events");
        KeelStreamGroup<String, String> workers = events.group("workers");
        workers.create(ZERO);
        try (BlockedCall<List<StreamEntry<String, String>>> reader =
                BlockedCall.start(store, target.redis(), () -> workers.consumer("w1").read(10, WAIT))) {
            reader.awaitBlocked();
            StreamId added = events.add(fields("job", "resize"));
            assertEquals(List.of(entry(added, "job", "resize")), reader.get());
        }
        assertEquals(new PendingSummary<>(1, events.range(StreamRange.all(), 1).getFirst().id(),
                events.range(StreamRange.all(), 1).getFirst().id(), Map.of("w1", 1L)), workers.pending());
    }

    @Test
    void consumerRead_interrupted_takesNothing() throws Exception {
        KeelStream<String, String> events = store.stream("events");
        KeelStreamGroup<String, String> workers = events.group("workers");
        workers.create(ZERO);
        try (BlockedCall<List<StreamEntry<String, String>>> reader =
                BlockedCall.start(store, target.redis(), () -> workers.consumer("w1").read(10, WAIT))) {
            reader.awaitBlocked().interrupt();
            ExecutionException e = assertThrows(ExecutionException.class, reader::get);
            assertInstanceOf(InterruptedException.class, e.getCause());
            assertTrue(reader.joinInterruptCleared());
        }
        StreamId added = events.add(fields("job", "resize"));
        assertEquals(0, workers.pending().count(), "the interrupted reader took nothing");
        assertEquals(List.of(entry(added, "job", "resize")), workers.consumer("w2").read(10, Duration.ZERO));
    }

    @Test
    void claimAndAutoClaim_takeOverIdleEntries() throws InterruptedException {
        KeelStream<String, String> events = numbered("events", 4);
        KeelStreamGroup<String, String> workers = events.group("workers");
        workers.create(ZERO);
        workers.consumer("gone").read(10, Duration.ZERO);
        KeelStreamConsumer<String, String> w2 = workers.consumer("w2");
        assertEquals(List.of(), w2.claim(Duration.ofHours(1), id("1-0")), "not idle long enough");
        assertEquals(List.of(numberedEntry(1)), w2.claim(Duration.ZERO, id("1-0"), id("9-0")));
        assertEquals(List.of(id("1-0")), w2.pending(StreamRange.all(), 10).stream().map(PendingEntry::id).toList());
        assertEquals(2, w2.pending(StreamRange.all(), 10).getFirst().deliveryCount());
        events.delete(id("3-0"));
        AutoClaimed<StreamEntry<String, String>> first = w2.autoClaim(Duration.ZERO, id("2-0"), 2);
        assertEquals(new AutoClaimed<>(id("4-0"), List.of(numberedEntry(2)), List.of(id("3-0"))), first);
        AutoClaimed<StreamEntry<String, String>> rest = w2.autoClaim(Duration.ZERO, first.nextStart(), 10);
        assertEquals(new AutoClaimed<>(ZERO, List.of(numberedEntry(4)), List.of()), rest);
        assertTrue(rest.finished());
        assertEquals(List.of(id("1-0"), id("2-0"), id("4-0")), w2.pending(StreamRange.all(), 10).stream().map(PendingEntry::id).toList());
        assertEquals(List.of(), workers.consumer("gone").pending(StreamRange.all(), 10));
    }

    @Test
    void consumers_createListAndDelete() throws InterruptedException {
        KeelStream<String, String> events = numbered("events", 2);
        KeelStreamGroup<String, String> workers = events.group("workers");
        workers.create(ZERO);
        assertTrue(workers.consumer("w1").create());
        assertFalse(workers.consumer("w1").create());
        workers.consumer("w2").read(10, Duration.ZERO);
        List<StreamConsumerInfo<String>> consumers = workers.consumers();
        assertEquals(List.of("w1", "w2"), consumers.stream().map(StreamConsumerInfo::name).toList());
        assertEquals(List.of(0L, 2L), consumers.stream().map(StreamConsumerInfo::pending).toList());
        assertEquals(2, workers.consumer("w2").delete(), "answers the pending entries it held");
        assertEquals(0, workers.consumer("w2").delete());
        assertEquals(List.of("w1"), workers.consumers().stream().map(StreamConsumerInfo::name).toList());
        assertEquals(0, workers.pending().count());
    }

    @Test
    void groupSetId_rereadsFromThere() throws InterruptedException {
        KeelStream<String, String> events = numbered("events", 3);
        KeelStreamGroup<String, String> workers = events.group("workers");
        workers.create(id("3-0"));
        assertEquals(List.of(), workers.consumer("w1").read(10, Duration.ZERO));
        workers.setId(id("1-0"));
        assertEquals(List.of(numberedEntry(2), numberedEntry(3)), workers.consumer("w1").read(10, Duration.ZERO));
        assertThrowsRedis("NOGROUP No such consumer group 'nobody' for key name 'events'", () -> events.group("nobody").setId(ZERO));
    }

    // ------------------------------------------------------------------ types and codecs

    @Test
    void otherType_refusedWithWrongType_unchanged() {
        redis.set("k", "v");
        KeelStream<String, String> stream = store.stream("k");
        assertThrows(WrongTypeException.class, () -> stream.add(fields("a", "1")));
        assertThrows(WrongTypeException.class, stream::length);
        assertThrows(WrongTypeException.class, () -> stream.range(StreamRange.all(), 10));
        assertThrows(WrongTypeException.class, () -> stream.read(ZERO, 10, Duration.ZERO));
        assertThrows(WrongTypeException.class, () -> stream.read(ZERO, 10, WAIT), "a wait on another type is refused at once");
        assertThrows(WrongTypeException.class, () -> stream.trim(0));
        assertThrows(WrongTypeException.class, () -> stream.group("g").create(ZERO));
        assertEquals("v", redis.get("k"));
    }

    @Test
    void binaryView_fieldsValuesAndNamesAreBytes() throws InterruptedException {
        KeelStream<byte[], byte[]> stream = store.stream(new byte[] {'s', 0}, Codec.bytes());
        byte[] field = {0, (byte) 0xff};
        byte[] value = {(byte) 0x80};
        Map<byte[], byte[]> fields = new LinkedHashMap<>();
        fields.put(field, value);
        StreamId added = stream.add(fields);
        KeelStreamGroup<byte[], byte[]> group = stream.group(new byte[] {'g', (byte) 0xfe});
        group.create(ZERO);
        List<StreamEntry<byte[], byte[]>> read = group.consumer(new byte[] {'c', 0}).read(1, Duration.ZERO);
        assertEquals(1, read.size());
        assertEquals(added, read.getFirst().id());
        Map.Entry<byte[], byte[]> only = read.getFirst().fields().entrySet().iterator().next();
        assertArrayEquals(field, only.getKey());
        assertArrayEquals(value, only.getValue());
        assertArrayEquals(new byte[] {'c', 0}, group.consumers().getFirst().name());
    }
}
