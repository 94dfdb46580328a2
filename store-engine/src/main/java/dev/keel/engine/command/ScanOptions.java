package dev.keel.engine.command;

import static dev.keel.engine.command.Arguments.is;
import static dev.keel.engine.command.Arguments.parseLong;

import dev.keel.engine.keyspace.GlobPattern;

/**
 * The options of SCAN, HSCAN and SSCAN: {@code MATCH pattern}, {@code COUNT count}, and, where the
 * command takes them, {@code TYPE type} (SCAN) and {@code NOVALUES} (HSCAN), read in order with
 * Redis's errors: a COUNT below 1, an unknown word or a missing value is a syntax error.
 *
 * @param match the pattern, or null when there is none or it matches everything
 * @param count the work per call (10 by default)
 * @param type the TYPE argument, or null
 * @param noValues whether NOVALUES was given
 */
public record ScanOptions(GlobPattern match, long count, byte[] type, boolean noValues) {
    /** What a command accepts besides MATCH and COUNT. */
    public enum Extra {
        /** Nothing more (SSCAN): NOVALUES gets HSCAN-only error. */
        NONE,
        /** TYPE (SCAN). */
        TYPE,
        /** NOVALUES (HSCAN). */
        NOVALUES
    }

    /** Parses the options from argument {@code from} to the end. */
    public static ScanOptions parse(Invocation inv, int from, Extra extra) {
        GlobPattern pattern = null;
        long count = 10;
        byte[] type = null;
        boolean noValues = false;
        for (int i = from; i < inv.argc(); i++) {
            byte[] arg = inv.arg(i);
            boolean hasNext = i + 1 < inv.argc();
            if (is(arg, "COUNT") && hasNext) {
                count = parseLong(inv.arg(++i));
                if (count < 1) {
                    throw ErrorText.syntax();
                }
            } else if (is(arg, "MATCH") && hasNext) {
                pattern = new GlobPattern(inv.arg(++i));
            } else if (extra == Extra.TYPE && is(arg, "TYPE") && hasNext) {
                type = inv.arg(++i);
            } else if (extra != Extra.TYPE && is(arg, "NOVALUES")) {
                if (extra != Extra.NOVALUES) {
                    throw ErrorText.of("ERR NOVALUES option can only be used in HSCAN");
                }
                noValues = true;
            } else {
                throw ErrorText.syntax();
            }
        }
        return new ScanOptions(pattern == null || pattern.matchesAll() ? null : pattern, count, type, noValues);
    }

    /** Returns whether {@code subject} passes MATCH. */
    public boolean matches(byte[] subject) {
        return match == null || match.matches(subject);
    }
}
