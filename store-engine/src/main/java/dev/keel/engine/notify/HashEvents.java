package dev.keel.engine.notify;

import static dev.keel.engine.notify.WriteEvents.anyCode;
import static dev.keel.engine.notify.WriteEvents.anyNotNil;
import static dev.keel.engine.notify.WriteEvents.count;
import static dev.keel.engine.notify.WriteEvents.deletedIfGone;
import static dev.keel.engine.notify.WriteEvents.is;
import static dev.keel.engine.notify.WriteEvents.isNil;

import dev.keel.Reply;
import dev.keel.engine.command.Arguments;
import dev.keel.engine.command.Invocation;

/**
 * The keyspace events of the hash commands (see {@link WriteEvents}): hset, hdel, hincrby,
 * hincrbyfloat, and for field expiry (Redis 7.4 and 8.0) hexpire, hpersist, and hdel for a time
 * already past; del when the hash is emptied.
 *
 * <p><b>Thread safety:</b> stateless; called under the command's stripe locks.
 */
final class HashEvents {

    private HashEvents() {
    }

    static void of(String name, Invocation inv, Reply reply, Before before, EventList out) {
        byte[] key = inv.arg(1);
        switch (name) {
            case "hset", "hmset", "keel.hgetset" -> out.add(Event.HSET, key);
            case "hsetnx", "keel.hcas" -> WriteEvents.onCount(reply, Event.HSET, key, out);
            case "keel.hreplace" -> {
                if (!isNil(reply)) {
                    out.add(Event.HSET, key);
                }
            }
            case "hdel", "keel.hcad" -> WriteEvents.removed(inv, reply, Event.HDEL, out);
            case "hincrby" -> out.add(Event.HINCRBY, key);
            case "hincrbyfloat" -> out.add(Event.HINCRBYFLOAT, key);
            case "hexpire", "hpexpire", "hexpireat", "hpexpireat" -> {
                // Per field: 1 its expiry set, 2 deleted for a time already past.
                if (anyCode(reply, 1)) {
                    out.add(Event.HEXPIRE, key);
                }
                if (anyCode(reply, 2)) {
                    fieldsDeleted(inv, out);
                }
            }
            case "hpersist" -> {
                if (anyCode(reply, 1)) {
                    out.add(Event.HPERSIST, key);
                }
            }
            case "hgetex" -> hgetex(inv, reply, before, out);
            case "hsetex" -> hsetex(inv, reply, out);
            case "hgetdel" -> {
                if (anyNotNil(reply)) {
                    fieldsDeleted(inv, out);
                }
            }
            default -> throw new IllegalArgumentException(name);
        }
    }

    private static void fieldsDeleted(Invocation inv, EventList out) {
        out.add(Event.HDEL, inv.arg(1));
        deletedIfGone(inv, 1, out);
    }

    /** HGETEX key [EX|PX|EXAT|PXAT t | PERSIST] FIELDS n field...: for the fields it found. */
    private static void hgetex(Invocation inv, Reply reply, Before before, EventList out) {
        if (!anyNotNil(reply)) {
            return;
        }
        if (is(inv.arg(2), "PERSIST")) {
            if (before == null || before.bit(0)) {
                out.add(Event.HPERSIST, inv.arg(1));
            }
            return;
        }
        long at = expiryAt(inv, 2);
        if (at == Long.MIN_VALUE) {
            return;
        }
        if (at > inv.now()) {
            out.add(Event.HEXPIRE, inv.arg(1));
        } else {
            fieldsDeleted(inv, out);
        }
    }

    /** HSETEX key [FNX|FXX] [EX|PX|EXAT|PXAT t | KEEPTTL] FIELDS n field value...: hset, then the expiry's event. */
    private static void hsetex(Invocation inv, Reply reply, EventList out) {
        if (count(reply) != 1) {
            return;
        }
        out.add(Event.HSET, inv.arg(1));
        for (int i = 2; i < inv.argc() && !is(inv.arg(i), "FIELDS"); i++) {
            long at = expiryAt(inv, i);
            if (at != Long.MIN_VALUE) {
                if (at > inv.now()) {
                    out.add(Event.HEXPIRE, inv.arg(1));
                } else {
                    fieldsDeleted(inv, out);
                }
                return;
            }
        }
    }

    /**
     * Returns the absolute expiry the option at {@code index} ({@code EX|PX|EXAT|PXAT t}) sets, as
     * the handler computes it, or {@link Long#MIN_VALUE} if there is none there.
     */
    private static long expiryAt(Invocation inv, int index) {
        byte[] option = inv.arg(index);
        boolean seconds = is(option, "EX") || is(option, "EXAT");
        boolean relative = is(option, "EX") || is(option, "PX");
        if (!(seconds || relative || is(option, "PXAT")) || index + 1 >= inv.argc()) {
            return Long.MIN_VALUE;
        }
        long amount = Arguments.parseLong(inv.arg(index + 1));
        return (seconds ? amount * 1000 : amount) + (relative ? inv.now() : 0);
    }
}
