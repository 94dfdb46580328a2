package dev.keel.engine.zset;

import static dev.keel.engine.memory.OffHeapMemory.varintLength;
import static dev.keel.engine.zset.PackedScoresDescriptor.COUNT_OFFSET;
import static dev.keel.engine.zset.PackedScoresDescriptor.HEADER_LENGTH;
import static dev.keel.engine.zset.PackedScoresDescriptor.SCORE_LENGTH;
import static dev.keel.engine.zset.PackedScoresDescriptor.USED_OFFSET;

import dev.keel.engine.memory.OffHeapMemory;

/**
 * The packed encoding of a small sorted set: one block of entries in order (see
 * {@link PackedScoresDescriptor}), searched linearly. A flyweight: the block handle changes when
 * the block grows or shrinks, so callers read {@link #root()} after a change.
 *
 * <p>Positions are byte offsets of entries in the block; a change invalidates positions after it.
 *
 * <p><b>Thread safety:</b> not thread safe; used under the key's stripe lock.
 */
final class PackedScores implements ScoredEntries {
    private static final int MIN_BLOCK = 32;

    private final OffHeapMemory memory;
    private long block;

    PackedScores(OffHeapMemory memory, long block) {
        this.memory = memory;
        this.block = block;
    }

    /** Allocates an empty block with room for {@code bytes} of entries. */
    static long create(OffHeapMemory memory, long bytes) {
        if (bytes > Integer.MAX_VALUE - HEADER_LENGTH) {
            throw new IllegalStateException("packed sorted set too large: " + bytes + " bytes");
        }
        long block = memory.allocate(Math.max(MIN_BLOCK, HEADER_LENGTH + bytes));
        memory.putInt(block, COUNT_OFFSET, 0);
        memory.putInt(block, USED_OFFSET, 0);
        return block;
    }

    /** Returns a copy of the block {@code block}. */
    static long duplicate(OffHeapMemory memory, long block) {
        long copy = memory.allocate(memory.capacity(block));
        memory.copy(block, 0, copy, 0, HEADER_LENGTH + (long) memory.getInt(block, USED_OFFSET));
        return copy;
    }

    static long entryLength(int memberLength) {
        return PackedScoresDescriptor.entryLength(memberLength);
    }

    @Override
    public long root() {
        return block;
    }

    @Override
    public long size() {
        return count();
    }

    private int count() {
        return memory.getInt(block, COUNT_OFFSET);
    }

    private int used() {
        return memory.getInt(block, USED_OFFSET);
    }

    /** Returns the bytes the block's header and entries take. */
    long usedBytes() {
        return end();
    }

    private int end() {
        return HEADER_LENGTH + used();
    }

    // ------------------------------------------------------------------ reading entries

    private double scoreAt(int entry) {
        return Double.longBitsToDouble(memory.getLong(block, entry));
    }

    private int memberLength(int entry) {
        return memory.getVarint(block, entry + SCORE_LENGTH);
    }

    private int memberOffset(int entry, int length) {
        return entry + SCORE_LENGTH + varintLength(length);
    }

    private byte[] member(int entry) {
        int length = memberLength(entry);
        return memory.read(block, memberOffset(entry, length), length);
    }

    private int next(int entry) {
        int length = memberLength(entry);
        return memberOffset(entry, length) + length;
    }

    /** Compares the member of {@code entry} with {@code member}, as unsigned bytes. */
    private int compareMember(int entry, byte[] member) {
        int length = memberLength(entry);
        return memory.compare(block, memberOffset(entry, length), length, member);
    }

    /** Returns the offset of the entry of {@code member}, or -1. */
    private int find(byte[] member) {
        int end = end();
        for (int entry = HEADER_LENGTH; entry < end; entry = next(entry)) {
            int length = memberLength(entry);
            if (length == member.length && memory.equals(block, memberOffset(entry, length), member)) {
                return entry;
            }
        }
        return -1;
    }

    /** Returns the offset of the entry at {@code rank}, or the end for rank {@code count()}. */
    private int entryAt(long rank) {
        int entry = HEADER_LENGTH;
        for (long i = 0; i < rank; i++) {
            entry = next(entry);
        }
        return entry;
    }

    @Override
    public double score(byte[] member) {
        int entry = find(member);
        return entry < 0 ? Double.NaN : scoreAt(entry);
    }

    @Override
    public long rank(byte[] member, double score) {
        int end = end();
        long rank = 0;
        for (int entry = HEADER_LENGTH; entry < end; entry = next(entry), rank++) {
            if (compareMember(entry, member) == 0) {
                return rank;
            }
        }
        throw new IllegalStateException("member not in the packed sorted set");
    }

