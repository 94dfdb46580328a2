package dev.keel.engine.zset;

import static dev.keel.engine.zset.ScoreNodeDescriptor.CHILD_COUNT_OFFSET;
import static dev.keel.engine.zset.ScoreNodeDescriptor.CHILD_OFFSET;
import static dev.keel.engine.zset.ScoreNodeDescriptor.COUNT_OFFSET;
import static dev.keel.engine.zset.ScoreNodeDescriptor.INNER_CAPACITY;
import static dev.keel.engine.zset.ScoreNodeDescriptor.INNER_LENGTH;
import static dev.keel.engine.zset.ScoreNodeDescriptor.INNER_SLOT_LENGTH;
import static dev.keel.engine.zset.ScoreNodeDescriptor.KEY_MEMBER_OFFSET;
import static dev.keel.engine.zset.ScoreNodeDescriptor.KEY_SCORE_OFFSET;
import static dev.keel.engine.zset.ScoreNodeDescriptor.LEAF_CAPACITY;
import static dev.keel.engine.zset.ScoreNodeDescriptor.LEAF_LENGTH;
import static dev.keel.engine.zset.ScoreNodeDescriptor.LEAF_SLOT_LENGTH;
import static dev.keel.engine.zset.ScoreNodeDescriptor.NEXT_OFFSET;
import static dev.keel.engine.zset.ScoreNodeDescriptor.PREVIOUS_OFFSET;
import static dev.keel.engine.zset.ScoreNodeDescriptor.SLOT_MEMBER_OFFSET;
import static dev.keel.engine.zset.ScoreNodeDescriptor.SLOT_SCORE_OFFSET;
import static dev.keel.engine.zset.ScoreNodeDescriptor.innerSlot;
import static dev.keel.engine.zset.ScoreNodeDescriptor.leafSlot;

import dev.keel.engine.hash.FieldTable;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.memory.OffHeapMemory;

/**
 * The scalable encoding of a sorted set: a B+tree of (score, member) with subtree counts, beside
 * a member -&gt; score hash table. A flyweight over the header ({@link ScoreTreeDescriptor}); all
 * state is off-heap.
 *
 * <pre>
 * Structure
 *   Each member has one entry in the member table (a FieldTable keyed with the store's SipHash,
 *   the score as its 8-byte value); that entry holds the member's bytes. The tree's leaves hold
 *   (score, member entry) slots in order and are linked both ways; inner nodes hold, per child,
 *   the smallest key under it and how many members are under it (ScoreNodeDescriptor). So
 *   ZSCORE is one hash lookup, and rank, range starts and the element at a rank are one descent:
 *   O(log n) with about 31 children a node.
 *
 * Invariants
 *   The key of every inner slot is the smallest (score, member) under its child; counts are
 *   exact; every node but the root holds at least a quarter of its capacity; the root, if an
 *   inner node, has at least two children. Keys point at member entries, so a member is removed
 *   from the tree (and any key naming it replaced) before its entry is freed.
 *
 * Why a B+tree and not Redis's skip list
 *   A slot costs 16 bytes in a node that is 69% full after random inserts (77% after appends in
 *   score order, which split unevenly), against a skip list node's 40+ bytes of pointers and
 *   spans per member; and a descent reads about log31(n) 1 KiB nodes, mostly cached, instead of
 *   chasing a pointer per level.
 * </pre>
 *
 * <p><b>Thread safety:</b> not thread safe; used under the key's stripe lock.
 */
final class ScoreTree implements ScoredEntries {
    private static final int LEAF_MIN = LEAF_CAPACITY / 4;
    private static final int INNER_MIN = INNER_CAPACITY / 4;
    /**
     * Above any reachable height: every inner node but the root has 7 or more children and every
     * leaf but the root 15 or more members, so 32 levels would need more than 10^25 members.
     */
    private static final int MAX_HEIGHT = 32;
    private static final byte[] SCORE_VALUE = new byte[8];

