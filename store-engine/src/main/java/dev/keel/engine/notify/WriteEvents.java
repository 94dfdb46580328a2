package dev.keel.engine.notify;

import dev.keel.Reply;
import dev.keel.engine.command.Arguments;
import dev.keel.engine.command.Invocation;
import dev.keel.engine.stream.Stream;
import dev.keel.engine.zset.ZSet;
import java.util.Arrays;
import java.util.List;

/**
 * The keyspace events of each write command, derived from its command line, its reply, the
 * keyspace after it and, where those cannot tell, what {@link Before} saw before it ran.
 *
 * <pre>
 * Source
 *   Redis's documentation of keyspace notifications, checked against redis-server 7.0 where they
 *   differ (the conformance suite compares the two): ZREMRANGEBY* send zremrangebyscore,
 *   zremrangebyrank and zremrangebylex; LMOVE, RPOPLPUSH and their blocking forms send the push
 *   before the pop, as Redis always has (its documentation now says so too); SET with EX or PX
 *   sends set then expire; a command that changed nothing sends nothing (HSET always changes).
 *   Commands newer than Redis 7.0 follow Redis's documentation and its issue tracker: HEXPIRE and
 *   kin send hexpire, or hdel (and del) for a time already past; HPERSIST hpersist; HGETEX,
 *   HSETEX and HGETDEL what their effects would send alone (hset, hexpire, hpersist, hdel, del).
 *   Keel's own KEEL.HGETSET, KEEL.HREPLACE and KEEL.HCAS send hset, KEEL.HCAD hdel.
 *
 * Emptied keys
 *   A command that removes a container's last element sends del after its own event (lpop, del).
 *
 * Not events
 *   FLUSHALL, FLUSHDB and XACK send nothing, as in Redis; reads send nothing (keys and fields
 *   that expire under them are sent by KeyspaceEvents, as expired and hexpired).
 * </pre>
 *
 * <p><b>Thread safety:</b> stateless; called under the command's stripe locks.
 */
final class WriteEvents {

    private WriteEvents() {
    }

    /** How one command's events follow from its line, reply and the facts taken before it. */
    @FunctionalInterface
    interface Rule {
        /**
         * Adds to {@code out} the events of the write command {@code name} run as {@code inv},
         * which answered {@code reply} (not an error); {@code before} is what {@link Before} took
         * for it, or null (then a command that needs it sends its best guess).
         */
        void derive(String name, Invocation inv, Reply reply, Before before, EventList out);
    }

    /**
     * Adds to {@code out} the events of the write command {@code name} run as {@code inv}, which
     * answered {@code reply} (not an error), with {@code before} as {@link Rule#derive} takes it.
     */
    static void of(String name, Invocation inv, Reply reply, Before before, EventList out) {
        Rule rule = rule(name);
        if (rule != null) {
            rule.derive(name, inv, reply, before, out);
        }
    }

