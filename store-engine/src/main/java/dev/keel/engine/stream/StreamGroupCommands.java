package dev.keel.engine.stream;

import static dev.keel.engine.command.CommandSpec.WRITE;

import dev.keel.Reply;
import dev.keel.engine.command.Arguments;
import dev.keel.engine.command.CommandTable;
import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The consumer group commands, with Redis 7.0's semantics: XGROUP (CREATE, SETID, DESTROY,
 * CREATECONSUMER, DELCONSUMER, HELP), XACK and XPENDING here; XCLAIM and XAUTOCLAIM in
 * {@link StreamClaimCommands}.
 *
 * <p>XGROUP is one command with subcommands, as in Redis: each subcommand has its own arity
 * ({@code xgroup|create}, ...). XGROUP reads the options of CREATE and SETID before it looks the
 * key up, and checks the key's existence (unless MKSTREAM) and the group's before the ID. XGROUP
 * DESTROY signals the key, so that XREADGROUP blocked on the group answers NOGROUP.
 *
 * <p><b>Thread safety:</b> handlers run under their keys' stripe locks.
 */
final class StreamGroupCommands {
    private static final String NEEDS_KEY = "ERR The XGROUP subcommand requires the key to exist. "
            + "Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.";

    /** How many pending entries XPENDING reads at a time. */
    private static final long PAGE = 1024;

    private StreamGroupCommands() {
    }

    static void register(CommandTable table) {
        table.add("xgroup", -2, WRITE, 2, 2, 1, StreamGroupCommands::xgroup)
                .add("xack", -4, WRITE, 1, 1, 1, StreamGroupCommands::xack)
                .add("xpending", -3, 0, 1, 1, 1, StreamGroupCommands::xpending);
        StreamClaimCommands.register(table);
    }

    // ------------------------------------------------------------------ XGROUP

    /** Checks the arity of {@code xgroup|<name>} (Redis's: exactly n, or at least n if negative). */
    static void checkArity(Invocation inv, String command, String name, int arity) {
        if (arity >= 0 ? inv.argc() != arity : inv.argc() < -arity) {
            throw ErrorText.arity(command + "|" + name);
        }
    }

    /** {@code ERR unknown subcommand or wrong number of arguments for '<sub>'. Try <COMMAND> HELP.} */
    static RuntimeException subcommandSyntax(Invocation inv, String command) {
        return StreamReplies.error("ERR unknown subcommand or wrong number of arguments for '" + StreamReplies.quoted(inv.arg(1), 128)
                + "'. Try " + command.toUpperCase(Locale.ROOT) + " HELP.");
    }

    /** {@code ERR unknown subcommand '<sub>'. Try <COMMAND> HELP.} */
    static RuntimeException unknownSubcommand(Invocation inv, String command) {
        return StreamReplies.error("ERR unknown subcommand '" + StreamReplies.quoted(inv.arg(1), 128) + "'. Try " + command.toUpperCase(Locale.ROOT) + " HELP.");
    }

    private static Reply xgroup(Invocation inv) {
        String sub = Arguments.upper(inv.arg(1));
        int arity = switch (sub) {
            case "HELP" -> 2;
            case "CREATE", "SETID" -> -5;
            case "DESTROY" -> 4;
            case "CREATECONSUMER", "DELCONSUMER" -> 5;
            default -> throw unknownSubcommand(inv, "xgroup");
        };
        checkArity(inv, "xgroup", sub.toLowerCase(Locale.ROOT), arity);
        if (sub.equals("HELP")) {
            return help();
        }
        boolean create = sub.equals("CREATE");
        boolean mkStream = false;
        long entriesRead = GroupProgress.UNKNOWN;
        if (create || sub.equals("SETID")) {
            for (int i = 5; i < inv.argc(); i++) {
                if (create && CArguments.is(inv.arg(i), "MKSTREAM")) {
                    mkStream = true;
                } else if (CArguments.is(inv.arg(i), "ENTRIESREAD") && i + 1 < inv.argc()) {
                    entriesRead = Arguments.parseLong(inv.arg(++i));
                    if (entriesRead < 0 && entriesRead != GroupProgress.UNKNOWN) {
                        throw ErrorText.of("ERR value for ENTRIESREAD must be positive or -1");
                    }
                } else {
                    throw subcommandSyntax(inv, "xgroup");
                }
            }
        }
        Stream stream = StreamValues.open(inv, inv.lookup(2));
        byte[] name = inv.arg(3);
        StreamGroup group = null;
        if (!mkStream) {
            if (stream == null) {
                throw ErrorText.of(NEEDS_KEY);
            }
            group = stream.group(name);
            if (group == null && !create && !sub.equals("DESTROY")) {
                throw StreamReplies.noSuchGroup(inv.arg(2), name);
            }
        }
        return switch (sub) {
            case "CREATE" -> {
                if (inv.argc() > 8) {
                    throw subcommandSyntax(inv, "xgroup");
                }
                yield createGroup(inv, stream, name, entriesRead);
            }
            case "SETID" -> {
                if (inv.argc() != 5 && inv.argc() != 7) {
                    throw subcommandSyntax(inv, "xgroup");
                }
                group.setLastDelivered(CArguments.equals(inv.arg(4), "$") ? stream.lastId() : StreamIds.loose(inv.arg(4), 0));
                group.setEntriesRead(entriesRead);
                yield Reply.OK;
            }
            case "DESTROY" -> {
                if (group == null) {
                    yield Reply.integer(0);
                }
                stream.destroyGroup(name);
                inv.signalPushed(2);
                yield Reply.integer(1);
            }
            case "CREATECONSUMER" -> Reply.integer(group.createConsumer(inv.arg(4), inv.now()) == null ? 0 : 1);
            default -> Reply.integer(Math.max(0, group.deleteConsumer(inv.arg(4))));
        };
    }

