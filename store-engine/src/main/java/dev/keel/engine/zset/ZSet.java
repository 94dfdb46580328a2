package dev.keel.engine.zset;

import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.memory.OffHeapMemory;

/**
 * The encoding-agnostic API of a sorted set, opened for the length of one command: members with
 * double scores, ordered by score and then by member bytes, with 0-based ranks in that order.
 *
 * <pre>
 * Encodings (ZSetEncoding)
 *   PACKED  one block of entries in order (PackedScores), searched linearly;
 *   TREE    a B+tree of (score, member) with subtree counts, for rank in O(log n), beside a
 *           member -> score hash table (ScoreTree).
 *   A set becomes a tree when an insert would pass maxEntries or store a member longer than
 *   maxValue; it turns back into a packed block, after a removal, when it holds at most half of
 *   maxEntries and no member longer than maxValue (hysteresis). maxEntries 0 keeps every set a
 *   tree.
 *
 * Ranges
 *   Every range command is two counts and a walk: countBelow/countBelowLex give the ranks where a
 *   score or lexicographic range begins and ends, visit walks the ranks between, deleteRange
 *   removes them. Scores are never NaN; -0.0 is stored as given and compares equal to 0.0.
 *
 * Memory
 *   The block or tree belongs to the key's entry; after a change the caller stores root() and
 *   encoding() back into the entry (see ZSetValues) and frees nothing itself.
 * </pre>
 *
 * <p><b>Thread safety:</b> not thread safe; used under the key's stripe lock.
 */
public final class ZSet {
    /**
     * The most bytes a packed block holds, whatever the thresholds: past it a set becomes a tree,
     * so that thresholds set very high cannot ask for a block the allocator cannot give.
     */
    static final long MAX_PACKED_BYTES = 1 << 20;

    /** Receives entries. */
    @FunctionalInterface
    public interface Visitor {
        /** Receives one member and its score. */
        void visit(byte[] member, double score);
    }

    private final Keyspace keyspace;
    private final OffHeapMemory memory;
    private final int maxEntries;
    private final int maxValue;
    /** Null while the set is empty and was never stored. */
    private ScoredEntries entries;
    /** The key's entry holding this set, 0 while it is not stored (see ZSetValues). */
    private long entry;

    private ZSet(Keyspace keyspace, int maxEntries, int maxValue) {
        this.keyspace = keyspace;
        this.memory = keyspace.memory();
        this.maxEntries = maxEntries;
        this.maxValue = maxValue;
    }

    /** Returns an empty set, stored nowhere, to fill and then store. */
    public static ZSet empty(Keyspace keyspace, int maxEntries, int maxValue) {
        return new ZSet(keyspace, maxEntries, maxValue);
    }

    /** Opens the set {@code root} stored with {@code encoding}. */
    public static ZSet open(Keyspace keyspace, int maxEntries, int maxValue, long root, byte encoding) {
        ZSet set = new ZSet(keyspace, maxEntries, maxValue);
        set.entries = wrap(keyspace, root, encoding);
        return set;
    }

    private static ScoredEntries wrap(Keyspace keyspace, long root, byte encoding) {
        return switch (encoding) {
            case ZSetEncoding.PACKED -> new PackedScores(keyspace.memory(), root);
            case ZSetEncoding.TREE -> new ScoreTree(keyspace, root);
            default -> throw new IllegalStateException("corrupt sorted set: unknown encoding " + encoding);
        };
    }

    long entry() {
        return entry;
    }

    void setEntry(long holder) {
        this.entry = holder;
    }

    // ------------------------------------------------------------------ reading

    /** Returns the number of members. */
    public long size() {
        return entries == null ? 0 : entries.size();
    }

    /** Returns whether no member is left (the key must then be removed). */
    public boolean isEmpty() {
        return size() == 0;
    }

    /** Returns the score of {@code member}, or NaN if it is absent. */
    public double score(byte[] member) {
        return entries == null ? Double.NaN : entries.score(member);
    }

    /** Returns whether {@code member} is present. */
    public boolean contains(byte[] member) {
        return !Double.isNaN(score(member));
    }

    /** Returns the 0-based rank of {@code member} in ascending order, or -1 if it is absent. */
    public long rank(byte[] member) {
        double score = score(member);
        return Double.isNaN(score) ? -1 : entries.rank(member, score);
    }

    /**
     * Returns how many members have a score below {@code score}, or at most {@code score} if
     * {@code orEqual}: the rank where a range starting at {@code score} begins (inclusive start:
     * {@code orEqual} false; exclusive: true), and one past where a range ending there ends
     * (inclusive end: true; exclusive: false).
     */
    public long countBelow(double score, boolean orEqual) {
        return entries == null ? 0 : entries.countBelow(score, orEqual);
    }

    /**
     * Returns how many members sort below {@code member} by bytes (or are equal to it, if
     * {@code orEqual}), for ZRANGEBYLEX and friends; meaningful when all scores are equal, as
     * Redis documents. {@code -} and {@code +} are the caller's: 0 and {@link #size()}.
     */
    public long countBelowLex(byte[] member, boolean orEqual) {
        return entries == null ? 0 : entries.countBelowLex(member, orEqual);
    }

