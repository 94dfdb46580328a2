package dev.keel.redis;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Which command lines wait on the server until data arrives or their timeout runs out, and how
 * long each may wait. {@link RedisStore} runs them on connections of their own
 * ({@link BlockingLanes}) so that they never hold up the shared connection.
 *
 * <pre>
 * Command lines that block (timeouts in seconds unless said otherwise; 0 waits forever)
 *   BLPOP | BRPOP | BZPOPMIN | BZPOPMAX key [key ...] timeout
 *   BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout
 *   BRPOPLPUSH source destination timeout
 *   BLMPOP | BZMPOP timeout numkeys key [key ...] ...
 *   XREAD [COUNT n] [BLOCK ms] STREAMS key [key ...] id [id ...]           only with BLOCK
 *   XREADGROUP GROUP group consumer [COUNT n] [BLOCK ms] [NOACK] [CLAIM ms]
 *              STREAMS key [key ...] id [id ...]                           only with BLOCK
 * </pre>
 *
 * A timeout this class cannot read (Redis also takes {@code 0x10}) counts as forever: it is only
 * ever used as a lower bound for how long to wait for the reply, and a timeout Redis refuses is
 * answered at once with an error.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
final class BlockingCommands {

    /** What {@link #timeoutNanos} answers for a command line that does not block. */
    static final long NOT_BLOCKING = -1;
    /** What {@link #timeoutNanos} answers for a command line that may wait forever. */
    static final long FOREVER = Long.MAX_VALUE;

    /** Where each command's timeout in seconds is: a negative index counts from the end. */
    private static final Map<String, Integer> SECONDS_AT = Map.of(
            "BLPOP", -1, "BRPOP", -1, "BZPOPMIN", -1, "BZPOPMAX", -1, "BLMOVE", -1, "BRPOPLPUSH", -1,
            "BLMPOP", 1, "BZMPOP", 1);

    private BlockingCommands() {
    }

    /**
     * Returns how long {@code argv} may wait on the server, in nanoseconds: {@link #NOT_BLOCKING}
     * if it does not wait, {@link #FOREVER} if it may wait forever.
     *
     * @param name {@code argv[0]} in upper case
     */
    static long timeoutNanos(String name, byte[][] argv) {
        Integer secondsAt = SECONDS_AT.get(name);
        if (secondsAt != null) {
            int at = secondsAt < 0 ? argv.length + secondsAt : secondsAt;
            return at > 0 && at < argv.length ? nanos(text(argv[at]), 1e9) : FOREVER;
        }
        if (name.equals("XREAD") || name.equals("XREADGROUP")) {
            int block = streamReadOption(argv, "BLOCK");
            if (block < 0) {
                return NOT_BLOCKING;
            }
            return block + 1 < argv.length ? nanos(text(argv[block + 1]), 1e6) : FOREVER;
        }
        return NOT_BLOCKING;
    }

    /**
     * Returns the index of {@code option} ({@code BLOCK}, {@code COUNT}, {@code STREAMS}, ...) in
     * an {@code XREAD} or {@code XREADGROUP} command line, or -1 if it has none. The options are
     * read as Redis reads them, each with its arguments, up to {@code STREAMS}, so a group or
     * consumer named {@code BLOCK} is not taken for the option.
     */
    static int streamReadOption(byte[][] argv, String option) {
        int i = 1;
        while (i < argv.length) {
            String token = text(argv[i]).toUpperCase(Locale.ROOT);
            if (token.equals(option)) {
                return i;
            }
            switch (token) {
                case "COUNT", "BLOCK", "CLAIM" -> i += 2;
                case "GROUP" -> i += 3;
                case "NOACK" -> i += 1;
                default -> {
                    // STREAMS ends the options; anything else is a syntax error Redis answers at once.
                    return -1;
                }
            }
        }
        return -1;
    }

    /** Reads a timeout of {@code unitNanos} nanoseconds per unit; 0, or a value it cannot read, is forever. */
    private static long nanos(String timeout, double unitNanos) {
        double value;
        try {
            value = Double.parseDouble(timeout);
        } catch (NumberFormatException e) {
            return FOREVER;
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            return FOREVER;
        }
        // Saturates: (long) of a double past Long.MAX_VALUE is Long.MAX_VALUE, which is FOREVER.
        return Math.max(1, (long) Math.ceil(value * unitNanos));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