    // What a descent looks for: the first slot that is not "below" the probe.
    private static final int SCORE_BELOW = 0;
    private static final int SCORE_AT_MOST = 1;
    private static final int LEX_BELOW = 2;
    private static final int LEX_AT_MOST = 3;
    private static final int KEY_AT_MOST = 4;

    private final Keyspace keyspace;
    private final OffHeapMemory memory;
    private final long header;
    private final FieldTable table;
    /** The inner nodes of the last descent, root first, and the child index taken in each. */
    private final long[] pathNode = new long[MAX_HEIGHT];
    private final int[] pathIndex = new int[MAX_HEIGHT];
    /** The last descent's slot in its leaf, and the members before that slot. */
    private int leafPos;
    private long rankBefore;
    private double probeScore;
    private byte[] probeMember;

    ScoreTree(Keyspace keyspace, long header) {
        this.keyspace = keyspace;
        this.memory = keyspace.memory();
        this.header = header;
        this.table = new FieldTable(memory, memory.getLong(header, ScoreTreeDescriptor.TABLE_OFFSET));
    }

    /** Allocates an empty tree; returns its header. */
    static long create(OffHeapMemory memory) {
        long header = memory.allocateZeroed(ScoreTreeDescriptor.LENGTH);
        memory.putLong(header, ScoreTreeDescriptor.TABLE_OFFSET, FieldTable.create(memory, 0));
        return header;
    }

    // ------------------------------------------------------------------ header

    @Override
    public long root() {
        return header;
    }

    @Override
    public long size() {
        return memory.getLong(header, ScoreTreeDescriptor.COUNT_OFFSET);
    }

    private void addSize(long delta) {
        memory.putLong(header, ScoreTreeDescriptor.COUNT_OFFSET, size() + delta);
    }

    private long top() {
        return memory.getLong(header, ScoreTreeDescriptor.ROOT_OFFSET);
    }

    private void setTop(long node) {
        memory.putLong(header, ScoreTreeDescriptor.ROOT_OFFSET, node);
    }

    private int height() {
        return memory.getInt(header, ScoreTreeDescriptor.HEIGHT_OFFSET);
    }

    private void setHeight(int height) {
        memory.putInt(header, ScoreTreeDescriptor.HEIGHT_OFFSET, height);
    }

    private long firstLeaf() {
        return memory.getLong(header, ScoreTreeDescriptor.FIRST_LEAF_OFFSET);
    }

    private void setFirstLeaf(long leaf) {
        memory.putLong(header, ScoreTreeDescriptor.FIRST_LEAF_OFFSET, leaf);
    }

    private long lastLeaf() {
        return memory.getLong(header, ScoreTreeDescriptor.LAST_LEAF_OFFSET);
    }

    private void setLastLeaf(long leaf) {
        memory.putLong(header, ScoreTreeDescriptor.LAST_LEAF_OFFSET, leaf);
    }

    // ------------------------------------------------------------------ nodes

    private int count(long node) {
        return memory.getInt(node, COUNT_OFFSET);
    }

    private void setCount(long node, int count) {
        memory.putInt(node, COUNT_OFFSET, count);
    }

    private long previous(long leaf) {
        return memory.getLong(leaf, PREVIOUS_OFFSET);
    }

    private long next(long leaf) {
        return memory.getLong(leaf, NEXT_OFFSET);
    }

    private long leafBits(long leaf, int index) {
        return memory.getLong(leaf, leafSlot(index) + SLOT_SCORE_OFFSET);
    }

    private double leafScore(long leaf, int index) {
        return Double.longBitsToDouble(leafBits(leaf, index));
    }

    private long leafMember(long leaf, int index) {
        return memory.getLong(leaf, leafSlot(index) + SLOT_MEMBER_OFFSET);
    }

    private void setLeafSlot(long leaf, int index, long bits, long member) {
        memory.putLong(leaf, leafSlot(index) + SLOT_SCORE_OFFSET, bits);
        memory.putLong(leaf, leafSlot(index) + SLOT_MEMBER_OFFSET, member);
    }

    private void moveLeafSlots(long from, int fromIndex, long to, int toIndex, int slots) {
        if (slots > 0) {
            memory.copy(from, leafSlot(fromIndex), to, leafSlot(toIndex), (long) slots * LEAF_SLOT_LENGTH);
        }
    }

