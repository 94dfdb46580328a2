package dev.keel.engine.notify;

import static dev.keel.engine.notify.WriteEvents.count;
import static dev.keel.engine.notify.WriteEvents.is;
import static dev.keel.engine.notify.WriteEvents.isNil;

import dev.keel.Reply;
import dev.keel.engine.command.Invocation;

/**
 * The keyspace events of the string commands (see {@link WriteEvents}): set (and expire for an
 * expiry option), setrange, incrby, incrbyfloat, append; GETEX's persist, expire or del.
 *
 * <p><b>Thread safety:</b> stateless; called under the command's stripe locks.
 */
final class StringEvents {

    private StringEvents() {
    }

    static void of(String name, Invocation inv, Reply reply, Before before, EventList out) {
        byte[] key = inv.arg(1);
        switch (name) {
            case "set" -> {
                if (setDone(inv, reply)) {
                    out.add(Event.SET, key);
                    if (hasExpiry(inv, 3)) {
                        out.add(Event.EXPIRE, key);
                    }
                }
            }
            case "setnx" -> WriteEvents.onCount(reply, Event.SET, key, out);
            case "setex", "psetex" -> {
                out.add(Event.SET, key);
                out.add(Event.EXPIRE, key);
            }
            case "getset" -> out.add(Event.SET, key);
            case "getex" -> getex(inv, reply, before, out);
            case "mset" -> {
                for (int i = 1; i < inv.argc(); i += 2) {
                    out.add(Event.SET, inv.arg(i));
                }
            }
            case "msetnx" -> {
                for (int i = 1; count(reply) == 1 && i < inv.argc(); i += 2) {
                    out.add(Event.SET, inv.arg(i));
                }
            }
            case "incr", "decr", "incrby", "decrby" -> out.add(Event.INCRBY, key);
            case "incrbyfloat" -> out.add(Event.INCRBYFLOAT, key);
            case "append" -> out.add(Event.APPEND, key);
            case "setrange" -> {
                // An empty value writes nothing, to an existing key or not.
                if (inv.arg(3).length > 0) {
                    out.add(Event.SETRANGE, key);
                }
            }
            default -> throw new IllegalArgumentException(name);
        }
    }

    /**
     * Returns whether SET stored its value: always without NX or XX; with them it answers nil
     * when it did not, unless GET is given, which answers the old value (nil if none): NX then
     * stored only when there was none, XX only when there was one.
     */
    private static boolean setDone(Invocation inv, Reply reply) {
        boolean nx = false;
        boolean xx = false;
        boolean get = false;
        for (int i = 3; i < inv.argc(); i++) {
            byte[] arg = inv.arg(i);
            nx |= is(arg, "NX");
            xx |= is(arg, "XX");
            get |= is(arg, "GET");
        }
        if (!get) {
            return !isNil(reply);
        }
        return nx ? isNil(reply) : !xx || !isNil(reply);
    }

    /** Returns whether an expiry option (EX, PX, EXAT, PXAT) is among the arguments from {@code from}. */
    private static boolean hasExpiry(Invocation inv, int from) {
        for (int i = from; i < inv.argc(); i++) {
            byte[] arg = inv.arg(i);
            if (is(arg, "EX") || is(arg, "PX") || is(arg, "EXAT") || is(arg, "PXAT")) {
                return true;
            }
        }
        return false;
    }

    /** GETEX key [EX|PX|EXAT|PXAT t | PERSIST]: expire (del if the time was past), or persist if the key had a TTL. */
    private static void getex(Invocation inv, Reply reply, Before before, EventList out) {
        if (isNil(reply) || inv.argc() == 2) {
            return;
        }
        byte[] key = inv.arg(1);
        if (is(inv.arg(2), "PERSIST")) {
            if (before == null || before.bit(0)) {
                out.add(Event.PERSIST, key);
            }
        } else if (hasExpiry(inv, 2)) {
            out.add(inv.peek(1) != 0 ? Event.EXPIRE : Event.DEL, key);
        }
    }
}
