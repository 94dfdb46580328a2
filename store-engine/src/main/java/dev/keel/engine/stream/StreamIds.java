package dev.keel.engine.stream;

import dev.keel.engine.command.Arguments;
import dev.keel.engine.command.CommandException;
import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;
import java.nio.charset.StandardCharsets;

/**
 * Stream IDs as the stream commands read them from their arguments, with Redis's leniency and
 * errors.
 *
 * <pre>
 * Grammar
 *   An ID argument is {@code <ms>-<seq>}, or {@code <ms>} with the sequence the command
 *   supplies (0 for a start, the largest for an end), or {@code -} (0-0) and {@code +} (the
 *   largest ID) where the command accepts them. Redis reads the argument as a C string of at
 *   most 127 bytes: a NUL byte ends it. Each part is read as Redis's string2ull does: a strict
 *   decimal that fits a signed 64-bit integer and is not negative, or else what C's strtoull
 *   accepts in full (leading blanks, a sign, leading zeros, values up to 2^64-1; a minus wraps).
 *   The first '-' separates the parts, so the milliseconds can never be signed.
 *   XADD also takes {@code <ms>-*}: the sequence is chosen on adding.
 *
 * Intervals (XRANGE, XREVRANGE, XPENDING, XAUTOCLAIM)
 *   A bound may start with '(' to exclude it: the ID after it (before it, for an end) is used
 *   instead, and {@code -} and {@code +} cannot be excluded.
 * </pre>
 *
 * <p><b>Thread safety:</b> stateless, safe for concurrent use.
 */
final class StreamIds {
    /** The error of an ID argument Redis cannot read. */
    static final String INVALID = "ERR Invalid stream ID specified as stream command argument";
    private static final int MAX_LENGTH = 127;
    private static final CommandException INVALID_ERROR = ErrorText.of(INVALID);
    private static final long UNSIGNED_TENTH = Long.divideUnsigned(-1L, 10);

    private StreamIds() {
    }

    /**
     * An ID as XADD reads it.
     *
     * @param id the ID; its sequence is 0 if {@code seqGiven} is false
     * @param seqGiven false for {@code <ms>-*}, whose sequence XADD chooses
     */
    record AddId(EntryId id, boolean seqGiven) {
    }

    /** Returns the invalid-ID error. */
    static CommandException invalid() {
        return INVALID_ERROR;
    }

    /** Parses a strict ID ({@code -} and {@code +} refused), a missing sequence read as {@code missingSeq}. */
    static EntryId strict(byte[] arg, long missingSeq) {
        return parse(arg, missingSeq, true, false).id();
    }

    /** Parses a strict ID, a missing sequence read as 0. */
    static EntryId strict(byte[] arg) {
        return strict(arg, 0);
    }

    /** Parses the strict IDs from argument {@code from} to the last. */
    static EntryId[] strictFrom(Invocation inv, int from) {
        EntryId[] ids = new EntryId[inv.argc() - from];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = strict(inv.arg(from + i));
        }
        return ids;
    }

    /** Parses a strict ID as {@link #strict(byte[])} does; returns null instead of refusing it. */
    static EntryId strictOrNull(byte[] arg) {
        try {
            return strict(arg);
        } catch (CommandException notAnId) {
            return null;
        }
    }

    /** Parses an ID where {@code -} and {@code +} are welcome, a missing sequence read as {@code missingSeq}. */
    static EntryId loose(byte[] arg, long missingSeq) {
        return parse(arg, missingSeq, false, false).id();
    }

    /** Parses XADD's ID: strict, a missing sequence read as 0, and {@code <ms>-*}. */
    static AddId forAdd(byte[] arg) {
        return parse(arg, 0, true, true);
    }

    /**
     * Parses the start of an interval: an ID, {@code <ms>} as {@code <ms>-0}, or {@code (<id>}
     * for the ID after it. Throws {@code ERR invalid start ID for the interval} if there is none.
     */
    static EntryId intervalStart(byte[] arg) {
        if (!excluded(arg)) {
            return loose(arg, 0);
        }
        EntryId next = strict(exclusion(arg), 0).next();
        if (next == null) {
            throw ErrorText.of("ERR invalid start ID for the interval");
        }
        return next;
    }

    /**
     * Parses the end of an interval: an ID, {@code <ms>} as its largest sequence, or {@code (<id>}
     * for the ID before it. Throws {@code ERR invalid end ID for the interval} if there is none.
     */
    static EntryId intervalEnd(byte[] arg) {
        if (!excluded(arg)) {
            return loose(arg, -1L);
        }
        EntryId previous = strict(exclusion(arg), -1L).previous();
        if (previous == null) {
            throw ErrorText.of("ERR invalid end ID for the interval");
        }
        return previous;
    }

    private static boolean excluded(byte[] arg) {
        return arg.length > 1 && arg[0] == '(';
    }

    private static byte[] exclusion(byte[] arg) {
        return java.util.Arrays.copyOfRange(arg, 1, arg.length);
    }

    /** Returns the reply text of {@code id}. */
    static byte[] bytes(EntryId id) {
        return id.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static AddId parse(byte[] arg, long missingSeq, boolean strict, boolean seqStar) {
        if (arg.length > MAX_LENGTH) {
            throw INVALID_ERROR;
        }
        int length = Arguments.printedLength(arg, arg.length);
        if (length == 1 && (arg[0] == '-' || arg[0] == '+')) {
            if (strict) {
                throw INVALID_ERROR;
            }
            return new AddId(arg[0] == '-' ? EntryId.MIN : EntryId.MAX, true);
        }
        int dash = 0;
        while (dash < length && arg[dash] != '-') {
            dash++;
        }
        long ms = unsigned(arg, 0, dash);
        if (dash == length) {
            return new AddId(new EntryId(ms, missingSeq), true);
        }
        if (seqStar && length - dash == 2 && arg[dash + 1] == '*') {
            return new AddId(new EntryId(ms, 0), false);
        }
        return new AddId(new EntryId(ms, unsigned(arg, dash + 1, length)), true);
    }

    /** Reads {@code arg[from, to)} as Redis's string2ull does, or throws the invalid-ID error. */
    private static long unsigned(byte[] arg, int from, int to) {
        byte[] text = java.util.Arrays.copyOfRange(arg, from, to);
        if (Arguments.isLong(text)) {
            long value = Arguments.parseLong(text);
            if (value < 0) {
                throw INVALID_ERROR;
            }
            return value;
        }
        return strtoull(text);
    }

    /** C's strtoull in base 10 over all of {@code text}, or the invalid-ID error if it stops early or overflows. */
    private static long strtoull(byte[] text) {
        int i = 0;
        while (i < text.length && isSpace(text[i])) {
            i++;
        }
        boolean negative = false;
        if (i < text.length && (text[i] == '+' || text[i] == '-')) {
            negative = text[i] == '-';
            i++;
        }
        if (i == text.length) {
            throw INVALID_ERROR;
        }
        long value = 0;
        for (; i < text.length; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                throw INVALID_ERROR;
            }
            if (Long.compareUnsigned(value, UNSIGNED_TENTH) > 0 || Long.compareUnsigned(value * 10 + digit, value * 10) < 0) {
                throw INVALID_ERROR;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == 0x0B || b == '\f' || b == '\r';
    }
}