    private long keyBits(long node, int index) {
        return memory.getLong(node, innerSlot(index) + KEY_SCORE_OFFSET);
    }

    private long keyMember(long node, int index) {
        return memory.getLong(node, innerSlot(index) + KEY_MEMBER_OFFSET);
    }

    private void setKey(long node, int index, long bits, long member) {
        memory.putLong(node, innerSlot(index) + KEY_SCORE_OFFSET, bits);
        memory.putLong(node, innerSlot(index) + KEY_MEMBER_OFFSET, member);
    }

    private long child(long node, int index) {
        return memory.getLong(node, innerSlot(index) + CHILD_OFFSET);
    }

    private long childCount(long node, int index) {
        return memory.getLong(node, innerSlot(index) + CHILD_COUNT_OFFSET);
    }

    private void setChildCount(long node, int index, long count) {
        memory.putLong(node, innerSlot(index) + CHILD_COUNT_OFFSET, count);
    }

    private void addChildCount(long node, int index, long delta) {
        setChildCount(node, index, childCount(node, index) + delta);
    }

    private void setInnerSlot(long node, int index, long bits, long member, long child, long count) {
        setKey(node, index, bits, member);
        memory.putLong(node, innerSlot(index) + CHILD_OFFSET, child);
        setChildCount(node, index, count);
    }

    private void moveInnerSlots(long from, int fromIndex, long to, int toIndex, int slots) {
        if (slots > 0) {
            memory.copy(from, innerSlot(fromIndex), to, innerSlot(toIndex), (long) slots * INNER_SLOT_LENGTH);
        }
    }

    private void removeInnerSlot(long node, int index) {
        int n = count(node);
        moveInnerSlots(node, index + 1, node, index, n - index - 1);
        setCount(node, n - 1);
    }

    private long sumOfCounts(long node) {
        long sum = 0;
        for (int i = 0, n = count(node); i < n; i++) {
            sum += childCount(node, i);
        }
        return sum;
    }

    private long newLeaf() {
        long leaf = memory.allocate(LEAF_LENGTH);
        memory.putLong(leaf, 0, 0);
        memory.putLong(leaf, PREVIOUS_OFFSET, 0);
        memory.putLong(leaf, NEXT_OFFSET, 0);
        return leaf;
    }

    private long newInner() {
        long node = memory.allocate(INNER_LENGTH);
        memory.putLong(node, 0, 0);
        return node;
    }

    // ------------------------------------------------------------------ comparing

    private int hashOf(byte[] member) {
        return (int) keyspace.hash(member);
    }

    /** Compares the slot (score, member entry) with (score, member bytes), in the set's order. */
    private int compare(double slotScore, long slotMember, double score, byte[] member) {
        if (slotScore < score) {
            return -1;
        }
        if (slotScore > score) {
            return 1;
        }
        return table.compareField(slotMember, member);
    }

    /** Returns whether the slot (bits, member) is "below" the probe for a descent of {@code mode}. */
    private boolean below(int mode, long bits, long member) {
        double score = Double.longBitsToDouble(bits);
        return switch (mode) {
            case SCORE_BELOW -> score < probeScore;
            case SCORE_AT_MOST -> score <= probeScore;
            case LEX_BELOW -> table.compareField(member, probeMember) < 0;
            case LEX_AT_MOST -> table.compareField(member, probeMember) <= 0;
            default -> compare(score, member, probeScore, probeMember) <= 0;
        };
    }

    /**
     * Descends from the root to the leaf holding the first slot that is not below the probe
     * (or the end of the leaf before it), noting the path; sets {@link #leafPos} to that slot's
     * index and {@link #rankBefore} to the number of slots below the probe. The tree must not be
     * empty.
     */
    private long descend(int mode) {
        long node = top();
        int height = height();
        long before = 0;
        for (int level = 0; level < height; level++) {
            int low = 1;
            int high = count(node);
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (below(mode, keyBits(node, middle), keyMember(node, middle))) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            int index = low - 1;
            for (int i = 0; i < index; i++) {
                before += childCount(node, i);
            }
            pathNode[level] = node;
            pathIndex[level] = index;
            node = child(node, index);
        }
        int low = 0;
        int high = count(node);
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (below(mode, leafBits(node, middle), leafMember(node, middle))) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        leafPos = low;
        rankBefore = before + low;
        return node;
    }

