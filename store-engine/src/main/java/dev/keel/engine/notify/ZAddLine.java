package dev.keel.engine.notify;

import dev.keel.engine.command.Invocation;

/**
 * The shape of a ZADD command line, {@code ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member ...},
 * as far as its events need it: whether it has CH or INCR, and where its members are.
 *
 * @param ch whether CH was given (the reply counts changed members, not only added ones)
 * @param incr whether INCR was given (the event is zincr)
 * @param first the index of the first score
 * @param members how many score and member pairs follow
 */
record ZAddLine(boolean ch, boolean incr, int first, int members) {

    /** Reads the options of {@code inv}'s ZADD line; null if it has no score and member pairs. */
    static ZAddLine parse(Invocation inv) {
        boolean ch = false;
        boolean incr = false;
        int i = 2;
        for (; i < inv.argc(); i++) {
            byte[] arg = inv.arg(i);
            if (WriteEvents.is(arg, "CH")) {
                ch = true;
            } else if (WriteEvents.is(arg, "INCR")) {
                incr = true;
            } else if (!(WriteEvents.is(arg, "NX") || WriteEvents.is(arg, "XX") || WriteEvents.is(arg, "GT") || WriteEvents.is(arg, "LT"))) {
                break;
            }
        }
        int pairs = (inv.argc() - i) / 2;
        return pairs == 0 ? null : new ZAddLine(ch, incr, i, pairs);
    }

    /** Returns the argument index of member {@code i} (0-based). */
    int memberIndex(int i) {
        return first + 2 * i + 1;
    }
}
