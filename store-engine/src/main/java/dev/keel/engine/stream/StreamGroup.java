package dev.keel.engine.stream;

import static dev.keel.engine.stream.StreamGroupDescriptor.CONSUMERS_OFFSET;
import static dev.keel.engine.stream.StreamGroupDescriptor.DELIVERY_COUNT_WORD;
import static dev.keel.engine.stream.StreamGroupDescriptor.DELIVERY_TIME_WORD;
import static dev.keel.engine.stream.StreamGroupDescriptor.ENTRIES_READ_OFFSET;
import static dev.keel.engine.stream.StreamGroupDescriptor.LAST_MS_OFFSET;
import static dev.keel.engine.stream.StreamGroupDescriptor.LAST_SEQ_OFFSET;
import static dev.keel.engine.stream.StreamGroupDescriptor.NAME_LENGTH_OFFSET;
import static dev.keel.engine.stream.StreamGroupDescriptor.NAME_OFFSET;
import static dev.keel.engine.stream.StreamGroupDescriptor.OWNER_WORD;
import static dev.keel.engine.stream.StreamGroupDescriptor.PENDING_OFFSET;

import dev.keel.engine.hash.FieldTable;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.memory.OffHeapMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A consumer group of a stream: its last delivered ID, its entries-read counter, its pending
 * entries (delivered, not acknowledged: owner, delivery time, delivery count, by ID) and its
 * consumers by name. A flyweight over the group's record (see {@link StreamGroupDescriptor}).
 *
 * <p><b>Thread safety:</b> not thread safe; used under the key's stripe lock.
 */
public final class StreamGroup {
    private static final byte[] RECORD_VALUE = new byte[8];

    private final Keyspace keyspace;
    private final OffHeapMemory memory;
    private final long record;

    StreamGroup(Keyspace keyspace, long record) {
        this.keyspace = keyspace;
        this.memory = keyspace.memory();
        this.record = record;
    }

    static long create(OffHeapMemory memory, byte[] name, EntryId lastDelivered, long entriesRead) {
        long record = memory.allocate(NAME_OFFSET + (long) name.length);
        memory.putLong(record, LAST_MS_OFFSET, lastDelivered.ms());
        memory.putLong(record, LAST_SEQ_OFFSET, lastDelivered.seq());
        memory.putLong(record, ENTRIES_READ_OFFSET, entriesRead);
        memory.putLong(record, PENDING_OFFSET, IdMap.create(memory, 24));
        memory.putLong(record, CONSUMERS_OFFSET, FieldTable.create(memory, 0));
        memory.putInt(record, NAME_LENGTH_OFFSET, name.length);
        memory.putInt(record, NAME_LENGTH_OFFSET + 4, 0);
        memory.write(record, NAME_OFFSET, name, 0, name.length);
        return record;
    }

    long record() {
        return record;
    }

    private IdMap pending() {
        return new IdMap(memory, memory.getLong(record, PENDING_OFFSET));
    }

    private FieldTable consumerTable() {
        return new FieldTable(memory, memory.getLong(record, CONSUMERS_OFFSET));
    }

    /** Returns the group's name. */
    public byte[] name() {
        return memory.read(record, NAME_OFFSET, memory.getInt(record, NAME_LENGTH_OFFSET));
    }

    /** Returns the ID of the last entry delivered to the group. */
    public EntryId lastDelivered() {
        return new EntryId(memory.getLong(record, LAST_MS_OFFSET), memory.getLong(record, LAST_SEQ_OFFSET));
    }

    /** Sets the last delivered ID. */
    public void setLastDelivered(EntryId id) {
        memory.putLong(record, LAST_MS_OFFSET, id.ms());
        memory.putLong(record, LAST_SEQ_OFFSET, id.seq());
    }

    /** Returns the group's entries-read counter, -1 when unknown. */
    public long entriesRead() {
        return memory.getLong(record, ENTRIES_READ_OFFSET);
    }

