package dev.keel.engine.string;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The arithmetic of INCRBYFLOAT: Redis parses both numbers into the C {@code long double} of
 * x86-64 (80-bit extended precision: a 64-bit significand and a 15-bit exponent), adds them, and
 * prints the sum with 17 decimals, trailing zeros removed. Keel reproduces that exactly: values
 * are held as exact decimals rounded to a 64-bit binary significand after every step. The
 * blocking commands read their timeouts with {@link #parse} and {@link #round} too.
 *
 * <p><b>Thread safety:</b> stateless, safe for concurrent use.
 */
public final class ExtendedPrecision {
    /** Redis parses a long double from fewer than this many characters. */
    private static final int MAX_CHARS = 5 * 1024;
    /**
     * Exponents are clamped to this magnitude: far past where any mantissa of fewer than
     * MAX_CHARS digits over- or underflows, and small enough for BigDecimal's scale and for
     * long arithmetic.
     */
    private static final long EXPONENT_LIMIT = 100_000;
    private static final int SIGNIFICAND_BITS = 64;
    /** Exponents of the largest finite and the smallest subnormal value: 2^16384 overflows. */
    private static final int MAX_EXPONENT = 16383;
    private static final int MIN_EXPONENT = -16445;
    private static final double LOG2_10 = 3.321928094887362;

    /**
     * A parsed value: finite (value set), or infinite with a sign.
     *
     * @param finite the exact value of a finite long double, or null if infinite
     * @param infinity 1 or -1 for an infinite value, 0 for a finite one
     */
    public record Value(BigDecimal finite, int infinity) {
        static final Value POSITIVE_INFINITY = new Value(null, 1);
        static final Value NEGATIVE_INFINITY = new Value(null, -1);

        /** Returns whether the value is finite. */
        public boolean isFinite() {
            return finite != null;
        }
    }

    private ExtendedPrecision() {
    }

    /** Parses {@code text} as {@code strtold} would, rounded to extended precision; null if Redis would refuse it. */
    public static Value parse(byte[] text) {
        if (text.length == 0 || text.length >= MAX_CHARS) {
            return null;
        }
        String s = new String(text, StandardCharsets.ISO_8859_1);
        char first = s.charAt(0);
        if (Character.isWhitespace(first) || first == '\u000b') {
            return null;
        }
        int sign = 1;
        String body = s;
        if (first == '+' || first == '-') {
            sign = first == '-' ? -1 : 1;
            body = s.substring(1);
        }
        if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
            return sign > 0 ? Value.POSITIVE_INFINITY : Value.NEGATIVE_INFINITY;
        }
        BigDecimal exact = body.length() > 1 && body.charAt(0) == '0' && (body.charAt(1) == 'x' || body.charAt(1) == 'X')
                ? parseHex(body.substring(2))
                : parseDecimal(body);
        if (exact == null) {
            return null;
        }
        if (sign < 0) {
            exact = exact.negate();
        }
        Value rounded = round(exact);
        if (!rounded.isFinite() || (rounded.finite().signum() == 0 && exact.signum() != 0)) {
            return null;
        }
        return rounded;
    }

    private static BigDecimal parseDecimal(String body) {
        int length = body.length();
        int i = 0;
        StringBuilder digits = new StringBuilder(length);
        int fractionDigits = 0;
        while (i < length && isDigit(body.charAt(i))) {
            digits.append(body.charAt(i++));
        }
        if (i < length && body.charAt(i) == '.') {
            i++;
            while (i < length && isDigit(body.charAt(i))) {
                digits.append(body.charAt(i++));
                fractionDigits++;
            }
        }
        if (digits.isEmpty()) {
            return null;
        }
        long exponent = 0;
        if (i < length && (body.charAt(i) == 'e' || body.charAt(i) == 'E')) {
            int end = parseExponent(body, i + 1);
            if (end < 0) {
                return null;
            }
            exponent = exponentValue(body, i + 1, end);
            i = end;
        }
        if (i != length) {
            return null;
        }
        BigInteger unscaled = new BigInteger(digits.toString());
        if (unscaled.signum() == 0) {
            return BigDecimal.ZERO;
        }
        // Fewer than MAX_CHARS digits shift the value by fewer than MAX_CHARS decimal orders, so
        // an exponent past EXPONENT_LIMIT over- or underflows whatever the digits; clamping it
        // keeps BigDecimal's scale in range without changing the outcome.
        return new BigDecimal(unscaled, (int) (fractionDigits - exponent));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Checks the exponent that starts at {@code from} (after the {@code e} or {@code p}): an
     * optional sign and at least one digit, any number of them. Returns the index after it, or
     * -1 if there is no digit.
     */
    private static int parseExponent(String text, int from) {
        int j = from;
        if (j < text.length() && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
            j++;
        }
        int digitsStart = j;
        while (j < text.length() && isDigit(text.charAt(j))) {
            j++;
        }
        return j == digitsStart ? -1 : j;
    }

    /** Returns the exponent in {@code text[from, end)}, clamped to plus or minus EXPONENT_LIMIT. */
    private static long exponentValue(String text, int from, int end) {
        boolean negative = text.charAt(from) == '-';
        int j = text.charAt(from) == '+' || negative ? from + 1 : from;
        long value = 0;
        for (; j < end; j++) {
            value = Math.min(EXPONENT_LIMIT, value * 10 + (text.charAt(j) - '0'));
        }
        return negative ? -value : value;
    }

    private static BigDecimal parseHex(String digits) {
        int length = digits.length();
        BigInteger mantissa = BigInteger.ZERO;
        int i = 0;
        int count = 0;
        int fractionDigits = 0;
        boolean point = false;
        while (i < length) {
            char c = digits.charAt(i);
            int value = Character.digit(c, 16);
            if (value >= 0 && c < 128) {
                mantissa = mantissa.shiftLeft(4).or(BigInteger.valueOf(value));
                count++;
                if (point) {
                    fractionDigits++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
            i++;
        }
        if (count == 0) {
            return null;
        }
        long exponent = 0;
        if (i < length && (digits.charAt(i) == 'p' || digits.charAt(i) == 'P')) {
            int end = parseExponent(digits, i + 1);
            if (end < 0) {
                return null;
            }
            exponent = exponentValue(digits, i + 1, end);
            i = end;
        }
        if (i != length) {
            return null;
        }
        if (mantissa.signum() == 0) {
            return BigDecimal.ZERO;
        }
        long shift = exponent - 4L * fractionDigits;
        long magnitude = shift + mantissa.bitLength();
        if (magnitude > MAX_EXPONENT + 2 || magnitude < MIN_EXPONENT - 2) {
            return null; // over- or underflows: refused, as the rounding below would
        }
        BigDecimal value = new BigDecimal(mantissa);
        return shift >= 0
                ? value.multiply(new BigDecimal(BigInteger.ONE.shiftLeft((int) shift)))
                : value.divide(new BigDecimal(BigInteger.ONE.shiftLeft((int) -shift)));
    }

    /** Rounds an exact value to the nearest long double (ties to even); infinite past the range. */
    public static Value round(BigDecimal exact) {
        if (exact.signum() == 0) {
            return new Value(BigDecimal.ZERO, 0);
        }
        BigDecimal magnitude = exact.abs();
        double estimate = (magnitude.unscaledValue().bitLength() - 1) - magnitude.scale() * LOG2_10;
        if (estimate > MAX_EXPONENT + 2) {
            return exact.signum() > 0 ? Value.POSITIVE_INFINITY : Value.NEGATIVE_INFINITY;
        }
        if (estimate < MIN_EXPONENT - 2) {
            return new Value(BigDecimal.ZERO, 0);
        }
        int exponent = (int) Math.floor(estimate);
        while (scaleByPowerOfTwo(magnitude, -exponent).compareTo(BigDecimal.TWO) >= 0) {
            exponent++;
        }
        while (scaleByPowerOfTwo(magnitude, -exponent).compareTo(BigDecimal.ONE) < 0) {
            exponent--;
        }
        int shift = Math.max(exponent - (SIGNIFICAND_BITS - 1), MIN_EXPONENT);
        BigInteger significand = scaleByPowerOfTwo(magnitude, -shift).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        if (significand.bitLength() > SIGNIFICAND_BITS) {
            significand = significand.shiftRight(1);
            shift++;
        }
        if (significand.signum() == 0) {
            return new Value(BigDecimal.ZERO, 0);
        }
        if (shift + significand.bitLength() - 1 > MAX_EXPONENT) {
            return exact.signum() > 0 ? Value.POSITIVE_INFINITY : Value.NEGATIVE_INFINITY;
        }
        BigDecimal rounded = scaleByPowerOfTwo(new BigDecimal(significand), shift);
        return new Value(exact.signum() < 0 ? rounded.negate() : rounded, 0);
    }

    private static BigDecimal scaleByPowerOfTwo(BigDecimal value, int power) {
        if (power >= 0) {
            return value.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(power)));
        }
        return value.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-power)));
    }

    /** Adds two values as long doubles; infinite when the sum overflows or an operand is infinite. */
    public static Value add(Value a, Value b) {
        if (!a.isFinite() || !b.isFinite()) {
            int sum = (a.isFinite() ? 0 : a.infinity()) + (b.isFinite() ? 0 : b.infinity());
            return sum == 0 ? null : (sum > 0 ? Value.POSITIVE_INFINITY : Value.NEGATIVE_INFINITY);
        }
        return round(a.finite().add(b.finite()));
    }

    /** Formats a finite value as Redis prints it: 17 decimals, trailing zeros and point removed, no "-0". */
    public static String format(BigDecimal value) {
        String text = value.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '0') {
            end--;
        }
        if (end > 0 && text.charAt(end - 1) == '.') {
            end--;
        }
        text = text.substring(0, end);
        return text.equals("-0") ? "0" : text;
    }
}
