package dev.keel.engine.zset;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Scores as Redis reads and writes them: parsed like C's {@code strtod} (decimal or hexadecimal,
 * {@code inf} and {@code infinity} in any case, correctly rounded), formatted as Redis 7.2 and
 * later reply them.
 *
 * <pre>
 * Reading
 *   A score, increment or weight is the whole argument read as one number: no leading space,
 *   nothing after it, not NaN, and not a finite number that overflows to infinity or a non-zero
 *   one that underflows to zero (C's ERANGE). A range bound is read more loosely, as Redis
 *   reads it with strtod alone: the argument ends at its first NUL byte (a C string), leading
 *   white space is skipped, an empty one is 0, and overflow and underflow are accepted.
 *
 * Writing
 *   0 is "0" and negative zero "-0" (a -0 score is stored as such, as Redis's skip list keeps
 *   it), infinities "inf" and "-inf"; an integral value of magnitude up to 2^62 is
 *   its decimal integer ("100000000000000000" for 1e17); anything else is the shortest decimal
 *   that reads back as the same double, laid out as C's %.17g lays out digits: scientific
 *   ("1.5e-05", "1e+20", two exponent digits at least) when the decimal exponent is below -4
 *   or at least 17, plain otherwise ("0.1", "0.30000000000000004").
 * </pre>
 *
 * <p><b>Thread safety:</b> stateless, safe for concurrent use.
 */
public final class Scores {
    /** The largest magnitude formatted as an integer: 2^62, as Redis's double-to-integer check allows. */
    private static final double MAX_INTEGRAL = 0x1p62;
    /** A binary exponent past which any 64-bit significand overflows or underflows a double. */
    private static final long EXPONENT_LIMIT = 1 << 20;

    private Scores() {
    }

    // ------------------------------------------------------------------ reading

    /**
     * Returns the number {@code text} holds, read as Redis reads a score, an increment or a weight;
     * NaN if Redis refuses it (a score is never NaN, so the caller throws its own error text).
     */
    public static double parse(byte[] text) {
        if (text.length == 0 || isSpace(text[0])) {
            return Double.NaN;
        }
        Parsed parsed = strtod(text, 0, text.length);
        return parsed.end != text.length || parsed.outOfRange ? Double.NaN : parsed.value;
    }

    /**
     * Returns the number in {@code text} from {@code from} on, read as Redis reads a range bound
     * (see the class comment); NaN if Redis refuses it.
     */
    static double parseBound(byte[] text, int from) {
        int end = from;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        Parsed parsed = strtod(text, from, end);
        return parsed.end != end ? Double.NaN : parsed.value;
    }

    /**
     * What strtod read from a text.
     *
     * @param value the number (0 when nothing was read)
     * @param end the index after the number; the start of the text if nothing was read
     * @param outOfRange whether a finite number overflowed or a non-zero one underflowed to 0
     */
    private record Parsed(double value, int end, boolean outOfRange) {
    }

    /** Reads the longest number at the start of {@code text[from, to)} as C's strtod does. */
    private static Parsed strtod(byte[] text, int from, int to) {
        int i = from;
        while (i < to && isSpace(text[i])) {
            i++;
        }
        boolean negative = false;
        if (i < to && (text[i] == '+' || text[i] == '-')) {
            negative = text[i] == '-';
            i++;
        }
        if (matches(text, i, to, "inf")) {
            int end = matches(text, i + 3, to, "inity") ? i + 8 : i + 3;
            return new Parsed(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, end, false);
        }
        if (matches(text, i, to, "nan")) {
            return new Parsed(Double.NaN, i + 3, false);
        }
        if (i + 1 < to && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X')) {
            Parsed hex = hexadecimal(text, i + 2, to, negative);
            if (hex != null) {
                return hex;
            }
        }
        return decimal(text, i, to, negative, from);
    }

    private static Parsed decimal(byte[] text, int start, int to, boolean negative, int from) {
        int i = start;
        boolean nonZero = false;
        int digits = 0;
        for (; i < to && isDigit(text[i]); i++, digits++) {
            nonZero |= text[i] != '0';
        }
        if (i < to && text[i] == '.') {
            for (i++; i < to && isDigit(text[i]); i++, digits++) {
                nonZero |= text[i] != '0';
            }
        }
        if (digits == 0) {
            return new Parsed(0, from, false);
        }
        int mantissaEnd = i;
        i = exponentEnd(text, i, to, 'e');
        if (i == mantissaEnd && digits == mantissaEnd - start && digits <= 15) {
            // An integer of up to 15 digits is exact as a double: no text to build.
            long whole = 0;
            for (int d = start; d < mantissaEnd; d++) {
                whole = whole * 10 + (text[d] - '0');
            }
            double magnitude = whole;
            return new Parsed(negative ? -magnitude : magnitude, i, false);
        }
        String number = new String(text, start, i - start, StandardCharsets.ISO_8859_1);
        double magnitude = Double.parseDouble(number);
        boolean outOfRange = Double.isInfinite(magnitude) || magnitude == 0 && nonZero;
        return new Parsed(negative ? -magnitude : magnitude, i, outOfRange);
    }

    /** Reads the hexadecimal number after {@code 0x}; null if no hex digit follows (strtod then reads the 0 alone). */
    private static Parsed hexadecimal(byte[] text, int start, int to, boolean negative) {
        StringBuilder digits = new StringBuilder();
        int fractionDigits = 0;
        int i = start;
        for (; i < to && Character.digit(text[i], 16) >= 0; i++) {
            digits.append((char) text[i]);
        }
        if (i < to && text[i] == '.') {
            for (i++; i < to && Character.digit(text[i], 16) >= 0; i++) {
                digits.append((char) text[i]);
                fractionDigits++;
            }
        }
        if (digits.isEmpty()) {
            return null;
        }
        long exponent = 0;
        int end = exponentEnd(text, i, to, 'p');
        if (end > i) {
            exponent = clampedExponent(text, i + 1, end);
        }
        BigInteger significand = new BigInteger(digits.toString(), 16);
        double magnitude = scaleByPowerOfTwo(significand, exponent - 4L * fractionDigits);
        boolean outOfRange = Double.isInfinite(magnitude) || magnitude == 0 && significand.signum() != 0;
        return new Parsed(negative ? -magnitude : magnitude, end, outOfRange);
    }

    /**
     * Returns the index after the exponent at {@code i} ({@code marker} in either case, an
     * optional sign, at least one digit), or {@code i} if there is none there.
     */
    private static int exponentEnd(byte[] text, int i, int to, char marker) {
        if (i >= to || (text[i] | 0x20) != marker) {
            return i;
        }
        int j = i + 1;
        if (j < to && (text[j] == '+' || text[j] == '-')) {
            j++;
        }
        if (j >= to || !isDigit(text[j])) {
            return i;
        }
        while (j < to && isDigit(text[j])) {
            j++;
        }
        return j;
    }

    /** Reads the signed decimal exponent in {@code text[from, to)}, saturated at EXPONENT_LIMIT. */
    private static long clampedExponent(byte[] text, int from, int to) {
        boolean negative = text[from] == '-';
        int i = text[from] == '+' || negative ? from + 1 : from;
        long value = 0;
        for (; i < to; i++) {
            value = Math.min(value * 10 + (text[i] - '0'), EXPONENT_LIMIT);
        }
        return negative ? -value : value;
    }

    /** Returns {@code significand * 2^exponent} correctly rounded to a double. */
    private static double scaleByPowerOfTwo(BigInteger significand, long exponent) {
        if (significand.signum() == 0) {
            return 0;
        }
        int extra = significand.bitLength() - 64;
        if (extra > 0) {
            // Keep 64 bits and a sticky bit for whatever was below: rounding to 53 bits is unchanged.
            boolean sticky = significand.getLowestSetBit() < extra;
            significand = significand.shiftRight(extra).or(sticky ? BigInteger.ONE : BigInteger.ZERO);
            exponent += extra;
        }
        long top = exponent + significand.bitLength();
        if (top > Double.MAX_EXPONENT + 2) {
            return Double.POSITIVE_INFINITY;
        }
        if (top < Double.MIN_EXPONENT - 54) {
            return 0;
        }
        BigDecimal exact = exponent >= 0
                ? new BigDecimal(significand.shiftLeft((int) exponent))
                : new BigDecimal(significand.multiply(BigInteger.valueOf(5).pow((int) -exponent)), (int) -exponent);
        return exact.doubleValue();
    }

    private static boolean matches(byte[] text, int at, int to, String word) {
        if (to - at < word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if ((text[at + k] | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** C's isspace in the C locale. */
    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    // ------------------------------------------------------------------ writing

    /** Returns {@code score} as Redis 7.2 and later reply it (see the class comment). */
    public static String format(double score) {
        if (score == 0) {
            return Double.doubleToRawLongBits(score) == Long.MIN_VALUE ? "-0" : "0";
        }
        if (Double.isInfinite(score)) {
            return score > 0 ? "inf" : "-inf";
        }
        if (Double.isNaN(score)) {
            return "nan";
        }
        if (Math.abs(score) <= MAX_INTEGRAL && score == Math.rint(score)) {
            return Long.toString((long) score);
        }
        // Double.toString gives the shortest digits (JDK 19+), as "123.45" or "1.2345E-7": take
        // the significant digits and the decimal exponent of the first one.
        String text = Double.toString(Math.abs(score));
        int e = text.indexOf('E');
        String mantissa = e < 0 ? text : text.substring(0, e);
        int point = mantissa.indexOf('.');
        StringBuilder all = new StringBuilder(mantissa.length()).append(mantissa, 0, point).append(mantissa, point + 1, mantissa.length());
        int exponent = (e < 0 ? 0 : Integer.parseInt(text, e + 1, text.length(), 10)) + point - 1;
        int first = 0;
        while (first < all.length() - 1 && all.charAt(first) == '0') {
            first++;
            exponent--;
        }
        int last = all.length();
        while (last > first + 1 && all.charAt(last - 1) == '0') {
            last--;
        }
        String digits = all.substring(first, last);
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (score < 0) {
            out.append('-');
        }
        if (exponent < -4 || exponent >= 17) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append(exponent < 0 ? "e-" : "e+");
            if (Math.abs(exponent) < 10) {
                out.append('0');
            }
            out.append(Math.abs(exponent));
        } else if (exponent < 0) {
            out.append("0.").append("0".repeat(-exponent - 1)).append(digits);
        } else if (digits.length() <= exponent + 1) {
            out.append(digits).append("0".repeat(exponent + 1 - digits.length()));
        } else {
            out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
        }
        return out.toString();
    }

    /** Returns {@link #format} of {@code score} as ASCII bytes, for a bulk reply. */
    public static byte[] bytes(double score) {
        return format(score).getBytes(StandardCharsets.US_ASCII);
    }
}
