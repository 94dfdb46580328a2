package dev.keel.engine.notify;

import dev.keel.engine.command.CommandHandler;
import dev.keel.engine.command.CommandTable;
import dev.keel.engine.command.Invocation;
import dev.keel.engine.hash.FieldMap;
import dev.keel.engine.hash.FieldValues;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.keyspace.ValueType;
import dev.keel.engine.stream.Stream;
import dev.keel.engine.stream.StreamGroup;
import dev.keel.engine.stream.StreamValues;
import dev.keel.engine.zset.ZSet;
import dev.keel.engine.zset.ZSetValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What a write command's events depend on that its reply and the keyspace after it cannot tell:
 * how things stood just before it ran. Taken by a wrapper around the handler of each command that
 * needs it, read by {@link WriteEvents} once the command succeeded.
 *
 * <pre>
 * What is taken
 *   DEL, UNLINK              which keys existed (del only for those)
 *   LTRIM, the STORE forms   whether the key existed (del when emptied, nothing when absent)
 *   ZADD without CH, INCR    the members' scores (zadd when one changed, though none was added)
 *   SMOVE                    whether the destination held the member (sadd only if added)
 *   XADD                     the stream's length (xtrim only if the trim removed entries)
 *   XGROUP DELCONSUMER       whether the consumer existed
 *   XREADGROUP, XCLAIM,      whether the consumer existed in each stream's group
 *   XAUTOCLAIM               (xgroup-createconsumer when the command created it)
 *   GETEX PERSIST            whether the key had a time to live
 *   HGETEX PERSIST           whether one of the fields had one
 *
 * Concurrency and cost
 *   The wrapper runs under the command's locks, on the thread that then tells the observer, so
 *   the facts go through a thread-local slot marked with the invocation they belong to: a slot
 *   left by a command that then failed is never read for another. The wrapper takes nothing
 *   unless notifications are on and someone is subscribed, so the cost while they are off is
 *   one test. Looking keys up here may remove expired ones, exactly as the handler would have.
 * </pre>
 *
 * <p><b>Thread safety:</b> the slot is per thread; hooks run under the command's stripe locks.
 */
final class Before {
    private static final ThreadLocal<Before> SLOT = ThreadLocal.withInitial(Before::new);

    /** The command these facts belong to, or null once read. */
    private Invocation invocation;
    /** Bits by position: keys, members or consumers that existed, or a TTL that did. */
    long bits;
    /** DEL and UNLINK with more than 64 keys: whether each existed. */
    boolean[] existed;
    /** XADD: the stream's length before, 0 if absent. */
    long length;
    /** ZADD: each member's score before, NaN if absent. */
    double[] scores;
    /** Keys created by the running command and not removed by it first (class n), or null. */
    private List<byte[]> created;
    /** Keys the running command removed (class n: one it then creates again was replaced, not new), or null. */
    private List<byte[]> removed;

    private Before() {
    }

    /** A fact-taking step, run just before the command's handler. */
    @FunctionalInterface
    private interface Hook {
        void take(Invocation inv, Before facts);
    }

    /**
     * Wraps the handlers of the commands that need facts in {@code table}; the wrappers take them
     * while {@code active} says notifications could be sent.
     */
    static void install(CommandTable table, BooleanSupplier active) {
        hook(table, active, "del", Before::existingKeys);
        hook(table, active, "unlink", Before::existingKeys);
        for (String name : new String[] {"ltrim", "sinterstore", "sunionstore", "sdiffstore", "zunionstore", "zinterstore",
                "zdiffstore", "zrangestore"}) {
            hook(table, active, name, (inv, facts) -> facts.bits = inv.peek(1) != 0 ? 1 : 0);
        }
        hook(table, active, "zadd", Before::scores);
        hook(table, active, "smove", Before::memberInDestination);
        hook(table, active, "xadd", Before::streamLength);
        hook(table, active, "xgroup", Before::consumerToDelete);
        hook(table, active, "xreadgroup", Before::readingConsumers);
        hook(table, active, "xclaim", (inv, facts) -> facts.bits = consumerExists(inv, 1, inv.arg(2), inv.arg(3)) ? 1 : 0);
        hook(table, active, "xautoclaim", (inv, facts) -> facts.bits = consumerExists(inv, 1, inv.arg(2), inv.arg(3)) ? 1 : 0);
        hook(table, active, "getex", Before::keyTtl);
        hook(table, active, "hgetex", Before::fieldTtls);
    }

    private static void hook(CommandTable table, BooleanSupplier active, String name, Hook hook) {
        table.wrap(name, handler -> wrapped(handler, active, hook));
    }

    private static CommandHandler wrapped(CommandHandler handler, BooleanSupplier active, Hook hook) {
        return inv -> {
            if (active.getAsBoolean() && !inv.replaying()) {
                Before facts = SLOT.get();
                facts.clear();
                facts.invocation = inv;
                hook.take(inv, facts);
            }
            return handler.run(inv);
        };
    }

    /** Returns the facts taken for {@code inv} and forgets them, or null if none were. */
    static Before takenFor(Invocation inv) {
        Before facts = SLOT.get();
        if (facts.invocation != inv) {
            return null;
        }
        facts.invocation = null;
        return facts;
    }

    /** Notes that the running command on this thread created {@code key}; new unless it removed it first. */
    static void noteCreated(byte[] key) {
        Before facts = SLOT.get();
        if (facts.removed != null && contains(facts.removed, key)) {
            return;
        }
        if (facts.created == null) {
            facts.created = new ArrayList<>(2);
        }
        facts.created.add(key);
    }

