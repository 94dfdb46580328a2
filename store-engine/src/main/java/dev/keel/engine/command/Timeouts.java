package dev.keel.engine.command;

import dev.keel.engine.string.ExtendedPrecision;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The timeout argument of the blocking commands (BLPOP, BLMOVE, BLMPOP, BZPOPMIN, BZMPOP, ...),
 * and XREAD's and XREADGROUP's BLOCK milliseconds, read as Redis reads them.
 *
 * <p><b>Thread safety:</b> stateless, safe for concurrent use.
 */
public final class Timeouts {
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal MAX_TIMEOUT_MILLIS = new BigDecimal(Long.MAX_VALUE);
    /**
     * The longest wait, 2^62 ns (about 146 years): a blocked command's deadline is a reading of
     * System.nanoTime() plus its timeout, which must not overflow. A longer timeout, which Redis
     * accepts, waits this long, which no one can tell apart.
     */
    private static final long MAX_WAIT_MILLIS = (1L << 62) / 1_000_000;

    private Timeouts() {
    }

    /**
     * Parses a blocking timeout in seconds into milliseconds (0: forever), as Redis reads it: a C
     * {@code long double} (decimal or hexadecimal, with an exponent, {@code inf}; refused when it
     * over- or underflows), multiplied by 1000 in long double arithmetic and rounded up. So a
     * positive timeout under a millisecond waits a millisecond, and one a hair under 0 (such as
     * -0.001, which the long double product makes -0.99999...) waits forever; an infinite one, or
     * one whose milliseconds do not fit a 64-bit integer, is "negative". Waits are capped at
     * MAX_WAIT_MILLIS.
     */
    public static long millis(byte[] arg) {
        ExtendedPrecision.Value seconds = ExtendedPrecision.parse(arg);
        if (seconds == null) {
            throw ErrorText.of("ERR timeout is not a float or out of range");
        }
        ExtendedPrecision.Value millis = seconds.isFinite() ? ExtendedPrecision.round(seconds.finite().multiply(THOUSAND)) : seconds;
        if (!millis.isFinite()) {
            throw ErrorText.of("ERR timeout is negative");
        }
        BigDecimal whole = millis.finite().setScale(0, RoundingMode.CEILING);
        if (whole.signum() < 0 || whole.compareTo(MAX_TIMEOUT_MILLIS) > 0) {
            throw ErrorText.of("ERR timeout is negative");
        }
        return Math.min(whole.longValueExact(), MAX_WAIT_MILLIS);
    }

    /**
     * Parses the milliseconds of XREAD's and XREADGROUP's {@code BLOCK} (0: forever) as Redis reads
     * them: a strict 64-bit integer, not negative. Waits are capped at MAX_WAIT_MILLIS.
     */
    public static long blockMillis(byte[] arg) {
        if (!Arguments.isLong(arg)) {
            throw ErrorText.of("ERR timeout is not an integer or out of range");
        }
        long millis = Arguments.parseLong(arg);
        if (millis < 0) {
            throw ErrorText.of("ERR timeout is negative");
        }
        return Math.min(millis, MAX_WAIT_MILLIS);
    }
}
