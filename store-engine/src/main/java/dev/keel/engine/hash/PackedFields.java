package dev.keel.engine.hash;

import static dev.keel.engine.hash.PackedFieldsDescriptor.COUNT_OFFSET;
import static dev.keel.engine.hash.PackedFieldsDescriptor.EXPIRE_LENGTH;
import static dev.keel.engine.hash.PackedFieldsDescriptor.HEADER_LENGTH;
import static dev.keel.engine.hash.PackedFieldsDescriptor.USED_OFFSET;
import static dev.keel.engine.memory.OffHeapMemory.varintLength;

import dev.keel.engine.memory.OffHeapMemory;

/**
 * The packed encoding of a small hash or set: one block of entries in insertion order (see
 * {@link PackedFieldsDescriptor}), searched linearly. A flyweight: the block handle changes when
 * the block grows or shrinks, so callers read {@link #block()} after a change.
 *
 * <p>Positions are byte offsets of entries in the block; a change invalidates positions after it.
 *
 * <p><b>Thread safety:</b> not thread safe; used under the key's stripe lock.
 */
final class PackedFields {
    private static final int MIN_BLOCK = 32;

    private final OffHeapMemory memory;
    private final boolean expiring;
    private long block;

    PackedFields(OffHeapMemory memory, long block, boolean expiring) {
        this.memory = memory;
        this.block = block;
        this.expiring = expiring;
    }

    /** Allocates an empty block with room for {@code bytes} of entries. */
    static long create(OffHeapMemory memory, long bytes) {
        long block = memory.allocate(Math.max(MIN_BLOCK, HEADER_LENGTH + bytes));
        memory.putInt(block, COUNT_OFFSET, 0);
        memory.putInt(block, USED_OFFSET, 0);
        return block;
    }

    long block() {
        return block;
    }

    boolean expiring() {
        return expiring;
    }

    int count() {
        return memory.getInt(block, COUNT_OFFSET);
    }

    private int used() {
        return memory.getInt(block, USED_OFFSET);
    }

    /** Returns the offset just past the last entry. */
    int end() {
        return HEADER_LENGTH + used();
    }

    /** Returns the offset of the first entry. */
    static int first() {
        return HEADER_LENGTH;
    }

    // ------------------------------------------------------------------ reading entries

    private int varint(int offset) {
        return memory.getVarint(block, offset);
    }

    private int writeVarint(int offset, int value) {
        return (int) memory.putVarint(block, offset, value);
    }

    private int fieldLengthOffset(int entry) {
        return expiring ? entry + EXPIRE_LENGTH : entry;
    }

    int fieldLength(int entry) {
        return varint(fieldLengthOffset(entry));
    }

    private int fieldOffset(int entry) {
        int at = fieldLengthOffset(entry);
        return at + varintLength(varint(at));
    }

    private int valueLengthOffset(int entry) {
        int at = fieldLengthOffset(entry);
        int length = varint(at);
        return at + varintLength(length) + length;
    }

    int valueLength(int entry) {
        return varint(valueLengthOffset(entry));
    }

    private int valueOffset(int entry) {
        int at = valueLengthOffset(entry);
        return at + varintLength(varint(at));
    }

    /** Returns the offset of the entry after {@code entry}. */
    int next(int entry) {
        int at = valueLengthOffset(entry);
        int length = varint(at);
        return at + varintLength(length) + length;
    }

    byte[] field(int entry) {
        int at = fieldLengthOffset(entry);
        int length = varint(at);
        return memory.read(block, at + varintLength(length), length);
    }

    byte[] value(int entry) {
        int at = valueLengthOffset(entry);
        int length = varint(at);
        return memory.read(block, at + varintLength(length), length);
    }

    boolean valueEquals(int entry, byte[] value) {
        return valueLength(entry) == value.length && memory.equals(block, valueOffset(entry), value);
    }

    /** Returns the entry's expiry in epoch milliseconds, 0 for none. */
    long expireAt(int entry) {
        return expiring ? memory.getLong(block, entry) : 0;
    }

    /** Sets the expiry of an entry; only in the expiring form. */
    void setExpireAt(int entry, long at) {
        memory.putLong(block, entry, at);
    }

    /** Returns the offset of the entry of {@code field}, expired or not, or -1. */
    int find(byte[] field) {
        int end = end();
        for (int entry = first(); entry < end; entry = next(entry)) {
            int at = fieldLengthOffset(entry);
            int length = varint(at);
            if (length == field.length && memory.equals(block, at + varintLength(length), field)) {
                return entry;
            }
        }
        return -1;
    }

