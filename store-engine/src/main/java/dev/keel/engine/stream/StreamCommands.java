package dev.keel.engine.stream;

import static dev.keel.engine.command.CommandSpec.DENY_OOM;
import static dev.keel.engine.command.CommandSpec.WRITE;

import dev.keel.Reply;
import dev.keel.engine.command.Arguments;
import dev.keel.engine.command.CommandTable;
import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The stream commands, with Redis 7.0's semantics: XADD, XLEN, XRANGE, XREVRANGE, XDEL, XTRIM and
 * XSETID here; XREAD and XREADGROUP in {@link StreamReadCommands}; XGROUP, XACK, XPENDING, XCLAIM
 * and XAUTOCLAIM in {@link StreamGroupCommands}; XINFO in {@link StreamInfoCommands}. Commands
 * call only the {@link Stream} and {@link StreamGroup} API.
 *
 * <p>Every handler reads its arguments and checks the key's type in Redis's order, and refuses
 * before it changes anything. XADD signals its key, so that blocked XREAD and XREADGROUP are
 * served (see CommandDispatcher). A stream key stays when its last entry goes (XDEL, XTRIM), as
 * in Redis. XADD and XTRIM give the append-only log the line they took effect as when it is not
 * the one given: the ID XADD chose for {@code *} or {@code <ms>-*}, and an approximate trim as
 * the exact one it did, which does not depend on the blocks.
 *
 * <p><b>Thread safety:</b> handlers run under their keys' stripe locks.
 */
public final class StreamCommands {
    private static final byte[] NOMKSTREAM = "NOMKSTREAM".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAXLEN = "MAXLEN".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXACT = {'='};

    private StreamCommands() {
    }

    /** Adds every stream command to {@code table}. */
    public static void register(CommandTable table) {
        table.add("xadd", -5, WRITE | DENY_OOM, 1, 1, 1, StreamCommands::xadd)
                .add("xlen", 2, 0, 1, 1, 1, StreamCommands::xlen)
                .add("xrange", -4, 0, 1, 1, 1, inv -> xrange(inv, false))
                .add("xrevrange", -4, 0, 1, 1, 1, inv -> xrange(inv, true))
                .add("xdel", -3, WRITE, 1, 1, 1, StreamCommands::xdel)
                .add("xtrim", -4, WRITE, 1, 1, 1, StreamCommands::xtrim)
                .add("xsetid", -3, WRITE | DENY_OOM, 1, 1, 1, StreamCommands::xsetid);
        StreamReadCommands.register(table);
        StreamGroupCommands.register(table);
        StreamInfoCommands.register(table);
    }

    // ------------------------------------------------------------------ adding

    private static Reply xadd(Invocation inv) {
        TrimArgs args = TrimArgs.parse(inv, true);
        int fieldsAt = args.idIndex() + 1;
        int fields = inv.argc() - fieldsAt;
        if (fields < 2 || fields % 2 == 1) {
            throw ErrorText.arity("xadd");
        }
        byte[] idArg = inv.arg(args.idIndex());
        StreamIds.AddId given = CArguments.equals(idArg, "*") ? null : StreamIds.forAdd(idArg);
        if (given != null && given.seqGiven() && given.id().equals(EntryId.MIN)) {
            throw ErrorText.of("ERR The ID specified in XADD must be greater than 0-0");
        }
        long entry = inv.lookup(1);
        Stream stream = StreamValues.open(inv, entry);
        if (stream == null && args.noMkStream()) {
            return Reply.NIL;
        }
        EntryId last = stream == null ? EntryId.MIN : stream.lastId();
        if (last.equals(EntryId.MAX)) {
            throw ErrorText.of("ERR The stream has exhausted the last possible ID, unable to add more items");
        }
        EntryId id = nextId(given, last, inv.now());
        if (stream == null) {
            stream = StreamValues.create(inv, 1);
        }
        stream.append(id, Arrays.copyOfRange(argv(inv), fieldsAt, inv.argc()));
        args.trim(stream);
        inv.signalPushed(1);
        boolean idChosen = given == null || !given.seqGiven();
        if ((idChosen || args.approximate()) && logging(inv)) {
            byte[][] line = args.approximate() ? withExactTrim(inv, args, stream) : argv(inv);
            line[line.length - (inv.argc() - args.idIndex())] = StreamIds.bytes(id);
            inv.logAs(line);
        }
        return StreamReplies.id(id);
    }

    /**
     * Returns the ID XADD adds with: {@code given}, or for {@code <ms>-*} the next sequence in that
     * millisecond, or for {@code *} ({@code given} null) the clock's millisecond, never going
     * below {@code last}: at or before its millisecond, the ID after it. Refuses an ID not above
     * {@code last}, which must not be the largest ID.
     */
    static EntryId nextId(StreamIds.AddId given, EntryId last, long now) {
        EntryId id;
        if (given == null) {
            id = Long.compareUnsigned(now, last.ms()) > 0 ? new EntryId(now, 0) : last.next();
        } else if (!given.seqGiven() && given.id().ms() == last.ms()) {
            if (last.seq() == -1L) {
                throw notAboveTop();
            }
            id = new EntryId(last.ms(), last.seq() + 1);
        } else {
            id = given.id();
        }
        if (id.compareTo(last) <= 0) {
            throw notAboveTop();
        }
        return id;
    }

    private static RuntimeException notAboveTop() {
        return ErrorText.of("ERR The ID specified in XADD is equal or smaller than the target stream top item");
    }

    /** Returns a copy of the command line, to rewrite for a re-run (see {@link Invocation#block(long, byte[][], int...)}). */
    static byte[][] argv(Invocation inv) {
        byte[][] argv = new byte[inv.argc()][];
        for (int i = 0; i < argv.length; i++) {
            argv[i] = inv.arg(i);
        }
        return argv;
    }