    /**
     * Visits {@code count} members from rank {@code from}, ascending; or, if {@code reverse},
     * descending from rank {@code from} (the highest visited) down. The ranks must lie within
     * the set; count 0 visits nothing.
     */
    public void visit(long from, long count, boolean reverse, Visitor visitor) {
        if (count < 0 || from < 0 || from >= size() && count > 0
                || (reverse ? from - count + 1 < 0 : from + count > size())) {
            throw new IndexOutOfBoundsException("ranks " + from + " +" + count + (reverse ? " descending" : "")
                    + " in a set of " + size());
        }
        if (count > 0) {
            entries.visit(from, count, reverse, visitor);
        }
    }

    /** Visits every member, ascending. */
    public void forEach(Visitor visitor) {
        visit(0, size(), false, visitor);
    }

    /**
     * Visits about {@code count} members from {@code cursor} on and returns the next cursor, 0
     * when the iteration is complete (ZSCAN). A packed set is visited whole in the first call.
     */
    public long scan(long cursor, long count, Visitor visitor) {
        return entries == null ? 0 : entries.scan(cursor, count, visitor);
    }

    /** Returns the encoding id to store in the key's entry. */
    public byte encoding() {
        return entries instanceof ScoreTree ? ZSetEncoding.TREE : ZSetEncoding.PACKED;
    }

    /** Returns the handle to store in the key's entry, 0 when empty. */
    public long root() {
        return entries == null || entries.size() == 0 ? 0 : entries.root();
    }

    // ------------------------------------------------------------------ changing

    /**
     * Sets the score of {@code member} (adding it if absent); returns its previous score, NaN if
     * it was added. {@code score} must not be NaN. May convert the encoding.
     */
    public double put(byte[] member, double score) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("NaN score");
        }
        double old = score(member);
        if (!Double.isNaN(old)) {
            if (Double.doubleToRawLongBits(old) != Double.doubleToRawLongBits(score)) {
                entries.update(member, old, score);
            }
            return old;
        }
        if (entries == null) {
            entries = maxEntries > 0 && member.length <= maxValue
                    ? new PackedScores(memory, PackedScores.create(memory, PackedScores.entryLength(member.length)))
                    : new ScoreTree(keyspace, ScoreTree.create(keyspace.memory()));
        } else if (entries instanceof PackedScores packed
                && (packed.size() >= maxEntries || member.length > maxValue
                    || packed.usedBytes() + PackedScores.entryLength(member.length) > MAX_PACKED_BYTES)) {
            convertToTree();
        }
        entries.insert(member, score);
        return Double.NaN;
    }

    /** Removes {@code member}; returns whether it was present. May convert the encoding. */
    public boolean remove(byte[] member) {
        double score = score(member);
        if (Double.isNaN(score)) {
            return false;
        }
        entries.delete(member, score);
        shrinkIfSmall();
        return true;
    }

    /** Removes the {@code count} members from rank {@code from} on (they must exist). */
    public void removeRange(long from, long count) {
        if (count < 0 || from < 0 || from + count > size()) {
            throw new IndexOutOfBoundsException("ranks " + from + " +" + count + " in a set of " + size());
        }
        if (count > 0) {
            entries.deleteRange(from, count);
            shrinkIfSmall();
        }
    }

    /**
     * Frees whatever this set holds and leaves it empty: for a set stored in no key (a result a
     * command dropped), or an emptied one whose key is being removed (see ZSetValues).
     */
    public void discard() {
        if (entries != null) {
            entries.free();
            entries = null;
        }
    }

    private void convertToTree() {
        ScoreTree tree = new ScoreTree(keyspace, ScoreTree.create(memory));
        ScoredEntries old = entries;
        old.visit(0, old.size(), false, tree::insert);
        old.free();
        entries = tree;
    }

    private void shrinkIfSmall() {
        if (!(entries instanceof ScoreTree tree) || tree.size() == 0 || tree.size() > maxEntries / 2) {
            return;
        }
        int[] longest = {0};
        long[] bytes = {0};
        tree.visit(0, tree.size(), false, (member, score) -> {
            longest[0] = Math.max(longest[0], member.length);
            bytes[0] += PackedScores.entryLength(member.length);
        });
        if (longest[0] > maxValue || bytes[0] > MAX_PACKED_BYTES / 2) {
            return;
        }
        PackedScores packed = new PackedScores(memory, PackedScores.create(memory, bytes[0]));
        tree.visit(0, tree.size(), false, packed::append);
        tree.free();
        entries = packed;
    }

    // ------------------------------------------------------------------ keyspace hooks

    /** Frees the set {@code root} stored with {@code encoding}. */
    static void free(Keyspace keyspace, long root, byte encoding) {
        wrap(keyspace, root, encoding).free();
    }

    /** Returns a deep copy of the set {@code root}, for COPY. */
    static long duplicate(Keyspace keyspace, long root, byte encoding) {
        if (encoding == ZSetEncoding.PACKED) {
            return PackedScores.duplicate(keyspace.memory(), root);
        }
        ScoreTree source = new ScoreTree(keyspace, root);
        ScoreTree copy = new ScoreTree(keyspace, ScoreTree.create(keyspace.memory()));
        source.visit(0, source.size(), false, copy::append);
        return copy.root();
    }

    /** Checks the structure of the set {@code root}; returns the first problem found, or null. */
    static String verify(Keyspace keyspace, long root, byte encoding) {
        return switch (encoding) {
            case ZSetEncoding.PACKED -> new PackedScores(keyspace.memory(), root).verify();
            case ZSetEncoding.TREE -> new ScoreTree(keyspace, root).verify();
            default -> "unknown encoding " + encoding;
        };
    }
}
