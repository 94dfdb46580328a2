package dev.keel.engine.string;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The arithmetic of INCRBYFLOAT: Redis parses both numbers into the C {@code long double} of
 * x86-64 (80-bit extended precision: a 64-bit significand and a 15-bit exponent), adds them, and
 * prints the sum with 17 decimals, trailing zeros removed. Keel reproduces that exactly: values
 * are held as exact decimals rounded to a 64-bit binary significand after every step.
 *
 * <p><b>Thread safety:</b> stateless, safe for concurrent use.
 */
final class ExtendedPrecision {
    /** The longest text Redis parses as a long double. */
    private static final int MAX_CHARS = 5 * 1024;
    private static final int SIGNIFICAND_BITS = 64;
    /** Exponents of the largest finite and the smallest subnormal value: 2^16384 overflows. */
    private static final int MAX_EXPONENT = 16383;
    private static final int MIN_EXPONENT = -16445;
    private static final double LOG2_10 = 3.321928094887362;

    /** A parsed value: finite (value set), or infinite with a sign. */
    record Value(BigDecimal finite, int infinity) {
        static final Value POSITIVE_INFINITY = new Value(null, 1);
        static final Value NEGATIVE_INFINITY = new Value(null, -1);

        boolean isFinite() {
            return finite != null;
        }
    }

    private ExtendedPrecision() {
    }

    /** Parses {@code text} as {@code strtold} would, rounded to extended precision; null if Redis would refuse it. */
    static Value parse(byte[] text) {
        if (text.length == 0 || text.length > MAX_CHARS) {
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
        int digits = 0;
        while (i < length && body.charAt(i) >= '0' && body.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < length && body.charAt(i) == '.') {
            i++;
            while (i < length && body.charAt(i) >= '0' && body.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return null;
        }
        if (i < length && (body.charAt(i) == 'e' || body.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < length && (body.charAt(j) == '+' || body.charAt(j) == '-')) {
                j++;
            }
            int expDigits = 0;
            while (j < length && body.charAt(j) >= '0' && body.charAt(j) <= '9') {
                j++;
                expDigits++;
            }
            if (expDigits == 0 || expDigits > 9) {
                return null;
            }
            i = j;
        }
        if (i != length) {
            return null;
        }
        try {
            return new BigDecimal(body);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
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
            int j = i + 1;
            boolean negative = false;
            if (j < length && (digits.charAt(j) == '+' || digits.charAt(j) == '-')) {
                negative = digits.charAt(j) == '-';
                j++;
            }
            int expDigits = 0;
            while (j < length && digits.charAt(j) >= '0' && digits.charAt(j) <= '9' && expDigits < 9) {
                exponent = exponent * 10 + (digits.charAt(j) - '0');
                j++;
                expDigits++;
            }
            if (expDigits == 0) {
                return null;
            }
            exponent = negative ? -exponent : exponent;
            i = j;
        }
        if (i != length) {
            return null;
        }
        exponent -= 4L * fractionDigits;
        if (exponent > 20000 || exponent < -20000) {
            return null;
        }
        BigDecimal value = new BigDecimal(mantissa);
        return exponent >= 0
                ? value.multiply(new BigDecimal(BigInteger.ONE.shiftLeft((int) exponent)))
                : value.divide(new BigDecimal(BigInteger.ONE.shiftLeft((int) -exponent)));
    }

    /** Rounds an exact value to the nearest long double (ties to even); infinite past the range. */
    static Value round(BigDecimal exact) {
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
    static Value add(Value a, Value b) {
        if (!a.isFinite() || !b.isFinite()) {
            int sum = (a.isFinite() ? 0 : a.infinity()) + (b.isFinite() ? 0 : b.infinity());
            return sum == 0 ? null : (sum > 0 ? Value.POSITIVE_INFINITY : Value.NEGATIVE_INFINITY);
        }
        return round(a.finite().add(b.finite()));
    }

    /** Formats a finite value as Redis prints it: 17 decimals, trailing zeros and point removed, no "-0". */
    static String format(BigDecimal value) {
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