    /** Returns the rule of the write command {@code name}, or null if Keel has no such write command. */
    static Rule rule(String name) {
        return switch (name) {
            case "del", "unlink" -> (n, inv, reply, before, out) -> deleted(inv, reply, before, out);
            case "expire", "pexpire", "expireat", "pexpireat" -> (n, inv, reply, before, out) -> {
                if (count(reply) == 1) {
                    out.add(inv.peek(1) != 0 ? Event.EXPIRE : Event.DEL, inv.arg(1));
                }
            };
            case "persist" -> (n, inv, reply, before, out) -> onCount(reply, Event.PERSIST, inv.arg(1), out);
            case "rename", "renamenx" -> (n, inv, reply, before, out) -> {
                if ((reply instanceof Reply.Status || count(reply) == 1) && !Arrays.equals(inv.arg(1), inv.arg(2))) {
                    // Redis adds the destination anew, even over a key it replaces: new comes first.
                    out.add(Event.NEW, inv.arg(2));
                    out.add(Event.RENAME_FROM, inv.arg(1));
                    out.add(Event.RENAME_TO, inv.arg(2));
                }
            };
            case "copy" -> (n, inv, reply, before, out) -> {
                if (count(reply) == 1) {
                    out.add(Event.NEW, inv.arg(2));
                    out.add(Event.COPY_TO, inv.arg(2));
                }
            };
            case "getdel" -> (n, inv, reply, before, out) -> {
                if (!isNil(reply)) {
                    out.add(Event.DEL, inv.arg(1));
                }
            };
            case "set", "setnx", "setex", "psetex", "getset", "getex", "mset", "msetnx", "incr", "decr", "incrby", "decrby",
                    "incrbyfloat", "append", "setrange" -> StringEvents::of;
            case "lpush", "lpushx" -> (n, inv, reply, before, out) -> onCount(reply, Event.LPUSH, inv.arg(1), out);
            case "rpush", "rpushx" -> (n, inv, reply, before, out) -> onCount(reply, Event.RPUSH, inv.arg(1), out);
            case "lpop" -> (n, inv, reply, before, out) -> popped(inv, reply, Event.LPOP, 1, out);
            case "rpop" -> (n, inv, reply, before, out) -> popped(inv, reply, Event.RPOP, 1, out);
            case "linsert" -> (n, inv, reply, before, out) -> onCount(reply, Event.LINSERT, inv.arg(1), out);
            case "lset" -> (n, inv, reply, before, out) -> out.add(Event.LSET, inv.arg(1));
            case "lrem" -> (n, inv, reply, before, out) -> removed(inv, reply, Event.LREM, out);
            case "ltrim" -> (n, inv, reply, before, out) -> {
                if (before != null ? before.bit(0) : inv.peek(1) != 0) {
                    out.add(Event.LTRIM, inv.arg(1));
                    deletedIfGone(inv, 1, out);
                }
            };
            case "lmove", "blmove" -> (n, inv, reply, before, out) -> moved(inv, reply, is(inv.arg(4), "LEFT") ? Event.LPUSH : Event.RPUSH,
                    is(inv.arg(3), "LEFT") ? Event.LPOP : Event.RPOP, out);
            case "rpoplpush", "brpoplpush" -> (n, inv, reply, before, out) -> moved(inv, reply, Event.LPUSH, Event.RPOP, out);
            case "blpop" -> (n, inv, reply, before, out) -> poppedFromNamed(inv, reply, Event.LPOP, 1, out);
            case "brpop" -> (n, inv, reply, before, out) -> poppedFromNamed(inv, reply, Event.RPOP, 1, out);
            case "lmpop" -> (n, inv, reply, before, out) -> poppedFromMany(inv, reply, 1, "LEFT", Event.LPOP, Event.RPOP, out);
            case "blmpop" -> (n, inv, reply, before, out) -> poppedFromMany(inv, reply, 2, "LEFT", Event.LPOP, Event.RPOP, out);
            case "hset", "hmset", "hsetnx", "hdel", "hincrby", "hincrbyfloat", "hexpire", "hpexpire", "hexpireat", "hpexpireat",
                    "hpersist", "hgetex", "hsetex", "hgetdel", "keel.hgetset", "keel.hreplace", "keel.hcas", "keel.hcad" ->
                    HashEvents::of;
            case "sadd" -> (n, inv, reply, before, out) -> onCount(reply, Event.SADD, inv.arg(1), out);
            case "srem" -> (n, inv, reply, before, out) -> removed(inv, reply, Event.SREM, out);
            case "smove" -> (n, inv, reply, before, out) -> smoved(inv, reply, before, out);
            case "spop" -> (n, inv, reply, before, out) -> popped(inv, reply, Event.SPOP, 1, out);
            case "sinterstore" -> (n, inv, reply, before, out) -> stored(inv, reply, before, Event.SINTERSTORE, out);
            case "sunionstore" -> (n, inv, reply, before, out) -> stored(inv, reply, before, Event.SUNIONSTORE, out);
            case "sdiffstore" -> (n, inv, reply, before, out) -> stored(inv, reply, before, Event.SDIFFSTORE, out);
            case "zadd" -> (n, inv, reply, before, out) -> zadded(inv, reply, before, out);
            case "zincrby" -> (n, inv, reply, before, out) -> out.add(Event.ZINCR, inv.arg(1));
            case "zrem" -> (n, inv, reply, before, out) -> removed(inv, reply, Event.ZREM, out);
            case "zremrangebyscore" -> (n, inv, reply, before, out) -> removed(inv, reply, Event.ZREMRANGEBYSCORE, out);
            case "zremrangebyrank" -> (n, inv, reply, before, out) -> removed(inv, reply, Event.ZREMRANGEBYRANK, out);
            case "zremrangebylex" -> (n, inv, reply, before, out) -> removed(inv, reply, Event.ZREMRANGEBYLEX, out);
            case "zpopmin" -> (n, inv, reply, before, out) -> popped(inv, reply, Event.ZPOPMIN, 1, out);
            case "zpopmax" -> (n, inv, reply, before, out) -> popped(inv, reply, Event.ZPOPMAX, 1, out);
            case "bzpopmin" -> (n, inv, reply, before, out) -> poppedFromNamed(inv, reply, Event.ZPOPMIN, 1, out);
            case "bzpopmax" -> (n, inv, reply, before, out) -> poppedFromNamed(inv, reply, Event.ZPOPMAX, 1, out);
            case "zmpop" -> (n, inv, reply, before, out) -> poppedFromMany(inv, reply, 1, "MIN", Event.ZPOPMIN, Event.ZPOPMAX, out);
            case "bzmpop" -> (n, inv, reply, before, out) -> poppedFromMany(inv, reply, 2, "MIN", Event.ZPOPMIN, Event.ZPOPMAX, out);
            case "zunionstore" -> (n, inv, reply, before, out) -> stored(inv, reply, before, Event.ZUNIONSTORE, out);
            case "zinterstore" -> (n, inv, reply, before, out) -> stored(inv, reply, before, Event.ZINTERSTORE, out);
            case "zdiffstore" -> (n, inv, reply, before, out) -> stored(inv, reply, before, Event.ZDIFFSTORE, out);
            case "zrangestore" -> (n, inv, reply, before, out) -> stored(inv, reply, before, Event.ZRANGESTORE, out);
            case "xadd", "xtrim", "xdel", "xsetid", "xgroup", "xreadgroup", "xclaim", "xautoclaim" ->
                    StreamEvents::of;
            // Writes that send nothing, as in Redis.
            case "flushall", "flushdb", "xack" -> (n, inv, reply, before, out) -> {
            };
            default -> null;
        };
    }