    /** Descends to the slot at {@code rank} (which exists), noting the path; sets {@link #leafPos}. */
    private long descendToRank(long rank) {
        long node = top();
        int height = height();
        long rest = rank;
        for (int level = 0; level < height; level++) {
            int index = 0;
            long under;
            while (rest >= (under = childCount(node, index))) {
                rest -= under;
                index++;
            }
            pathNode[level] = node;
            pathIndex[level] = index;
            node = child(node, index);
        }
        leafPos = (int) rest;
        return node;
    }

    /** Descends to the slot of {@code member}, present with {@code score} and table entry {@code entry}. */
    private long descendToMember(double score, byte[] member, long entry) {
        probeScore = score;
        probeMember = member;
        long leaf = descend(KEY_AT_MOST);
        leafPos--;
        if (leafPos < 0 || leafMember(leaf, leafPos) != entry) {
            throw new IllegalStateException("corrupt sorted set: a member is not where its score puts it");
        }
        return leaf;
    }

    private long entryOf(byte[] member) {
        long entry = table.find(member, hashOf(member));
        if (entry == 0) {
            throw new IllegalStateException("corrupt sorted set: a member is missing from its member table");
        }
        return entry;
    }

    // ------------------------------------------------------------------ reading

    @Override
    public double score(byte[] member) {
        long entry = table.find(member, hashOf(member));
        return entry == 0 ? Double.NaN : Double.longBitsToDouble(table.longValue(entry));
    }

    @Override
    public long rank(byte[] member, double score) {
        descendToMember(score, member, entryOf(member));
        return rankBefore - 1;
    }

    @Override
    public long countBelow(double score, boolean orEqual) {
        if (top() == 0) {
            return 0;
        }
        probeScore = score;
        descend(orEqual ? SCORE_AT_MOST : SCORE_BELOW);
        return rankBefore;
    }

    @Override
    public long countBelowLex(byte[] member, boolean orEqual) {
        if (top() == 0) {
            return 0;
        }
        probeMember = member;
        descend(orEqual ? LEX_AT_MOST : LEX_BELOW);
        return rankBefore;
    }

    @Override
    public void visit(long from, long count, boolean reverse, ZSet.Visitor visitor) {
        long leaf = descendToRank(from);
        int pos = leafPos;
        for (long i = 0; i < count; i++) {
            visitor.visit(table.field(leafMember(leaf, pos)), leafScore(leaf, pos));
            if (reverse) {
                if (--pos < 0) {
                    leaf = previous(leaf);
                    pos = leaf == 0 ? 0 : count(leaf) - 1;
                }
            } else if (++pos >= count(leaf)) {
                leaf = next(leaf);
                pos = 0;
            }
        }
    }

    @Override
    public long scan(long cursor, long count, ZSet.Visitor visitor) {
        return table.scan(cursor, count,
                entry -> visitor.visit(table.field(entry), Double.longBitsToDouble(table.longValue(entry))));
    }

    // ------------------------------------------------------------------ inserting

    @Override
    public void insert(byte[] member, double score) {
        long entry = table.newEntry(member, hashOf(member), SCORE_VALUE, 0);
        table.setLongValue(entry, Double.doubleToRawLongBits(score));
        table.link(entry);
        place(score, member, entry);
        addSize(1);
    }

    /** Adds a member that sorts after every member of the tree (as insert, which is as fast there). */
    void append(byte[] member, double score) {
        insert(member, score);
    }

