package dev.keel.engine.set;

import static dev.keel.engine.command.Arguments.is;
import static dev.keel.engine.command.CommandSpec.DENY_OOM;
import static dev.keel.engine.command.CommandSpec.WRITE;
import static dev.keel.engine.command.Replies.bulkArray;

import dev.keel.Reply;
import dev.keel.engine.command.Arguments;
import dev.keel.engine.command.CommandTable;
import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;
import dev.keel.engine.hash.FieldCommands;
import dev.keel.engine.hash.FieldMap;
import dev.keel.engine.hash.FieldValues;
import dev.keel.engine.keyspace.Keyspace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The set commands, with Redis's semantics: SADD, SREM, SISMEMBER, SMISMEMBER, SMEMBERS, SCARD,
 * SPOP, SRANDMEMBER, SMOVE, SINTER, SINTERCARD, SUNION, SDIFF, SINTERSTORE, SUNIONSTORE,
 * SDIFFSTORE and SSCAN. A set is a {@link FieldMap} whose members have empty values.
 *
 * <p>Multi-key commands check the type of every key before they change anything; the STORE forms
 * compute the result before they replace the destination, which may be one of the sources.
 *
 * <p><b>Thread safety:</b> handlers run under their keys' stripe locks.
 */
public final class SetCommands {
    private static final FieldValues SET = FieldValues.SET;
    private static final byte[] MEMBER = FieldMap.NO_VALUE;

    private SetCommands() {
    }

    /** Adds the set commands to {@code table}. */
    public static void register(CommandTable table) {
        table.add("sadd", -3, WRITE | DENY_OOM, 1, 1, 1, SetCommands::sadd)
                .add("srem", -3, WRITE, 1, 1, 1, SetCommands::srem)
                .add("sismember", 3, 0, 1, 1, 1, SetCommands::sismember)
                .add("smismember", -3, 0, 1, 1, 1, SetCommands::smismember)
                .add("smembers", 2, 0, 1, 1, 1, SetCommands::smembers)
                .add("scard", 2, 0, 1, 1, 1, SetCommands::scard)
                .add("spop", -2, WRITE, 1, 1, 1, SetCommands::spop)
                .add("srandmember", -2, 0, 1, 1, 1, SetCommands::srandmember)
                .add("smove", 4, WRITE, 1, 2, 1, SetCommands::smove)
                .add("sinter", -2, 0, 1, -1, 1, inv -> combine(inv, Operation.INTER, 0))
                .add("sunion", -2, 0, 1, -1, 1, inv -> combine(inv, Operation.UNION, 0))
                .add("sdiff", -2, 0, 1, -1, 1, inv -> combine(inv, Operation.DIFF, 0))
                .add("sinterstore", -3, WRITE | DENY_OOM, 1, -1, 1, inv -> combine(inv, Operation.INTER, 1))
                .add("sunionstore", -3, WRITE | DENY_OOM, 1, -1, 1, inv -> combine(inv, Operation.UNION, 1))
                .add("sdiffstore", -3, WRITE | DENY_OOM, 1, -1, 1, inv -> combine(inv, Operation.DIFF, 1))
                .add("sintercard", -3, 0, SetCommands::sintercardKeys, SetCommands::sintercard)
                .add("sscan", -3, 0, 1, 1, 1, inv -> FieldCommands.scan(inv, SET, false));
    }

    // ------------------------------------------------------------------ one set

    private static FieldMap open(Invocation inv, int keyIndex) {
        return SET.open(inv, keyIndex, inv.lookup(keyIndex));
    }

    private static Reply sadd(Invocation inv) {
        long entry = inv.lookup(1);
        FieldMap set = SET.open(inv, 1, entry);
        if (set == null) {
            SET.require(inv.keyspace(), entry);
            entry = 0;
            set = SET.empty(inv);
        }
        long added = 0;
        for (int i = 2; i < inv.argc(); i++) {
            if (!set.contains(inv.arg(i))) {
                set.put(inv.arg(i), MEMBER, false);
                added++;
            }
        }
        if (added > 0) {
            SET.save(inv, 1, set);
        }
        return Reply.integer(added);
    }

    private static Reply srem(Invocation inv) {
        long entry = inv.lookup(1);
        FieldMap set = SET.open(inv, 1, entry);
        if (set == null) {
            return Reply.integer(0);
        }
        long removed = 0;
        for (int i = 2; i < inv.argc(); i++) {
            if (set.remove(inv.arg(i))) {
                removed++;
            }
        }
        if (removed > 0) {
            SET.save(inv, 1, set);
        }
        return Reply.integer(removed);
    }

