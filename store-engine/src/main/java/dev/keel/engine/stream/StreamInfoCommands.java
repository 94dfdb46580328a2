package dev.keel.engine.stream;

import dev.keel.Reply;
import dev.keel.engine.command.Arguments;
import dev.keel.engine.command.CommandTable;
import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * XINFO STREAM (and FULL), GROUPS, CONSUMERS and HELP, with Redis 7.0's fields: flat arrays of
 * field names and values, as RESP2 sends Redis's maps.
 *
 * <p>{@code radix-tree-keys} is the number of entry blocks (Redis's listpacks, one a radix tree
 * key); {@code radix-tree-nodes} counts them and a root, which is what Redis reports for a stream
 * of one block or none. A group's {@code lag} and {@code entries-read} are nil where Redis cannot
 * know them (see {@link GroupProgress}). FULL lists at most COUNT entries, and as many pending
 * entries for each group and each consumer (10 by default, all for 0).
 *
 * <p><b>Thread safety:</b> handlers run under their keys' stripe locks.
 */
final class StreamInfoCommands {
    private static final long DEFAULT_FULL_COUNT = 10;

    private StreamInfoCommands() {
    }

    static void register(CommandTable table) {
        table.add("xinfo", -2, 0, 2, 2, 1, StreamInfoCommands::xinfo);
    }

    private static Reply xinfo(Invocation inv) {
        String sub = Arguments.upper(inv.arg(1));
        int arity = switch (sub) {
            case "HELP" -> 2;
            case "STREAM" -> -3;
            case "GROUPS" -> 3;
            case "CONSUMERS" -> 4;
            default -> throw StreamGroupCommands.unknownSubcommand(inv, "xinfo");
        };
        StreamGroupCommands.checkArity(inv, "xinfo", sub.toLowerCase(Locale.ROOT), arity);
        if (sub.equals("HELP")) {
            return StreamGroupCommands.helpLines("XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "CONSUMERS <key> <groupname>",
                    "    Show consumers of <groupname>.",
                    "GROUPS <key>",
                    "    Show the stream consumer groups.",
                    "STREAM <key> [FULL [COUNT <count>]",
                    "    Show information about the stream.",
                    "HELP",
                    "    Prints this help.");
        }
        Stream stream = StreamValues.open(inv, inv.lookup(2));
        if (stream == null) {
            throw ErrorText.of(ErrorText.NO_SUCH_KEY);
        }
        return switch (sub) {
            case "CONSUMERS" -> consumers(inv, stream);
            case "GROUPS" -> groups(stream);
            default -> streamInfo(inv, stream);
        };
    }

    private static Reply.Bulk name(String field) {
        return Reply.bulk(field);
    }

    private static Reply consumers(Invocation inv, Stream stream) {
        StreamGroup group = stream.group(inv.arg(3));
        if (group == null) {
            throw StreamReplies.noSuchGroup(inv.arg(2), inv.arg(3));
        }
        List<Reply> items = new ArrayList<>();
        for (StreamConsumer consumer : group.consumers()) {
            items.add(Reply.array(List.of(name("name"), new Reply.Bulk(consumer.name()),
                    name("pending"), Reply.integer(consumer.pendingCount()),
                    name("idle"), Reply.integer(Math.max(0, inv.now() - consumer.seenTime())))));
        }
        return Reply.array(items);
    }

    private static Reply groups(Stream stream) {
        List<Reply> items = new ArrayList<>();
        for (StreamGroup group : stream.groups()) {
            items.add(Reply.array(List.of(name("name"), new Reply.Bulk(group.name()),
                    name("consumers"), Reply.integer(group.consumerCount()),
                    name("pending"), Reply.integer(group.pendingCount()),
                    name("last-delivered-id"), StreamReplies.id(group.lastDelivered()),
                    name("entries-read"), entriesRead(group),
                    name("lag"), lag(stream, group))));
        }
        return Reply.array(items);
    }

    private static Reply entriesRead(StreamGroup group) {
        long read = group.entriesRead();
        return read == GroupProgress.UNKNOWN ? Reply.NIL : Reply.integer(read);
    }

    private static Reply lag(Stream stream, StreamGroup group) {
        long lag = GroupProgress.lag(stream, group);
        return lag == Long.MIN_VALUE ? Reply.NIL : Reply.integer(lag);
    }