    @Override
    public long countBelow(double score, boolean orEqual) {
        int end = end();
        long count = 0;
        for (int entry = HEADER_LENGTH; entry < end; entry = next(entry), count++) {
            double at = scoreAt(entry);
            if (orEqual ? at > score : at >= score) {
                break;
            }
        }
        return count;
    }

    @Override
    public long countBelowLex(byte[] member, boolean orEqual) {
        int end = end();
        long count = 0;
        for (int entry = HEADER_LENGTH; entry < end; entry = next(entry), count++) {
            int order = compareMember(entry, member);
            if (orEqual ? order > 0 : order >= 0) {
                break;
            }
        }
        return count;
    }

    @Override
    public void visit(long from, long count, boolean reverse, ZSet.Visitor visitor) {
        if (!reverse) {
            int entry = entryAt(from);
            for (long i = 0; i < count; i++, entry = next(entry)) {
                visitor.visit(member(entry), scoreAt(entry));
            }
            return;
        }
        // Varint lengths cannot be walked backwards: note the offsets going forward first.
        int[] offsets = new int[(int) count];
        int entry = entryAt(from - count + 1);
        for (int i = 0; i < count; i++, entry = next(entry)) {
            offsets[i] = entry;
        }
        for (int i = offsets.length - 1; i >= 0; i--) {
            visitor.visit(member(offsets[i]), scoreAt(offsets[i]));
        }
    }

    @Override
    public long scan(long cursor, long count, ZSet.Visitor visitor) {
        visit(0, count(), false, visitor);
        return 0;
    }

    // ------------------------------------------------------------------ changing entries

    @Override
    public void insert(byte[] member, double score) {
        int end = end();
        int at = HEADER_LENGTH;
        while (at < end) {
            double here = scoreAt(at);
            if (here > score || here == score && compareMember(at, member) > 0) {
                break;
            }
            at = next(at);
        }
        long length = entryLength(member.length);
        ensureRoom(end + length);
        memory.copy(block, at, block, at + length, end - at);
        write(at, member, score);
        memory.putInt(block, USED_OFFSET, (int) (used() + length));
        memory.putInt(block, COUNT_OFFSET, count() + 1);
    }

    /** Appends an entry that sorts after every entry in the block; may move the block. */
    void append(byte[] member, double score) {
        int end = end();
        long length = entryLength(member.length);
        ensureRoom(end + length);
        write(end, member, score);
        memory.putInt(block, USED_OFFSET, (int) (used() + length));
        memory.putInt(block, COUNT_OFFSET, count() + 1);
    }

    private void write(int at, byte[] member, double score) {
        memory.putLong(block, at, Double.doubleToRawLongBits(score));
        int offset = (int) memory.putVarint(block, at + SCORE_LENGTH, member.length);
        memory.write(block, offset, member, 0, member.length);
    }

    @Override
    public void update(byte[] member, double oldScore, double newScore) {
        delete(member, oldScore);
        insert(member, newScore);
    }

    @Override
    public void delete(byte[] member, double score) {
        int entry = find(member);
        if (entry < 0) {
            throw new IllegalStateException("member not in the packed sorted set");
        }
        cut(entry, next(entry), 1);
    }

    @Override
    public void deleteRange(long from, long count) {
        int start = entryAt(from);
        int stop = start;
        for (long i = 0; i < count; i++) {
            stop = next(stop);
        }
        cut(start, stop, (int) count);
    }

    /** Removes the {@code entries} entries between offsets {@code start} and {@code stop}. */
    private void cut(int start, int stop, int entries) {
        int end = end();
        memory.copy(block, stop, block, start, end - stop);
        memory.putInt(block, USED_OFFSET, used() - (stop - start));
        memory.putInt(block, COUNT_OFFSET, count() - entries);
        shrinkToFit();
    }

    private void ensureRoom(long bytes) {
        block = memory.ensureCapacity(block, end(), bytes, "packed sorted set");
    }

    private void shrinkToFit() {
        block = memory.shrinkToFit(block, end(), MIN_BLOCK);
    }

    @Override
    public void free() {
        memory.free(block);
    }

    /** Checks the block's structure and order; returns the first problem, or null. */
    String verify() {
        long capacity = memory.capacity(block);
        int end = end();
        if (end > capacity) {
            return "used " + used() + " past the block's capacity " + capacity;
        }
        int seen = 0;
        int entry = HEADER_LENGTH;
        int previous = -1;
        while (entry < end) {
            if (Double.isNaN(scoreAt(entry))) {
                return "NaN score at offset " + entry;
            }
            if (previous >= 0) {
                double before = scoreAt(previous);
                double here = scoreAt(entry);
                if (before > here || before == here && compareMember(previous, member(entry)) >= 0) {
                    return "entries out of order at offset " + entry;
                }
            }
            previous = entry;
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