    private static Reply sismember(Invocation inv) {
        FieldMap set = open(inv, 1);
        return Reply.integer(set != null && set.contains(inv.arg(2)) ? 1 : 0);
    }

    private static Reply smismember(Invocation inv) {
        FieldMap set = open(inv, 1);
        List<Reply> replies = new ArrayList<>(inv.argc() - 2);
        for (int i = 2; i < inv.argc(); i++) {
            replies.add(Reply.integer(set != null && set.contains(inv.arg(i)) ? 1 : 0));
        }
        return Reply.array(replies);
    }

    private static Reply smembers(Invocation inv) {
        FieldMap set = open(inv, 1);
        List<byte[]> members = new ArrayList<>();
        if (set != null) {
            set.forEach((member, value) -> members.add(member), false);
        }
        return bulkArray(members);
    }

    private static Reply scard(Invocation inv) {
        FieldMap set = open(inv, 1);
        return Reply.integer(set == null ? 0 : set.size());
    }

    // ------------------------------------------------------------------ random

    private static Reply spop(Invocation inv) {
        if (inv.argc() > 3) {
            throw ErrorText.syntax();
        }
        long count = 1;
        if (inv.argc() == 3) {
            byte[] arg = inv.arg(2);
            count = Arguments.isLong(arg) ? Arguments.parseLong(arg) : -1;
            if (count < 0) {
                throw ErrorText.of("ERR value is out of range, must be positive");
            }
        }
        long entry = inv.lookup(1);
        FieldMap set = SET.open(inv, 1, entry);
        if (set == null) {
            return inv.argc() == 3 ? Reply.array(List.of()) : Reply.NIL;
        }
        List<byte[]> popped = new ArrayList<>();
        if (count >= set.size()) {
            set.forEach((member, value) -> popped.add(member), false);
            for (byte[] member : popped) {
                set.remove(member);
            }
        } else {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (long i = 0; i < count; i++) {
                byte[] member = set.random(random).name();
                set.remove(member);
                popped.add(member);
            }
        }
        if (!popped.isEmpty()) {
            SET.save(inv, 1, set);
        }
        if (inv.argc() == 2) {
            return new Reply.Bulk(popped.get(0));
        }
        return bulkArray(popped);
    }

    private static Reply srandmember(Invocation inv) {
        if (inv.argc() > 3) {
            throw ErrorText.syntax();
        }
        if (inv.argc() == 2) {
            FieldMap set = open(inv, 1);
            return set == null ? Reply.NIL : new Reply.Bulk(set.random(ThreadLocalRandom.current()).name());
        }
        long count = Arguments.parseLong(inv.arg(2));
        if (count == Long.MIN_VALUE) {
            throw ErrorText.of(FieldCommands.COUNT_OUT_OF_RANGE);
        }
        FieldMap set = open(inv, 1);
        if (set == null || count == 0) {
            return Reply.array(List.of());
        }
        FieldCommands.checkRandomCount(count, 1);
        List<byte[]> members = new ArrayList<>();
        for (FieldMap.Field member : FieldCommands.random(set, count)) {
            members.add(member.name());
        }
        return bulkArray(members);
    }

    // ------------------------------------------------------------------ two sets

    private static Reply smove(Invocation inv) {
        Keyspace keyspace = inv.keyspace();
        long sourceEntry = inv.lookup(1);
        long destinationEntry = inv.lookup(2);
        if (sourceEntry == 0) {
            return Reply.integer(0);
        }
        SET.require(keyspace, sourceEntry);
        SET.require(keyspace, destinationEntry);
        byte[] member = inv.arg(3);
        FieldMap source = SET.open(inv, 1, sourceEntry);
        if (source == null || !source.contains(member)) {
            return Reply.integer(0);
        }
        if (sourceEntry == destinationEntry) {
            return Reply.integer(1);
        }
        source.remove(member);
        SET.save(inv, 1, source);
        FieldMap destination = SET.open(inv, 2, destinationEntry);
        long target = destination == null ? 0 : destinationEntry;
        if (destination == null) {
            destination = SET.empty(inv);
        }
        destination.put(member, MEMBER, false);
        SET.save(inv, 2, destination);
        return Reply.integer(1);
    }

    // ------------------------------------------------------------------ many sets

    private enum Operation { INTER, UNION, DIFF }

    /** Opens the sets at argument indexes [from, to), null for missing keys, after checking every type. */
    private static List<FieldMap> openAll(Invocation inv, int from, int to) {
        List<FieldMap> sets = new ArrayList<>(to - from);
        long[] entries = new long[to - from];
        for (int i = from; i < to; i++) {
            entries[i - from] = inv.lookupForRead(i);
            SET.require(inv.keyspace(), entries[i - from]);
        }
        for (int i = from; i < to; i++) {
            sets.add(SET.open(inv, i, entries[i - from]));
        }
        return sets;
    }

