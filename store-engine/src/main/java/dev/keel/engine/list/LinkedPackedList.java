package dev.keel.engine.list;

import static dev.keel.engine.list.ListNodeDescriptor.COUNT_OFFSET;
import static dev.keel.engine.list.ListNodeDescriptor.END_OFFSET;
import static dev.keel.engine.list.ListNodeDescriptor.HEADER_LENGTH;
import static dev.keel.engine.list.ListNodeDescriptor.NEXT_OFFSET;
import static dev.keel.engine.list.ListNodeDescriptor.PREVIOUS_OFFSET;
import static dev.keel.engine.list.ListNodeDescriptor.RESERVED_OFFSET;
import static dev.keel.engine.list.ListNodeDescriptor.START_OFFSET;
import static dev.keel.engine.list.ListNodeDescriptor.entryLength;
import static dev.keel.engine.memory.OffHeapMemory.varintLength;

import dev.keel.engine.memory.OffHeapMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One list value, opened for the length of one command: a chain of packed nodes off-heap.
 *
 * <pre>
 * Structure
 *   A list is a doubly linked chain of nodes (ListNodeDescriptor), each a block of at most
 *   maxNodeBytes bytes, header included (one entry at least, however big), so that a full node
 *   fills its allocator size class exactly. In the packed encoding the
 *   chain has one node and the key's value is that node; in the linked encoding the value is a
 *   header (ListHeaderDescriptor) holding head, tail and counts. Pushes and pops at either end
 *   touch one node and are O(1); an index walks nodes from the nearer end, then entries.
 *
 * Encoding conversion (commit())
 *   packed -> linked when a push or an insert needs a second node, or when the one node outgrows
 *   maxNodeBytes (a single element bigger than a node, as Redis 7.2 makes such a list a
 *   quicklist); linked -> packed when one node is left and its entries fill at most half of a
 *   node, so a list near the limit does not flip back and forth. maxNodeBytes of 32 or less keeps
 *   every list linked, one element a node.
 *
 * Memory
 *   Nodes and header are owned by the key's entry; callers free them through free(). Changes in
 *   the middle of a node (LSET with another size, LINSERT, LREM) rewrite that one node, reading
 *   its entries (at most maxNodeBytes) onto the heap for the duration of the command, and join
 *   the result with a neighbour when both fit in one node, so nodes stay well filled.
 * </pre>
 *
 * <p><b>Thread safety:</b> not thread safe; used under the key's stripe lock.
 */
public final class LinkedPackedList {
    private static final int MIN_NODE_CAPACITY = 48;

    private final OffHeapMemory memory;
    /** The most bytes of entries in a node: the block size limit less the node header. */
    private final int dataLimit;
    private long header;
    private long head;
    private long tail;
    private long count;
    private long nodes;

    private LinkedPackedList(OffHeapMemory memory, int maxNodeBytes) {
        this.memory = memory;
        this.dataLimit = Math.max(0, maxNodeBytes - HEADER_LENGTH);
    }

    /** Returns an empty list, to be filled and then committed. */
    public static LinkedPackedList empty(OffHeapMemory memory, int maxNodeBytes) {
        return new LinkedPackedList(memory, maxNodeBytes);
    }

    /** Opens the list whose value handle is {@code root}, stored with {@code encoding}. */
    public static LinkedPackedList open(OffHeapMemory memory, int maxNodeBytes, long root, byte encoding) {
        LinkedPackedList list = new LinkedPackedList(memory, maxNodeBytes);
        if (encoding == ListEncoding.PACKED) {
            list.head = root;
            list.tail = root;
            list.count = list.nodeCount(root);
            list.nodes = 1;
        } else if (encoding == ListEncoding.NODES) {
            list.header = root;
            list.head = memory.getLong(root, ListHeaderDescriptor.HEAD_OFFSET);
            list.tail = memory.getLong(root, ListHeaderDescriptor.TAIL_OFFSET);
            list.count = memory.getLong(root, ListHeaderDescriptor.COUNT_OFFSET);
            list.nodes = memory.getLong(root, ListHeaderDescriptor.NODES_OFFSET);
        } else {
            throw new IllegalStateException("corrupt list: unknown encoding " + encoding);
        }
        return list;
    }

    /** Returns the number of elements. */
    public long size() {
        return count;
    }

