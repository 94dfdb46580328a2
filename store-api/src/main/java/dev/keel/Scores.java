package dev.keel;


/**
 * Sorted-set scores as text, the way Redis writes and reads them.
 *
 * <p>{@link #format(double)} writes a score so that Redis (and Keel) read back exactly the same
 * double: the shortest decimal that rounds to it, always in plain notation (no exponent), and the
 * infinities as {@code +inf} and {@code -inf}. {@link #parse(String)} reads a score from a reply,
 * in any form Redis sends one: {@code 1.5}, {@code 1e+20}, {@code 1.5e-05},
 * {@code 0.10000000000000001} (Redis before 7.2), {@code inf}, {@code -inf}.
 *
 * <p><b>Thread safety:</b> stateless, safe for concurrent use.
 */
public final class Scores {

    private Scores() {
    }

    /**
     * Returns {@code score} as a command argument: {@code 1.5}, {@code -2}, {@code 100000000000000000000},
     * {@code 0.1}, {@code +inf}, {@code -inf}, {@code -0}. NaN is written {@code nan}, which every
     * command taking a score refuses with Redis's own error.
     */
    public static String format(double score) {
        if (Double.isNaN(score)) {
            return "nan";
        }
        if (Double.isInfinite(score)) {
            return score > 0 ? "+inf" : "-inf";
        }
        if (score == 0) {
            return Double.doubleToRawLongBits(score) < 0 ? "-0" : "0";
        }
        if (score == Math.rint(score) && Math.abs(score) < 0x1p53) {
            return Long.toString((long) score);
        }
        // The shortest decimal that reads back as the same double (JDK 19+); Redis reads its
        // exponent form ("1.0E-5") as strtod does.
        return Double.toString(score);
    }

    /**
     * Reads a score from a reply: a decimal in any notation, or {@code inf}, {@code +inf},
     * {@code -inf}.
     *
     * @throws NumberFormatException if {@code text} is not a score
     */
    public static double parse(String text) {
        return switch (text) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
