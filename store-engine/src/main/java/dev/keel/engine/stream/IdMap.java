package dev.keel.engine.stream;

import static dev.keel.engine.stream.IdMapDescriptor.CHUNKS_OFFSET;
import static dev.keel.engine.stream.IdMapDescriptor.CHUNK_HEADER_LENGTH;
import static dev.keel.engine.stream.IdMapDescriptor.DIRECTORY_OFFSET;
import static dev.keel.engine.stream.IdMapDescriptor.DIRECTORY_SLOT_LENGTH;
import static dev.keel.engine.stream.IdMapDescriptor.HEADER_LENGTH;
import static dev.keel.engine.stream.IdMapDescriptor.RECORD_MS_OFFSET;
import static dev.keel.engine.stream.IdMapDescriptor.RECORD_SEQ_OFFSET;
import static dev.keel.engine.stream.IdMapDescriptor.RECORD_VALUE_OFFSET;
import static dev.keel.engine.stream.IdMapDescriptor.SIZE_OFFSET;
import static dev.keel.engine.stream.IdMapDescriptor.SLOT_CHUNK_OFFSET;
import static dev.keel.engine.stream.IdMapDescriptor.SLOT_MS_OFFSET;
import static dev.keel.engine.stream.IdMapDescriptor.SLOT_SEQ_OFFSET;
import static dev.keel.engine.stream.IdMapDescriptor.SLOTS_OFFSET;
import static dev.keel.engine.stream.IdMapDescriptor.VALUE_BYTES_OFFSET;

import dev.keel.engine.memory.OffHeapMemory;

/**
 * An off-heap ordered map from stream IDs to fixed-size values (0 to 24 bytes: up to three
 * longs): the index of a stream's entry blocks, a group's pending entries, a consumer's. A
 * flyweight over the header ({@link IdMapDescriptor}), whose handle never changes.
 *
 * <pre>
 * Structure
 *   Records sit in chunks of about 1 KiB, in ID order; a directory, ordered by each chunk's
 *   first ID, is searched by binary search, then the chunk. So a lookup is two binary searches,
 *   and a change moves at most one chunk's records and, when a chunk splits or empties, the
 *   directory's slots after it (a stream's IDs grow, so chunks are appended at the end).
 *   A full chunk splits in halves, or, when the record goes past the last record of the map,
 *   a new chunk starts with it; a chunk below a quarter full merges into a neighbour that has room.
 *
 * Cursor
 *   seek() places a cursor on a record; the cursor reads the record (id, value words) and moves
 *   to the next or previous one. A change to the map invalidates the cursor.
 * </pre>
 *
 * <p><b>Thread safety:</b> not thread safe; used under the key's stripe lock.
 */
final class IdMap {
    private final OffHeapMemory memory;
    private final long header;
    private final int valueBytes;
    private final int recordLength;
    private final int capacity;
    /** The cursor: directory slot and record index in that slot's chunk; -1: none. */
    private int cursorSlot = -1;
    private int cursorIndex;

    IdMap(OffHeapMemory memory, long header) {
        this.memory = memory;
        this.header = header;
        this.valueBytes = memory.getInt(header, VALUE_BYTES_OFFSET);
        this.recordLength = IdMapDescriptor.recordLength(valueBytes);
        this.capacity = IdMapDescriptor.chunkCapacity(valueBytes);
    }

    /** Allocates an empty map of values of {@code valueBytes} (0, 8, 16 or 24); returns its header. */
    static long create(OffHeapMemory memory, int valueBytes) {
        if (valueBytes < 0 || valueBytes > 24 || valueBytes % 8 != 0) {
            throw new IllegalArgumentException("value bytes " + valueBytes);
        }
        long header = memory.allocateZeroed(HEADER_LENGTH);
        memory.putInt(header, VALUE_BYTES_OFFSET, valueBytes);
        return header;
    }

    long header() {
        return header;
    }

    /** Returns the number of records. */
    long size() {
        return memory.getLong(header, SIZE_OFFSET);
    }

    private void addSize(long delta) {
        memory.putLong(header, SIZE_OFFSET, size() + delta);
    }

    /** Returns the number of chunks. */
    int chunks() {
        return memory.getInt(header, CHUNKS_OFFSET);
    }

    private void setChunks(int chunks) {
        memory.putInt(header, CHUNKS_OFFSET, chunks);
    }

    private long directory() {
        return memory.getLong(header, DIRECTORY_OFFSET);
    }

    // ------------------------------------------------------------------ directory and chunks

    private static long slotOffset(int slot) {
        return (long) slot * DIRECTORY_SLOT_LENGTH;
    }