    // ------------------------------------------------------------------ XINFO STREAM

    private static Reply streamInfo(Invocation inv, Stream stream) {
        int options = inv.argc() - 3;
        long count = DEFAULT_FULL_COUNT;
        if (options != 0) {
            if (options != 1 && options != 3 || !CArguments.is(inv.arg(3), "FULL")) {
                throw StreamGroupCommands.subcommandSyntax(inv, "xinfo");
            }
            if (options == 3) {
                if (!CArguments.is(inv.arg(4), "COUNT")) {
                    throw StreamGroupCommands.subcommandSyntax(inv, "xinfo");
                }
                count = Arguments.parseLong(inv.arg(5));
                if (count < 0) {
                    count = DEFAULT_FULL_COUNT;
                }
            }
        }
        List<Reply> items = new ArrayList<>(List.of(name("length"), Reply.integer(stream.length()),
                name("radix-tree-keys"), Reply.integer(stream.blocks()),
                name("radix-tree-nodes"), Reply.integer(stream.blocks() + 1),
                name("last-generated-id"), StreamReplies.id(stream.lastId()),
                name("max-deleted-entry-id"), StreamReplies.id(stream.maxDeletedId()),
                name("entries-added"), Reply.integer(stream.entriesAdded()),
                name("recorded-first-entry-id"), StreamReplies.id(stream.recordedFirstId())));
        if (options == 0) {
            items.addAll(List.of(name("groups"), Reply.integer(stream.groupCount()),
                    name("first-entry"), edge(stream, false),
                    name("last-entry"), edge(stream, true)));
            return Reply.array(items);
        }
        long limit = count == 0 ? Long.MAX_VALUE : count;
        items.addAll(List.of(name("entries"), StreamReplies.entries(stream.range(EntryId.MIN, EntryId.MAX, false, limit)),
                name("groups"), fullGroups(stream, limit)));
        return Reply.array(items);
    }

    /** Returns the first (or {@code last}) entry as XRANGE replies it, or nil if the stream has none. */
    private static Reply edge(Stream stream, boolean last) {
        List<StreamEntry> edge = stream.range(EntryId.MIN, EntryId.MAX, last, 1);
        return edge.isEmpty() ? Reply.NIL : StreamReplies.entry(edge.get(0).id(), edge.get(0).fieldsAndValues());
    }

    private static Reply fullGroups(Stream stream, long limit) {
        List<Reply> groups = new ArrayList<>();
        for (StreamGroup group : stream.groups()) {
            List<Reply> pending = new ArrayList<>();
            for (PendingEntry entry : group.pendingRange(EntryId.MIN, EntryId.MAX, limit, null)) {
                pending.add(Reply.array(List.of(StreamReplies.id(entry.id()), new Reply.Bulk(entry.consumer()),
                        Reply.integer(entry.deliveryTime()), Reply.integer(entry.deliveryCount()))));
            }
            List<Reply> consumers = new ArrayList<>();
            for (StreamConsumer consumer : group.consumers()) {
                List<Reply> owned = new ArrayList<>();
                for (PendingEntry entry : group.pendingRange(EntryId.MIN, EntryId.MAX, limit, consumer)) {
                    owned.add(Reply.array(List.of(StreamReplies.id(entry.id()), Reply.integer(entry.deliveryTime()),
                            Reply.integer(entry.deliveryCount()))));
                }
                consumers.add(Reply.array(List.of(name("name"), new Reply.Bulk(consumer.name()),
                        name("seen-time"), Reply.integer(consumer.seenTime()),
                        name("pel-count"), Reply.integer(consumer.pendingCount()),
                        name("pending"), Reply.array(owned))));
            }
            groups.add(Reply.array(List.of(name("name"), new Reply.Bulk(group.name()),
                    name("last-delivered-id"), StreamReplies.id(group.lastDelivered()),
                    name("entries-read"), entriesRead(group),
                    name("lag"), lag(stream, group),
                    name("pel-count"), Reply.integer(group.pendingCount()),
                    name("pending"), Reply.array(pending),
                    name("consumers"), Reply.array(consumers))));
        }
        return Reply.array(groups);
    }
}