    /** Sets the entries-read counter (-1: unknown). */
    public void setEntriesRead(long count) {
        memory.putLong(record, ENTRIES_READ_OFFSET, count);
    }

    /** Returns the number of pending entries. */
    public long pendingCount() {
        return pending().size();
    }

    // ------------------------------------------------------------------ consumers

    private int hashOf(byte[] name) {
        return (int) keyspace.hash(name);
    }

    /** Returns the consumer named {@code name}, or null. */
    public StreamConsumer consumer(byte[] name) {
        FieldTable table = consumerTable();
        long entry = table.find(name, hashOf(name));
        return entry == 0 ? null : new StreamConsumer(memory, table.longValue(entry));
    }

    /** Creates the consumer {@code name}, seen at {@code now}; returns it, or null if it exists. */
    public StreamConsumer createConsumer(byte[] name, long now) {
        FieldTable table = consumerTable();
        int hash = hashOf(name);
        if (table.find(name, hash) != 0) {
            return null;
        }
        long consumer = StreamConsumer.create(memory, name, now);
        long entry = table.newEntry(name, hash, RECORD_VALUE, 0);
        table.setLongValue(entry, consumer);
        table.link(entry);
        return new StreamConsumer(memory, consumer);
    }

    /**
     * Deletes the consumer {@code name} and its pending entries (from the group's too); returns
     * how many it had, or -1 if there is no such consumer.
     */
    public long deleteConsumer(byte[] name) {
        FieldTable table = consumerTable();
        long entry = table.find(name, hashOf(name));
        if (entry == 0) {
            return -1;
        }
        long consumer = table.longValue(entry);
        IdMap owned = new StreamConsumer(memory, consumer).pending();
        IdMap all = pending();
        long count = owned.size();
        for (boolean more = owned.placeFirst(); more; more = owned.next()) {
            all.remove(owned.ms(), owned.seq());
        }
        StreamConsumer.free(memory, consumer);
        table.unlink(entry);
        memory.free(entry);
        return count;
    }

    /** Returns the number of consumers. */
    public long consumerCount() {
        return consumerTable().count();
    }

    /** Returns the consumers, by name in byte order (as Redis lists them). */
    public List<StreamConsumer> consumers() {
        FieldTable table = consumerTable();
        List<StreamConsumer> consumers = new ArrayList<>((int) Math.min(table.count(), 1 << 16));
        table.forEach(entry -> consumers.add(new StreamConsumer(memory, table.longValue(entry))));
        consumers.sort((a, b) -> Arrays.compareUnsigned(a.name(), b.name()));
        return consumers;
    }

    // ------------------------------------------------------------------ pending entries

    private PendingEntry pendingAtCursor(IdMap map) {
        return new PendingEntry(map.id(), StreamConsumer.name(memory, map.value(OWNER_WORD)),
                map.value(DELIVERY_TIME_WORD), map.value(DELIVERY_COUNT_WORD));
    }

    /** Returns the pending entry {@code id}, or null if it is not pending. */
    public PendingEntry pending(EntryId id) {
        IdMap map = pending();
        return map.find(id.ms(), id.seq()) ? pendingAtCursor(map) : null;
    }

    /**
     * Makes {@code id} pending for {@code owner}, delivered at {@code deliveryTime} for the
     * {@code deliveryCount}th time: adds it, or moves it to {@code owner} if another consumer
     * owned it.
     */
    public void setPending(EntryId id, StreamConsumer owner, long deliveryTime, long deliveryCount) {
        IdMap map = pending();
        boolean added = map.insert(id.ms(), id.seq());
        long previous = added ? 0 : map.value(OWNER_WORD);
        map.setValue(OWNER_WORD, owner.record());
        map.setValue(DELIVERY_TIME_WORD, deliveryTime);
        map.setValue(DELIVERY_COUNT_WORD, deliveryCount);
        if (previous != owner.record()) {
            if (previous != 0) {
                new StreamConsumer(memory, previous).pending().remove(id.ms(), id.seq());
            }
            owner.pending().insert(id.ms(), id.seq());
        }
    }