    private long chunk(int slot) {
        return memory.getLong(directory(), slotOffset(slot) + SLOT_CHUNK_OFFSET);
    }

    private long slotMs(int slot) {
        return memory.getLong(directory(), slotOffset(slot) + SLOT_MS_OFFSET);
    }

    private long slotSeq(int slot) {
        return memory.getLong(directory(), slotOffset(slot) + SLOT_SEQ_OFFSET);
    }

    private void setSlot(int slot, long ms, long seq, long chunk) {
        long directory = directory();
        memory.putLong(directory, slotOffset(slot) + SLOT_MS_OFFSET, ms);
        memory.putLong(directory, slotOffset(slot) + SLOT_SEQ_OFFSET, seq);
        memory.putLong(directory, slotOffset(slot) + SLOT_CHUNK_OFFSET, chunk);
    }

    /** Makes the directory's slot {@code slot} first ID that of its chunk's first record. */
    private void refreshSlot(int slot) {
        long chunk = chunk(slot);
        setSlot(slot, recordMs(chunk, 0), recordSeq(chunk, 0), chunk);
    }

    /** Opens a directory slot at {@code slot}, moving the later ones up; grows the directory. */
    private void openSlot(int slot) {
        int chunks = chunks();
        int slots = memory.getInt(header, SLOTS_OFFSET);
        if (chunks == slots) {
            int grown = Math.max(4, slots + slots / 2);
            long bigger = memory.allocate((long) grown * DIRECTORY_SLOT_LENGTH);
            if (directory() != 0) {
                memory.copy(directory(), 0, bigger, 0, slotOffset(chunks));
                memory.free(directory());
            }
            memory.putLong(header, DIRECTORY_OFFSET, bigger);
            memory.putInt(header, SLOTS_OFFSET, grown);
        }
        memory.copy(directory(), slotOffset(slot), directory(), slotOffset(slot + 1), slotOffset(chunks - slot));
        setChunks(chunks + 1);
    }

    /** Removes directory slot {@code slot} (its chunk already freed). */
    private void closeSlot(int slot) {
        int chunks = chunks();
        memory.copy(directory(), slotOffset(slot + 1), directory(), slotOffset(slot), slotOffset(chunks - slot - 1));
        setChunks(chunks - 1);
        if (chunks == 1) {
            memory.free(directory());
            memory.putLong(header, DIRECTORY_OFFSET, 0);
            memory.putInt(header, SLOTS_OFFSET, 0);
        }
    }

    private int count(long chunk) {
        return memory.getInt(chunk, 0);
    }

    private void setCount(long chunk, int count) {
        memory.putInt(chunk, 0, count);
    }

    private long recordOffset(int index) {
        return CHUNK_HEADER_LENGTH + (long) index * recordLength;
    }

    private long recordMs(long chunk, int index) {
        return memory.getLong(chunk, recordOffset(index) + RECORD_MS_OFFSET);
    }

    private long recordSeq(long chunk, int index) {
        return memory.getLong(chunk, recordOffset(index) + RECORD_SEQ_OFFSET);
    }

    private void moveRecords(long from, int fromIndex, long to, int toIndex, int records) {
        if (records > 0) {
            memory.copy(from, recordOffset(fromIndex), to, recordOffset(toIndex), (long) records * recordLength);
        }
    }

    private long newChunk() {
        long chunk = memory.allocate(recordOffset(capacity));
        memory.putLong(chunk, 0, 0);
        return chunk;
    }

    private static int compare(long ms, long seq, long otherMs, long otherSeq) {
        int byMs = Long.compareUnsigned(ms, otherMs);
        return byMs != 0 ? byMs : Long.compareUnsigned(seq, otherSeq);
    }