    /** Returns whether the list has no element left (its key must then be removed). */
    public boolean isEmpty() {
        return count == 0;
    }

    // ------------------------------------------------------------------ node fields

    private long previous(long node) {
        return memory.getLong(node, PREVIOUS_OFFSET);
    }

    private long next(long node) {
        return memory.getLong(node, NEXT_OFFSET);
    }

    private int nodeCount(long node) {
        return memory.getInt(node, COUNT_OFFSET);
    }

    private int start(long node) {
        return memory.getInt(node, START_OFFSET);
    }

    private int end(long node) {
        return memory.getInt(node, END_OFFSET);
    }

    private int used(long node) {
        return end(node) - start(node);
    }

    private void setCount(long node, int value) {
        memory.putInt(node, COUNT_OFFSET, value);
    }

    private void setStart(long node, int value) {
        memory.putInt(node, START_OFFSET, value);
    }

    private void setEnd(long node, int value) {
        memory.putInt(node, END_OFFSET, value);
    }

    // ------------------------------------------------------------------ entries

    /** Writes an entry holding {@code value} at {@code offset} of {@code node}; returns its length. */
    private int writeEntry(long node, int offset, byte[] value) {
        int length = value.length;
        int at = (int) memory.putVarint(node, offset, length);
        memory.write(node, at, value, 0, length);
        at += length;
        int size = varintLength(length);
        for (int i = size - 1; i >= 0; i--) {
            int group = (length >>> (7 * i)) & 0x7F;
            memory.putByte(node, at++, (byte) (i == 0 ? (size > 1 ? group | 0x80 : group) : (i == size - 1 ? group : group | 0x80)));
        }
        return at - offset;
    }

    /** Returns the value length of the entry starting at {@code offset}. */
    private int lengthAt(long node, int offset) {
        return memory.getVarint(node, offset);
    }

