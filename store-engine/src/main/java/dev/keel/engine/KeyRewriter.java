package dev.keel.engine;

import dev.keel.engine.command.Arguments;
import dev.keel.engine.hash.FieldMap;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.list.LinkedPackedList;
import dev.keel.engine.stream.EntryId;
import dev.keel.engine.stream.PendingEntry;
import dev.keel.engine.stream.Stream;
import dev.keel.engine.stream.StreamConsumer;
import dev.keel.engine.stream.StreamEntry;
import dev.keel.engine.stream.StreamGroup;
import dev.keel.engine.string.StringValues;
import dev.keel.engine.zset.Scores;
import dev.keel.engine.zset.ZSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Writes the command lines that rebuild one key exactly as it is: for the append-only log's
 * rewrite, replayed into a fresh store, and for an export to a real Redis ({@code redis-cli
 * --pipe}), so only Redis's own commands and arguments.
 *
 * <pre>
 * Emitted forms
 *   string      SET key value
 *   list        RPUSH key element ...                    head to tail
 *   hash        HSET key field value ...                 then, for the fields with a time to live,
 *               HPEXPIREAT key ms FIELDS n field ...     fields of the same ms on one line
 *   set         SADD key member ...
 *   sorted set  ZADD key score member ...               score as Scores.format writes it: it reads
 *                                                        back as the same double (-0, inf, -inf too)
 *   stream      see below
 *   then, for a key with a time to live: PEXPIREAT key ms
 *   A variadic line holds at most MAX_ITEMS elements (pairs, members, IDs) and, unless it holds
 *   a single one, at most MAX_PAYLOAD bytes of them. A key expired at now is skipped, and so are
 *   the expired fields of a hash (a hash left with none is skipped whole).
 *
 * Streams, in this order (each step relies on the ones before)
 *   1. XADD key id field value ...  for every entry, in ID order. A pending ID whose entry was
 *      deleted gets a placeholder, XADD key id "" "", in its place: XCLAIM ignores IDs that are
 *      not in the stream. A stream with nothing to add is made by
 *      XGROUP CREATE key scratch 0 MKSTREAM; XGROUP DESTROY key scratch (a name no group has),
 *      which leaves its counters at zero, where XADD+XDEL would move max-deleted-entry-id.
 *   2. XSETID key last-id ENTRIESADDED n [MAXDELETEDID id]: the counters before the groups, as
 *      later Redis versions may cap a group's ENTRIESREAD at the stream's entries-added. With
 *      placeholders, a provisional XSETID instead (an ID and count step 5 can lower).
 *   3. per group: XGROUP CREATE key group last-delivered-id [ENTRIESREAD n] (none when unknown,
 *      as XINFO's nil), and XGROUP CREATECONSUMER key group consumer for each consumer.
 *   4. per run of pending entries with the same consumer, delivery time and count, in ID order:
 *      XCLAIM key group consumer 0 id ... TIME ms RETRYCOUNT count FORCE JUSTID. FORCE makes
 *      pending an ID no consumer holds; TIME sets the delivery time; RETRYCOUNT sets the count
 *      outright, in Keel as in Redis (without it JUSTID would leave the count as it was, and a
 *      forced entry would start at 1).
 *   5. the placeholders go as their entries went: those before the first entry (trimmed) by
 *      XTRIM key MINID first-id (MAXLEN 0 if there is no entry), which leaves
 *      max-deleted-entry-id alone, the others (deleted) by XDEL key id ...; then step 2's XSETID
 *      again, as XDEL moved max-deleted-entry-id. A trim leaves nothing behind the first entry,
 *      so a stream whose max-deleted-entry-id is 0-0 (XDEL never ran) needs no XDEL, which could
 *      not be undone: XSETID cannot set 0-0.
 *   XSETID refuses a last ID below its MAXDELETEDID, yet Redis 7.0 (and Keel) can hold such a
 *   stream after an XSETID without MAXDELETEDID: it gets two lines,
 *   XSETID key max-deleted-id ENTRIESADDED n MAXDELETEDID max-deleted-id; XSETID key last-id.
 *   Every form was checked against Redis 7.0.15 through redis-cli --pipe (hash field expiry
 *   aside, which 7.0 lacks).
 *
 * What does not round-trip
 *   - a consumer's seen-time and active-time: no command sets them; they become the replay time.
 *   - the layout: encodings and stream blocks follow the replaying store's thresholds and the
 *     order of the lines (OBJECT ENCODING, XINFO's radix-tree-keys and radix-tree-nodes), and
 *     every key's access clock (OBJECT IDLETIME) starts again.
 *   - a key or hash field expiring exactly at now is live at now, but PEXPIREAT and HPEXPIREAT
 *     at or before the replaying clock delete it (as in Redis): replayed later, it is gone anyway.
 *   - a delivery time after the replaying clock becomes that clock (XCLAIM's TIME rule).
 *   - on Redis: hash field expiry needs Redis 7.4 (HPEXPIREAT); a -0 score in a small sorted
 *     set reads back as 0 (Redis's listpack stores it so); a group whose entries-read exceeds
 *     the stream's entries-added (XGROUP CREATE ... ENTRIESREAD lets Keel hold one) may be
 *     capped by Redis versions that check it, and a last ID below max-deleted-entry-id refused
 *     by those after 7.0.
 * </pre>
 *
 * <p><b>Thread safety:</b> stateless; the caller holds the stripe lock of the entry it passes.
 */
final class KeyRewriter {
    /** The most elements (field-value pairs, members, IDs) one variadic line holds. */
    static final int MAX_ITEMS = 64;
    /** The most bytes of elements one variadic line holds, unless it holds a single element. */
    static final long MAX_PAYLOAD = 1 << 20;
    /** How many stream entries or pending entries are read at a time. */
    private static final int PAGE = 256;

    private static final byte[] SET = ascii("SET");
    private static final byte[] RPUSH = ascii("RPUSH");
    private static final byte[] HSET = ascii("HSET");
    private static final byte[] HPEXPIREAT = ascii("HPEXPIREAT");
    private static final byte[] FIELDS = ascii("FIELDS");
    private static final byte[] SADD = ascii("SADD");
    private static final byte[] ZADD = ascii("ZADD");
    private static final byte[] PEXPIREAT = ascii("PEXPIREAT");
    private static final byte[] XADD = ascii("XADD");
    private static final byte[] XDEL = ascii("XDEL");
    private static final byte[] XTRIM = ascii("XTRIM");
    private static final byte[] MAXLEN = ascii("MAXLEN");
    private static final byte[] MINID = ascii("MINID");
    private static final byte[] XSETID = ascii("XSETID");
    private static final byte[] ENTRIESADDED = ascii("ENTRIESADDED");
    private static final byte[] MAXDELETEDID = ascii("MAXDELETEDID");
    private static final byte[] XGROUP = ascii("XGROUP");
    private static final byte[] CREATE = ascii("CREATE");
    private static final byte[] DESTROY = ascii("DESTROY");
    private static final byte[] MKSTREAM = ascii("MKSTREAM");
    private static final byte[] ENTRIESREAD = ascii("ENTRIESREAD");
    private static final byte[] CREATECONSUMER = ascii("CREATECONSUMER");
    private static final byte[] XCLAIM = ascii("XCLAIM");
    private static final byte[] TIME = ascii("TIME");
    private static final byte[] RETRYCOUNT = ascii("RETRYCOUNT");
    private static final byte[] FORCE = ascii("FORCE");
    private static final byte[] JUSTID = ascii("JUSTID");
    private static final byte[] ZERO = ascii("0");
    private static final byte[] SCRATCH_GROUP = ascii("keel-rewrite-scratch");
    private static final byte[][] NO_ARGUMENTS = new byte[0][];
    private static final byte[][] PLACEHOLDER = {new byte[0], new byte[0]};

    private KeyRewriter() {
    }

    /**
     * Sends to {@code sink} the lines that rebuild the key of {@code entry} as it is at
     * {@code now} (epoch milliseconds), or nothing if it is expired then. Changes nothing.
     */
    static void write(Keyspace keyspace, long entry, long now, CommandSink sink) {
        long expireAt = keyspace.expireAt(entry);
        if (Keyspace.isExpired(expireAt, now)) {
            return;
        }
        byte[] key = keyspace.key(entry);
        long value = keyspace.valueHandle(entry);
        byte encoding = keyspace.encoding(entry);
        boolean written = switch (keyspace.type(entry)) {
            case STRING -> {
                sink.accept(new byte[][] {SET, key, StringValues.read(keyspace, entry)});
                yield true;
            }
            case LIST -> writeList(LinkedPackedList.open(keyspace.memory(), 0, value, encoding), key, sink);
            case HASH -> writeHash(FieldMap.open(keyspace, 0, 0, value, encoding), key, now, sink);
            case SET -> writeSet(FieldMap.open(keyspace, 0, 0, value, encoding), key, sink);
            case ZSET -> writeZSet(ZSet.open(keyspace, 0, 0, value, encoding), key, sink);
            case STREAM -> new StreamWriter(new Stream(keyspace, value, 0, 0), key, sink).write();
        };
        if (written && expireAt != 0) {
            sink.accept(new byte[][] {PEXPIREAT, key, Arguments.bytes(expireAt)});
        }
    }

    private static boolean writeList(LinkedPackedList list, byte[] key, CommandSink sink) {
        Lines rpush = new Lines(sink, RPUSH, key);
        list.forEach(rpush::add);
        rpush.flush();
        return true;
    }

    private static boolean writeHash(FieldMap hash, byte[] key, long now, CommandSink sink) {
        Lines hset = new Lines(sink, HSET, key);
        Map<Long, List<byte[]>> volatileFields = new LinkedHashMap<>();
        hash.forEachWithExpiry((field, value, expireAt) -> {
            if (!Keyspace.isExpired(expireAt, now)) {
                hset.add(field, value);
                if (expireAt != 0) {
                    volatileFields.computeIfAbsent(expireAt, at -> new ArrayList<>()).add(field);
                }
            }
        });
        hset.flush();
        for (Map.Entry<Long, List<byte[]>> sameTime : volatileFields.entrySet()) {
            byte[][] head = {HPEXPIREAT, key, Arguments.bytes(sameTime.getKey()), FIELDS};
            Lines expire = new Lines(sink, head, NO_ARGUMENTS, true);
            sameTime.getValue().forEach(expire::add);
            expire.flush();
        }
        return hset.total() > 0;
    }

    private static boolean writeSet(FieldMap set, byte[] key, CommandSink sink) {
        Lines sadd = new Lines(sink, SADD, key);
        set.forEach((member, none) -> sadd.add(member), false);
        sadd.flush();
        return true;
    }

    private static boolean writeZSet(ZSet set, byte[] key, CommandSink sink) {
        Lines zadd = new Lines(sink, ZADD, key);
        set.forEach((member, score) -> zadd.add(Scores.bytes(score), member));
        zadd.flush();
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] id(EntryId id) {
        return ascii(id.toString());
    }

    // ------------------------------------------------------------------ streams

    /** Writes one stream: entries, counters, groups, consumers, pending entries (see the class comment). */
    private static final class StreamWriter {
        private final Stream stream;
        private final byte[] key;
        private final CommandSink sink;

        StreamWriter(Stream stream, byte[] key, CommandSink sink) {
            this.stream = stream;
            this.key = key;
            this.sink = sink;
        }

        boolean write() {
            List<StreamGroup> groups = stream.groups();
            TreeSet<EntryId> placeholders = deletedPendingIds(groups);
            long added = addEntries(placeholders);
            if (added == 0) {
                byte[] scratch = scratchGroupName();
                sink.accept(new byte[][] {XGROUP, CREATE, key, scratch, ZERO, MKSTREAM});
                sink.accept(new byte[][] {XGROUP, DESTROY, key, scratch});
            }
            if (placeholders.isEmpty()) {
                setCounters();
            } else {
                setProvisionalCounters(placeholders.last(), added);
            }
            for (StreamGroup group : groups) {
                writeGroup(group);
            }
            if (!placeholders.isEmpty()) {
                removePlaceholders(placeholders);
                setCounters();
            }
            return true;
        }

        /**
         * Removes the placeholders: those before the first entry by an exact XTRIM, which leaves
         * max-deleted-entry-id alone, as the trim that removed their entries did; the others by
         * XDEL, as the XDEL that removed theirs did (the last XSETID then sets the ID back).
         */
        private void removePlaceholders(TreeSet<EntryId> placeholders) {
            EntryId first = stream.firstEntryId();
            if (first == null) {
                sink.accept(new byte[][] {XTRIM, key, MAXLEN, ZERO});
                return;
            }
            if (placeholders.first().compareTo(first) < 0) {
                sink.accept(new byte[][] {XTRIM, key, MINID, id(first)});
            }
            Lines xdel = new Lines(sink, XDEL, key);
            placeholders.tailSet(first).forEach(placeholder -> xdel.add(id(placeholder)));
            xdel.flush();
        }

        /** Returns the pending IDs, of any group, whose entries are no longer in the stream. */
        private TreeSet<EntryId> deletedPendingIds(List<StreamGroup> groups) {
            TreeSet<EntryId> deleted = new TreeSet<>();
            for (StreamGroup group : groups) {
                forEachPending(group, pending -> {
                    if (stream.get(pending.id()) == null) {
                        deleted.add(pending.id());
                    }
                });
            }
            return deleted;
        }

        /** XADDs every entry and {@code placeholders}, in ID order; returns how many lines. */
        private long addEntries(TreeSet<EntryId> placeholders) {
            Iterator<EntryId> holes = placeholders.iterator();
            EntryId hole = holes.hasNext() ? holes.next() : null;
            long added = 0;
            for (EntryId from = EntryId.MIN; from != null; ) {
                List<StreamEntry> page = stream.range(from, EntryId.MAX, false, PAGE);
                for (StreamEntry entry : page) {
                    for (; hole != null && hole.compareTo(entry.id()) < 0; hole = holes.hasNext() ? holes.next() : null) {
                        xadd(hole, PLACEHOLDER);
                        added++;
                    }
                    xadd(entry.id(), entry.fieldsAndValues());
                    added++;
                }
                from = page.size() < PAGE ? null : page.getLast().id().next();
            }
            for (; hole != null; hole = holes.hasNext() ? holes.next() : null) {
                xadd(hole, PLACEHOLDER);
                added++;
            }
            return added;
        }

        private void xadd(EntryId entryId, byte[][] fieldsAndValues) {
            byte[][] argv = new byte[3 + fieldsAndValues.length][];
            argv[0] = XADD;
            argv[1] = key;
            argv[2] = id(entryId);
            System.arraycopy(fieldsAndValues, 0, argv, 3, fieldsAndValues.length);
            sink.accept(argv);
        }

        /** Returns a group name the stream does not use. */
        private byte[] scratchGroupName() {
            byte[] name = SCRATCH_GROUP;
            while (stream.group(name) != null) {
                name = Arrays.copyOf(name, name.length + 1);
                name[name.length - 1] = '_';
            }
            return name;
        }

        /**
         * XSETID with the stream's entries-added and last ID, or more where the placeholders,
         * up to {@code lastPlaceholder}, and the {@code added} entries need it, until they go.
         */
        private void setProvisionalCounters(EntryId lastPlaceholder, long added) {
            EntryId top = lastPlaceholder.compareTo(stream.lastId()) > 0 ? lastPlaceholder : stream.lastId();
            long entriesAdded = Math.max(added, stream.entriesAdded());
            sink.accept(new byte[][] {XSETID, key, id(top), ENTRIESADDED, Arguments.bytes(entriesAdded)});
        }

        /** XSETID with the stream's exact last ID, entries-added and max-deleted-entry-id. */
        private void setCounters() {
            EntryId last = stream.lastId();
            EntryId maxDeleted = stream.maxDeletedId();
            byte[] entriesAdded = Arguments.bytes(stream.entriesAdded());
            if (maxDeleted.equals(EntryId.MIN)) {
                sink.accept(new byte[][] {XSETID, key, id(last), ENTRIESADDED, entriesAdded});
            } else if (last.compareTo(maxDeleted) >= 0) {
                sink.accept(new byte[][] {XSETID, key, id(last), ENTRIESADDED, entriesAdded, MAXDELETEDID, id(maxDeleted)});
            } else {
                sink.accept(new byte[][] {XSETID, key, id(maxDeleted), ENTRIESADDED, entriesAdded, MAXDELETEDID, id(maxDeleted)});
                sink.accept(new byte[][] {XSETID, key, id(last)});
            }
        }

        private void writeGroup(StreamGroup group) {
            byte[] name = group.name();
            long entriesRead = group.entriesRead();
            byte[] lastDelivered = id(group.lastDelivered());
            sink.accept(entriesRead < 0
                    ? new byte[][] {XGROUP, CREATE, key, name, lastDelivered}
                    : new byte[][] {XGROUP, CREATE, key, name, lastDelivered, ENTRIESREAD, Arguments.bytes(entriesRead)});
            for (StreamConsumer consumer : group.consumers()) {
                sink.accept(new byte[][] {XGROUP, CREATECONSUMER, key, name, consumer.name()});
            }
            Claims claims = new Claims(name);
            forEachPending(group, claims::add);
            claims.flush();
        }

        /** Visits the pending entries of {@code group}, in ID order, a page at a time. */
        private static void forEachPending(StreamGroup group, Consumer<PendingEntry> visitor) {
            for (EntryId from = EntryId.MIN; from != null; ) {
                List<PendingEntry> page = group.pendingRange(from, EntryId.MAX, PAGE, null);
                page.forEach(visitor);
                from = page.size() < PAGE ? null : page.getLast().id().next();
            }
        }

        /** The XCLAIM lines of one group: one line per run of entries of the same owner, time and count. */
        private final class Claims {
            private final byte[] group;
            private Lines lines;
            private PendingEntry runStart;

            Claims(byte[] group) {
                this.group = group;
            }

            void add(PendingEntry pending) {
                if (!continuesRun(pending)) {
                    flush();
                    runStart = pending;
                    byte[][] head = {XCLAIM, key, group, pending.consumer(), ZERO};
                    byte[][] options = {TIME, Arguments.bytes(pending.deliveryTime()),
                        RETRYCOUNT, Arguments.bytes(pending.deliveryCount()), FORCE, JUSTID};
                    lines = new Lines(sink, head, options, false);
                }
                lines.add(id(pending.id()));
            }

            private boolean continuesRun(PendingEntry pending) {
                return runStart != null && Arrays.equals(runStart.consumer(), pending.consumer())
                        && runStart.deliveryTime() == pending.deliveryTime() && runStart.deliveryCount() == pending.deliveryCount();
            }

            void flush() {
                if (lines != null) {
                    lines.flush();
                }
            }
        }
    }

    // ------------------------------------------------------------------ variadic lines

    /**
     * The lines of one variadic command: a fixed head, the number of elements if counted
     * ({@code FIELDS n}), the elements (one or two arguments each), a fixed tail. A line is sent
     * once it holds {@link #MAX_ITEMS} elements, or before an element would take it past
     * {@link #MAX_PAYLOAD} bytes, and by {@link #flush}.
     */
    private static final class Lines {
        private final CommandSink sink;
        private final byte[][] head;
        private final byte[][] tail;
        private final boolean counted;
        private final List<byte[]> arguments = new ArrayList<>();
        private int items;
        private long payload;
        private long total;

        Lines(CommandSink sink, byte[] command, byte[] key) {
            this(sink, new byte[][] {command, key}, NO_ARGUMENTS, false);
        }

        Lines(CommandSink sink, byte[][] head, byte[][] tail, boolean counted) {
            this.sink = sink;
            this.head = head;
            this.tail = tail;
            this.counted = counted;
        }

        void add(byte[] argument) {
            makeRoom(argument.length);
            arguments.add(argument);
            added();
        }

        void add(byte[] first, byte[] second) {
            makeRoom((long) first.length + second.length);
            arguments.add(first);
            arguments.add(second);
            added();
        }

        private void makeRoom(long bytes) {
            if (items > 0 && payload + bytes > MAX_PAYLOAD) {
                flush();
            }
            payload += bytes;
        }

        private void added() {
            items++;
            total++;
            if (items == MAX_ITEMS) {
                flush();
            }
        }

        /** Returns how many elements were added. */
        long total() {
            return total;
        }

        /** Sends the elements not sent yet, if any, as one line. */
        void flush() {
            if (items == 0) {
                return;
            }
            int counter = counted ? 1 : 0;
            byte[][] argv = new byte[head.length + counter + arguments.size() + tail.length][];
            System.arraycopy(head, 0, argv, 0, head.length);
            if (counted) {
                argv[head.length] = Arguments.bytes(items);
            }
            for (int i = 0; i < arguments.size(); i++) {
                argv[head.length + counter + i] = arguments.get(i);
            }
            System.arraycopy(tail, 0, argv, argv.length - tail.length, tail.length);
            sink.accept(argv);
            arguments.clear();
            items = 0;
            payload = 0;
        }
    }
}
