package dev.keel.engine.notify;

import static dev.keel.engine.notify.WriteEvents.count;
import static dev.keel.engine.notify.WriteEvents.is;
import static dev.keel.engine.notify.WriteEvents.isNil;

import dev.keel.Reply;
import dev.keel.engine.command.Invocation;
import dev.keel.engine.stream.Stream;

/**
 * The keyspace events of the stream commands (see {@link WriteEvents}): xadd (and xtrim if it
 * trimmed), xtrim, xdel, xsetid, the xgroup-* events, and xgroup-createconsumer when XREADGROUP,
 * XCLAIM or XAUTOCLAIM created their consumer (Redis creates it only once it is given entries).
 *
 * <p><b>Thread safety:</b> stateless; called under the command's stripe locks.
 */
final class StreamEvents {

    private StreamEvents() {
    }

    static void of(String name, Invocation inv, Reply reply, Before before, EventList out) {
        byte[] key = inv.arg(1);
        switch (name) {
            case "xadd" -> {
                if (isNil(reply)) {
                    return;
                }
                out.add(Event.XADD, key);
                Stream stream = Before.stream(inv, 1);
                if (before != null && stream != null && stream.length() < before.length + 1) {
                    out.add(Event.XTRIM, key);
                }
            }
            case "xtrim" -> WriteEvents.onCount(reply, Event.XTRIM, key, out);
            case "xdel" -> WriteEvents.onCount(reply, Event.XDEL, key, out);
            case "xsetid" -> out.add(Event.XSETID, key);
            case "xgroup" -> xgroup(inv, reply, before, out);
            case "xreadgroup" -> xreadgroup(inv, before, out);
            case "xclaim", "xautoclaim" -> {
                if ((before == null || !before.bit(0)) && Before.consumerExists(inv, 1, inv.arg(2), inv.arg(3))) {
                    out.add(Event.XGROUP_CREATECONSUMER, key);
                }
            }
            default -> throw new IllegalArgumentException(name);
        }
    }

    /** XGROUP CREATE, CREATECONSUMER, DELCONSUMER, DESTROY, SETID key ...: xgroup-* when it did something. */
    private static void xgroup(Invocation inv, Reply reply, Before before, EventList out) {
        byte[] sub = inv.arg(1);
        if (inv.argc() < 3) {
            return;
        }
        byte[] key = inv.arg(2);
        if (is(sub, "CREATE")) {
            out.add(Event.XGROUP_CREATE, key);
        } else if (is(sub, "CREATECONSUMER")) {
            WriteEvents.onCount(reply, Event.XGROUP_CREATECONSUMER, key, out);
        } else if (is(sub, "DELCONSUMER")) {
            if (before == null || before.bit(0)) {
                out.add(Event.XGROUP_DELCONSUMER, key);
            }
        } else if (is(sub, "DESTROY")) {
            if (count(reply) == 1) {
                out.add(Event.XGROUP_DESTROY, key);
            }
        } else if (is(sub, "SETID")) {
            out.add(Event.XGROUP_SETID, key);
        }
    }

    /** XREADGROUP: xgroup-createconsumer for each stream, in order, whose group got the consumer. */
    private static void xreadgroup(Invocation inv, Before before, EventList out) {
        int streams = WriteEvents.streamsIndex(inv);
        if (streams < 0) {
            return;
        }
        int count = (inv.argc() - streams - 1) / 2;
        for (int i = 0; i < count; i++) {
            int index = streams + 1 + i;
            boolean existed = before != null && i < 64 && before.bit(i);
            if (!existed && Before.consumerExists(inv, index, inv.arg(2), inv.arg(3))) {
                out.add(Event.XGROUP_CREATECONSUMER, inv.arg(index));
            }
        }
    }
}
