package dev.keel.engine.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.keyspace.SipHash;
import dev.keel.engine.memory.OffHeapMemory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stream structure against a model (a TreeMap from ID to fields): random appends, deletes,
 * exact and approximate trims, gets and ranges both ways, under block limits from one entry per
 * block to Redis's defaults; the structure's own checks (block order and counts, the block index,
 * the counters) after every step; and every byte back when the stream is freed. Then the ordered
 * ID map on its own, and groups with consumers and pending entries moving between them.
 */
class StreamStructureTest {
    private OffHeapMemory memory;
    private Keyspace keyspace;
    private long baseline;

    @BeforeEach
    void open() {
        memory = new OffHeapMemory();
        keyspace = new Keyspace(memory, 4, SipHash.random());
        baseline = memory.usedBytes();
    }

    @AfterEach
    void close() {
        memory.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[][] fields(SplittableRandom random, int n) {
        if (random.nextInt(3) > 0) {
            return new byte[][] {bytes("f1"), bytes("v" + n), bytes("f2"), bytes("value-" + n * 7)};
        }
        int pairs = 1 + random.nextInt(3);
        byte[][] fields = new byte[2 * pairs][];
        for (int i = 0; i < pairs; i++) {
            fields[2 * i] = bytes("g" + random.nextInt(4));
            fields[2 * i + 1] = bytes("x".repeat(random.nextInt(40)));
        }
        return fields;
    }

    private static void assertSameEntries(List<Map.Entry<EntryId, byte[][]>> expected, List<StreamEntry> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).getKey(), actual.get(i).id());
            assertArrayEquals(expected.get(i).getValue(), actual.get(i).fieldsAndValues());
        }
    }

    @ParameterizedTest(name = "block limits {0} bytes, {1} entries, seed {2}")
    @CsvSource({"4096, 100, 1", "0, 1, 2", "0, 2, 3", "200, 0, 4", "4096, 100, 5"})
    void randomOperations_matchTheModel(int maxBytes, int maxEntries, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Stream stream = new Stream(keyspace, Stream.create(memory), maxBytes, maxEntries);
        TreeMap<EntryId, byte[][]> model = new TreeMap<>();
        long ms = 1_000;
        long seq = 0;
        EntryId maxDeleted = EntryId.MIN;
        for (int step = 0; step < 6_000; step++) {
            int op = random.nextInt(100);
            if (op < 60) {
                if (random.nextInt(4) == 0) {
                    ms += random.nextInt(1_000_000);
                    seq = 0;
                } else {
                    seq++;
                }
                EntryId id = new EntryId(ms, seq);
                byte[][] fields = fields(random, step);
                stream.append(id, fields);
                model.put(id, fields);
                assertEquals(id, stream.lastId());
            } else if (op < 75 && !model.isEmpty()) {
                EntryId id = random.nextBoolean() ? randomKey(model, random) : new EntryId(ms, seq + 1);
                boolean present = model.remove(id) != null;
                assertEquals(present, stream.delete(id), "delete " + id);
                if (present && id.compareTo(maxDeleted) > 0) {
                    maxDeleted = id;
                }
            } else if (op < 78) {
                long maxLen = random.nextInt(Math.max(1, model.size() + 5));
                boolean approximate = random.nextBoolean();
                long before = stream.length();
                long removed = stream.trim(maxLen, null, approximate, 0);
                assertEquals(before - removed, stream.length());
                assertTrue(approximate ? stream.length() >= Math.min(before, maxLen) : stream.length() == Math.min(before, maxLen));
                for (long i = 0; i < removed; i++) {
                    EntryId gone = model.firstKey();
                    model.remove(gone);
                    maxDeleted = gone.compareTo(maxDeleted) > 0 ? gone : maxDeleted;
                }
            } else if (op < 80 && !model.isEmpty()) {
                EntryId minId = randomKey(model, random);
                long removed = stream.trim(0, minId, false, 0);
                long expected = model.headMap(minId).size();
                assertEquals(expected, removed);
                if (expected > 0 && model.headMap(minId).lastKey().compareTo(maxDeleted) > 0) {
                    maxDeleted = model.headMap(minId).lastKey();
                }
                model.headMap(minId).clear();
            } else if (op < 90 && !model.isEmpty()) {
                EntryId id = randomKey(model, random);
                assertArrayEquals(model.get(id), stream.get(id));
                assertNull(stream.get(new EntryId(ms + 1, 0)));
            } else if (!model.isEmpty()) {
                EntryId from = randomKey(model, random);
                EntryId to = randomKey(model, random);
                if (from.compareTo(to) > 0) {
                    EntryId swap = from;
                    from = to;
                    to = swap;
                }
                int count = 1 + random.nextInt(150);
                List<Map.Entry<EntryId, byte[][]>> forward = new ArrayList<>(model.subMap(from, true, to, true).entrySet());
                assertSameEntries(forward.subList(0, Math.min(count, forward.size())), stream.range(from, to, false, count));
                List<Map.Entry<EntryId, byte[][]>> backward = new ArrayList<>(model.subMap(from, true, to, true).descendingMap().entrySet());
                assertSameEntries(backward.subList(0, Math.min(count, backward.size())), stream.range(from, to, true, count));
            }
            assertEquals(model.size(), stream.length());
            assertEquals(model.isEmpty() ? null : model.firstKey(), stream.firstEntryId());
            assertEquals(model.isEmpty() ? null : model.lastKey(), stream.lastEntryId());
            assertEquals(maxDeleted, stream.maxDeletedId(), "step " + step + " op " + op);
            if (step % 50 == 0) {
                assertNull(stream.verify());
            }
        }
        assertNull(stream.verify());
        long copy = stream.duplicate();
        Stream twin = new Stream(keyspace, copy, maxBytes, maxEntries);
        assertNull(twin.verify());
        assertSameEntries(new ArrayList<>(model.entrySet()), twin.range(EntryId.MIN, EntryId.MAX, false, Long.MAX_VALUE));
        twin.free();
        stream.free();
        assertEquals(baseline, memory.usedBytes(), "every block freed");
    }

    private static EntryId randomKey(TreeMap<EntryId, byte[][]> model, SplittableRandom random) {
        EntryId probe = new EntryId(random.nextLong(model.firstKey().ms(), model.lastKey().ms() + 1), random.nextInt(3));
        EntryId key = model.ceilingKey(probe);
        return key == null ? model.lastKey() : key;
    }

    // ------------------------------------------------------------------ regression: XSETID below deleted entries

    private static EntryId id(long ms, long seq) {
        return new EntryId(ms, seq);
    }

    private static byte[][] pair(String value) {
        return new byte[][] {bytes("a"), bytes(value)};
    }

    private static List<EntryId> ids(List<StreamEntry> entries) {
        return entries.stream().map(StreamEntry::id).toList();
    }

    /**
     * Regression: XSETID may set the last ID below deleted entries (not below the last live one).
     * The next append used to land after them in the last block, out of ID order, and walks that
     * stop at the first entry past their end missed it. Setting the last ID now cuts them off.
     */
    @ParameterizedTest(name = "block limits {0} bytes, {1} entries")
    @CsvSource({"0, 0", "0, 1", "0, 2", "0, 3", "48, 0", "4096, 100"})
    void setLastId_belowDeletedEntries_nextAppendsStayInIdOrder(int maxBytes, int maxEntries) {
        Stream stream = new Stream(keyspace, Stream.create(memory), maxBytes, maxEntries);
        stream.append(id(1, 0), pair("1"));
        stream.append(id(2, 0), pair("2"));
        assertTrue(stream.delete(id(2, 0)));
        stream.setLastId(id(1, 0));
        assertNull(stream.verify());
        stream.append(id(1, 1), pair("3"));
        assertNull(stream.verify());
        assertEquals(List.of(id(1, 0), id(1, 1)), ids(stream.range(id(1, 0), id(1, 5), false, 10)));
        assertEquals(List.of(id(1, 1), id(1, 0)), ids(stream.range(EntryId.MIN, id(1, 5), true, 10)));
        assertEquals(id(1, 1), stream.lastEntryId());
        assertEquals(2, stream.length());
        assertEquals(id(2, 0), stream.maxDeletedId(), "the deleted entry is still counted");
        assertEquals(3, stream.entriesAdded());
        stream.append(id(2, 0), pair("4"));
        assertNull(stream.verify());
        assertArrayEquals(pair("4"), stream.get(id(2, 0)));
        assertEquals(List.of(id(1, 0), id(1, 1), id(2, 0)), ids(stream.range(EntryId.MIN, EntryId.MAX, false, 10)));
        stream.free();
        assertEquals(baseline, memory.usedBytes(), "every block freed");
    }

    @Test
    void setLastId_belowDeletedEntriesOfAFullShrunkBlock_growsItAgainInIdOrder() {
        Stream stream = new Stream(keyspace, Stream.create(memory), 0, 3);
        for (int i = 1; i <= 4; i++) {
            stream.append(id(i, 0), pair(Integer.toString(i)));
        }
        assertEquals(2, stream.blocks(), "the first block is full, and shrunk to fit");
        assertTrue(stream.delete(id(4, 0)));
        assertTrue(stream.delete(id(3, 0)));
        assertEquals(1, stream.blocks(), "the block of only deleted entries is gone");
        stream.setLastId(id(2, 0));
        assertNull(stream.verify());
        stream.append(id(2, 1), pair("x"));
        assertEquals(1, stream.blocks(), "the deleted entry was cut, so the entry fits in the first block");
        stream.append(id(2, 2), pair("y"));
        assertEquals(2, stream.blocks());
        assertNull(stream.verify());
        assertEquals(List.of(id(1, 0), id(2, 0), id(2, 1), id(2, 2)), ids(stream.range(EntryId.MIN, id(3, 0), false, 10)));
        assertEquals(List.of(id(2, 2), id(2, 1), id(2, 0)), ids(stream.range(id(2, 0), EntryId.MAX, true, 10)));
        stream.free();
        assertEquals(baseline, memory.usedBytes(), "every block freed");
    }

    @Test
    void setLastId_belowALiveEntry_isRefusedAndChangesNothing() {
        Stream stream = new Stream(keyspace, Stream.create(memory), 0, 0);
        stream.append(id(1, 0), pair("1"));
        stream.append(id(2, 0), pair("2"));
        stream.append(id(3, 0), pair("3"));
        assertTrue(stream.delete(id(3, 0)));
        assertThrows(IllegalArgumentException.class, () -> stream.setLastId(id(1, 5)));
        assertEquals(id(3, 0), stream.lastId());
        assertNull(stream.verify());
        assertEquals(List.of(id(1, 0), id(2, 0)), ids(stream.range(EntryId.MIN, EntryId.MAX, false, 10)));
        stream.setLastId(id(2, 0));
        stream.append(id(3, 0), pair("again"));
        assertNull(stream.verify());
        assertArrayEquals(pair("again"), stream.get(id(3, 0)));
        stream.free();
        assertEquals(baseline, memory.usedBytes(), "every block freed");
    }

    /**
     * XSETID, anywhere from the last entry to the last ID, mixed with appends, deletions at the
     * tail and trims: the structure's checks after every step, reads against the model.
     */
    @ParameterizedTest(name = "block limits {0} bytes, {1} entries, seed {2}")
    @CsvSource({"0, 1, 11", "0, 2, 12", "0, 3, 13", "120, 0, 14", "4096, 100, 15"})
    void setLastId_belowDeletedEntries_randomSequencesMatchTheModel(int maxBytes, int maxEntries, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Stream stream = new Stream(keyspace, Stream.create(memory), maxBytes, maxEntries);
        TreeMap<EntryId, byte[][]> model = new TreeMap<>();
        TreeSet<EntryId> added = new TreeSet<>();
        EntryId maxDeleted = EntryId.MIN;
        for (int step = 0; step < 4_000; step++) {
            int op = random.nextInt(20);
            EntryId last = stream.lastId();
            if (op < 9) {
                EntryId id = random.nextBoolean() ? id(last.ms(), last.seq() + 1) : id(last.ms() + 1 + random.nextInt(3), 0);
                byte[][] fields = fields(random, step);
                stream.append(id, fields);
                model.put(id, fields);
                added.add(id);
            } else if (op < 15 && !model.isEmpty()) {
                EntryId id = model.lastKey();
                for (int back = random.nextInt(3); back > 0 && model.lowerKey(id) != null; back--) {
                    id = model.lowerKey(id);
                }
                model.remove(id);
                assertTrue(stream.delete(id));
                maxDeleted = id.compareTo(maxDeleted) > 0 ? id : maxDeleted;
            } else if (op < 16) {
                long removed = stream.trim(random.nextInt(model.size() + 2), null, random.nextBoolean(), 0);
                for (long i = 0; i < removed; i++) {
                    EntryId gone = model.pollFirstEntry().getKey();
                    maxDeleted = gone.compareTo(maxDeleted) > 0 ? gone : maxDeleted;
                }
            } else {
                // Anywhere from the last entry up: an ID once added (deleted since, perhaps), or the next one.
                EntryId floor = model.isEmpty() ? EntryId.MIN : model.lastKey();
                List<EntryId> candidates = new ArrayList<>(added.subSet(floor, true, last, true));
                EntryId to = candidates.isEmpty() ? last : candidates.get(random.nextInt(candidates.size()));
                if (random.nextBoolean() && to.compareTo(last) < 0) {
                    to = to.next();
                }
                stream.setLastId(to);
                assertEquals(to, stream.lastId());
            }
            assertNull(stream.verify(), "step " + step + " op " + op);
            assertEquals(model.size(), stream.length());
            assertEquals(maxDeleted, stream.maxDeletedId());
            assertEquals(model.isEmpty() ? null : model.lastKey(), stream.lastEntryId());
            if (step % 10 == 0 && !added.isEmpty()) {
                List<Map.Entry<EntryId, byte[][]>> all = new ArrayList<>(model.entrySet());
                assertSameEntries(all, stream.range(EntryId.MIN, EntryId.MAX, false, Long.MAX_VALUE));
                assertSameEntries(all.reversed(), stream.range(EntryId.MIN, EntryId.MAX, true, Long.MAX_VALUE));
                // Walks that end between entries, at IDs once added.
                List<EntryId> ever = new ArrayList<>(added);
                EntryId from = ever.get(random.nextInt(ever.size()));
                EntryId to = ever.get(random.nextInt(ever.size()));
                if (from.compareTo(to) > 0) {
                    EntryId swap = from;
                    from = to;
                    to = swap;
                }
                List<Map.Entry<EntryId, byte[][]>> forward = new ArrayList<>(model.subMap(from, true, to, true).entrySet());
                assertSameEntries(forward, stream.range(from, to, false, Long.MAX_VALUE));
                assertSameEntries(forward.reversed(), stream.range(from, to, true, Long.MAX_VALUE));
            }
        }
        Stream twin = new Stream(keyspace, stream.duplicate(), maxBytes, maxEntries);
        assertNull(twin.verify());
        twin.free();
        stream.free();
        assertEquals(baseline, memory.usedBytes(), "every block freed");
    }

    @Test
    void idMap_randomInsertsAndRemovals_stayOrderedAndCounted() {
        SplittableRandom random = new SplittableRandom(9);
        IdMap map = new IdMap(memory, IdMap.create(memory, 24));
        TreeMap<EntryId, Long> model = new TreeMap<>();
        for (int step = 0; step < 40_000; step++) {
            EntryId id = new EntryId(random.nextInt(3) == 0 ? -1L - random.nextInt(5) : random.nextInt(5_000), random.nextInt(3));
            if (random.nextInt(3) > 0) {
                boolean added = map.insert(id.ms(), id.seq());
                assertEquals(!model.containsKey(id), added);
                map.setValue(2, step);
                model.put(id, (long) step);
            } else {
                assertEquals(model.remove(id) != null, map.remove(id.ms(), id.seq()));
            }
            if (step % 1_000 == 0) {
                assertNull(map.verify());
            }
        }
        assertNull(map.verify());
        assertEquals(model.size(), map.size());
        List<EntryId> forward = new ArrayList<>();
        for (boolean more = map.placeFirst(); more; more = map.next()) {
            forward.add(map.id());
            assertEquals(model.get(map.id()), map.value(2));
        }
        assertEquals(new ArrayList<>(model.keySet()), forward);
        EntryId probe = new EntryId(2_500, 1);
        assertTrue(map.seek(probe.ms(), probe.seq(), true));
        assertEquals(model.ceilingKey(probe), map.id());
        assertTrue(map.seek(probe.ms(), probe.seq(), false));
        assertEquals(model.floorKey(probe), map.id());
        map.free();
        assertEquals(baseline, memory.usedBytes());
    }

    @Test
    void groups_pendingEntriesMoveBetweenConsumers_andAllIsFreed() {
        Stream stream = new Stream(keyspace, Stream.create(memory), 4096, 100);
        for (int i = 1; i <= 500; i++) {
            stream.append(new EntryId(i, 0), new byte[][] {bytes("f"), bytes("v" + i)});
        }
        StreamGroup group = stream.createGroup(bytes("workers"), EntryId.MIN, 0);
        assertNull(stream.createGroup(bytes("workers"), EntryId.MIN, 0), "BUSYGROUP");
        StreamConsumer a = group.createConsumer(bytes("a"), 10);
        StreamConsumer b = group.createConsumer(bytes("b"), 20);
        for (int i = 1; i <= 300; i++) {
            group.setPending(new EntryId(i, 0), i % 2 == 0 ? a : b, 100 + i, 1);
        }
        assertEquals(300, group.pendingCount());
        assertEquals(150, a.pendingCount());
        group.setPending(new EntryId(3, 0), a, 999, 2);
        assertEquals(151, a.pendingCount());
        assertEquals(149, b.pendingCount());
        PendingEntry moved = group.pending(new EntryId(3, 0));
        assertArrayEquals(bytes("a"), moved.consumer());
        assertEquals(2, moved.deliveryCount());
        assertTrue(group.ack(new EntryId(4, 0)));
        assertFalse(group.ack(new EntryId(4, 0)));
        assertEquals(List.of(new EntryId(2, 0), new EntryId(3, 0), new EntryId(6, 0)),
                group.pendingRange(EntryId.MIN, EntryId.MAX, 3, a).stream().map(PendingEntry::id).toList());
        assertEquals(149, group.deleteConsumer(bytes("b")));
        assertEquals(-1, group.deleteConsumer(bytes("b")));
        assertEquals(150, group.pendingCount());
        stream.createGroup(bytes("audit"), new EntryId(5, 0), -1).createConsumer(bytes("z"), 1);
        assertEquals(List.of("audit", "workers"), stream.groups().stream().map(g -> new String(g.name(), StandardCharsets.UTF_8)).toList());
        assertNull(stream.verify());
        Stream twin = new Stream(keyspace, stream.duplicate(), 4096, 100);
        assertNull(twin.verify());
        assertEquals(150, twin.group(bytes("workers")).pendingCount());
        twin.free();
        assertTrue(stream.destroyGroup(bytes("audit")));
        assertFalse(stream.destroyGroup(bytes("audit")));
        stream.free();
        assertEquals(baseline, memory.usedBytes());
    }
}
