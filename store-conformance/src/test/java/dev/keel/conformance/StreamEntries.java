package dev.keel.conformance;

import dev.keel.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A stream's entries as the tests expect them, in plain Java: in ID order, with the reply XRANGE
 * gives for any run of them.
 *
 * <p>{@link #numbered(int)} builds entries whose IDs share milliseconds three at a time
 * ({@code 1000-0 1000-1 1000-2 1001-0 ...}) and whose fields change shape now and then (an extra
 * field every fifth entry, a long value every fiftieth), so that a store which keeps one block's
 * field names once must also handle entries that differ from them.
 *
 * <p><b>Thread safety:</b> not thread safe.
 */
final class StreamEntries {

    /** One entry: its ID ({@code ms-seq}, both small enough to compare as signed longs) and its fields and values. */
    record Entry(long ms, long seq, List<String> fieldsAndValues) {

        /** The ID as Redis writes it. */
        String id() {
            return ms + "-" + seq;
        }

        /** The entry as XRANGE answers it: {@code [id, [field, value, ...]]}. */
        Reply reply() {
            return StreamContractBase.entry(id(), fieldsAndValues.toArray(new String[0]));
        }

        /** Whether this entry's ID is below {@code other}'s. */
        boolean before(Entry other) {
            return ms < other.ms || ms == other.ms && seq < other.seq;
        }

        /** The arguments XADD takes after the key: the ID, then the fields and values. */
        String[] xaddArguments() {
            List<String> argv = new ArrayList<>();
            argv.add(id());
            argv.addAll(fieldsAndValues);
            return argv.toArray(new String[0]);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** {@code size} entries numbered from 0; see the class comment for their IDs and fields. */
    static StreamEntries numbered(int size) {
        StreamEntries stream = new StreamEntries();
        for (int i = 0; i < size; i++) {
            List<String> fields = new ArrayList<>(List.of("n", Integer.toString(i)));
            if (i % 5 == 0) {
                fields.addAll(List.of("extra", "e" + i));
            }
            if (i % 50 == 0) {
                fields.addAll(List.of("long", "x".repeat(200)));
            }
            stream.entries.add(new Entry(1000 + i / 3, i % 3, List.copyOf(fields)));
        }
        return stream;
    }

    /** The entries, in ID order; the list is this model's own: do not change it. */
    List<Entry> all() {
        return entries;
    }

    int size() {
        return entries.size();
    }

    /** The entry at {@code index} in ID order. */
    Entry get(int index) {
        return entries.get(index);
    }

    /** Appends an entry whose ID is above every other; returns it. */
    Entry append(long ms, long seq, String... fieldsAndValues) {
        Entry entry = new Entry(ms, seq, List.of(fieldsAndValues));
        entries.add(entry);
        return entry;
    }

    /** Removes the entries that match {@code filter}; returns how many it removed. */
    int removeIf(Predicate<Entry> filter) {
        int before = entries.size();
        entries.removeIf(filter);
        return before - entries.size();
    }

    /** Removes the oldest entries until at most {@code length} are left; returns how many it removed. */
    int keepLast(int length) {
        int removed = Math.max(0, entries.size() - length);
        entries.subList(0, removed).clear();
        return removed;
    }

    /** The XRANGE reply for {@code run}, in the order given. */
    static Reply reply(List<Entry> run) {
        return Reply.array(run.stream().map(Entry::reply).toList());
    }

    /** The XREVRANGE reply for {@code run} given in ID order. */
    static Reply reversedReply(List<Entry> run) {
        return reply(run.reversed());
    }
}
