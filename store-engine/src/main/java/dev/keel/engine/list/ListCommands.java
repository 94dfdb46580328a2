package dev.keel.engine.list;

import static dev.keel.engine.command.Arguments.is;
import static dev.keel.engine.command.Arguments.parseLong;
import static dev.keel.engine.command.CommandSpec.BLOCKING;
import static dev.keel.engine.command.CommandSpec.DENY_OOM;
import static dev.keel.engine.command.CommandSpec.WRITE;

import dev.keel.Reply;
import dev.keel.engine.command.Arguments;
import dev.keel.engine.command.CommandTable;
import dev.keel.engine.command.CountedKeys;
import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;
import dev.keel.engine.command.MultiPop;
import dev.keel.engine.command.Replies;
import dev.keel.engine.command.Timeouts;
import dev.keel.engine.keyspace.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * The list commands, with Redis's semantics: LPUSH, RPUSH, LPUSHX, RPUSHX, LPOP, RPOP, LLEN,
 * LINDEX, LSET, LRANGE, LINSERT, LREM, LTRIM, LPOS, LMOVE, RPOPLPUSH, LMPOP and the blocking
 * BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP.
 *
 * <p>Every handler checks its arguments and the types of all the keys it will touch before it
 * changes anything. A command that adds elements signals its key, so that blocked commands are
 * served (see CommandDispatcher).
 *
 * <p><b>Thread safety:</b> handlers run under their keys' stripe locks.
 */
public final class ListCommands {
    private ListCommands() {
    }

    /** Adds the list commands to {@code table}. */
    public static void register(CommandTable table) {
        table.add("lpush", -3, WRITE | DENY_OOM, 1, 1, 1, inv -> push(inv, true, false))
                .add("rpush", -3, WRITE | DENY_OOM, 1, 1, 1, inv -> push(inv, false, false))
                .add("lpushx", -3, WRITE | DENY_OOM, 1, 1, 1, inv -> push(inv, true, true))
                .add("rpushx", -3, WRITE | DENY_OOM, 1, 1, 1, inv -> push(inv, false, true))
                .add("lpop", -2, WRITE, 1, 1, 1, inv -> pop(inv, true))
                .add("rpop", -2, WRITE, 1, 1, 1, inv -> pop(inv, false))
                .add("llen", 2, 0, 1, 1, 1, ListCommands::llen)
                .add("lindex", 3, 0, 1, 1, 1, ListCommands::lindex)
                .add("lset", 4, WRITE | DENY_OOM, 1, 1, 1, ListCommands::lset)
                .add("lrange", 4, 0, 1, 1, 1, ListCommands::lrange)
                .add("linsert", 5, WRITE | DENY_OOM, 1, 1, 1, ListCommands::linsert)
                .add("lrem", 4, WRITE, 1, 1, 1, ListCommands::lrem)
                .add("ltrim", 4, WRITE, 1, 1, 1, ListCommands::ltrim)
                .add("lpos", -3, 0, 1, 1, 1, ListCommands::lpos)
                .add("lmove", 5, WRITE | DENY_OOM, 1, 2, 1, inv -> move(inv, false))
                .add("rpoplpush", 3, WRITE | DENY_OOM, 1, 2, 1, inv -> move(inv, false))
                .add("lmpop", -4, WRITE, MultiPop.keys(false), inv -> mpop(inv, false))
                .add("blpop", -3, WRITE | BLOCKING, 1, -2, 1, inv -> bpop(inv, true))
                .add("brpop", -3, WRITE | BLOCKING, 1, -2, 1, inv -> bpop(inv, false))
                .add("blmove", 6, WRITE | DENY_OOM | BLOCKING, 1, 2, 1, inv -> move(inv, true))
                .add("brpoplpush", 4, WRITE | DENY_OOM | BLOCKING, 1, 2, 1, inv -> move(inv, true))
                .add("blmpop", -5, WRITE | BLOCKING, MultiPop.keys(true), inv -> mpop(inv, true));
    }

    // ------------------------------------------------------------------ parsing

    /** Parses LEFT or RIGHT; true for LEFT (the head). */
    private static boolean direction(byte[] arg) {
        if (is(arg, "LEFT")) {
            return true;
        }
        if (is(arg, "RIGHT")) {
            return false;
        }
        throw ErrorText.syntax();
    }

    // ------------------------------------------------------------------ push and pop

    private static Reply push(Invocation inv, boolean head, boolean onlyIfExists) {
        long entry = inv.lookup(1);
        LinkedPackedList list = ListValues.open(inv, entry);
        if (list == null) {
            if (onlyIfExists) {
                return Reply.integer(0);
            }
            list = ListValues.empty(inv);
        }
        for (int i = 2; i < inv.argc(); i++) {
            list.push(inv.arg(i), head);
        }
        long size = list.size();
        ListValues.save(inv, 1, entry, list);
        inv.signalPushed(1);
        return Reply.integer(size);
    }

