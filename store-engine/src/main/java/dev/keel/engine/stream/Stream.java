package dev.keel.engine.stream;

import static dev.keel.engine.memory.OffHeapMemory.varintLength;
import static dev.keel.engine.memory.OffHeapMemory.varlongLength;
import static dev.keel.engine.stream.EntryBlockDescriptor.COUNT_OFFSET;
import static dev.keel.engine.stream.EntryBlockDescriptor.DELETED;
import static dev.keel.engine.stream.EntryBlockDescriptor.ENTRIES_OFFSET;
import static dev.keel.engine.stream.EntryBlockDescriptor.LIVE_OFFSET;
import static dev.keel.engine.stream.EntryBlockDescriptor.MASTER_FIELDS_OFFSET;
import static dev.keel.engine.stream.EntryBlockDescriptor.MASTER_MS_OFFSET;
import static dev.keel.engine.stream.EntryBlockDescriptor.MASTER_SEQ_OFFSET;
import static dev.keel.engine.stream.EntryBlockDescriptor.SAME_FIELDS;
import static dev.keel.engine.stream.EntryBlockDescriptor.USED_OFFSET;

import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.memory.OffHeapMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A stream, opened for the length of one command: entries with increasing IDs in off-heap blocks,
 * an ID index over the blocks, the stream's counters, and its consumer groups.
 *
 * <pre>
 * Entries
 *   Blocks (EntryBlockDescriptor) hold up to nodeMaxEntries entries and about nodeMaxBytes
 *   bytes, in ID order; an IdMap from each block's first ID to the block finds the block of an
 *   ID by binary search. XADD appends to the last block or starts a new one (the full block is
 *   then shrunk to fit). XDEL marks an entry deleted; a block whose entries are all deleted is
 *   freed and leaves the index. Trimming removes whole blocks from the front, and, unless
 *   approximate, marks entries of the block it stops in.
 *
 *   Every entry, deleted or not, is at or below the last ID, so that XADD, always above it,
 *   appends in ID order. XSETID may lower the last ID below deleted entries, though not below
 *   the last live one: those deleted entries can only trail the last block (a block needs a
 *   live entry), and XSETID cuts them off there. They were invisible already; the counters that
 *   remember them (max deleted ID, entries added) stay as they were.
 *
 * Counters (StreamDescriptor)
 *   length (live entries), the last ID ever added (XADD's floor), the recorded first ID, the
 *   largest deleted ID and the number of entries ever added, as XINFO STREAM reports them.
 *
 * Groups
 *   A SipHash-keyed table from group name to group record (see StreamGroup), created with the
 *   first group.
 * </pre>
 *
 * <p><b>Thread safety:</b> not thread safe; used under the key's stripe lock.
 */
public final class Stream {
    private static final int MIN_BLOCK = 64;

    private final Keyspace keyspace;
    private final OffHeapMemory memory;
    private final long header;
    private final int nodeMaxBytes;
    private final int nodeMaxEntries;
    private final IdMap index;
    // The entry read last by readEntry: its ID, flags and where the next one starts.
    private long entryMs;
    private long entrySeq;
    private byte entryFlags;
    private int entryEnd;

    /** Opens the stream {@code header} with the given block limits (0: no limit). */
    public Stream(Keyspace keyspace, long header, int nodeMaxBytes, int nodeMaxEntries) {
        this.keyspace = keyspace;
        this.memory = keyspace.memory();
        this.header = header;
        this.nodeMaxBytes = nodeMaxBytes;
        this.nodeMaxEntries = nodeMaxEntries;
        this.index = new IdMap(memory, memory.getLong(header, StreamDescriptor.INDEX_OFFSET));
    }

    /** Allocates an empty stream; returns its header. */
    public static long create(OffHeapMemory memory) {
        long header = memory.allocateZeroed(StreamDescriptor.LENGTH);
        memory.putLong(header, StreamDescriptor.INDEX_OFFSET, IdMap.create(memory, 8));
        return header;
    }

    /** Returns the handle the key's entry stores. */
    public long root() {
        return header;
    }

    Keyspace keyspace() {
        return keyspace;
    }

    // ------------------------------------------------------------------ counters

    private EntryId idAt(int msOffset, int seqOffset) {
        return new EntryId(memory.getLong(header, msOffset), memory.getLong(header, seqOffset));
    }

    private void putId(int msOffset, int seqOffset, EntryId id) {
        memory.putLong(header, msOffset, id.ms());
        memory.putLong(header, seqOffset, id.seq());
    }

    /** Returns the number of entries (deleted ones not counted). */
    public long length() {
        return memory.getLong(header, StreamDescriptor.LENGTH_OFFSET);
    }

    private void addLength(long delta) {
        memory.putLong(header, StreamDescriptor.LENGTH_OFFSET, length() + delta);
    }

    /** Returns the largest ID ever added or set (XADD's floor; 0-0 for a new stream). */
    public EntryId lastId() {
        return idAt(StreamDescriptor.LAST_MS_OFFSET, StreamDescriptor.LAST_SEQ_OFFSET);
    }

    /**
     * Sets the last ID (XSETID), which must not be below the last entry. Lowering it below
     * deleted entries cuts them off the end of the last block (see the class comment).
     *
     * @throws IllegalArgumentException if {@code id} is below the last entry; nothing changes
     */
    public void setLastId(EntryId id) {
        if (id.compareTo(lastId()) < 0) {
            cutDeletedAbove(id);
        }
        putId(StreamDescriptor.LAST_MS_OFFSET, StreamDescriptor.LAST_SEQ_OFFSET, id);
    }

    /** Returns the recorded first entry ID (0-0 when empty), as XINFO STREAM reports it. */
    public EntryId recordedFirstId() {
        return idAt(StreamDescriptor.FIRST_MS_OFFSET, StreamDescriptor.FIRST_SEQ_OFFSET);
    }

    private void refreshFirstId() {
        EntryId first = firstEntryId();
        putId(StreamDescriptor.FIRST_MS_OFFSET, StreamDescriptor.FIRST_SEQ_OFFSET, first == null ? EntryId.MIN : first);
    }

    /** Returns the largest ID deleted so far (0-0 if none). */
    public EntryId maxDeletedId() {
        return idAt(StreamDescriptor.MAX_DELETED_MS_OFFSET, StreamDescriptor.MAX_DELETED_SEQ_OFFSET);
    }

    /** Sets the largest deleted ID (XSETID MAXDELETEDID, and trimming). */
    public void setMaxDeletedId(EntryId id) {
        putId(StreamDescriptor.MAX_DELETED_MS_OFFSET, StreamDescriptor.MAX_DELETED_SEQ_OFFSET, id);
    }

    private void noteDeleted(long ms, long seq) {
        EntryId id = new EntryId(ms, seq);
        if (id.compareTo(maxDeletedId()) > 0) {
            setMaxDeletedId(id);
        }
    }

    /** Returns how many entries were ever added. */
    public long entriesAdded() {
        return memory.getLong(header, StreamDescriptor.ENTRIES_ADDED_OFFSET);
    }

    /** Sets the count of entries ever added (XSETID ENTRIESADDED). */
    public void setEntriesAdded(long count) {
        memory.putLong(header, StreamDescriptor.ENTRIES_ADDED_OFFSET, count);
    }

    /** Returns the number of entry blocks (XINFO STREAM's radix-tree-keys). */
    public long blocks() {
        return index.size();
    }

    // ------------------------------------------------------------------ blocks

    private int count(long block) {
        return memory.getInt(block, COUNT_OFFSET);
    }

    private int live(long block) {
        return memory.getInt(block, LIVE_OFFSET);
    }

    private int used(long block) {
        return memory.getInt(block, USED_OFFSET);
    }

    private int entriesStart(long block) {
        return memory.getInt(block, ENTRIES_OFFSET);
    }

    private long masterMs(long block) {
        return memory.getLong(block, MASTER_MS_OFFSET);
    }

    private long masterSeq(long block) {
        return memory.getLong(block, MASTER_SEQ_OFFSET);
    }

    /** Returns the master field names of {@code block}. */
    private byte[][] masterFields(long block) {
        int at = MASTER_FIELDS_OFFSET;
        int count = memory.getVarint(block, at);
        at += varintLength(count);
        byte[][] fields = new byte[count][];
        for (int i = 0; i < count; i++) {
            int length = memory.getVarint(block, at);
            at += varintLength(length);
            fields[i] = memory.read(block, at, length);
            at += length;
        }
        return fields;
    }

    /** Returns whether {@code fieldsAndValues} has exactly the field names {@code master}, in order. */
    private static boolean sameFields(byte[][] master, byte[][] fieldsAndValues) {
        if (master.length * 2 != fieldsAndValues.length) {
            return false;
        }
        for (int i = 0; i < master.length; i++) {
            if (!Arrays.equals(master[i], fieldsAndValues[2 * i])) {
                return false;
            }
        }
        return true;
    }

    private static long bytesLength(byte[] bytes) {
        return varintLength(bytes.length) + (long) bytes.length;
    }

    /** Returns the bytes of an entry, stored with only its values if {@code same}. */
    private static long entryLength(long msDelta, long seq, byte[][] fieldsAndValues, boolean same) {
        long length = 1 + varlongLength(msDelta) + varlongLength(seq);
        if (!same) {
            length += varintLength(fieldsAndValues.length / 2);
        }
        for (int i = same ? 1 : 0; i < fieldsAndValues.length; i += same ? 2 : 1) {
            length += bytesLength(fieldsAndValues[i]);
        }
        return length;
    }

    private int writeBytes(long block, int at, byte[] bytes) {
        int offset = (int) memory.putVarint(block, at, bytes.length);
        memory.write(block, offset, bytes, 0, bytes.length);
        return offset + bytes.length;
    }

    /** Starts a block whose master is the entry (ms, seq, fields), with room for it. */
    private long newBlock(long ms, long seq, byte[][] fieldsAndValues) {
        long masterLength = varintLength(fieldsAndValues.length / 2);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            masterLength += bytesLength(fieldsAndValues[i]);
        }
        long start = MASTER_FIELDS_OFFSET + masterLength;
        long first = entryLength(0, seq, fieldsAndValues, true);
        if (start + first > Integer.MAX_VALUE / 2) {
            throw new IllegalStateException("stream entry too large: " + (start + first) + " bytes");
        }
        long block = memory.allocate(Math.max(MIN_BLOCK, start + first + first / 2));
        memory.putInt(block, COUNT_OFFSET, 0);
        memory.putInt(block, LIVE_OFFSET, 0);
        memory.putInt(block, USED_OFFSET, (int) start);
        memory.putInt(block, ENTRIES_OFFSET, (int) start);
        memory.putLong(block, MASTER_MS_OFFSET, ms);
        memory.putLong(block, MASTER_SEQ_OFFSET, seq);
        int at = (int) memory.putVarint(block, MASTER_FIELDS_OFFSET, fieldsAndValues.length / 2);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            at = writeBytes(block, at, fieldsAndValues[i]);
        }
        return block;
    }

    /**
     * Reads the entry of {@code block} at {@code at}: sets its ID, flags and end; returns its
     * field-value pairs if {@code decode}, else null.
     */
    private byte[][] readEntry(long block, int at, byte[][] master, boolean decode) {
        int offset = at;
        entryFlags = memory.getByte(block, offset++);
        long msDelta = memory.getVarlong(block, offset);
        offset += varlongLength(msDelta);
        entrySeq = memory.getVarlong(block, offset);
        offset += varlongLength(entrySeq);
        entryMs = masterMs(block) + msDelta;
        boolean same = (entryFlags & SAME_FIELDS) != 0;
        int pairs = same ? master.length : memory.getVarint(block, offset);
        if (!same) {
            offset += varintLength(pairs);
        }
        byte[][] fieldsAndValues = decode ? new byte[2 * pairs][] : null;
        for (int i = 0; i < pairs; i++) {
            if (same) {
                if (decode) {
                    fieldsAndValues[2 * i] = master[i];
                }
            } else {
                int length = memory.getVarint(block, offset);
                offset += varintLength(length);
                if (decode) {
                    fieldsAndValues[2 * i] = memory.read(block, offset, length);
                }
                offset += length;
            }
            int length = memory.getVarint(block, offset);
            offset += varintLength(length);
            if (decode) {
                fieldsAndValues[2 * i + 1] = memory.read(block, offset, length);
            }
            offset += length;
        }
        entryEnd = offset;
        return fieldsAndValues;
    }

    private boolean deleted() {
        return (entryFlags & DELETED) != 0;
    }

    private static int compare(long ms, long seq, EntryId id) {
        int byMs = Long.compareUnsigned(ms, id.ms());
        return byMs != 0 ? byMs : Long.compareUnsigned(seq, id.seq());
    }

    // ------------------------------------------------------------------ adding

    /**
     * Appends an entry with {@code id}, which must be above {@link #lastId()}, and
     * {@code fieldsAndValues} (field, value, ...; at least one pair). Counts it, and makes it the
     * last ID (and the recorded first one, if the stream was empty).
     */
    public void append(EntryId id, byte[][] fieldsAndValues) {
        if (fieldsAndValues.length == 0 || fieldsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields and values must come in pairs");
        }
        if (id.compareTo(lastId()) <= 0) {
            throw new IllegalArgumentException("ID " + id + " not above the last ID " + lastId());
        }
        long block = index.placeLast() ? index.value(0) : 0;
        byte[][] master = null;
        long length = 0;
        boolean same = false;
        if (block != 0) {
            master = masterFields(block);
            same = sameFields(master, fieldsAndValues);
            length = entryLength(id.ms() - masterMs(block), id.seq(), fieldsAndValues, same);
        }
        boolean full = block == 0
                || nodeMaxEntries > 0 && count(block) >= nodeMaxEntries
                || nodeMaxBytes > 0 && used(block) + length > nodeMaxBytes
                || used(block) + length > Integer.MAX_VALUE / 2;
        if (full) {
            if (block != 0) {
                // A full block takes no more entries (unless XSETID cuts its tail): give back its slack.
                index.setValue(0, memory.fitToSize(block, used(block)));
            }
            block = newBlock(id.ms(), id.seq(), fieldsAndValues);
            index.insert(id.ms(), id.seq());
            index.setValue(0, block);
            same = true;
            length = entryLength(0, id.seq(), fieldsAndValues, true);
        }
        int at = used(block);
        long grown = memory.ensureCapacity(block, at, at + length, "stream block");
        if (grown != block) {
            block = grown;
            index.setValue(0, block);
        }
        int offset = at;
        memory.putByte(block, offset++, same ? SAME_FIELDS : 0);
        offset = (int) memory.putVarlong(block, offset, id.ms() - masterMs(block));
        offset = (int) memory.putVarlong(block, offset, id.seq());
        if (!same) {
            offset = (int) memory.putVarint(block, offset, fieldsAndValues.length / 2);
        }
        for (int i = same ? 1 : 0; i < fieldsAndValues.length; i += same ? 2 : 1) {
            offset = writeBytes(block, offset, fieldsAndValues[i]);
        }
        memory.putInt(block, USED_OFFSET, offset);
        memory.putInt(block, COUNT_OFFSET, count(block) + 1);
        memory.putInt(block, LIVE_OFFSET, live(block) + 1);
        if (length() == 0) {
            putId(StreamDescriptor.FIRST_MS_OFFSET, StreamDescriptor.FIRST_SEQ_OFFSET, id);
        }
        addLength(1);
        setLastId(id);
        setEntriesAdded(entriesAdded() + 1);
    }

    // ------------------------------------------------------------------ reading

    /** Places the index cursor on the block that would hold {@code id}; returns it, or 0. */
    private long blockOf(EntryId id) {
        return index.seek(id.ms(), id.seq(), false) ? index.value(0) : 0;
    }

    /** Returns the field-value pairs of the entry {@code id}, or null if there is none (or it was deleted). */
    public byte[][] get(EntryId id) {
        long block = blockOf(id);
        if (block == 0) {
            return null;
        }
        byte[][] master = masterFields(block);
        for (int at = entriesStart(block), end = used(block); at < end; at = entryEnd) {
            byte[][] fields = readEntry(block, at, master, false);
            int order = compare(entryMs, entrySeq, id);
            if (order == 0) {
                return deleted() ? null : readEntry(block, at, master, true);
            }
            if (order > 0) {
                return null;
            }
        }
        return null;
    }

    /**
     * Returns up to {@code count} entries with IDs from {@code start} to {@code end} (both
     * inclusive), ascending, or descending from {@code end} if {@code reverse}.
     */
    public List<StreamEntry> range(EntryId start, EntryId end, boolean reverse, long count) {
        List<StreamEntry> entries = new ArrayList<>();
        if (count <= 0 || start.compareTo(end) > 0) {
            return entries;
        }
        boolean more = reverse ? index.seek(end.ms(), end.seq(), false)
                : index.seek(start.ms(), start.seq(), false) || index.placeFirst();
        while (more && entries.size() < count) {
            long block = index.value(0);
            byte[][] master = masterFields(block);
            if (reverse) {
                // Entries cannot be walked backwards: note the offsets of those in range, then
                // decode from the last one down only as many as the count asks for.
                int[] offsets = new int[count(block)];
                int found = 0;
                for (int at = entriesStart(block), stop = used(block); at < stop; at = entryEnd) {
                    readEntry(block, at, master, false);
                    if (compare(entryMs, entrySeq, end) > 0) {
                        break;
                    }
                    if (!deleted()) {
                        offsets[found++] = at;
                    }
                }
                for (int i = found - 1; i >= 0 && entries.size() < count; i--) {
                    byte[][] fields = readEntry(block, offsets[i], master, true);
                    if (compare(entryMs, entrySeq, start) < 0) {
                        return entries;
                    }
                    entries.add(new StreamEntry(new EntryId(entryMs, entrySeq), fields));
                }
                more = index.previous();
            } else {
                for (int at = entriesStart(block), stop = used(block); at < stop && entries.size() < count; at = entryEnd) {
                    readEntry(block, at, master, false);
                    if (compare(entryMs, entrySeq, end) > 0) {
                        return entries;
                    }
                    if (!deleted() && compare(entryMs, entrySeq, start) >= 0) {
                        // Decoded only when returned: the entries before the start are skipped.
                        byte[][] fields = readEntry(block, at, master, true);
                        entries.add(new StreamEntry(new EntryId(entryMs, entrySeq), fields));
                    }
                }
                more = index.next();
            }
        }
        return entries;
    }

    /** Returns the ID of the first entry, or null if the stream has none. */
    public EntryId firstEntryId() {
        List<StreamEntry> first = range(EntryId.MIN, EntryId.MAX, false, 1);
        return first.isEmpty() ? null : first.get(0).id();
    }

    /** Returns the ID of the last entry, or null if the stream has none. */
    public EntryId lastEntryId() {
        List<StreamEntry> last = range(EntryId.MIN, EntryId.MAX, true, 1);
        return last.isEmpty() ? null : last.get(0).id();
    }

    // ------------------------------------------------------------------ deleting and trimming

    /**
     * Cuts the entries above {@code id}, all deleted, off the end of the last block, which keeps
     * its live entries and so at least one entry; its capacity stays for the next appends.
     *
     * @throws IllegalArgumentException if a live entry is above {@code id}; nothing changes
     */
    private void cutDeletedAbove(EntryId id) {
        if (!index.placeLast()) {
            return;
        }
        long block = index.value(0);
        byte[][] master = masterFields(block);
        int kept = 0;
        int cutAt = -1;
        for (int at = entriesStart(block), end = used(block); at < end; at = entryEnd) {
            readEntry(block, at, master, false);
            if (cutAt < 0 && compare(entryMs, entrySeq, id) > 0) {
                cutAt = at;
            }
            if (cutAt < 0) {
                kept++;
            } else if (!deleted()) {
                throw new IllegalArgumentException("last ID " + id + " below the entry " + new EntryId(entryMs, entrySeq));
            }
        }
        if (cutAt >= 0) {
            memory.putInt(block, USED_OFFSET, cutAt);
            memory.putInt(block, COUNT_OFFSET, kept);
        }
    }

    /**
     * Deletes the entry {@code id}; returns whether there was one. Notes it as deleted (the
     * largest deleted ID), frees its block if nothing is left in it, and refreshes the recorded
     * first ID if it was the first.
     */
    public boolean delete(EntryId id) {
        long block = blockOf(id);
        if (block == 0) {
            return false;
        }
        byte[][] master = masterFields(block);
        for (int at = entriesStart(block), end = used(block); at < end; at = entryEnd) {
            readEntry(block, at, master, false);
            int order = compare(entryMs, entrySeq, id);
            if (order > 0) {
                return false;
            }
            if (order == 0) {
                if (deleted()) {
                    return false;
                }
                markDeleted(block, at);
                noteDeleted(id.ms(), id.seq());
                if (id.equals(recordedFirstId())) {
                    refreshFirstId();
                }
                return true;
            }
        }
        return false;
    }

    /** Marks the entry at {@code at} deleted; frees the block (the index cursor is on it) if it was its last. */
    private void markDeleted(long block, int at) {
        memory.putByte(block, at, (byte) (memory.getByte(block, at) | DELETED));
        int live = live(block) - 1;
        memory.putInt(block, LIVE_OFFSET, live);
        addLength(-1);
        if (live == 0) {
            index.removeAtCursor();
            memory.free(block);
        }
    }

    /**
     * Trims from the oldest entries: while the stream is longer than {@code maxLen} (or, if
     * {@code minId} is not null, while its first entry is below {@code minId}). Whole blocks go
     * first; if {@code approximate}, trimming stops at the first block it cannot remove whole,
     * and removes no more than {@code limit} entries if {@code limit} is positive; otherwise the
     * entries of that block are deleted one by one. Returns how many entries went.
     */
    public long trim(long maxLen, EntryId minId, boolean approximate, long limit) {
        long removed = 0;
        while (length() > 0 && index.placeFirst()) {
            long block = index.value(0);
            if (minId == null ? length() <= maxLen : !firstBelow(block, minId)) {
                break;
            }
            int live = live(block);
            boolean whole = minId == null ? length() - live >= maxLen : lastBelow(block, minId);
            if (whole) {
                if (limit > 0 && removed + live > limit) {
                    break;
                }
                EntryId last = lastIdIn(block);
                index.removeAtCursor();
                memory.free(block);
                addLength(-live);
                removed += live;
                noteDeleted(last.ms(), last.seq());
                continue;
            }
            if (approximate) {
                break;
            }
            byte[][] master = masterFields(block);
            for (int at = entriesStart(block), end = used(block); at < end; at = entryEnd) {
                readEntry(block, at, master, false);
                if (minId == null ? length() <= maxLen : compare(entryMs, entrySeq, minId) >= 0) {
                    break;
                }
                if (!deleted()) {
                    int next = entryEnd;
                    long ms = entryMs;
                    long seq = entrySeq;
                    boolean last = live(block) == 1;
                    markDeleted(block, at);
                    noteDeleted(ms, seq);
                    removed++;
                    if (last) {
                        break; // the block is gone
                    }
                    entryEnd = next;
                }
            }
            break;
        }
        if (removed > 0) {
            refreshFirstId();
        }
        return removed;
    }

    private boolean firstBelow(long block, EntryId id) {
        byte[][] master = masterFields(block);
        for (int at = entriesStart(block), end = used(block); at < end; at = entryEnd) {
            readEntry(block, at, master, false);
            if (!deleted()) {
                return compare(entryMs, entrySeq, id) < 0;
            }
        }
        return false;
    }

    /** Returns whether every live entry of {@code block} is below {@code id}. */
    private boolean lastBelow(long block, EntryId id) {
        byte[][] master = masterFields(block);
        boolean below = true;
        for (int at = entriesStart(block), end = used(block); at < end; at = entryEnd) {
            readEntry(block, at, master, false);
            if (!deleted()) {
                below = compare(entryMs, entrySeq, id) < 0;
            }
        }
        return below;
    }

    /** Returns the ID of the last entry of {@code block}, deleted or not. */
    private EntryId lastIdIn(long block) {
        byte[][] master = masterFields(block);
        for (int at = entriesStart(block), end = used(block); at < end; at = entryEnd) {
            readEntry(block, at, master, false);
        }
        return new EntryId(entryMs, entrySeq);
    }

    // ------------------------------------------------------------------ groups

    /** Returns the group {@code name}, or null. */
    public StreamGroup group(byte[] name) {
        return StreamGroups.find(this, name);
    }

    /**
     * Creates the group {@code name} with its last delivered ID and entries-read counter (-1:
     * unknown); returns it, or null if the stream has a group of that name.
     */
    public StreamGroup createGroup(byte[] name, EntryId lastDelivered, long entriesRead) {
        return StreamGroups.create(this, name, lastDelivered, entriesRead);
    }

    /** Destroys the group {@code name} with its consumers and pending entries; returns whether there was one. */
    public boolean destroyGroup(byte[] name) {
        return StreamGroups.destroy(this, name);
    }

    /** Returns the groups, by name in byte order (as Redis lists them). */
    public List<StreamGroup> groups() {
        return StreamGroups.all(this);
    }

    /** Returns the number of groups. */
    public long groupCount() {
        return StreamGroups.count(this);
    }

    // ------------------------------------------------------------------ lifecycle

    /** Frees every block, the index, the groups and the header. */
    public void free() {
        for (boolean more = index.placeFirst(); more; more = index.next()) {
            memory.free(index.value(0));
        }
        index.free();
        StreamGroups.free(this);
        memory.free(header);
    }

    long groupsTable() {
        return memory.getLong(header, StreamDescriptor.GROUPS_OFFSET);
    }

    void setGroupsTable(long table) {
        memory.putLong(header, StreamDescriptor.GROUPS_OFFSET, table);
    }

    OffHeapMemory memory() {
        return memory;
    }

    /** Returns a deep copy of this stream (blocks, counters, groups); returns its header. */
    public long duplicate() {
        long copy = memory.allocate(StreamDescriptor.LENGTH);
        memory.copy(header, 0, copy, 0, StreamDescriptor.LENGTH);
        IdMap twin = new IdMap(memory, index.duplicate());
        for (boolean more = twin.placeFirst(); more; more = twin.next()) {
            long block = twin.value(0);
            long copied = memory.allocate(memory.capacity(block));
            memory.copy(block, 0, copied, 0, used(block));
            twin.setValue(0, copied);
        }
        memory.putLong(copy, StreamDescriptor.INDEX_OFFSET, twin.header());
        memory.putLong(copy, StreamDescriptor.GROUPS_OFFSET, 0);
        StreamGroups.duplicate(this, new Stream(keyspace, copy, nodeMaxBytes, nodeMaxEntries));
        return copy;
    }

    /** Checks the blocks, index, counters and groups; returns the first problem, or null. */
    public String verify() {
        String problem = index.verify();
        if (problem != null) {
            return "block index: " + problem;
        }
        long live = 0;
        EntryId previous = null;
        for (boolean more = index.placeFirst(); more; more = index.next()) {
            long block = index.value(0);
            if (index.ms() != masterMs(block) || index.seq() != masterSeq(block)) {
                return "a block's index key is not its master ID";
            }
            if (used(block) > memory.capacity(block)) {
                return "a block uses more than its capacity";
            }
            byte[][] master = masterFields(block);
            int count = 0;
            int blockLive = 0;
            for (int at = entriesStart(block), end = used(block); at < end; at = entryEnd) {
                readEntry(block, at, master, false);
                EntryId id = new EntryId(entryMs, entrySeq);
                if (previous != null && id.compareTo(previous) <= 0) {
                    return "entries out of order at " + id;
                }
                previous = id;
                count++;
                blockLive += deleted() ? 0 : 1;
            }
            if (count != count(block) || blockLive != live(block) || blockLive == 0) {
                return "a block counts " + count(block) + "/" + live(block) + " but holds " + count + "/" + blockLive;
            }
            live += blockLive;
        }
        if (live != length()) {
            return "length " + length() + " but " + live + " live entries";
        }
        if (previous != null && previous.compareTo(lastId()) > 0) {
            return "an entry " + previous + " above the last ID " + lastId();
        }
        return StreamGroups.verify(this);
    }
}
