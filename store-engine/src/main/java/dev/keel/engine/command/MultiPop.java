package dev.keel.engine.command;

import static dev.keel.engine.command.Arguments.is;
import static dev.keel.engine.command.Arguments.parseLong;

import dev.keel.Reply;

/**
 * Popping from the first of several keys that has something: the arguments of LMPOP, BLMPOP,
 * ZMPOP and BZMPOP, and the walk over the keys that they share with BLPOP, BRPOP, BZPOPMIN and
 * BZPOPMAX ({@link #fromFirst}).
 *
 * <p>The arguments are {@code [timeout] numkeys key [key ...] end [COUNT count]}, where the end is
 * one of two words (LEFT or RIGHT, MIN or MAX). They are read in Redis's order, with its errors:
 * numkeys, the end, COUNT (refused before a second COUNT or any other trailing argument is looked
 * at), and the timeout last.
 *
 * <p><b>Thread safety:</b> immutable; {@link #parse} and {@link #fromFirst} run under the
 * command's stripe locks.
 *
 * @param firstKey the argument index of the first key
 * @param keyCount the number of keys
 * @param firstEnd whether the end is the first of the two words (LEFT, MIN)
 * @param count the most elements to pop: COUNT's, or 1
 * @param timeoutMillis the blocking form's timeout (see {@link Timeouts}), 0 for the other
 */
public record MultiPop(int firstKey, int keyCount, boolean firstEnd, long count, long timeoutMillis) {

    /** Takes from one key. */
    @FunctionalInterface
    public interface Taker {
        /**
         * Takes from the key at argument {@code keyIndex}, whose live entry is {@code entry} (0 if
         * missing); returns the reply, or null if the key has nothing to take.
         */
        Reply take(int keyIndex, long entry);
    }

    /**
     * Tries the keys at {@code keyIndexes} in order and returns the reply of the first one
     * {@code taker} takes from. If none has anything, a {@code blocking} command that may block
     * blocks on them all for {@code timeoutMillis} and returns null (see
     * {@link Invocation#block}); otherwise the reply is nil.
     */
    public static Reply fromFirst(Invocation inv, int[] keyIndexes, boolean blocking, long timeoutMillis, Taker taker) {
        for (int keyIndex : keyIndexes) {
            Reply reply = taker.take(keyIndex, inv.lookup(keyIndex));
            if (reply != null) {
                return reply;
            }
        }
        if (!blocking || !inv.mayBlock()) {
            return Reply.NIL;
        }
        inv.block(timeoutMillis, keyIndexes);
        return null;
    }

    /** Returns the key finder of the command: numkeys at 1, or at 2 after the timeout of the blocking form. */
    public static CommandSpec.KeyFinder keys(boolean blocking) {
        return CountedKeys.after(blocking ? 2 : 1, 1);
    }

    /** Parses the arguments; {@code first} and {@code second} are the two words of the end. */
    public static MultiPop parse(Invocation inv, boolean blocking, String first, String second) {
        int at = blocking ? 2 : 1;
        if (!Arguments.isLong(inv.arg(at)) || parseLong(inv.arg(at)) <= 0) {
            throw ErrorText.of("ERR numkeys should be greater than 0");
        }
        long numkeys = parseLong(inv.arg(at));
        if (numkeys >= inv.argc() - at - 1) {
            throw ErrorText.syntax();
        }
        int endAt = at + 1 + (int) numkeys;
        boolean firstEnd;
        if (is(inv.arg(endAt), first)) {
            firstEnd = true;
        } else if (is(inv.arg(endAt), second)) {
            firstEnd = false;
        } else {
            throw ErrorText.syntax();
        }
        long count = 0;
        for (int i = endAt + 1; i < inv.argc(); i++) {
            if (count != 0 || !is(inv.arg(i), "COUNT") || i + 1 >= inv.argc()) {
                throw ErrorText.syntax();
            }
            byte[] countArg = inv.arg(++i);
            count = Arguments.isLong(countArg) ? parseLong(countArg) : 0;
            if (count <= 0) {
                throw ErrorText.of("ERR count should be greater than 0");
            }
        }
        long timeout = blocking ? Timeouts.millis(inv.arg(1)) : 0;
        return new MultiPop(at + 1, (int) numkeys, firstEnd, Math.max(count, 1), timeout);
    }

    /** Returns the argument indexes of the keys, in order. */
    public int[] keyIndexes() {
        return CountedKeys.range(firstKey, keyCount);
    }
}
