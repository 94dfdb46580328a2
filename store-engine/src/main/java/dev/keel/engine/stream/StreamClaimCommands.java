package dev.keel.engine.stream;

import static dev.keel.engine.command.CommandSpec.WRITE;

import dev.keel.Reply;
import dev.keel.engine.command.Arguments;
import dev.keel.engine.command.CommandTable;
import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;
import java.util.ArrayList;
import java.util.List;

/**
 * XCLAIM and XAUTOCLAIM, with Redis 7.0's semantics: a consumer takes over pending entries of its
 * group. An entry that was deleted from the stream is removed from the pending entries instead
 * (XAUTOCLAIM lists those). The claiming consumer is created only when it claims something.
 *
 * <p><b>Thread safety:</b> handlers run under their keys' stripe locks.
 */
final class StreamClaimCommands {
    /** How many pending entries XAUTOCLAIM reads at a time. */
    private static final int PAGE = 256;
    /** XAUTOCLAIM's largest COUNT, Redis's: a long's largest value over the bytes of an ID. */
    private static final long MAX_COUNT = Long.MAX_VALUE / 16;
    /**
     * The largest COUNT whose IDs Redis can allocate room for: their bytes (16 each) fit the
     * 47-bit address space of a process. Above it Redis's allocation fails.
     */
    private static final long ALLOCATABLE_COUNT = (1L << 47) / 16;

    private StreamClaimCommands() {
    }

    static void register(CommandTable table) {
        table.add("xclaim", -6, WRITE, 1, 1, 1, StreamClaimCommands::xclaim)
                .add("xautoclaim", -6, WRITE, 1, 1, 1, StreamClaimCommands::xautoclaim);
    }

    private static StreamGroup group(Stream stream, Invocation inv) {
        StreamGroup group = stream == null ? null : stream.group(inv.arg(2));
        if (group == null) {
            throw StreamReplies.noKeyOrGroup(inv.arg(1), inv.arg(2));
        }
        return group;
    }

    private static long parseLong(byte[] arg, String error) {
        if (!Arguments.isLong(arg)) {
            throw ErrorText.of(error);
        }
        return Arguments.parseLong(arg);
    }

    /**
     * The options of XCLAIM after its IDs.
     *
     * @param deliveryTime the delivery time to give the claimed entries
     * @param retryCount RETRYCOUNT's, -1 if not given
     * @param force FORCE
     * @param justId JUSTID
     * @param lastId LASTID's, 0-0 if not given
     */
    private record ClaimOptions(long deliveryTime, long retryCount, boolean force, boolean justId, EntryId lastId) {

        static ClaimOptions parse(Invocation inv, int from) {
            long now = inv.now();
            long deliveryTime = -1;
            long retryCount = -1;
            boolean force = false;
            boolean justId = false;
            EntryId lastId = EntryId.MIN;
            for (int j = from; j < inv.argc(); j++) {
                boolean more = j + 1 < inv.argc();
                byte[] option = inv.arg(j);
                if (CArguments.is(option, "FORCE")) {
                    force = true;
                } else if (CArguments.is(option, "JUSTID")) {
                    justId = true;
                } else if (CArguments.is(option, "IDLE") && more) {
                    deliveryTime = now - parseLong(inv.arg(++j), "ERR Invalid IDLE option argument for XCLAIM");
                } else if (CArguments.is(option, "TIME") && more) {
                    deliveryTime = parseLong(inv.arg(++j), "ERR Invalid TIME option argument for XCLAIM");
                } else if (CArguments.is(option, "RETRYCOUNT") && more) {
                    retryCount = parseLong(inv.arg(++j), "ERR Invalid RETRYCOUNT option argument for XCLAIM");
                } else if (CArguments.is(option, "LASTID") && more) {
                    lastId = StreamIds.strict(inv.arg(++j));
                } else {
                    throw StreamReplies.error("ERR Unrecognized XCLAIM option '" + StreamReplies.quoted(option) + "'");
                }
            }
            // A delivery time in the future or before the epoch is taken as now, as Redis does.
            if (deliveryTime < 0 || deliveryTime > now) {
                deliveryTime = now;
            }
            return new ClaimOptions(deliveryTime, retryCount, force, justId, lastId);
        }
    }

    // ------------------------------------------------------------------ XCLAIM