    // ------------------------------------------------------------------ generic

    /** DEL, UNLINK: del for each key that existed, once, in the order given. */
    private static void deleted(Invocation inv, Reply reply, Before before, EventList out) {
        if (count(reply) <= 0) {
            return;
        }
        for (int i = 1; i < inv.argc(); i++) {
            boolean existed = before != null ? before.bit(i - 1) : inv.peek(i) == 0;
            if (existed && !seenBefore(inv, i)) {
                out.add(Event.DEL, inv.arg(i));
            }
        }
    }

    /** Returns whether argument {@code i} repeats an earlier argument from index 1. */
    private static boolean seenBefore(Invocation inv, int i) {
        for (int j = 1; j < i; j++) {
            if (Arrays.equals(inv.arg(j), inv.arg(i))) {
                return true;
            }
        }
        return false;
    }

    /** Adds del for the key at argument {@code index} if the command left it gone (emptied). */
    static void deletedIfGone(Invocation inv, int index, EventList out) {
        if (inv.peek(index) == 0) {
            out.add(Event.DEL, inv.arg(index));
        }
    }

    // ------------------------------------------------------------------ containers

    /** LREM, SREM, ZREM, ZREMRANGEBY*: {@code event} if it removed something, and del if that emptied the key. */
    static void removed(Invocation inv, Reply reply, Event event, EventList out) {
        if (count(reply) > 0) {
            out.add(event, inv.arg(1));
            deletedIfGone(inv, 1, out);
        }
    }

    /** LPOP, RPOP, SPOP, ZPOPMIN, ZPOPMAX on the key at {@code index}: {@code event} if it popped, and del if emptied. */
    private static void popped(Invocation inv, Reply reply, Event event, int index, EventList out) {
        if (!isNilOrEmpty(reply)) {
            out.add(event, inv.arg(index));
            deletedIfGone(inv, index, out);
        }
    }

    /** BLPOP, BRPOP, BZPOPMIN, BZPOPMAX: the reply names the key first, among the keys from {@code firstKey}. */
    private static void poppedFromNamed(Invocation inv, Reply reply, Event event, int firstKey, EventList out) {
        if (reply instanceof Reply.Array answer && !answer.items().isEmpty() && answer.items().get(0) instanceof Reply.Bulk key) {
            int index = indexOf(inv, key.bytes(), firstKey, inv.argc() - 1);
            if (index > 0) {
                popped(inv, reply, event, index, out);
            }
        }
    }

    /**
     * LMPOP, ZMPOP ({@code numkeysAt} 1) and BLMPOP, BZMPOP (2): {@code numkeys key... end ...},
     * answered [key, popped]: {@code first} if the end is {@code firstEnd}, else {@code last}.
     */
    private static void poppedFromMany(Invocation inv, Reply reply, int numkeysAt, String firstEnd, Event first, Event last,
                                       EventList out) {
        if (!(reply instanceof Reply.Array answer) || answer.items().isEmpty() || !(answer.items().get(0) instanceof Reply.Bulk key)) {
            return;
        }
        int keys = (int) Arguments.parseLong(inv.arg(numkeysAt));
        int index = indexOf(inv, key.bytes(), numkeysAt + 1, numkeysAt + keys);
        if (index > 0) {
            out.add(is(inv.arg(numkeysAt + keys + 1), firstEnd) ? first : last, inv.arg(index));
            deletedIfGone(inv, index, out);
        }
    }