    /** Notes that the running command on this thread removed {@code key}. */
    static void noteRemoved(byte[] key) {
        Before facts = SLOT.get();
        if (facts.removed == null) {
            facts.removed = new ArrayList<>(2);
        }
        facts.removed.add(key);
    }

    /** Returns the keys the running command on this thread created new, and forgets what it noted; null if none. */
    static List<byte[]> takeCreated() {
        Before facts = SLOT.get();
        List<byte[]> keys = facts.created;
        facts.created = null;
        facts.removed = null;
        return keys;
    }

    private static boolean contains(List<byte[]> keys, byte[] key) {
        for (byte[] each : keys) {
            if (Arrays.equals(each, key)) {
                return true;
            }
        }
        return false;
    }

    private void clear() {
        bits = 0;
        existed = null;
        length = 0;
        scores = null;
    }

    /** Returns bit {@code position} of {@link #bits}, or of {@link #existed} past 64. */
    boolean bit(int position) {
        return existed != null ? existed[position] : (bits >>> position & 1) != 0;
    }

    // ------------------------------------------------------------------ the hooks

    private static void existingKeys(Invocation inv, Before facts) {
        int keys = inv.argc() - 1;
        if (keys > 64) {
            facts.existed = new boolean[keys];
        }
        for (int i = 0; i < keys; i++) {
            if (inv.peek(i + 1) != 0) {
                if (facts.existed != null) {
                    facts.existed[i] = true;
                } else {
                    facts.bits |= 1L << i;
                }
            }
        }
    }

    /** ZADD without CH or INCR: the scores of its members (see {@link ZAddLine}). */
    private static void scores(Invocation inv, Before facts) {
        ZAddLine line = ZAddLine.parse(inv);
        if (line == null || line.ch() || line.incr()) {
            return;
        }
        ZSet set = zset(inv, 1);
        double[] scores = new double[line.members()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = set == null ? Double.NaN : set.score(inv.arg(line.memberIndex(i)));
        }
        facts.scores = scores;
    }

    /** Returns the sorted set at argument {@code index}, or null if it is absent or of another type. */
    static ZSet zset(Invocation inv, int index) {
        long entry = inv.peek(index);
        return ZSetValues.isZSet(inv.keyspace(), entry) ? ZSetValues.open(inv, entry) : null;
    }

    private static void memberInDestination(Invocation inv, Before facts) {
        long entry = inv.peek(2);
        if (entry != 0 && inv.keyspace().type(entry) == ValueType.SET) {
            FieldMap set = FieldValues.SET.open(inv, 2, entry);
            facts.bits = set != null && set.contains(inv.arg(3)) ? 1 : 0;
        }
    }

    private static void streamLength(Invocation inv, Before facts) {
        Stream stream = stream(inv, 1);
        facts.length = stream == null ? 0 : stream.length();
    }

    /** Returns the stream at argument {@code index}, or null if it is absent or of another type. */
    static Stream stream(Invocation inv, int index) {
        long entry = inv.peek(index);
        return StreamValues.isStream(inv.keyspace(), entry) ? StreamValues.open(inv, entry) : null;
    }

    /** Returns whether the stream at argument {@code index} has group {@code group} with consumer {@code consumer}. */
    static boolean consumerExists(Invocation inv, int index, byte[] group, byte[] consumer) {
        Stream stream = stream(inv, index);
        StreamGroup found = stream == null ? null : stream.group(group);
        return found != null && found.consumer(consumer) != null;
    }

    /** XGROUP DELCONSUMER key group consumer: whether the consumer existed. */
    private static void consumerToDelete(Invocation inv, Before facts) {
        if (inv.argc() == 5 && WriteEvents.is(inv.arg(1), "DELCONSUMER")) {
            facts.bits = consumerExists(inv, 2, inv.arg(3), inv.arg(4)) ? 1 : 0;
        }
    }

    /** XREADGROUP GROUP group consumer ... STREAMS key...: whether the consumer existed in each stream. */
    private static void readingConsumers(Invocation inv, Before facts) {
        int streams = WriteEvents.streamsIndex(inv);
        if (streams < 0 || !WriteEvents.is(inv.arg(1), "GROUP")) {
            return;
        }
        int count = (inv.argc() - streams - 1) / 2;
        for (int i = 0; i < count && i < 64; i++) {
            if (consumerExists(inv, streams + 1 + i, inv.arg(2), inv.arg(3))) {
                facts.bits |= 1L << i;
            }
        }
    }

    /** GETEX key PERSIST: whether the key had a time to live. */
    private static void keyTtl(Invocation inv, Before facts) {
        if (inv.argc() == 3 && WriteEvents.is(inv.arg(2), "PERSIST")) {
            long entry = inv.peek(1);
            facts.bits = entry != 0 && inv.keyspace().expireAt(entry) != 0 ? 1 : 0;
        }
    }

    /** HGETEX key PERSIST FIELDS n field...: whether one of the fields had a time to live. */
    private static void fieldTtls(Invocation inv, Before facts) {
        if (inv.argc() < 6 || !WriteEvents.is(inv.arg(2), "PERSIST")) {
            return;
        }
        Keyspace keyspace = inv.keyspace();
        long entry = inv.peek(1);
        if (entry == 0 || keyspace.type(entry) != ValueType.HASH) {
            return;
        }
        FieldMap hash = FieldValues.HASH.open(inv, 1, entry);
        for (int i = 5; hash != null && i < inv.argc(); i++) {
            if (hash.expireAt(inv.arg(i)) > 0) {
                facts.bits = 1;
                return;
            }
        }
    }
}
