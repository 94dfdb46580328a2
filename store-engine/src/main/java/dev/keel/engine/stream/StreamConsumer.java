package dev.keel.engine.stream;

import static dev.keel.engine.stream.StreamGroupDescriptor.ACTIVE_OFFSET;
import static dev.keel.engine.stream.StreamGroupDescriptor.CONSUMER_NAME_LENGTH_OFFSET;
import static dev.keel.engine.stream.StreamGroupDescriptor.CONSUMER_NAME_OFFSET;
import static dev.keel.engine.stream.StreamGroupDescriptor.CONSUMER_PENDING_OFFSET;
import static dev.keel.engine.stream.StreamGroupDescriptor.SEEN_OFFSET;

import dev.keel.engine.memory.OffHeapMemory;

/**
 * A consumer of a group: its name, when it was last seen and last active, and the IDs it owns in
 * the group's pending entries. A flyweight over its record (see {@link StreamGroupDescriptor}).
 *
 * <p><b>Thread safety:</b> not thread safe; used under the key's stripe lock.
 */
public final class StreamConsumer {
    private final OffHeapMemory memory;
    private final long record;

    StreamConsumer(OffHeapMemory memory, long record) {
        this.memory = memory;
        this.record = record;
    }

    static long create(OffHeapMemory memory, byte[] name, long now) {
        long record = memory.allocate(CONSUMER_NAME_OFFSET + (long) name.length);
        memory.putLong(record, SEEN_OFFSET, now);
        memory.putLong(record, ACTIVE_OFFSET, -1);
        memory.putLong(record, CONSUMER_PENDING_OFFSET, IdMap.create(memory, 0));
        memory.putInt(record, CONSUMER_NAME_LENGTH_OFFSET, name.length);
        memory.putInt(record, CONSUMER_NAME_LENGTH_OFFSET + 4, 0);
        memory.write(record, CONSUMER_NAME_OFFSET, name, 0, name.length);
        return record;
    }

    long record() {
        return record;
    }

    IdMap pending() {
        return new IdMap(memory, memory.getLong(record, CONSUMER_PENDING_OFFSET));
    }

    /** Returns the consumer's name. */
    public byte[] name() {
        return name(memory, record);
    }

    static byte[] name(OffHeapMemory memory, long record) {
        return memory.read(record, CONSUMER_NAME_OFFSET, memory.getInt(record, CONSUMER_NAME_LENGTH_OFFSET));
    }

    /** Returns when the consumer last tried to read or claim, in epoch milliseconds. */
    public long seenTime() {
        return memory.getLong(record, SEEN_OFFSET);
    }

    /** Sets when the consumer was last seen. */
    public void setSeenTime(long at) {
        memory.putLong(record, SEEN_OFFSET, at);
    }

    /** Returns when the consumer last read or claimed an entry, -1 if never. */
    public long activeTime() {
        return memory.getLong(record, ACTIVE_OFFSET);
    }

    /** Sets when the consumer was last active. */
    public void setActiveTime(long at) {
        memory.putLong(record, ACTIVE_OFFSET, at);
    }

    /** Returns how many pending entries the consumer owns. */
    public long pendingCount() {
        return pending().size();
    }

    /** Frees the consumer's pending IDs and its record. */
    static void free(OffHeapMemory memory, long record) {
        new IdMap(memory, memory.getLong(record, CONSUMER_PENDING_OFFSET)).free();
        memory.free(record);
    }
}
