package dev.keel.engine.command;

import java.nio.charset.StandardCharsets;

/**
 * Reads command arguments the way Redis does: integers strictly (no sign but {@code -}, no
 * leading zeros or spaces, 64-bit range), keywords case-insensitively.
 *
 * <p><b>Thread safety:</b> stateless, safe for concurrent use.
 */
public final class Arguments {
    private Arguments() {
    }

    /**
     * Parses a strict decimal 64-bit integer, or throws {@code ERR value is not an integer or out
     * of range}.
     */
    public static long parseLong(byte[] text) {
        if (!isLong(text)) {
            throw ErrorText.notInteger();
        }
        long negated = 0;
        for (int i = text[0] == '-' ? 1 : 0; i < text.length; i++) {
            negated = negated * 10 - (text[i] - '0');
        }
        return text[0] == '-' ? negated : -negated;
    }

    /**
     * Parses a count that must be 0 or more; anything else, a negative number or not an integer
     * alike, is refused with {@code error}, as Redis refuses LPOP's and ZPOPMIN's count, LPOS's
     * COUNT and MAXLEN, and ZINTERCARD's LIMIT.
     */
    public static long parseNonNegative(byte[] text, String error) {
        long value = isLong(text) ? parseLong(text) : -1;
        if (value < 0) {
            throw ErrorText.of(error);
        }
        return value;
    }

    /**
     * Returns whether {@code text} is a strict decimal 64-bit integer: an optional {@code -}, then
     * digits without leading zeros ({@code 0} alone excepted), in range.
     */
    public static boolean isLong(byte[] text) {
        int length = text.length;
        if (length == 0 || length > 20) {
            return false;
        }
        if (length == 1 && text[0] == '0') {
            return true;
        }
        boolean negative = text[0] == '-';
        int i = negative ? 1 : 0;
        if (i == length || text[i] < '1' || text[i] > '9') {
            return false;
        }
        long negated = 0;
        for (; i < length; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9 || negated < Long.MIN_VALUE / 10) {
                return false;
            }
            negated *= 10;
            if (negated < Long.MIN_VALUE + digit) {
                return false;
            }
            negated -= digit;
        }
        return negative || negated != Long.MIN_VALUE;
    }

    /** Returns whether {@code arg} equals the ASCII keyword {@code keyword}, ignoring case. */
    public static boolean is(byte[] arg, String keyword) {
        if (arg.length != keyword.length()) {
            return false;
        }
        for (int i = 0; i < arg.length; i++) {
            int a = arg[i];
            if (a >= 'a' && a <= 'z') {
                a -= 32;
            }
            int b = keyword.charAt(i);
            if (b >= 'a' && b <= 'z') {
                b -= 32;
            }
            if (a != b) {
                return false;
            }
        }
        return true;
    }

    /** Returns an ASCII keyword argument in upper case. */
    public static String upper(byte[] arg) {
        return new String(arg, StandardCharsets.US_ASCII).toUpperCase(java.util.Locale.ROOT);
    }

    /** Returns the argument as text (UTF-8). */
    public static String text(byte[] arg) {
        return new String(arg, StandardCharsets.UTF_8);
    }

    /**
     * Returns how many bytes of {@code arg} C's {@code printf("%.*s")} prints with precision
     * {@code limit}: at most {@code limit}, and none from the first NUL byte on. Redis's error
     * texts quote user input this way.
     */
    public static int printedLength(byte[] arg, int limit) {
        int length = Math.min(arg.length, limit);
        for (int i = 0; i < length; i++) {
            if (arg[i] == 0) {
                return i;
            }
        }
        return length;
    }

    /**
     * Returns an error text on one line, as Redis makes the errors that quote user input: CR and
     * LF at either end are removed, and those in between turned into spaces.
     */
    public static String oneLine(String message) {
        int start = 0;
        int end = message.length();
        while (start < end && isCrLf(message.charAt(start))) {
            start++;
        }
        while (end > start && isCrLf(message.charAt(end - 1))) {
            end--;
        }
        return message.substring(start, end).replace('\r', ' ').replace('\n', ' ');
    }

    private static boolean isCrLf(char c) {
        return c == '\r' || c == '\n';
    }

    /**
     * Returns {@code arg} as C's {@code printf("%s")} prints it into one of Redis's error texts:
     * the bytes up to the first NUL, decoded as UTF-8. Pass the whole text through
     * {@link #oneLine} before sending it.
     */
    public static String cString(byte[] arg) {
        return new String(arg, 0, printedLength(arg, arg.length), StandardCharsets.UTF_8);
    }

    /** Returns the ASCII bytes of {@code number}'s decimal form. */
    public static byte[] bytes(long number) {
        return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses a SCAN cursor as Redis does (an unsigned 64-bit decimal; a leading minus wraps as in
     * C's strtoull; the empty string is cursor 0), or throws {@code ERR invalid cursor}. Redis
     * reads the cursor as a C string, so a NUL byte ends it: {@code "7\0x"} is cursor 7.
     */
    public static long parseCursor(byte[] text) {
        int length = printedLength(text, text.length);
        if (length == 0) {
            return 0;
        }
        int i = 0;
        boolean negative = false;
        if (text[0] == '-' || text[0] == '+') {
            negative = text[0] == '-';
            i = 1;
        }
        if (i >= length) {
            throw ErrorText.of(ErrorText.INVALID_CURSOR);
        }
        long value = 0;
        for (; i < length; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                throw ErrorText.of(ErrorText.INVALID_CURSOR);
            }
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                throw ErrorText.of(ErrorText.INVALID_CURSOR);
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }
}