    /** Returns the offset of the entry at {@code index} in insertion order. */
    int entryAt(int index) {
        int entry = first();
        for (int i = 0; i < index; i++) {
            entry = next(entry);
        }
        return entry;
    }

    /** Returns the longest field or value length. */
    int longest() {
        int longest = 0;
        int end = end();
        for (int entry = first(); entry < end; entry = next(entry)) {
            longest = Math.max(longest, Math.max(fieldLength(entry), valueLength(entry)));
        }
        return longest;
    }

    // ------------------------------------------------------------------ changing entries

    /** Appends an entry for a field not in the block; may move the block. */
    void append(byte[] field, byte[] value, long expireAt) {
        int end = end();
        long length = PackedFieldsDescriptor.entryLength(field.length, value.length, expiring);
        ensureRoom(end + length);
        int at = end;
        if (expiring) {
            memory.putLong(block, at, expireAt);
            at += EXPIRE_LENGTH;
        }
        at = writeVarint(at, field.length);
        memory.write(block, at, field, 0, field.length);
        at = writeVarint(at + field.length, value.length);
        memory.write(block, at, value, 0, value.length);
        memory.putInt(block, USED_OFFSET, (int) (used() + length));
        memory.putInt(block, COUNT_OFFSET, count() + 1);
    }

    /** Replaces the value of {@code entry}, keeping its place and expiry; may move the block. */
    void replaceValue(int entry, byte[] value) {
        int lengthAt = valueLengthOffset(entry);
        int oldLength = varint(lengthAt);
        int oldEnd = lengthAt + varintLength(oldLength) + oldLength;
        int newEnd = lengthAt + varintLength(value.length) + value.length;
        int end = end();
        int delta = newEnd - oldEnd;
        if (delta > 0) {
            ensureRoom((long) end + delta);
        }
        if (delta != 0) {
            memory.copy(block, oldEnd, block, newEnd, end - oldEnd);
        }
        int at = writeVarint(lengthAt, value.length);
        memory.write(block, at, value, 0, value.length);
        memory.putInt(block, USED_OFFSET, used() + delta);
        if (delta < 0) {
            shrinkToFit();
        }
    }

    /** Removes {@code entry}; may move the block. */
    void remove(int entry) {
        int next = next(entry);
        int end = end();
        memory.copy(block, next, block, entry, end - next);
        memory.putInt(block, USED_OFFSET, used() - (next - entry));
        memory.putInt(block, COUNT_OFFSET, count() - 1);
        shrinkToFit();
    }

    private void ensureRoom(long bytes) {
        block = memory.ensureCapacity(block, end(), bytes, "packed hash");
    }

    private void shrinkToFit() {
        block = memory.shrinkToFit(block, end(), MIN_BLOCK);
    }

    /** Returns a copy of this block with an expiry slot (0) added to every entry; frees this one. */
    static long withExpirySlots(OffHeapMemory memory, PackedFields plain) {
        long bytes = (long) plain.used() + (long) EXPIRE_LENGTH * plain.count();
        PackedFields copy = new PackedFields(memory, create(memory, bytes), true);
        int end = plain.end();
        for (int entry = first(); entry < end; entry = plain.next(entry)) {
            copy.append(plain.field(entry), plain.value(entry), 0);
        }
        memory.free(plain.block);
        return copy.block;
    }

    /** Returns a copy of this expiring block without expiry slots (no entry may have one); frees this one. */
    static long withoutExpirySlots(OffHeapMemory memory, PackedFields expiring) {
        long bytes = (long) expiring.used() - (long) EXPIRE_LENGTH * expiring.count();
        PackedFields copy = new PackedFields(memory, create(memory, bytes), false);
        int end = expiring.end();
        for (int entry = first(); entry < end; entry = expiring.next(entry)) {
            copy.append(expiring.field(entry), expiring.value(entry), 0);
        }
        memory.free(expiring.block);
        return copy.block;
    }

    /** Checks the block's structure; returns the first problem, or null. */
    String verify() {
        long capacity = memory.capacity(block);
        int end = end();
        if (end > capacity) {
            return "used " + used() + " past the block's capacity " + capacity;
        }
        int seen = 0;
        int entry = first();
        while (entry < end) {
            entry = next(entry);
            seen++;
        }
        if (entry != end) {
            return "entries end at " + entry + ", not at " + end;
        }
        if (seen != count()) {
            return "count " + count() + " but " + seen + " entries";
        }
        return null;
    }
}