    /** Puts the slot (score, entry) of {@code member} into the tree. */
    private void place(double score, byte[] member, long entry) {
        long bits = Double.doubleToRawLongBits(score);
        if (top() == 0) {
            long leaf = newLeaf();
            setLeafSlot(leaf, 0, bits, entry);
            setCount(leaf, 1);
            setTop(leaf);
            setHeight(0);
            setFirstLeaf(leaf);
            setLastLeaf(leaf);
            return;
        }
        probeScore = score;
        probeMember = member;
        long leaf = descend(KEY_AT_MOST);
        int height = height();
        for (int level = 0; level < height; level++) {
            addChildCount(pathNode[level], pathIndex[level], 1);
        }
        int pos = leafPos;
        int n = count(leaf);
        if (n < LEAF_CAPACITY) {
            moveLeafSlots(leaf, pos, leaf, pos + 1, n - pos);
            setLeafSlot(leaf, pos, bits, entry);
            setCount(leaf, n + 1);
            if (pos == 0) {
                propagateMin(height - 1, bits, entry);
            }
            return;
        }
        splitLeaf(leaf, pos, bits, entry);
    }

    /**
     * Splits the full {@code leaf} while inserting (bits, entry) at {@code pos}: in halves, or, when
     * appending past the last leaf (members arriving in score order), leaving the left one full
     * but for a quarter.
     */
    private void splitLeaf(long leaf, int pos, long bits, long entry) {
        int n = LEAF_CAPACITY;
        boolean appending = pos == n && next(leaf) == 0;
        int leftCount = appending ? n + 1 - LEAF_MIN : (n + 1) / 2;
        int rightCount = n + 1 - leftCount;
        long right = newLeaf();
        if (pos < leftCount) {
            moveLeafSlots(leaf, leftCount - 1, right, 0, rightCount);
            moveLeafSlots(leaf, pos, leaf, pos + 1, leftCount - 1 - pos);
            setLeafSlot(leaf, pos, bits, entry);
        } else {
            int before = pos - leftCount;
            moveLeafSlots(leaf, leftCount, right, 0, before);
            setLeafSlot(right, before, bits, entry);
            moveLeafSlots(leaf, pos, right, before + 1, n - pos);
        }
        setCount(leaf, leftCount);
        setCount(right, rightCount);
        long after = next(leaf);
        memory.putLong(right, NEXT_OFFSET, after);
        memory.putLong(right, PREVIOUS_OFFSET, leaf);
        memory.putLong(leaf, NEXT_OFFSET, right);
        if (after != 0) {
            memory.putLong(after, PREVIOUS_OFFSET, right);
        } else {
            setLastLeaf(right);
        }
        int level = height() - 1;
        if (pos == 0) {
            propagateMin(level, bits, entry);
        }
        insertChild(level, leaf, leftCount, right, rightCount, leafBits(right, 0), leafMember(right, 0));
    }

    /**
     * After {@code left}, the child taken at path level {@code level}, was split: records its new
     * count and inserts {@code right} after it, splitting the parent in turn when full (a new
     * root when {@code left} was the root, level -1).
     */
    private void insertChild(int level, long left, long leftTotal, long right, long rightTotal, long rightBits, long rightMember) {
        if (level < 0) {
            boolean leaves = height() == 0;
            long root = newInner();
            setInnerSlot(root, 0, leaves ? leafBits(left, 0) : keyBits(left, 0),
                    leaves ? leafMember(left, 0) : keyMember(left, 0), left, leftTotal);
            setInnerSlot(root, 1, rightBits, rightMember, right, rightTotal);
            setCount(root, 2);
            setTop(root);
            setHeight(height() + 1);
            return;
        }
        long parent = pathNode[level];
        int index = pathIndex[level];
        setChildCount(parent, index, leftTotal);
        int n = count(parent);
        int pos = index + 1;
        if (n < INNER_CAPACITY) {
            moveInnerSlots(parent, pos, parent, pos + 1, n - pos);
            setInnerSlot(parent, pos, rightBits, rightMember, right, rightTotal);
            setCount(parent, n + 1);
            return;
        }
        boolean appending = pos == n && rightmost(level);
        int leftCount = appending ? n + 1 - INNER_MIN : (n + 1) / 2;
        int rightCount = n + 1 - leftCount;
        long sibling = newInner();
        if (pos < leftCount) {
            moveInnerSlots(parent, leftCount - 1, sibling, 0, rightCount);
            moveInnerSlots(parent, pos, parent, pos + 1, leftCount - 1 - pos);
            setInnerSlot(parent, pos, rightBits, rightMember, right, rightTotal);
        } else {
            int before = pos - leftCount;
            moveInnerSlots(parent, leftCount, sibling, 0, before);
            setInnerSlot(sibling, before, rightBits, rightMember, right, rightTotal);
            moveInnerSlots(parent, pos, sibling, before + 1, n - pos);
        }
        setCount(parent, leftCount);
        setCount(sibling, rightCount);
        insertChild(level - 1, parent, sumOfCounts(parent), sibling, sumOfCounts(sibling),
                keyBits(sibling, 0), keyMember(sibling, 0));
    }