    private static Reply pop(Invocation inv, boolean head) {
        if (inv.argc() > 3) {
            throw ErrorText.arity(head ? "lpop" : "rpop");
        }
        boolean counted = inv.argc() == 3;
        long count = 1;
        if (counted) {
            count = Arguments.parseNonNegative(inv.arg(2), "ERR value is out of range, must be positive");
        }
        long entry = inv.lookup(1);
        LinkedPackedList list = ListValues.open(inv, entry);
        if (list == null) {
            return Reply.NIL;
        }
        if (!counted) {
            byte[] value = list.pop(head);
            ListValues.save(inv, 1, entry, list);
            return new Reply.Bulk(value);
        }
        List<byte[]> values = new ArrayList<>((int) Math.min(count, list.size()));
        while (values.size() < count && !list.isEmpty()) {
            values.add(list.pop(head));
        }
        ListValues.save(inv, 1, entry, list);
        return Replies.bulkArray(values);
    }

    // ------------------------------------------------------------------ reading and changing in place

    private static Reply llen(Invocation inv) {
        LinkedPackedList list = ListValues.open(inv, inv.lookup(1));
        return Reply.integer(list == null ? 0 : list.size());
    }

    private static Reply lindex(Invocation inv) {
        LinkedPackedList list = ListValues.open(inv, inv.lookup(1));
        if (list == null) {
            return Reply.NIL;
        }
        long at = list.normalize(parseLong(inv.arg(2)));
        return at < 0 ? Reply.NIL : new Reply.Bulk(list.get(at));
    }

    private static Reply lset(Invocation inv) {
        long entry = inv.lookup(1);
        LinkedPackedList list = ListValues.open(inv, entry);
        if (list == null) {
            throw ErrorText.of(ErrorText.NO_SUCH_KEY);
        }
        long at = list.normalize(parseLong(inv.arg(2)));
        if (at < 0) {
            throw ErrorText.of("ERR index out of range");
        }
        list.set(at, inv.arg(3));
        ListValues.save(inv, 1, entry, list);
        return Reply.OK;
    }

    private static Reply lrange(Invocation inv) {
        long start = parseLong(inv.arg(2));
        long stop = parseLong(inv.arg(3));
        LinkedPackedList list = ListValues.open(inv, inv.lookup(1));
        if (list == null) {
            return Reply.array(List.of());
        }
        long length = list.size();
        if (start < 0) {
            start = length + start;
        }
        if (stop < 0) {
            stop = length + stop;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > stop || start >= length) {
            return Reply.array(List.of());
        }
        if (stop >= length) {
            stop = length - 1;
        }
        return Replies.bulkArray(list.range(start, stop - start + 1));
    }

    private static Reply linsert(Invocation inv) {
        boolean before;
        if (is(inv.arg(2), "BEFORE")) {
            before = true;
        } else if (is(inv.arg(2), "AFTER")) {
            before = false;
        } else {
            throw ErrorText.syntax();
        }
        long entry = inv.lookup(1);
        LinkedPackedList list = ListValues.open(inv, entry);
        if (list == null) {
            return Reply.integer(0);
        }
        if (!list.insert(inv.arg(3), inv.arg(4), before)) {
            return Reply.integer(-1);
        }
        long size = list.size();
        ListValues.save(inv, 1, entry, list);
        return Reply.integer(size);
    }

    private static Reply lrem(Invocation inv) {
        long count = parseLong(inv.arg(2));
        long entry = inv.lookup(1);
        LinkedPackedList list = ListValues.open(inv, entry);
        if (list == null) {
            return Reply.integer(0);
        }
        long limit = count == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(count);
        long removed = list.remove(inv.arg(3), limit, count >= 0);
        ListValues.save(inv, 1, entry, list);
        return Reply.integer(removed);
    }

    private static Reply ltrim(Invocation inv) {
        long start = parseLong(inv.arg(2));
        long stop = parseLong(inv.arg(3));
        long entry = inv.lookup(1);
        LinkedPackedList list = ListValues.open(inv, entry);
        if (list == null) {
            return Reply.OK;
        }
        long length = list.size();
        if (start < 0) {
            start = length + start;
        }
        if (stop < 0) {
            stop = length + stop;
        }
        if (start < 0) {
            start = 0;
        }
        long fromHead;
        long fromTail;
        if (start > stop || start >= length) {
            fromHead = length;
            fromTail = 0;
        } else {
            if (stop >= length) {
                stop = length - 1;
            }
            fromHead = start;
            fromTail = length - stop - 1;
        }
        list.trim(fromHead, fromTail);
        ListValues.save(inv, 1, entry, list);
        return Reply.OK;
    }

