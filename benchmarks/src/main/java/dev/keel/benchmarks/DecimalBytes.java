package dev.keel.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * Decimal integers as ASCII bytes, the way Redis reads and writes them for HINCRBY: what the
 * byte-array peers ({@link ConcurrentMapHashPeer}, {@link ChronicleHashPeer}) do to increment a
 * field, so that they pay the same parse and format as Keel and Redis.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class DecimalBytes {
    /** Redis's error text for a value that is not an integer. */
    static final String NOT_AN_INTEGER = "ERR hash value is not an integer";

    private DecimalBytes() {
    }

    /**
     * Returns the integer {@code bytes} spell: an optional {@code -} and digits, without leading
     * zeros, within {@code long}.
     *
     * @throws IllegalArgumentException with {@link #NOT_AN_INTEGER} otherwise
     */
    static long parse(byte[] bytes) {
        int length = bytes.length;
        boolean negative = length > 0 && bytes[0] == '-';
        int start = negative ? 1 : 0;
        if (length == start || length - start > 19 || (bytes[start] == '0' && length - start > 1) || (negative && bytes[start] == '0')) {
            throw new IllegalArgumentException(NOT_AN_INTEGER);
        }
        long value = 0;
        for (int i = start; i < length; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException(NOT_AN_INTEGER);
            }
            // Accumulated negatively, so Long.MIN_VALUE fits.
            if (value < (Long.MIN_VALUE + digit) / 10) {
                throw new IllegalArgumentException(NOT_AN_INTEGER);
            }
            value = value * 10 - digit;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                throw new IllegalArgumentException(NOT_AN_INTEGER);
            }
            value = -value;
        }
        return value;
    }

    /** Returns {@code value} in decimal ASCII. */
    static byte[] format(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Returns {@code current} (null: 0) plus {@code increment}, formatted.
     *
     * @throws IllegalArgumentException if {@code current} is not an integer or the sum overflows
     */
    static byte[] increment(byte[] current, long increment) {
        long base = current == null ? 0 : parse(current);
        long sum = base + increment;
        if (((base ^ sum) & (increment ^ sum)) < 0) {
            throw new IllegalArgumentException("ERR increment or decrement would overflow");
        }
        return format(sum);
    }
}