    /** LMOVE, RPOPLPUSH and their blocking forms: the push to the destination, then the pop, then del of an emptied source. */
    private static void moved(Invocation inv, Reply reply, Event push, Event pop, EventList out) {
        if (isNil(reply)) {
            return;
        }
        out.add(push, inv.arg(2));
        out.add(pop, inv.arg(1));
        deletedIfGone(inv, 1, out);
    }

    /** SMOVE source destination member: srem (and del) of the source, sadd to the destination if it was not there. */
    private static void smoved(Invocation inv, Reply reply, Before before, EventList out) {
        if (count(reply) != 1 || Arrays.equals(inv.arg(1), inv.arg(2))) {
            return;
        }
        out.add(Event.SREM, inv.arg(1));
        deletedIfGone(inv, 1, out);
        if (before == null || !before.bit(0)) {
            out.add(Event.SADD, inv.arg(2));
        }
    }

    /** The STORE forms: {@code event} if the result has members, else del if the destination existed. */
    private static void stored(Invocation inv, Reply reply, Before before, Event event, EventList out) {
        if (count(reply) > 0) {
            out.add(event, inv.arg(1));
        } else if (before != null && before.bit(0)) {
            out.add(Event.DEL, inv.arg(1));
        }
    }

    /** ZADD: zincr with INCR (unless refused by its conditions); zadd if a member was added or its score changed. */
    private static void zadded(Invocation inv, Reply reply, Before before, EventList out) {
        ZAddLine line = ZAddLine.parse(inv);
        if (line == null) {
            return;
        }
        if (line.incr()) {
            if (!isNil(reply)) {
                out.add(Event.ZINCR, inv.arg(1));
            }
            return;
        }
        boolean changed = count(reply) > 0;
        if (!changed && !line.ch() && before != null && before.scores != null) {
            ZSet set = Before.zset(inv, 1);
            for (int i = 0; set != null && i < line.members() && !changed; i++) {
                double was = before.scores[i];
                double now = set.score(inv.arg(line.memberIndex(i)));
                changed = !(was == now || Double.isNaN(was) && Double.isNaN(now));
            }
        }
        if (changed) {
            out.add(Event.ZADD, inv.arg(1));
        }
    }

    // ------------------------------------------------------------------ plumbing

    /** Adds {@code event} about {@code key} if the integer reply is positive. */
    static void onCount(Reply reply, Event event, byte[] key, EventList out) {
        if (count(reply) > 0) {
            out.add(event, key);
        }
    }

    /** Returns the value of an integer reply, or -1 for any other reply. */
    static long count(Reply reply) {
        return reply instanceof Reply.Int value ? value.value() : -1;
    }

    static boolean isNil(Reply reply) {
        return reply instanceof Reply.Nil;
    }

    static boolean isNilOrEmpty(Reply reply) {
        return reply instanceof Reply.Nil || reply instanceof Reply.Array array && array.items().isEmpty();
    }

    /** Returns whether any item of an array reply is not nil. */
    static boolean anyNotNil(Reply reply) {
        if (reply instanceof Reply.Array array) {
            for (Reply item : array.items()) {
                if (!(item instanceof Reply.Nil)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns whether an array reply of integers holds {@code code}. */
    static boolean anyCode(Reply reply, long code) {
        if (reply instanceof Reply.Array array) {
            List<Reply> items = array.items();
            for (Reply item : items) {
                if (count(item) == code) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns the index among {@code from..to} of the argument equal to {@code key}, or -1. */
    static int indexOf(Invocation inv, byte[] key, int from, int to) {
        for (int i = from; i <= to && i < inv.argc(); i++) {
            if (Arrays.equals(inv.arg(i), key)) {
                return i;
            }
        }
        return -1;
    }

    /** Returns whether {@code arg} is {@code keyword}, ignoring case. */
    static boolean is(byte[] arg, String keyword) {
        return Arguments.is(arg, keyword);
    }

    /**
     * Returns the index of XREADGROUP's {@code STREAMS}, reading its options as the handler does
     * ({@code GROUP g c}, {@code COUNT n}, {@code BLOCK ms}, {@code NOACK}), or -1.
     */
    static int streamsIndex(Invocation inv) {
        int i = 1;
        while (i < inv.argc()) {
            byte[] arg = inv.arg(i);
            if (is(arg, "STREAMS")) {
                return i;
            }
            i += is(arg, "GROUP") ? 3 : is(arg, "COUNT") || is(arg, "BLOCK") ? 2 : 1;
        }
        return -1;
    }
}