    private static Reply lpos(Invocation inv) {
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int i = 3; i < inv.argc(); i += 2) {
            byte[] option = inv.arg(i);
            if (i + 1 >= inv.argc()) {
                throw ErrorText.syntax();
            }
            if (is(option, "RANK")) {
                rank = parseLong(inv.arg(i + 1));
                if (rank == 0) {
                    throw ErrorText.of("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... "
                            + "or use negative to start from the end of the list");
                }
            } else if (is(option, "COUNT")) {
                count = Arguments.parseNonNegative(inv.arg(i + 1), "ERR COUNT can't be negative");
            } else if (is(option, "MAXLEN")) {
                maxlen = Arguments.parseNonNegative(inv.arg(i + 1), "ERR MAXLEN can't be negative");
            } else {
                throw ErrorText.syntax();
            }
        }
        LinkedPackedList list = ListValues.open(inv, inv.lookup(1));
        boolean many = count >= 0;
        if (list == null) {
            return many ? Reply.array(List.of()) : Reply.NIL;
        }
        long effectiveRank = rank == Long.MIN_VALUE ? -1 : rank;
        List<Long> found = list.positions(inv.arg(2), effectiveRank, many ? count : 1, maxlen);
        if (!many) {
            return found.isEmpty() ? Reply.NIL : Reply.integer(found.get(0));
        }
        List<Reply> items = new ArrayList<>(found.size());
        for (long index : found) {
            items.add(Reply.integer(index));
        }
        return Reply.array(items);
    }

    /**
     * Opens the list of a key a blocking command takes from (LMPOP and LMOVE too, which share its
     * code). A command run for a served waiter ({@link Invocation#mayBlock()} false) passes over a
     * key that holds no list now, as if it were missing: Redis serves a blocked client only from
     * the list that was pushed to, so a watched key that became a string meanwhile neither answers
     * WRONGTYPE nor stops the waiter from taking what the push brought.
     */
    private static LinkedPackedList openWatched(Invocation inv, long entry) {
        if (!inv.mayBlock() && entry != 0 && inv.keyspace().type(entry) != ValueType.LIST) {
            return null;
        }
        return ListValues.open(inv, entry);
    }

    // ------------------------------------------------------------------ moving

    /**
     * LMOVE, RPOPLPUSH, BLMOVE and BRPOPLPUSH: pops from the source and pushes to the
     * destination, atomically; the blocking forms block on the source when it is empty.
     */
    private static Reply move(Invocation inv, boolean blocking) {
        boolean rpoplpush = inv.argc() == (blocking ? 4 : 3);
        boolean fromHead = !rpoplpush && direction(inv.arg(3));
        boolean toHead = rpoplpush || direction(inv.arg(4));
        long timeout = blocking ? Timeouts.millis(inv.arg(inv.argc() - 1)) : 0;
        long sourceEntry = inv.lookup(1);
        LinkedPackedList source = openWatched(inv, sourceEntry);
        if (source == null) {
            if (blocking && inv.mayBlock()) {
                inv.block(timeout, 1);
                return null;
            }
            return Reply.NIL;
        }
        boolean sameKey = java.util.Arrays.equals(inv.arg(1), inv.arg(2));
        long targetEntry = sameKey ? sourceEntry : inv.lookup(2);
        ListValues.requireList(inv.keyspace(), targetEntry);
        byte[] value = source.pop(fromHead);
        if (sameKey) {
            source.push(value, toHead);
            ListValues.save(inv, 1, sourceEntry, source);
            return new Reply.Bulk(value);
        }
        ListValues.save(inv, 1, sourceEntry, source);
        LinkedPackedList target = ListValues.open(inv, targetEntry);
        if (target == null) {
            target = ListValues.empty(inv);
        }
        target.push(value, toHead);
        ListValues.save(inv, 2, targetEntry, target);
        inv.signalPushed(2);
        return new Reply.Bulk(value);
    }

    // ------------------------------------------------------------------ popping from many keys

    private static Reply bpop(Invocation inv, boolean head) {
        long timeout = Timeouts.millis(inv.arg(inv.argc() - 1));
        return MultiPop.fromFirst(inv, CountedKeys.range(1, inv.argc() - 2), true, timeout, (i, entry) -> {
            LinkedPackedList list = openWatched(inv, entry);
            if (list == null) {
                return null;
            }
            byte[] value = list.pop(head);
            ListValues.save(inv, i, entry, list);
            return Reply.array(List.of(new Reply.Bulk(inv.arg(i)), new Reply.Bulk(value)));
        });
    }

    /** LMPOP and BLMPOP. */
    private static Reply mpop(Invocation inv, boolean blocking) {
        MultiPop pop = MultiPop.parse(inv, blocking, "LEFT", "RIGHT");
        return MultiPop.fromFirst(inv, pop.keyIndexes(), blocking, pop.timeoutMillis(), (i, entry) -> {
            LinkedPackedList list = openWatched(inv, entry);
            if (list == null) {
                return null;
            }
            List<byte[]> values = new ArrayList<>((int) Math.min(pop.count(), list.size()));
            while (values.size() < pop.count() && !list.isEmpty()) {
                values.add(list.pop(pop.firstEnd()));
            }
            ListValues.save(inv, i, entry, list);
            return Reply.array(List.of(new Reply.Bulk(inv.arg(i)), Replies.bulkArray(values)));
        });
    }
}