    private static Reply xclaim(Invocation inv) {
        Stream stream = StreamValues.open(inv, inv.lookup(1));
        StreamGroup group = group(stream, inv);
        long minIdle = Math.max(0, parseLong(inv.arg(4), "ERR Invalid min-idle-time argument for XCLAIM"));
        List<EntryId> ids = new ArrayList<>();
        int j = 5;
        for (EntryId id; j < inv.argc() && (id = StreamIds.strictOrNull(inv.arg(j))) != null; j++) {
            ids.add(id);
        }
        ClaimOptions options = ClaimOptions.parse(inv, j);
        if (options.lastId().compareTo(group.lastDelivered()) > 0) {
            group.setLastDelivered(options.lastId());
        }
        long now = inv.now();
        StreamConsumer consumer = null;
        List<Reply> claimed = new ArrayList<>();
        for (EntryId id : ids) {
            PendingEntry pending = group.pending(id);
            byte[][] fields = stream.get(id);
            if (fields == null) {
                group.ack(id);
                continue;
            }
            if (pending == null && !options.force()) {
                continue;
            }
            if (pending != null && minIdle != 0 && now - pending.deliveryTime() < minIdle) {
                continue;
            }
            // An entry FORCE makes pending starts as delivered once, as in Redis.
            long deliveries = pending == null ? 1 : pending.deliveryCount();
            if (options.retryCount() >= 0) {
                deliveries = options.retryCount();
            } else if (!options.justId()) {
                deliveries++;
            }
            consumer = consumer != null ? consumer : StreamReadCommands.consumer(inv, group, inv.arg(3));
            consumer.setActiveTime(now);
            group.setPending(id, consumer, options.deliveryTime(), deliveries);
            claimed.add(options.justId() ? StreamReplies.id(id) : StreamReplies.entry(id, fields));
        }
        return Reply.array(claimed);
    }

    // ------------------------------------------------------------------ XAUTOCLAIM

    private static Reply xautoclaim(Invocation inv) {
        long minIdle = Math.max(0, parseLong(inv.arg(4), "ERR Invalid min-idle-time argument for XAUTOCLAIM"));
        EntryId start = StreamIds.intervalStart(inv.arg(5));
        long count = 100;
        boolean justId = false;
        for (int j = 6; j < inv.argc(); j++) {
            if (CArguments.is(inv.arg(j), "COUNT") && j + 1 < inv.argc()) {
                byte[] arg = inv.arg(++j);
                count = Arguments.isLong(arg) ? Arguments.parseLong(arg) : 0;
                if (count < 1 || count > MAX_COUNT) {
                    throw ErrorText.of("ERR COUNT must be > 0");
                }
            } else if (CArguments.is(inv.arg(j), "JUSTID")) {
                justId = true;
            } else {
                throw ErrorText.syntax();
            }
        }
        Stream stream = StreamValues.open(inv, inv.lookup(1));
        StreamGroup group = group(stream, inv);
        if (count > ALLOCATABLE_COUNT) {
            throw ErrorText.of("ERR Insufficient memory, failed allocating transient memory, COUNT too high.");
        }
        long now = inv.now();
        long attempts = count * 10;
        StreamConsumer consumer = null;
        List<Reply> claimed = new ArrayList<>();
        List<Reply> deleted = new ArrayList<>();
        EntryId from = start;
        EntryId nextCursor = null;
        // Each pending entry looked at costs an attempt; a claimed or a deleted one also costs a count.
        while (nextCursor == null) {
            if (attempts == 0 || count == 0) {
                nextCursor = firstPending(group, from);
                break;
            }
            int want = (int) Math.min(PAGE, attempts);
            List<PendingEntry> page = from == null ? List.of() : group.pendingRange(from, EntryId.MAX, want, null);
            int i = 0;
            for (; i < page.size() && attempts > 0 && count > 0; i++, attempts--) {
                PendingEntry pending = page.get(i);
                EntryId id = pending.id();
                byte[][] fields = stream.get(id);
                if (fields == null) {
                    group.ack(id);
                    deleted.add(StreamReplies.id(id));
                    count--;
                } else if (minIdle == 0 || now - pending.deliveryTime() >= minIdle) {
                    consumer = consumer != null ? consumer : StreamReadCommands.consumer(inv, group, inv.arg(3));
                    consumer.setActiveTime(now);
                    group.setPending(id, consumer, now, justId ? pending.deliveryCount() : pending.deliveryCount() + 1);
                    claimed.add(justId ? StreamReplies.id(id) : StreamReplies.entry(id, fields));
                    count--;
                }
            }
            if (i < page.size()) {
                nextCursor = page.get(i).id();
            } else if (page.size() < want) {
                nextCursor = EntryId.MIN;
            } else {
                from = page.get(page.size() - 1).id().next();
            }
        }
        return Reply.array(List.of(StreamReplies.id(nextCursor), Reply.array(claimed), Reply.array(deleted)));
    }

    /** Returns the first pending ID of {@code group} from {@code from} on, or 0-0 if there is none. */
    private static EntryId firstPending(StreamGroup group, EntryId from) {
        List<PendingEntry> next = from == null ? List.of() : group.pendingRange(from, EntryId.MAX, 1, null);
        return next.isEmpty() ? EntryId.MIN : next.get(0).id();
    }
}
