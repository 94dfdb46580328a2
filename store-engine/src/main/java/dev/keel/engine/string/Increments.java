package dev.keel.engine.string;

import dev.keel.engine.command.ErrorText;
import java.nio.charset.StandardCharsets;

/**
 * The arithmetic INCRBY and INCRBYFLOAT share with HINCRBY and HINCRBYFLOAT: overflow checked
 * as Redis checks it, and the float sum formatted as Redis stores it.
 *
 * <p><b>Thread safety:</b> stateless, safe for concurrent use.
 */
public final class Increments {
    private Increments() {
    }

    /** Returns {@code current + increment}, or throws Redis's overflow error. */
    public static long add(long current, long increment) {
        if ((increment < 0 && current < 0 && increment < Long.MIN_VALUE - current)
                || (increment > 0 && current > 0 && increment > Long.MAX_VALUE - current)) {
            throw ErrorText.of(ErrorText.OVERFLOW);
        }
        return current + increment;
    }

    /**
     * Returns the sum of two values in 80-bit extended precision, formatted as Redis stores it, or
     * throws Redis's error when the sum is not finite.
     */
    public static byte[] addFloat(ExtendedPrecision.Value current, ExtendedPrecision.Value increment) {
        ExtendedPrecision.Value sum = ExtendedPrecision.add(current, increment);
        if (sum == null || !sum.isFinite()) {
            throw ErrorText.of("ERR increment would produce NaN or Infinity");
        }
        return ExtendedPrecision.format(sum.finite()).getBytes(StandardCharsets.US_ASCII);
    }
}