    /** SINTER/SUNION/SDIFF and, with {@code store} 1, their STORE forms (destination at argument 1). */
    private static Reply combine(Invocation inv, Operation operation, int store) {
        int first = 1 + store;
        List<FieldMap> sets = openAll(inv, first, inv.argc());
        List<byte[]> result = switch (operation) {
            case INTER -> intersection(sets, Long.MAX_VALUE);
            case UNION -> union(inv, sets);
            case DIFF -> difference(sets);
        };
        if (store == 0) {
            return bulkArray(result);
        }
        long destination = inv.lookup(1);
        if (destination != 0) {
            inv.keyspace().remove(destination, inv.hash(1));
        }
        if (!result.isEmpty()) {
            FieldMap stored = SET.empty(inv);
            for (byte[] member : result) {
                stored.put(member, MEMBER, false);
            }
            SET.save(inv, 1, stored);
        }
        return Reply.integer(result.size());
    }

    private static List<byte[]> intersection(List<FieldMap> sets, long limit) {
        List<byte[]> result = new ArrayList<>();
        if (sets.isEmpty() || sets.contains(null) || limit == 0) {
            return result;
        }
        List<FieldMap> bySize = new ArrayList<>(sets);
        bySize.sort(Comparator.comparingLong(FieldMap::size));
        FieldMap smallest = bySize.get(0);
        List<FieldMap> others = bySize.subList(1, bySize.size());
        smallest.forEach((member, value) -> {
            if (result.size() >= limit) {
                return;
            }
            for (FieldMap other : others) {
                if (other != smallest && !other.contains(member)) {
                    return;
                }
            }
            result.add(member);
        }, false);
        return result;
    }

    private static List<byte[]> union(Invocation inv, List<FieldMap> sets) {
        FieldMap seen = SET.empty(inv);
        List<byte[]> result = new ArrayList<>();
        try {
            for (FieldMap set : sets) {
                if (set != null) {
                    set.forEach((member, value) -> {
                        if (!seen.contains(member)) {
                            seen.put(member, MEMBER, false);
                            result.add(member);
                        }
                    }, false);
                }
            }
        } finally {
            seen.discard();
        }
        return result;
    }

    private static List<byte[]> difference(List<FieldMap> sets) {
        List<byte[]> result = new ArrayList<>();
        FieldMap first = sets.get(0);
        if (first == null) {
            return result;
        }
        first.forEach((member, value) -> {
            for (int i = 1; i < sets.size(); i++) {
                FieldMap other = sets.get(i);
                if (other != null && (other == first || other.contains(member))) {
                    return;
                }
            }
            result.add(member);
        }, false);
        return result;
    }

    // ------------------------------------------------------------------ SINTERCARD

    /** The keys of SINTERCARD: numkeys at 1, then the keys; none if malformed. */
    private static int[] sintercardKeys(byte[][] argv) {
        if (argv.length < 3 || !Arguments.isLong(argv[1])) {
            return new int[0];
        }
        long numkeys = Arguments.parseLong(argv[1]);
        if (numkeys <= 0 || numkeys > argv.length - 2) {
            return new int[0];
        }
        int[] keys = new int[(int) numkeys];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = 2 + i;
        }
        return keys;
    }

    private static Reply sintercard(Invocation inv) {
        long numkeys = Arguments.isLong(inv.arg(1)) ? Arguments.parseLong(inv.arg(1)) : 0;
        if (numkeys <= 0) {
            throw ErrorText.of("ERR numkeys should be greater than 0");
        }
        if (numkeys > inv.argc() - 2) {
            throw ErrorText.of("ERR Number of keys can't be greater than number of args");
        }
        int end = 2 + (int) numkeys;
        long limit = 0;
        for (int i = end; i < inv.argc(); i++) {
            if (is(inv.arg(i), "LIMIT") && i + 1 < inv.argc()) {
                byte[] arg = inv.arg(++i);
                limit = Arguments.isLong(arg) ? Arguments.parseLong(arg) : -1;
                if (limit < 0) {
                    throw ErrorText.of("ERR LIMIT can't be negative");
                }
            } else {
                throw ErrorText.syntax();
            }
        }
        List<FieldMap> sets = openAll(inv, 2, end);
        return Reply.integer(intersection(sets, limit == 0 ? Long.MAX_VALUE : limit).size());
    }
}
