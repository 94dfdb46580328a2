package dev.keel.engine.stream;

import dev.keel.engine.command.Arguments;
import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;

/**
 * The options XADD and XTRIM share, read in Redis's order with its errors: {@code MAXLEN} or
 * {@code MINID}, each with an optional {@code =} (exact) or {@code ~} (approximate), and
 * {@code LIMIT} (only with {@code ~}); XADD adds {@code NOMKSTREAM} and ends them at its ID.
 *
 * <p>An approximate trim without LIMIT does at most 100 times {@code stream-node-max-entries}
 * entries' work (10,000 when that is 0 or the product is larger), as Redis's does; an exact trim
 * has no limit.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param strategy what to trim by
 * @param maxLen MAXLEN's length
 * @param minId MINID's ID, null without MINID
 * @param approximate whether {@code ~} was given
 * @param limit the most entries an approximate trim removes, 0 for no limit
 * @param noMkStream XADD's NOMKSTREAM
 * @param idIndex XADD's argument index of the ID (or {@code *}); 0 for XTRIM
 */
record TrimArgs(Strategy strategy, long maxLen, EntryId minId, boolean approximate, long limit, boolean noMkStream,
                int idIndex) {

    /** How a stream is trimmed. */
    enum Strategy {
        /** Not at all. */
        NONE,
        /** Down to a length. */
        MAXLEN,
        /** Below an ID. */
        MINID
    }

    private static final long DEFAULT_LIMIT_CAP = 10_000;

    /** Parses the options of XADD ({@code add}, from argument 2 to the ID) or XTRIM (from argument 2 on). */
    static TrimArgs parse(Invocation inv, boolean add) {
        Strategy strategy = Strategy.NONE;
        long maxLen = 0;
        EntryId minId = null;
        boolean approximate = false;
        long limit = 0;
        boolean limitGiven = false;
        boolean noMkStream = false;
        int i = 2;
        for (; i < inv.argc(); i++) {
            int more = inv.argc() - 1 - i;
            byte[] arg = inv.arg(i);
            if (add && CArguments.equals(arg, "*")) {
                break;
            }
            boolean isMaxLen = CArguments.is(arg, "MAXLEN");
            if ((isMaxLen || CArguments.is(arg, "MINID")) && more > 0) {
                if (strategy != Strategy.NONE) {
                    throw ErrorText.of("ERR syntax error, MAXLEN and MINID options at the same time are not compatible");
                }
                approximate = more >= 2 && CArguments.equals(inv.arg(i + 1), "~");
                if (more >= 2 && (approximate || CArguments.equals(inv.arg(i + 1), "="))) {
                    i++;
                }
                i++;
                if (isMaxLen) {
                    maxLen = Arguments.parseLong(inv.arg(i));
                    if (maxLen < 0) {
                        throw ErrorText.of("ERR The MAXLEN argument must be >= 0.");
                    }
                    strategy = Strategy.MAXLEN;
                } else {
                    minId = StreamIds.strict(inv.arg(i));
                    strategy = Strategy.MINID;
                }
            } else if (CArguments.is(arg, "LIMIT") && more > 0) {
                limit = Arguments.parseLong(inv.arg(++i));
                if (limit < 0) {
                    throw ErrorText.of("ERR The LIMIT argument must be >= 0.");
                }
                limitGiven = true;
            } else if (add && CArguments.is(arg, "NOMKSTREAM")) {
                noMkStream = true;
            } else if (add) {
                StreamIds.forAdd(arg); // refuses what is neither an option nor an ID
                break;
            } else {
                throw ErrorText.syntax();
            }
        }
        if (limit != 0 && strategy == Strategy.NONE) {
            throw ErrorText.of("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy");
        }
        if (!add && strategy == Strategy.NONE) {
            throw ErrorText.of("ERR syntax error, XTRIM must be called with a trimming strategy");
        }
        if (limitGiven && !approximate) {
            throw ErrorText.of("ERR syntax error, LIMIT cannot be used without the special ~ option");
        }
        if (!limitGiven && approximate) {
            long perNode = 100L * inv.thresholds().streamNodeMaxEntries();
            limit = perNode <= 0 || perNode > DEFAULT_LIMIT_CAP ? DEFAULT_LIMIT_CAP : perNode;
        }
        return new TrimArgs(strategy, maxLen, minId, approximate, limit, noMkStream, add ? i : 0);
    }

    /**
     * Trims {@code stream} as these options say; returns how many entries went. Trimming does not
     * move the stream's largest deleted ID, as in Redis: only XDEL does.
     */
    long trim(Stream stream) {
        if (strategy == Strategy.NONE) {
            return 0;
        }
        EntryId maxDeleted = stream.maxDeletedId();
        long removed = stream.trim(strategy == Strategy.MAXLEN ? maxLen : 0, minId, approximate, approximate ? limit : 0);
        stream.setMaxDeletedId(maxDeleted);
        return removed;
    }
}