    /** Returns the last directory slot whose first ID is at most (ms, seq), or -1 if none is. */
    private int slotAtMost(long ms, long seq) {
        int low = 0;
        int high = chunks();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (compare(slotMs(middle), slotSeq(middle), ms, seq) <= 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low - 1;
    }

    /** Returns how many records of {@code chunk} are below (ms, seq), or at most it if {@code orEqual}. */
    private int countBelow(long chunk, long ms, long seq, boolean orEqual) {
        int low = 0;
        int high = count(chunk);
        while (low < high) {
            int middle = (low + high) >>> 1;
            int order = compare(recordMs(chunk, middle), recordSeq(chunk, middle), ms, seq);
            if (order < 0 || orEqual && order == 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    // ------------------------------------------------------------------ lookups and the cursor

    /** Places the cursor on the record (ms, seq); returns whether there is one. */
    boolean find(long ms, long seq) {
        int slot = slotAtMost(ms, seq);
        if (slot < 0) {
            cursorSlot = -1;
            return false;
        }
        long chunk = chunk(slot);
        int index = countBelow(chunk, ms, seq, false);
        if (index < count(chunk) && recordMs(chunk, index) == ms && recordSeq(chunk, index) == seq) {
            cursorSlot = slot;
            cursorIndex = index;
            return true;
        }
        cursorSlot = -1;
        return false;
    }

    /**
     * Places the cursor on the first record at or after (ms, seq) ({@code forward}), or the last
     * one at or before it; returns whether there is one.
     */
    boolean seek(long ms, long seq, boolean forward) {
        int slot = slotAtMost(ms, seq);
        if (forward) {
            if (slot < 0) {
                return placeFirst();
            }
            long chunk = chunk(slot);
            int index = countBelow(chunk, ms, seq, false);
            if (index < count(chunk)) {
                return place(slot, index);
            }
            return slot + 1 < chunks() ? place(slot + 1, 0) : none();
        }
        if (slot < 0) {
            return none();
        }
        long chunk = chunk(slot);
        int index = countBelow(chunk, ms, seq, true) - 1;
        return index >= 0 ? place(slot, index) : none();
    }

    /** Places the cursor on the first record; returns whether there is one. */
    boolean placeFirst() {
        return chunks() > 0 ? place(0, 0) : none();
    }

    /** Places the cursor on the last record; returns whether there is one. */
    boolean placeLast() {
        int chunks = chunks();
        return chunks > 0 ? place(chunks - 1, count(chunk(chunks - 1)) - 1) : none();
    }

    private boolean place(int slot, int index) {
        cursorSlot = slot;
        cursorIndex = index;
        return true;
    }

    private boolean none() {
        cursorSlot = -1;
        return false;
    }

    /** Returns whether the cursor is on a record. */
    boolean valid() {
        return cursorSlot >= 0;
    }

    /** Moves the cursor to the next record; returns whether there is one. */
    boolean next() {
        if (++cursorIndex < count(chunk(cursorSlot))) {
            return true;
        }
        return cursorSlot + 1 < chunks() ? place(cursorSlot + 1, 0) : none();
    }

    /** Moves the cursor to the previous record; returns whether there is one. */
    boolean previous() {
        if (--cursorIndex >= 0) {
            return true;
        }
        return cursorSlot > 0 ? place(cursorSlot - 1, count(chunk(cursorSlot - 1)) - 1) : none();
    }

    /** Returns the milliseconds of the cursor's record. */
    long ms() {
        return recordMs(chunk(cursorSlot), cursorIndex);
    }

    /** Returns the sequence of the cursor's record. */
    long seq() {
        return recordSeq(chunk(cursorSlot), cursorIndex);
    }

    /** Returns the ID of the cursor's record. */
    EntryId id() {
        return new EntryId(ms(), seq());
    }

    /** Returns value word {@code word} (0, 1 or 2) of the cursor's record. */
    long value(int word) {
        return memory.getLong(chunk(cursorSlot), recordOffset(cursorIndex) + RECORD_VALUE_OFFSET + 8L * word);
    }

    /** Sets value word {@code word} of the cursor's record. */
    void setValue(int word, long value) {
        memory.putLong(chunk(cursorSlot), recordOffset(cursorIndex) + RECORD_VALUE_OFFSET + 8L * word, value);
    }

    // ------------------------------------------------------------------ changing

    /**
     * Places the cursor on the record (ms, seq), adding it (with a zero value) if absent; returns
     * whether it was added. Set its value with {@link #setValue}.
     */
    boolean insert(long ms, long seq) {
        if (chunks() == 0) {
            long chunk = newChunk();
            openSlot(0);
            writeRecord(chunk, 0, ms, seq);
            setCount(chunk, 1);
            setSlot(0, ms, seq, chunk);
            addSize(1);
            return place(0, 0);
        }
        int slot = Math.max(0, slotAtMost(ms, seq));
        long chunk = chunk(slot);
        int n = count(chunk);
        int index = countBelow(chunk, ms, seq, false);
        if (index < n && recordMs(chunk, index) == ms && recordSeq(chunk, index) == seq) {
            return !place(slot, index);
        }
        addSize(1);
        if (n < capacity) {
            moveRecords(chunk, index, chunk, index + 1, n - index);
            writeRecord(chunk, index, ms, seq);
            setCount(chunk, n + 1);
            if (index == 0) {
                refreshSlot(slot);
            }
            return place(slot, index);
        }
        long right = newChunk();
        boolean appending = index == n && slot == chunks() - 1;
        int leftCount = appending ? n : (n + 1) / 2;
        if (index < leftCount) {
            moveRecords(chunk, leftCount - 1, right, 0, n + 1 - leftCount);
            moveRecords(chunk, index, chunk, index + 1, leftCount - 1 - index);
            writeRecord(chunk, index, ms, seq);
        } else {
            int before = index - leftCount;
            moveRecords(chunk, leftCount, right, 0, before);
            writeRecord(right, before, ms, seq);
            moveRecords(chunk, index, right, before + 1, n - index);
        }
        setCount(chunk, leftCount);
        setCount(right, n + 1 - leftCount);
        refreshSlot(slot);
        openSlot(slot + 1);
        refreshSlotTo(slot + 1, right);
        return index < leftCount ? place(slot, index) : place(slot + 1, index - leftCount);
    }

    private void refreshSlotTo(int slot, long chunk) {
        setSlot(slot, recordMs(chunk, 0), recordSeq(chunk, 0), chunk);
    }

    private void writeRecord(long chunk, int index, long ms, long seq) {
        long at = recordOffset(index);
        memory.putLong(chunk, at + RECORD_MS_OFFSET, ms);
        memory.putLong(chunk, at + RECORD_SEQ_OFFSET, seq);
        if (valueBytes > 0) {
            memory.fill(chunk, at + RECORD_VALUE_OFFSET, valueBytes, (byte) 0);
        }
    }

    /** Removes the record (ms, seq); returns whether it was there. */
    boolean remove(long ms, long seq) {
        if (!find(ms, seq)) {
            return false;
        }
        removeAtCursor();
        return true;
    }

    /** Removes the cursor's record; the cursor is then invalid. */
    void removeAtCursor() {
        int slot = cursorSlot;
        int index = cursorIndex;
        long chunk = chunk(slot);
        int n = count(chunk) - 1;
        moveRecords(chunk, index + 1, chunk, index, n - index);
        setCount(chunk, n);
        addSize(-1);
        cursorSlot = -1;
        if (n == 0) {
            memory.free(chunk);
            closeSlot(slot);
            return;
        }
        if (index == 0) {
            refreshSlot(slot);
        }
        if (n < capacity / 4) {
            mergeSmall(slot);
        }
    }

    /** Merges the chunk at {@code slot} into a neighbour with room for it. */
    private void mergeSmall(int slot) {
        long chunk = chunk(slot);
        int n = count(chunk);
        if (slot > 0 && count(chunk(slot - 1)) + n <= capacity) {
            long left = chunk(slot - 1);
            moveRecords(chunk, 0, left, count(left), n);
            setCount(left, count(left) + n);
            memory.free(chunk);
            closeSlot(slot);
        } else if (slot + 1 < chunks() && count(chunk(slot + 1)) + n <= capacity) {
            long right = chunk(slot + 1);
            moveRecords(right, 0, chunk, n, count(right));
            setCount(chunk, n + count(right));
            memory.free(right);
            closeSlot(slot + 1);
        }
    }

    /** Frees every chunk, the directory and the header. */
    void free() {
        for (int slot = 0, chunks = chunks(); slot < chunks; slot++) {
            memory.free(chunk(slot));
        }
        if (directory() != 0) {
            memory.free(directory());
        }
        memory.free(header);
    }

    /** Returns a deep copy of this map; returns its header. */
    long duplicate() {
        long copy = create(memory, valueBytes);
        IdMap target = new IdMap(memory, copy);
        for (int slot = 0, chunks = chunks(); slot < chunks; slot++) {
            long chunk = chunk(slot);
            long twin = target.newChunk();
            memory.copy(chunk, 0, twin, 0, recordOffset(count(chunk)));
            target.openSlot(slot);
            target.refreshSlotTo(slot, twin);
        }
        memory.putLong(copy, SIZE_OFFSET, size());
        return copy;
    }

    /** Checks order, counts and the directory; returns the first problem, or null. */
    String verify() {
        long seen = 0;
        long lastMs = 0;
        long lastSeq = 0;
        for (int slot = 0, chunks = chunks(); slot < chunks; slot++) {
            long chunk = chunk(slot);
            int n = count(chunk);
            if (n < 1 || n > capacity) {
                return "a chunk holds " + n + " records";
            }
            if (slotMs(slot) != recordMs(chunk, 0) || slotSeq(slot) != recordSeq(chunk, 0)) {
                return "a directory slot's first ID is not its chunk's";
            }
            for (int i = 0; i < n; i++) {
                long ms = recordMs(chunk, i);
                long seq = recordSeq(chunk, i);
                if (seen > 0 && compare(lastMs, lastSeq, ms, seq) >= 0) {
                    return "records out of order at " + new EntryId(ms, seq);
                }
                lastMs = ms;
                lastSeq = seq;
                seen++;
            }
        }
        return seen == size() ? null : "size " + size() + " but " + seen + " records";
    }
}