    // ------------------------------------------------------------------ reading

    private static Reply xlen(Invocation inv) {
        Stream stream = StreamValues.open(inv, inv.lookup(1));
        return Reply.integer(stream == null ? 0 : stream.length());
    }

    /** XRANGE and XREVRANGE: the bounds (end first for XREVRANGE), then COUNT, then the key. */
    private static Reply xrange(Invocation inv, boolean reverse) {
        EntryId start = StreamIds.intervalStart(inv.arg(reverse ? 3 : 2));
        EntryId end = StreamIds.intervalEnd(inv.arg(reverse ? 2 : 3));
        long count = -1;
        for (int i = 4; i < inv.argc(); i++) {
            if (CArguments.is(inv.arg(i), "COUNT") && i + 1 < inv.argc()) {
                count = Math.max(0, Arguments.parseLong(inv.arg(++i)));
            } else {
                throw ErrorText.syntax();
            }
        }
        Stream stream = StreamValues.open(inv, inv.lookup(1));
        if (stream == null) {
            return Reply.array(List.of());
        }
        if (count == 0) {
            return Reply.NIL;
        }
        return StreamReplies.entries(stream.range(start, end, reverse, count < 0 ? Long.MAX_VALUE : count));
    }

    // ------------------------------------------------------------------ deleting and trimming

    private static Reply xdel(Invocation inv) {
        Stream stream = StreamValues.open(inv, inv.lookup(1));
        if (stream == null) {
            return Reply.integer(0);
        }
        return countEach(inv, 2, stream::delete);
    }

    /**
     * Parses the IDs from argument {@code from} on, all before acting on any (XDEL, XACK: Redis runs
     * them all or none), then applies {@code action} to each; returns how many it was true for.
     */
    static Reply countEach(Invocation inv, int from, Predicate<EntryId> action) {
        long count = 0;
        for (EntryId id : StreamIds.strictFrom(inv, from)) {
            if (action.test(id)) {
                count++;
            }
        }
        return Reply.integer(count);
    }

    private static Reply xtrim(Invocation inv) {
        TrimArgs args = TrimArgs.parse(inv, false);
        Stream stream = StreamValues.open(inv, inv.lookup(1));
        long removed = stream == null ? 0 : args.trim(stream);
        if (removed > 0 && args.approximate() && logging(inv)) {
            inv.logAs(withExactTrim(inv, args, stream));
        }
        return Reply.integer(removed);
    }

    // ------------------------------------------------------------------ the log

    /** Returns whether the append-only log takes this command's effect (see {@link Invocation#logAs}). */
    private static boolean logging(Invocation inv) {
        return inv.log() != null && !inv.replaying();
    }

    /**
     * Returns the line of XADD or XTRIM with its approximate trim, LIMIT included, replaced by the
     * exact trim it did, so that replay removes the same entries whatever its blocks: {@code MAXLEN =}
     * the length left. A trim, MAXLEN or MINID, removes the oldest entries, so the length left says
     * which went. XADD's NOMKSTREAM, ID and fields follow as given.
     */
    private static byte[][] withExactTrim(Invocation inv, TrimArgs args, Stream stream) {
        int kept = args.idIndex() == 0 ? 0 : inv.argc() - args.idIndex();
        int head = args.noMkStream() ? 6 : 5;
        byte[][] line = new byte[head + kept][];
        line[0] = inv.arg(0);
        line[1] = inv.arg(1);
        if (args.noMkStream()) {
            line[2] = NOMKSTREAM;
        }
        line[head - 3] = MAXLEN;
        line[head - 2] = EXACT;
        line[head - 1] = Arguments.bytes(stream.length());
        for (int i = 0; i < kept; i++) {
            line[head + i] = inv.arg(args.idIndex() + i);
        }
        return line;
    }

    // ------------------------------------------------------------------ XSETID

    /**
     * XSETID: the last ID may not go below the last entry; Redis 7.0 lets it go below the largest
     * deleted ID (later versions refuse that).
     */
    private static Reply xsetid(Invocation inv) {
        EntryId id = StreamIds.strict(inv.arg(2));
        long entriesAdded = -1;
        EntryId maxDeleted = EntryId.MIN;
        for (int i = 3; i < inv.argc(); i += 2) {
            boolean more = i + 1 < inv.argc();
            if (CArguments.is(inv.arg(i), "ENTRIESADDED") && more) {
                entriesAdded = Arguments.parseLong(inv.arg(i + 1));
                if (entriesAdded < 0) {
                    throw ErrorText.of("ERR entries_added must be positive");
                }
            } else if (CArguments.is(inv.arg(i), "MAXDELETEDID") && more) {
                maxDeleted = StreamIds.strict(inv.arg(i + 1));
                if (id.compareTo(maxDeleted) < 0) {
                    throw ErrorText.of("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
                }
            } else {
                throw ErrorText.syntax();
            }
        }
        Stream stream = StreamValues.open(inv, inv.lookup(1));
        if (stream == null) {
            throw ErrorText.of(ErrorText.NO_SUCH_KEY);
        }
        if (stream.length() > 0) {
            if (id.compareTo(stream.lastEntryId()) < 0) {
                throw ErrorText.of("ERR The ID specified in XSETID is smaller than the target stream top item");
            }
            if (entriesAdded != -1 && stream.length() > entriesAdded) {
                throw ErrorText.of("ERR The entries_added specified in XSETID is smaller than the target stream length");
            }
        }
        stream.setLastId(id);
        if (entriesAdded != -1) {
            stream.setEntriesAdded(entriesAdded);
        }
        if (!maxDeleted.equals(EntryId.MIN)) {
            stream.setMaxDeletedId(maxDeleted);
        }
        return Reply.OK;
    }
}
