package dev.keel.engine.stream;

import static dev.keel.engine.command.CommandSpec.BLOCKING;
import static dev.keel.engine.command.CommandSpec.INDEPENDENT_WAIT;
import static dev.keel.engine.command.CommandSpec.WRITE;

import dev.keel.Reply;
import dev.keel.engine.command.Arguments;
import dev.keel.engine.command.CommandSpec;
import dev.keel.engine.command.CommandTable;
import dev.keel.engine.command.CountedKeys;
import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;
import dev.keel.engine.command.Timeouts;
import dev.keel.engine.keyspace.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * XREAD and XREADGROUP, with Redis 7.0's semantics (and XREAD's {@code +} of Redis 7.4).
 *
 * <pre>
 * Reading
 *   The options come first (BLOCK, COUNT, GROUP, NOACK), then STREAMS with the keys and one ID
 *   per key. Each key is checked in turn: its type, its group (XREADGROUP), its ID. Then every
 *   stream that has something is read: for XREAD the entries after the ID ($: the stream's last
 *   ID; +: from its last entry); for XREADGROUP with > the entries after the group's last
 *   delivered ID, which become pending for the consumer (unless NOACK), and with an ID the
 *   consumer's own pending entries after it, deleted ones with nil fields. A history read always
 *   answers, even with no entries.
 *
 * Blocking
 *   When nothing was read and BLOCK was given, the command blocks on all its keys, rewritten so
 *   that a re-run reads after what was last when it blocked ($ and + replaced by IDs; > stays,
 *   as it means the group's last delivered ID at every run). A re-run that finds nothing answers
 *   nil and the waiter keeps waiting. A re-run of XREADGROUP whose key is gone (or holds no
 *   stream) or whose group was destroyed answers Redis's UNBLOCKED or NOGROUP error; DEL, UNLINK
 *   and XGROUP DESTROY signal the key so that it runs. A re-run of XREAD passes over such keys.
 * </pre>
 *
 * <p><b>Thread safety:</b> handlers run under their keys' stripe locks.
 */
final class StreamReadCommands {
    private static final int[] NO_KEYS = new int[0];
    /** The stand-in for XREADGROUP's {@code >}: Redis reads the largest ID as {@code >} too. */
    private static final EntryId NEW_ENTRIES = EntryId.MAX;

    private StreamReadCommands() {
    }

    static void register(CommandTable table) {
        table.add("xread", -4, INDEPENDENT_WAIT | BLOCKING, keys(), inv -> read(inv, false))
                .add("xreadgroup", -7, WRITE | INDEPENDENT_WAIT | BLOCKING, keys(), inv -> read(inv, true));
    }

    /**
     * The options of a read.
     *
     * @param timeoutMillis BLOCK's milliseconds (0: forever), -1 without BLOCK
     * @param count COUNT's, 0 for all
     * @param streamsAt the index of the first key
     * @param streams the number of keys
     * @param group the group name, null for XREAD
     * @param consumer the consumer name, null for XREAD
     * @param noAck NOACK
     */
    private record ReadArgs(long timeoutMillis, long count, int streamsAt, int streams, byte[] group, byte[] consumer,
                            boolean noAck) {
    }

    /** Finds the keys as {@link #parse} does, without reading the options' values; none for a malformed line. */
    private static CommandSpec.KeyFinder keys() {
        return argv -> {
            for (int i = 1; i < argv.length; i++) {
                int more = argv.length - 1 - i;
                byte[] arg = argv[i];
                if ((CArguments.is(arg, "BLOCK") || CArguments.is(arg, "COUNT")) && more > 0) {
                    i++;
                } else if (CArguments.is(arg, "STREAMS") && more > 0) {
                    return more % 2 == 0 ? CountedKeys.range(i + 1, more / 2) : NO_KEYS;
                } else if (CArguments.is(arg, "GROUP") && more >= 2) {
                    i += 2;
                } else if (!CArguments.is(arg, "NOACK")) {
                    return NO_KEYS;
                }
            }
            return NO_KEYS;
        };
    }

    private static ReadArgs parse(Invocation inv, boolean grouped) {
        long timeout = -1;
        long count = 0;
        int streamsAt = 0;
        byte[] group = null;
        byte[] consumer = null;
        boolean noAck = false;
        for (int i = 1; i < inv.argc(); i++) {
            int more = inv.argc() - 1 - i;
            byte[] arg = inv.arg(i);
            if (CArguments.is(arg, "BLOCK") && more > 0) {
                timeout = Timeouts.blockMillis(inv.arg(++i));
            } else if (CArguments.is(arg, "COUNT") && more > 0) {
                count = Math.max(0, Arguments.parseLong(inv.arg(++i)));
            } else if (CArguments.is(arg, "STREAMS") && more > 0) {
                if (more % 2 != 0) {
                    throw ErrorText.of("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.");
                }
                streamsAt = i + 1;
                break;
            } else if (CArguments.is(arg, "GROUP") && more >= 2) {
                if (!grouped) {
                    throw ErrorText.of("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.");
                }
                group = inv.arg(i + 1);
                consumer = inv.arg(i + 2);
                i += 2;
            } else if (CArguments.is(arg, "NOACK")) {
                if (!grouped) {
                    throw ErrorText.of("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.");
                }
                noAck = true;
            } else {
                throw ErrorText.syntax();
            }
        }
        if (streamsAt == 0) {
            throw ErrorText.syntax();
        }
        if (grouped && group == null) {
            throw ErrorText.of("ERR Missing GROUP option for XREADGROUP");
        }
        return new ReadArgs(timeout, count, streamsAt, (inv.argc() - streamsAt) / 2, group, consumer, noAck);
    }

    // ------------------------------------------------------------------ the command

    private static Reply read(Invocation inv, boolean grouped) {
        ReadArgs args = parse(inv, grouped);
        int n = args.streams();
        Stream[] streams = new Stream[n];
        StreamGroup[] groups = new StreamGroup[n];
        EntryId[] after = new EntryId[n];
        byte[][] rerun = null;
        for (int i = 0; i < n; i++) {
            int keyIndex = args.streamsAt() + i;
            int idIndex = keyIndex + n;
            streams[i] = open(inv, keyIndex, grouped);
            if (grouped) {
                groups[i] = group(inv, keyIndex, streams[i], args.group());
            }
            byte[] idArg = inv.arg(idIndex);
            after[i] = startAfter(streams[i], idArg, grouped);
            if (after[i] == null) {
                after[i] = StreamIds.strict(idArg);
            } else if (!grouped) {
                rerun = rerun == null ? StreamCommands.argv(inv) : rerun;
                rerun[idIndex] = StreamIds.bytes(after[i]);
            }
        }
        List<Reply> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Reply entries = grouped ? readGroup(inv, args, streams[i], groups[i], after[i]) : readAfter(args, streams[i], after[i]);
            if (entries != null) {
                results.add(Reply.array(List.of(new Reply.Bulk(inv.arg(args.streamsAt() + i)), entries)));
            }
        }
        if (!results.isEmpty()) {
            return Reply.array(results);
        }
        if (args.timeoutMillis() < 0 || !inv.mayBlock()) {
            return Reply.NIL;
        }
        inv.block(args.timeoutMillis(), rerun, CountedKeys.range(args.streamsAt(), n));
        return null;
    }

    /**
     * Opens the stream at {@code keyIndex}; null if there is none. A re-run for a waiter
     * ({@link Invocation#mayBlock()} false) of XREAD passes over a key that holds no stream now;
     * one of XREADGROUP answers that the stream is gone.
     */
    private static Stream open(Invocation inv, int keyIndex, boolean grouped) {
        long entry = inv.lookupForRead(keyIndex);
        if (!inv.mayBlock() && (entry == 0 || inv.keyspace().type(entry) != ValueType.STREAM)) {
            if (grouped) {
                throw ErrorText.of("UNBLOCKED the stream key no longer exists");
            }
            return null;
        }
        return StreamValues.open(inv, entry);
    }

    private static StreamGroup group(Invocation inv, int keyIndex, Stream stream, byte[] name) {
        StreamGroup group = stream == null ? null : stream.group(name);
        if (group == null) {
            if (!inv.mayBlock()) {
                throw ErrorText.of("NOGROUP the consumer group this client was blocked on no longer exists");
            }
            throw StreamReplies.error("NOGROUP No such key '" + StreamReplies.quoted(inv.arg(keyIndex)) + "' or consumer group '"
                    + StreamReplies.quoted(name) + "' in XREADGROUP with GROUP option");
        }
        return group;
    }

    /**
     * Resolves the special IDs: XREAD's {@code $} (the stream's last ID) and {@code +} (just
     * before it, so its last entry is read), XREADGROUP's {@code >}; refuses those the command
     * does not take. Returns null for an ordinary ID.
     */
    private static EntryId startAfter(Stream stream, byte[] idArg, boolean grouped) {
        if (CArguments.equals(idArg, "$")) {
            if (grouped) {
                throw ErrorText.of("ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of "
                        + "this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just "
                        + "return an empty result set.");
            }
            return stream == null ? EntryId.MIN : stream.lastId();
        }
        if (CArguments.equals(idArg, ">")) {
            if (!grouped) {
                throw ErrorText.of("ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> "
                        + "<consumer> option.");
            }
            return NEW_ENTRIES;
        }
        if (!grouped && CArguments.equals(idArg, "+")) {
            EntryId last = stream == null ? null : stream.lastId().previous();
            return last == null ? EntryId.MIN : last;
        }
        return null;
    }

    // ------------------------------------------------------------------ serving one stream

    private static long limit(ReadArgs args) {
        return args.count() == 0 ? Long.MAX_VALUE : args.count();
    }

    /** XREAD of one stream: its entries after {@code after}, or null if it has none. */
    private static Reply readAfter(ReadArgs args, Stream stream, EntryId after) {
        List<StreamEntry> entries = entriesAfter(stream, after, limit(args));
        return entries.isEmpty() ? null : StreamReplies.entries(entries);
    }

    /** Returns up to {@code limit} entries of {@code stream} (null: none) after {@code after}. */
    private static List<StreamEntry> entriesAfter(Stream stream, EntryId after, long limit) {
        if (stream == null || stream.length() == 0 || stream.lastId().compareTo(after) <= 0) {
            return List.of();
        }
        return stream.range(after.next(), EntryId.MAX, false, limit);
    }

    /**
     * XREADGROUP of one stream: with {@code >} the new entries, delivered to the consumer; with an
     * ID its history after it. Null if there is nothing new; the consumer is created (and seen)
     * only when the stream is served.
     */
    private static Reply readGroup(Invocation inv, ReadArgs args, Stream stream, StreamGroup group, EntryId after) {
        boolean history = !after.equals(NEW_ENTRIES);
        List<StreamEntry> fresh = history ? List.of() : entriesAfter(stream, group.lastDelivered(), limit(args));
        if (!history && fresh.isEmpty()) {
            return null;
        }
        StreamConsumer consumer = consumer(inv, group, args.consumer());
        List<Reply> items = new ArrayList<>();
        if (history) {
            EntryId start = after.next();
            List<PendingEntry> owned = start == null ? List.of() : group.pendingRange(start, EntryId.MAX, limit(args), consumer);
            for (PendingEntry pending : owned) {
                byte[][] fields = stream.get(pending.id());
                if (fields != null) {
                    group.setPending(pending.id(), consumer, inv.now(), pending.deliveryCount() + 1);
                }
                items.add(StreamReplies.entry(pending.id(), fields));
            }
            return Reply.array(items);
        }
        for (StreamEntry entry : fresh) {
            GroupProgress.delivered(stream, group, entry.id());
            if (!args.noAck()) {
                group.setPending(entry.id(), consumer, inv.now(), 1);
            }
            items.add(StreamReplies.entry(entry.id(), entry.fieldsAndValues()));
        }
        consumer.setActiveTime(inv.now());
        return Reply.array(items);
    }

    /** Returns the consumer {@code name} of {@code group}, created if new, seen now. */
    static StreamConsumer consumer(Invocation inv, StreamGroup group, byte[] name) {
        StreamConsumer consumer = group.consumer(name);
        if (consumer == null) {
            return group.createConsumer(name, inv.now());
        }
        consumer.setSeenTime(inv.now());
        return consumer;
    }
}