    private static Reply createGroup(Invocation inv, Stream stream, byte[] name, long entriesRead) {
        EntryId id;
        if (CArguments.equals(inv.arg(4), "$")) {
            id = stream == null ? EntryId.MIN : stream.lastId();
        } else {
            id = StreamIds.strict(inv.arg(4));
        }
        Stream target = stream == null ? StreamValues.create(inv, 2) : stream;
        if (target.createGroup(name, id, entriesRead) == null) {
            throw ErrorText.of("BUSYGROUP Consumer Group name already exists");
        }
        return Reply.OK;
    }

    private static Reply help() {
        return helpLines("XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "CREATE <key> <groupname> <id|$> [option]",
                "    Create a new consumer group. Options are:",
                "    * MKSTREAM",
                "      Create the empty stream if it does not exist.",
                "    * ENTRIESREAD entries_read",
                "      Set the group's entries_read counter (internal use).",
                "CREATECONSUMER <key> <groupname> <consumer>",
                "    Create a new consumer in the specified group.",
                "DELCONSUMER <key> <groupname> <consumer>",
                "    Remove the specified consumer.",
                "DESTROY <key> <groupname>",
                "    Remove the specified group.",
                "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
                "    Set the current group ID and entries_read counter.",
                "HELP",
                "    Prints this help.");
    }

    /** Returns a HELP reply: one status reply a line, as Redis sends them. */
    static Reply helpLines(String... lines) {
        List<Reply> items = new ArrayList<>(lines.length);
        for (String line : lines) {
            items.add(new Reply.Status(line));
        }
        return Reply.array(items);
    }

    // ------------------------------------------------------------------ XACK

    private static Reply xack(Invocation inv) {
        Stream stream = StreamValues.open(inv, inv.lookupForRead(1));
        StreamGroup group = stream == null ? null : stream.group(inv.arg(2));
        if (group == null) {
            return Reply.integer(0);
        }
        return StreamCommands.countEach(inv, 3, group::ack);
    }

    // ------------------------------------------------------------------ XPENDING

    private static Reply xpending(Invocation inv) {
        int argc = inv.argc();
        if (argc != 3 && (argc < 6 || argc > 9)) {
            throw ErrorText.syntax();
        }
        long minIdle = 0;
        long count = 0;
        EntryId start = null;
        EntryId end = null;
        byte[] consumerName = null;
        if (argc >= 6) {
            int at = 3;
            if (CArguments.is(inv.arg(3), "IDLE")) {
                minIdle = Arguments.parseLong(inv.arg(4));
                if (argc < 8) {
                    throw ErrorText.syntax();
                }
                at += 2;
            }
            count = Math.max(0, Arguments.parseLong(inv.arg(at + 2)));
            start = StreamIds.intervalStart(inv.arg(at));
            end = StreamIds.intervalEnd(inv.arg(at + 1));
            consumerName = at + 3 < argc ? inv.arg(at + 3) : null;
        }
        Stream stream = StreamValues.open(inv, inv.lookup(1));
        StreamGroup group = stream == null ? null : stream.group(inv.arg(2));
        if (group == null) {
            throw StreamReplies.noKeyOrGroup(inv.arg(1), inv.arg(2));
        }
        if (argc == 3) {
            return summary(group);
        }
        StreamConsumer consumer = null;
        if (consumerName != null) {
            consumer = group.consumer(consumerName);
            if (consumer == null) {
                return Reply.array(List.of());
            }
        }
        List<Reply> items = new ArrayList<>();
        long now = inv.now();
        // IDLE filters while walking, so the walk goes on page by page past the entries it skips.
        for (EntryId from = start; from != null && items.size() < count; ) {
            List<PendingEntry> page = group.pendingRange(from, end, Math.min(count, PAGE), consumer);
            for (PendingEntry pending : page) {
                if (minIdle == 0 || now - pending.deliveryTime() >= minIdle) {
                    items.add(Reply.array(List.of(StreamReplies.id(pending.id()), new Reply.Bulk(pending.consumer()),
                            Reply.integer(now - pending.deliveryTime()), Reply.integer(pending.deliveryCount()))));
                    if (items.size() == count) {
                        break;
                    }
                }
            }
            from = page.size() < Math.min(count, PAGE) ? null : page.get(page.size() - 1).id().next();
        }
        return Reply.array(items);
    }

    /** XPENDING's summary: the count, the lowest and highest IDs, and each consumer with entries and how many. */
    private static Reply summary(StreamGroup group) {
        EntryId[] bounds = group.pendingBounds();
        if (bounds == null) {
            return Reply.array(List.of(Reply.integer(0), Reply.NIL, Reply.NIL, Reply.NIL));
        }
        List<Reply> consumers = new ArrayList<>();
        for (StreamConsumer consumer : group.consumers()) {
            long owned = consumer.pendingCount();
            if (owned > 0) {
                consumers.add(Reply.array(List.of(new Reply.Bulk(consumer.name()), new Reply.Bulk(Arguments.bytes(owned)))));
            }
        }
        return Reply.array(List.of(Reply.integer(group.pendingCount()), StreamReplies.id(bounds[0]), StreamReplies.id(bounds[1]),
                Reply.array(consumers)));
    }
}