    /** Returns the value length of the entry ending at {@code endOffset}. */
    private int lengthBefore(long node, int endOffset) {
        int length = 0;
        int shift = 0;
        int at = endOffset - 1;
        while (true) {
            int b = memory.getByte(node, at--) & 0xFF;
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return length;
            }
            shift += 7;
            if (shift > 28) {
                throw new IllegalStateException("corrupt list entry length");
            }
        }
    }

    private byte[] valueAt(long node, int offset) {
        int length = lengthAt(node, offset);
        return memory.read(node, offset + varintLength(length), length);
    }

    private boolean valueEquals(long node, int offset, byte[] value) {
        int length = lengthAt(node, offset);
        return length == value.length && memory.equals(node, offset + varintLength(length), value);
    }

    private int entryAt(long node, int offset) {
        return entryLength(lengthAt(node, offset));
    }

    /** Returns every value of {@code node}, head first. */
    private List<byte[]> readNode(long node) {
        List<byte[]> values = new ArrayList<>(nodeCount(node));
        for (int at = start(node), end = end(node); at < end; at += entryAt(node, at)) {
            values.add(valueAt(node, at));
        }
        return values;
    }

    // ------------------------------------------------------------------ node allocation and linking

    private long newNode(int dataCapacity, boolean dataAtEnd) {
        long node = memory.allocate(HEADER_LENGTH + (long) Math.max(MIN_NODE_CAPACITY, dataCapacity));
        int capacity = (int) Math.min(Integer.MAX_VALUE, memory.capacity(node));
        memory.putLong(node, PREVIOUS_OFFSET, 0);
        memory.putLong(node, NEXT_OFFSET, 0);
        setCount(node, 0);
        int offset = dataAtEnd ? capacity : HEADER_LENGTH;
        setStart(node, offset);
        setEnd(node, offset);
        memory.putInt(node, RESERVED_OFFSET, 0);
        return node;
    }

    private int capacityOf(long node) {
        return (int) Math.min(Integer.MAX_VALUE, memory.capacity(node));
    }

    /** Links {@code node} between {@code before} and {@code after} (either may be 0). */
    private void linkBetween(long node, long before, long after) {
        memory.putLong(node, PREVIOUS_OFFSET, before);
        memory.putLong(node, NEXT_OFFSET, after);
        if (before != 0) {
            memory.putLong(before, NEXT_OFFSET, node);
        } else {
            head = node;
        }
        if (after != 0) {
            memory.putLong(after, PREVIOUS_OFFSET, node);
        } else {
            tail = node;
        }
        nodes++;
    }

    /** Unlinks and frees {@code node}. */
    private void dropNode(long node) {
        long before = previous(node);
        long after = next(node);
        if (before != 0) {
            memory.putLong(before, NEXT_OFFSET, after);
        } else {
            head = after;
        }
        if (after != 0) {
            memory.putLong(after, PREVIOUS_OFFSET, before);
        } else {
            tail = before;
        }
        nodes--;
        memory.free(node);
    }

    /** Moves {@code node}'s entries to a new block with room for {@code dataCapacity} bytes; returns it. */
    private long regrow(long node, int dataCapacity, boolean dataAtEnd) {
        long grown = newNode(dataCapacity, dataAtEnd);
        int used = used(node);
        int offset = dataAtEnd ? capacityOf(grown) - used : HEADER_LENGTH;
        memory.copy(node, start(node), grown, offset, used);
        setStart(grown, offset);
        setEnd(grown, offset + used);
        setCount(grown, nodeCount(node));
        long before = previous(node);
        long after = next(node);
        nodes--;
        memory.free(node);
        linkBetween(grown, before, after);
        return grown;
    }

    private boolean fits(long node, int entry) {
        return nodeCount(node) == 0 || used(node) + (long) entry <= dataLimit;
    }

    private int growthFor(long node, int entry) {
        long wanted = Math.max((long) used(node) * 2, (long) used(node) + entry);
        return (int) Math.max(used(node) + (long) entry, Math.min(wanted, Math.max(dataLimit, used(node) + entry)));
    }

    // ------------------------------------------------------------------ push and pop

    /** Pushes {@code value} at the head or the tail. */
    public void push(byte[] value, boolean atHead) {
        int entry = entryLength(value.length);
        long node = atHead ? head : tail;
        if (node == 0 || !fits(node, entry)) {
            long fresh = newNode(entry, atHead);
            if (atHead) {
                linkBetween(fresh, 0, head);
            } else {
                linkBetween(fresh, tail, 0);
            }
            node = fresh;
        } else if (atHead ? start(node) - entry < HEADER_LENGTH : end(node) + (long) entry > capacityOf(node)) {
            node = regrow(node, growthFor(node, entry), atHead);
        }
        if (atHead) {
            int offset = start(node) - entry;
            writeEntry(node, offset, value);
            setStart(node, offset);
        } else {
            int offset = end(node);
            writeEntry(node, offset, value);
            setEnd(node, offset + entry);
        }
        setCount(node, nodeCount(node) + 1);
        count++;
    }

    /** Removes and returns the element at the head or the tail, or null if the list is empty. */
    public byte[] pop(boolean atHead) {
        if (count == 0) {
            return null;
        }
        long node = atHead ? head : tail;
        byte[] value;
        if (atHead) {
            int offset = start(node);
            value = valueAt(node, offset);
            setStart(node, offset + entryLength(value.length));
        } else {
            int endOffset = end(node);
            int length = lengthBefore(node, endOffset);
            int entryStart = endOffset - entryLength(length);
            value = memory.read(node, entryStart + varintLength(length), length);
            setEnd(node, entryStart);
        }
        setCount(node, nodeCount(node) - 1);
        count--;
        if (nodeCount(node) == 0) {
            dropNode(node);
        }
        return value;
    }

    // ------------------------------------------------------------------ positions

    /** A position: a node and the offset of an entry in it. */
    private record Position(long node, int offset) {
    }

    /** Returns the position of element {@code index} (0 to size-1). */
    private Position locate(long index) {
        if (index < count / 2) {
            long node = head;
            long skipped = 0;
            while (skipped + nodeCount(node) <= index) {
                skipped += nodeCount(node);
                node = next(node);
            }
            int offset = start(node);
            for (long i = skipped; i < index; i++) {
                offset += entryAt(node, offset);
            }
            return new Position(node, offset);
        }
        long node = tail;
        long fromEnd = count - 1 - index;
        long skipped = 0;
        while (skipped + nodeCount(node) <= fromEnd) {
            skipped += nodeCount(node);
            node = previous(node);
        }
        int offset = end(node);
        for (long i = skipped; i <= fromEnd; i++) {
            offset -= entryLength(lengthBefore(node, offset));
        }
        return new Position(node, offset);
    }

    /** Turns a Redis index (negative from the end) into 0..size-1, or -1 if out of range. */
    public long normalize(long index) {
        long resolved = index < 0 ? count + index : index;
        return resolved < 0 || resolved >= count ? -1 : resolved;
    }

    /** Returns element {@code index} (0 to size-1). */
    public byte[] get(long index) {
        Position at = locate(index);
        return valueAt(at.node(), at.offset());
    }

    /** Returns {@code length} elements from {@code index} on, head first. */
    public List<byte[]> range(long index, long length) {
        List<byte[]> values = new ArrayList<>((int) Math.min(length, 1 << 16));
        if (length <= 0) {
            return values;
        }
        Position at = locate(index);
        long node = at.node();
        int offset = at.offset();
        while (values.size() < length) {
            if (offset >= end(node)) {
                node = next(node);
                offset = start(node);
                continue;
            }
            byte[] value = valueAt(node, offset);
            values.add(value);
            offset += entryLength(value.length);
        }
        return values;
    }

    /** Visits every element, head first; each is read onto the heap, and the visitor may keep it. */
    public void forEach(Consumer<byte[]> visitor) {
        for (long node = head; node != 0; node = next(node)) {
            for (int at = start(node), end = end(node); at < end; at += entryAt(node, at)) {
                visitor.accept(valueAt(node, at));
            }
        }
    }

    /** Replaces element {@code index} (0 to size-1). */
    public void set(long index, byte[] value) {
        Position at = locate(index);
        int oldLength = lengthAt(at.node(), at.offset());
        if (entryLength(oldLength) == entryLength(value.length)) {
            writeEntry(at.node(), at.offset(), value);
            return;
        }
        List<byte[]> values = readNode(at.node());
        int position = indexInNode(at);
        values.set(position, value);
        rewrite(at.node(), values, true, true);
    }

    private int indexInNode(Position at) {
        int position = 0;
        for (int offset = start(at.node()); offset < at.offset(); offset += entryAt(at.node(), offset)) {
            position++;
        }
        return position;
    }

    /**
     * Replaces {@code node} by nodes holding {@code values} (none if empty), each within
     * maxNodeBytes, then joins the first of them with the node before ({@code joinBefore}) and
     * the last with the node after ({@code joinAfter}) where the two fit in one node, so that
     * splitting a full node again and again (LINSERT next to the same pivot, LSET to longer
     * values) does not leave a trail of nearly empty nodes. LREM leaves alone the side it walks
     * on to next.
     */
    private void rewrite(long node, List<byte[]> values, boolean joinBefore, boolean joinAfter) {
        long before = previous(node);
        long after = next(node);
        count -= nodeCount(node);
        dropNode(node);
        long previousNew = before;
        int i = 0;
        while (i < values.size()) {
            int bytes = 0;
            int j = i;
            while (j < values.size() && (j == i || bytes + entryLength(values.get(j).length) <= dataLimit)) {
                bytes += entryLength(values.get(j).length);
                j++;
            }
            long fresh = newNode(bytes, false);
            int offset = HEADER_LENGTH;
            for (int k = i; k < j; k++) {
                offset += writeEntry(fresh, offset, values.get(k));
            }
            setEnd(fresh, offset);
            setCount(fresh, j - i);
            linkBetween(fresh, previousNew, after);
            previousNew = fresh;
            count += j - i;
            i = j;
        }
        if (previousNew == before) {
            return;
        }
        if (joinAfter && after != 0) {
            joinWithNext(previousNew);
        }
        if (joinBefore && before != 0) {
            joinWithNext(before);
        }
    }

    /** Joins {@code left} and the node after it into one new node if their entries fit in one. */
    private void joinWithNext(long left) {
        long right = next(left);
        if (right == 0 || (long) used(left) + used(right) > dataLimit) {
            return;
        }
        int leftBytes = used(left);
        int total = leftBytes + used(right);
        long joined = newNode(total, false);
        memory.copy(left, start(left), joined, HEADER_LENGTH, leftBytes);
        memory.copy(right, start(right), joined, HEADER_LENGTH + leftBytes, used(right));
        setEnd(joined, HEADER_LENGTH + total);
        setCount(joined, nodeCount(left) + nodeCount(right));
        long before = previous(left);
        long after = next(right);
        dropNode(left);
        dropNode(right);
        linkBetween(joined, before, after);
    }

    // ------------------------------------------------------------------ searches and removals

    /**
     * Inserts {@code value} before or after the first element equal to {@code pivot}; returns
     * whether the pivot was found.
     */
    public boolean insert(byte[] pivot, byte[] value, boolean before) {
        for (long node = head; node != 0; node = next(node)) {
            int position = 0;
            for (int offset = start(node), end = end(node); offset < end; offset += entryAt(node, offset), position++) {
                if (valueEquals(node, offset, pivot)) {
                    List<byte[]> values = readNode(node);
                    values.add(before ? position : position + 1, value);
                    rewrite(node, values, true, true);
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Removes up to {@code limit} elements equal to {@code value} (all if 0), from the head
     * ({@code fromHead}) or the tail; returns how many.
     */
    public long remove(byte[] value, long limit, boolean fromHead) {
        long removed = 0;
        long node = fromHead ? head : tail;
        while (node != 0 && (limit == 0 || removed < limit)) {
            long following = fromHead ? next(node) : previous(node);
            List<byte[]> values = readNode(node);
            List<byte[]> kept = new ArrayList<>(values.size());
            int matched = 0;
            for (int k = 0; k < values.size(); k++) {
                int i = fromHead ? k : values.size() - 1 - k;
                byte[] candidate = values.get(i);
                if ((limit == 0 || removed + matched < limit) && java.util.Arrays.equals(candidate, value)) {
                    matched++;
                } else {
                    kept.add(candidate);
                }
            }
            if (matched > 0) {
                if (!fromHead) {
                    java.util.Collections.reverse(kept);
                }
                rewrite(node, kept, fromHead, !fromHead);
                removed += matched;
            }
            node = following;
        }
        return removed;
    }

    /** Removes the first {@code fromHead} and the last {@code fromTail} elements. */
    public void trim(long fromHead, long fromTail) {
        dropEnd(fromHead, true);
        dropEnd(fromTail, false);
    }

    private void dropEnd(long amount, boolean atHead) {
        long left = Math.min(amount, count);
        while (left > 0) {
            long node = atHead ? head : tail;
            int inNode = nodeCount(node);
            if (inNode <= left) {
                left -= inNode;
                count -= inNode;
                dropNode(node);
                continue;
            }
            if (atHead) {
                int offset = start(node);
                for (long i = 0; i < left; i++) {
                    offset += entryAt(node, offset);
                }
                setStart(node, offset);
            } else {
                int offset = end(node);
                for (long i = 0; i < left; i++) {
                    offset -= entryLength(lengthBefore(node, offset));
                }
                setEnd(node, offset);
            }
            setCount(node, (int) (inNode - left));
            count -= left;
            left = 0;
        }
    }

    /**
     * Returns the indexes of elements equal to {@code value}: skipping the first {@code rank - 1}
     * matches (rank negative: from the tail), at most {@code limit} (0: all), comparing at most
     * {@code maxlen} elements (0: all).
     */
    public List<Long> positions(byte[] value, long rank, long limit, long maxlen) {
        List<Long> found = new ArrayList<>();
        boolean fromHead = rank > 0;
        long skip = Math.abs(rank) - 1;
        long compared = 0;
        long index = fromHead ? 0 : count - 1;
        long node = fromHead ? head : tail;
        while (node != 0) {
            if (fromHead) {
                for (int offset = start(node), end = end(node); offset < end; offset += entryAt(node, offset)) {
                    if ((maxlen != 0 && compared++ >= maxlen)) {
                        return found;
                    }
                    if (valueEquals(node, offset, value) && skip-- <= 0) {
                        found.add(index);
                        if (limit != 0 && found.size() >= limit) {
                            return found;
                        }
                    }
                    index++;
                }
                node = next(node);
            } else {
                for (int offset = end(node), start = start(node); offset > start; ) {
                    offset -= entryLength(lengthBefore(node, offset));
                    if ((maxlen != 0 && compared++ >= maxlen)) {
                        return found;
                    }
                    if (valueEquals(node, offset, value) && skip-- <= 0) {
                        found.add(index);
                        if (limit != 0 && found.size() >= limit) {
                            return found;
                        }
                    }
                    index--;
                }
                node = previous(node);
            }
        }
        return found;
    }

    // ------------------------------------------------------------------ committing, freeing, copying

    /** Returns the encoding the list should be stored with after the changes, converting if needed. */
    public byte commitEncoding() {
        if (count == 0) {
            if (header != 0) {
                memory.free(header);
                header = 0;
            }
            return ListEncoding.PACKED;
        }
        boolean packed = nodes == 1 && dataLimit > 0
                && (header == 0 ? used(head) <= dataLimit : used(head) * 2L <= dataLimit);
        if (packed) {
            if (header != 0) {
                memory.free(header);
                header = 0;
            }
            return ListEncoding.PACKED;
        }
        if (header == 0) {
            header = memory.allocate(ListHeaderDescriptor.LENGTH);
        }
        memory.putLong(header, ListHeaderDescriptor.HEAD_OFFSET, head);
        memory.putLong(header, ListHeaderDescriptor.TAIL_OFFSET, tail);
        memory.putLong(header, ListHeaderDescriptor.COUNT_OFFSET, count);
        memory.putLong(header, ListHeaderDescriptor.NODES_OFFSET, nodes);
        return ListEncoding.NODES;
    }

    /** Returns the value handle to store after {@link #commitEncoding()}: the header or the only node; 0 if empty. */
    public long root() {
        if (count == 0) {
            return 0;
        }
        return header != 0 ? header : head;
    }

    /** Frees the list stored at {@code root} with {@code encoding}. */
    public static void free(OffHeapMemory memory, long root, byte encoding) {
        if (root == 0) {
            return;
        }
        LinkedPackedList list = open(memory, 1, root, encoding);
        for (long node = list.head; node != 0; ) {
            long following = list.next(node);
            memory.free(node);
            node = following;
        }
        if (list.header != 0) {
            memory.free(list.header);
        }
    }

    /** Returns a deep copy of the list stored at {@code root} with {@code encoding}. */
    public static long duplicate(OffHeapMemory memory, long root, byte encoding) {
        LinkedPackedList source = open(memory, 1, root, encoding);
        LinkedPackedList copy = new LinkedPackedList(memory, 1);
        for (long node = source.head; node != 0; node = source.next(node)) {
            long block = memory.allocate(source.capacityOf(node));
            memory.copy(node, 0, block, 0, source.capacityOf(node));
            copy.linkBetween(block, copy.tail, 0);
        }
        copy.count = source.count;
        if (source.header == 0) {
            return copy.head;
        }
        copy.header = memory.allocate(ListHeaderDescriptor.LENGTH);
        memory.putLong(copy.header, ListHeaderDescriptor.HEAD_OFFSET, copy.head);
        memory.putLong(copy.header, ListHeaderDescriptor.TAIL_OFFSET, copy.tail);
        memory.putLong(copy.header, ListHeaderDescriptor.COUNT_OFFSET, copy.count);
        memory.putLong(copy.header, ListHeaderDescriptor.NODES_OFFSET, copy.nodes);
        return copy.header;
    }

    /**
     * Checks the chain: links agree both ways, counts add up, every entry parses within its node.
     * Returns the first problem, or null.
     */
    public String verify() {
        long seen = 0;
        long nodesSeen = 0;
        long previousNode = 0;
        for (long node = head; node != 0; node = next(node)) {
            if (previous(node) != previousNode) {
                return "broken back link";
            }
            int entries = 0;
            int offset = start(node);
            while (offset < end(node)) {
                offset += entryAt(node, offset);
                entries++;
            }
            if (offset != end(node) || entries != nodeCount(node) || entries == 0) {
                return "node entries do not match its count";
            }
            if (start(node) < HEADER_LENGTH || end(node) > capacityOf(node)) {
                return "node data outside its block";
            }
            seen += entries;
            nodesSeen++;
            previousNode = node;
        }
        if (previousNode != tail) {
            return "tail is not the last node";
        }
        if (seen != count || nodesSeen != nodes) {
            return "counts " + count + "/" + nodes + " but chain holds " + seen + "/" + nodesSeen;
        }
        return null;
    }
}