    /** Acknowledges {@code id}: removes it from the pending entries; returns whether it was pending. */
    public boolean ack(EntryId id) {
        IdMap map = pending();
        if (!map.find(id.ms(), id.seq())) {
            return false;
        }
        long owner = map.value(OWNER_WORD);
        map.removeAtCursor();
        new StreamConsumer(memory, owner).pending().remove(id.ms(), id.seq());
        return true;
    }

    /**
     * Returns up to {@code count} pending entries with IDs from {@code start} to {@code end}
     * (inclusive), ascending; only those of {@code owner} if it is not null.
     */
    public List<PendingEntry> pendingRange(EntryId start, EntryId end, long count, StreamConsumer owner) {
        List<PendingEntry> entries = new ArrayList<>();
        IdMap map = pending();
        IdMap walk = owner == null ? map : owner.pending();
        for (boolean more = walk.seek(start.ms(), start.seq(), true); more && entries.size() < count; more = walk.next()) {
            EntryId id = walk.id();
            if (id.compareTo(end) > 0) {
                break;
            }
            if (owner == null) {
                entries.add(pendingAtCursor(map));
            } else {
                long ms = walk.ms();
                long seq = walk.seq();
                if (map.find(ms, seq)) {
                    entries.add(pendingAtCursor(map));
                }
            }
        }
        return entries;
    }

    /** Returns the lowest and highest pending IDs, or null if none is pending. */
    public EntryId[] pendingBounds() {
        IdMap map = pending();
        if (!map.placeFirst()) {
            return null;
        }
        EntryId low = map.id();
        map.placeLast();
        return new EntryId[] {low, map.id()};
    }

    // ------------------------------------------------------------------ lifecycle

    /** Frees the group's pending entries, its consumers and its record. */
    static void free(Keyspace keyspace, long record) {
        OffHeapMemory memory = keyspace.memory();
        StreamGroup group = new StreamGroup(keyspace, record);
        FieldTable table = group.consumerTable();
        table.forEach(entry -> StreamConsumer.free(memory, table.longValue(entry)));
        table.free();
        group.pending().free();
        memory.free(record);
    }

    /** Returns a deep copy of this group, its consumers and pending entries; returns its record. */
    long duplicate() {
        long copy = create(memory, name(), lastDelivered(), entriesRead());
        StreamGroup twin = new StreamGroup(keyspace, copy);
        java.util.Map<Long, StreamConsumer> consumers = new java.util.HashMap<>();
        for (StreamConsumer consumer : consumers()) {
            StreamConsumer created = twin.createConsumer(consumer.name(), consumer.seenTime());
            created.setActiveTime(consumer.activeTime());
            consumers.put(consumer.record(), created);
        }
        IdMap map = pending();
        for (boolean more = map.placeFirst(); more; more = map.next()) {
            twin.setPending(map.id(), consumers.get(map.value(OWNER_WORD)), map.value(DELIVERY_TIME_WORD),
                    map.value(DELIVERY_COUNT_WORD));
        }
        return copy;
    }

    /** Checks the pending entries against the consumers'; returns the first problem, or null. */
    String verify() {
        IdMap map = pending();
        String problem = map.verify();
        if (problem != null) {
            return "pending entries: " + problem;
        }
        long owned = 0;
        for (StreamConsumer consumer : consumers()) {
            IdMap mine = consumer.pending();
            problem = mine.verify();
            if (problem != null) {
                return "a consumer's pending IDs: " + problem;
            }
            for (boolean more = mine.placeFirst(); more; more = mine.next()) {
                if (!map.find(mine.ms(), mine.seq()) || map.value(OWNER_WORD) != consumer.record()) {
                    return "a consumer owns " + mine.id() + ", which the group does not give it";
                }
            }
            owned += mine.size();
        }
        return owned == map.size() ? null : "the group has " + map.size() + " pending entries, its consumers own " + owned;
    }
}