    /** Returns whether the path down to {@code level} took the last child at every level above it. */
    private boolean rightmost(int level) {
        for (int l = 0; l < level; l++) {
            if (pathIndex[l] != count(pathNode[l]) - 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * The smallest key under the child taken at path level {@code level} became (bits, member):
     * records it there, and above for as long as that child was the first of its parent.
     */
    private void propagateMin(int level, long bits, long member) {
        for (int l = level; l >= 0; l--) {
            setKey(pathNode[l], pathIndex[l], bits, member);
            if (pathIndex[l] != 0) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------ changing and removing

    @Override
    public void update(byte[] member, double oldScore, double newScore) {
        long entry = entryOf(member);
        long leaf = descendToMember(oldScore, member, entry);
        int pos = leafPos;
        long bits = Double.doubleToRawLongBits(newScore);
        if (staysAt(leaf, pos, newScore, member)) {
            setLeafSlot(leaf, pos, bits, entry);
            if (pos == 0) {
                propagateMin(height() - 1, bits, entry);
            }
        } else {
            removeAt(leaf, pos);
            place(newScore, member, entry);
        }
        table.setLongValue(entry, bits);
    }

    /** Returns whether {@code member} with {@code score} still sorts between the neighbours of slot {@code pos}. */
    private boolean staysAt(long leaf, int pos, double score, byte[] member) {
        long before = leaf;
        int at = pos - 1;
        if (at < 0) {
            before = previous(leaf);
            at = before == 0 ? -1 : count(before) - 1;
        }
        if (at >= 0 && compare(leafScore(before, at), leafMember(before, at), score, member) >= 0) {
            return false;
        }
        long after = leaf;
        at = pos + 1;
        if (at >= count(leaf)) {
            after = next(leaf);
            at = 0;
        }
        return after == 0 || compare(leafScore(after, at), leafMember(after, at), score, member) > 0;
    }

    @Override
    public void delete(byte[] member, double score) {
        long entry = entryOf(member);
        long leaf = descendToMember(score, member, entry);
        removeAt(leaf, leafPos);
        table.unlink(entry);
        memory.free(entry);
        addSize(-1);
    }

    @Override
    public void deleteRange(long from, long count) {
        for (long i = 0; i < count; i++) {
            long leaf = descendToRank(from);
            long entry = leafMember(leaf, leafPos);
            removeAt(leaf, leafPos);
            table.unlink(entry);
            memory.free(entry);
            addSize(-1);
        }
    }

    /** Removes slot {@code pos} of {@code leaf}, reached by the last descent, and rebalances. */
    private void removeAt(long leaf, int pos) {
        int height = height();
        for (int level = 0; level < height; level++) {
            addChildCount(pathNode[level], pathIndex[level], -1);
        }
        int n = count(leaf) - 1;
        moveLeafSlots(leaf, pos + 1, leaf, pos, n - pos);
        setCount(leaf, n);
        if (n == 0) {
            // Only the root leaf ever empties: every other node holds a quarter of its capacity.
            memory.free(leaf);
            setTop(0);
            setHeight(0);
            setFirstLeaf(0);
            setLastLeaf(0);
            return;
        }
        if (pos == 0) {
            propagateMin(height - 1, leafBits(leaf, 0), leafMember(leaf, 0));
        }
        rebalanceLeaf(leaf, height - 1);
    }

    /** Refills {@code leaf}, the child taken at path level {@code level}, from a sibling if it is below a quarter full. */
    private void rebalanceLeaf(long leaf, int level) {
        int n = count(leaf);
        if (level < 0 || n >= LEAF_MIN) {
            return;
        }
        long parent = pathNode[level];
        int index = pathIndex[level];
        if (index > 0) {
            long left = child(parent, index - 1);
            int leftCount = count(left);
            if (leftCount > LEAF_MIN) {
                moveLeafSlots(leaf, 0, leaf, 1, n);
                moveLeafSlots(left, leftCount - 1, leaf, 0, 1);
                setCount(left, leftCount - 1);
                setCount(leaf, n + 1);
                addChildCount(parent, index - 1, -1);
                addChildCount(parent, index, 1);
                setKey(parent, index, leafBits(leaf, 0), leafMember(leaf, 0));
            } else {
                moveLeafSlots(leaf, 0, left, leftCount, n);
                setCount(left, leftCount + n);
                addChildCount(parent, index - 1, childCount(parent, index));
                unlinkLeaf(leaf);
                removeInnerSlot(parent, index);
                rebalanceInner(level);
            }
            return;
        }
        long right = child(parent, 1);
        int rightCount = count(right);
        if (rightCount > LEAF_MIN) {
            moveLeafSlots(right, 0, leaf, n, 1);
            moveLeafSlots(right, 1, right, 0, rightCount - 1);
            setCount(right, rightCount - 1);
            setCount(leaf, n + 1);
            addChildCount(parent, 0, 1);
            addChildCount(parent, 1, -1);
            setKey(parent, 1, leafBits(right, 0), leafMember(right, 0));
        } else {
            moveLeafSlots(right, 0, leaf, n, rightCount);
            setCount(leaf, n + rightCount);
            addChildCount(parent, 0, childCount(parent, 1));
            unlinkLeaf(right);
            removeInnerSlot(parent, 1);
            rebalanceInner(level);
        }
    }

    /** Takes {@code leaf} out of the leaf chain and frees it. */
    private void unlinkLeaf(long leaf) {
        long before = previous(leaf);
        long after = next(leaf);
        if (before != 0) {
            memory.putLong(before, NEXT_OFFSET, after);
        } else {
            setFirstLeaf(after);
        }
        if (after != 0) {
            memory.putLong(after, PREVIOUS_OFFSET, before);
        } else {
            setLastLeaf(before);
        }
        memory.free(leaf);
    }

    /**
     * Refills the inner node at path level {@code level} from a sibling if it is below a quarter
     * full, merging and going up when the sibling has none to spare; a root left with one child
     * gives way to it.
     */
    private void rebalanceInner(int level) {
        long node = pathNode[level];
        int n = count(node);
        if (level == 0) {
            if (n == 1) {
                setTop(child(node, 0));
                setHeight(height() - 1);
                memory.free(node);
            }
            return;
        }
        if (n >= INNER_MIN) {
            return;
        }
        long parent = pathNode[level - 1];
        int index = pathIndex[level - 1];
        if (index > 0) {
            long left = child(parent, index - 1);
            int leftCount = count(left);
            if (leftCount > INNER_MIN) {
                moveInnerSlots(node, 0, node, 1, n);
                moveInnerSlots(left, leftCount - 1, node, 0, 1);
                long moved = childCount(node, 0);
                setCount(left, leftCount - 1);
                setCount(node, n + 1);
                addChildCount(parent, index - 1, -moved);
                addChildCount(parent, index, moved);
                setKey(parent, index, keyBits(node, 0), keyMember(node, 0));
            } else {
                moveInnerSlots(node, 0, left, leftCount, n);
                setCount(left, leftCount + n);
                addChildCount(parent, index - 1, childCount(parent, index));
                memory.free(node);
                removeInnerSlot(parent, index);
                rebalanceInner(level - 1);
            }
            return;
        }
        long right = child(parent, 1);
        int rightCount = count(right);
        if (rightCount > INNER_MIN) {
            moveInnerSlots(right, 0, node, n, 1);
            long moved = childCount(node, n);
            moveInnerSlots(right, 1, right, 0, rightCount - 1);
            setCount(right, rightCount - 1);
            setCount(node, n + 1);
            addChildCount(parent, 0, moved);
            addChildCount(parent, 1, -moved);
            setKey(parent, 1, keyBits(right, 0), keyMember(right, 0));
        } else {
            moveInnerSlots(right, 0, node, n, rightCount);
            setCount(node, n + rightCount);
            addChildCount(parent, 0, childCount(parent, 1));
            memory.free(right);
            removeInnerSlot(parent, 1);
            rebalanceInner(level - 1);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void free() {
        freeNode(top(), height());
        table.free();
        memory.free(header);
    }

    private void freeNode(long node, int depth) {
        if (node == 0) {
            return;
        }
        if (depth > 0) {
            for (int i = 0, n = count(node); i < n; i++) {
                freeNode(child(node, i), depth - 1);
            }
        }
        memory.free(node);
    }

    /** Checks the tree's order, counts, keys, fill and leaf chain against the member table; returns the first problem, or null. */
    String verify() {
        String problem = table.verify();
        if (problem != null) {
            return "member table: " + problem;
        }
        if (table.count() != size()) {
            return "count " + size() + " but " + table.count() + " members in the member table";
        }
        if (top() == 0) {
            return size() == 0 && firstLeaf() == 0 && lastLeaf() == 0 ? null : "no root but count " + size();
        }
        long[] total = new long[1];
        problem = verifyNode(top(), height(), true, total);
        if (problem != null) {
            return problem;
        }
        if (total[0] != size()) {
            return "count " + size() + " but " + total[0] + " slots";
        }
        long seen = 0;
        long before = 0;
        int beforeIndex = -1;
        for (long leaf = firstLeaf(); leaf != 0; leaf = next(leaf)) {
            if (next(leaf) == 0 && leaf != lastLeaf()) {
                return "the leaf chain ends before the last leaf";
            }
            for (int i = 0, n = count(leaf); i < n; i++) {
                long member = leafMember(leaf, i);
                if (table.longValue(member) != leafBits(leaf, i)) {
                    return "a slot's score differs from its member's";
                }
                if (beforeIndex >= 0 && compare(leafScore(before, beforeIndex), leafMember(before, beforeIndex),
                        leafScore(leaf, i), table.field(member)) >= 0) {
                    return "slots out of order at rank " + seen;
                }
                before = leaf;
                beforeIndex = i;
                seen++;
            }
        }
        return seen == size() ? null : "the leaf chain holds " + seen + " slots, not " + size();
    }

    private String verifyNode(long node, int depth, boolean isRoot, long[] total) {
        int n = count(node);
        if (depth == 0) {
            if (n < (isRoot ? 1 : LEAF_MIN) || n > LEAF_CAPACITY) {
                return "a leaf holds " + n + " slots";
            }
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(leafScore(node, i))) {
                    return "NaN score";
                }
            }
            total[0] += n;
            return null;
        }
        if (n < (isRoot ? 2 : INNER_MIN) || n > INNER_CAPACITY) {
            return "an inner node holds " + n + " children";
        }
        for (int i = 0; i < n; i++) {
            long child = child(node, i);
            boolean leaf = depth == 1;
            long minBits = leaf ? leafBits(child, 0) : keyBits(child, 0);
            long minMember = leaf ? leafMember(child, 0) : keyMember(child, 0);
            if (keyBits(node, i) != minBits || keyMember(node, i) != minMember) {
                return "an inner key is not the smallest under its child";
            }
            long[] under = new long[1];
            String problem = verifyNode(child, depth - 1, false, under);
            if (problem != null) {
                return problem;
            }
            if (under[0] != childCount(node, i)) {
                return "an inner count is " + childCount(node, i) + " for " + under[0] + " members";
            }
            total[0] += under[0];
        }
        return null;
    }
}
