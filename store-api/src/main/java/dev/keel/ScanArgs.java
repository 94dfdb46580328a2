package dev.keel;

import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code SCAN}: {@code MATCH pattern}, {@code COUNT count} and {@code TYPE type}.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 *
 * @param match a glob-style pattern, or {@code null} for every key
 * @param count the amount of work per call, a hint as in Redis, or 0 for the default (10)
 * @param type a type name ({@code string}, {@code list}, ...), or {@code null} for every type
 */
public record ScanArgs(String match, long count, String type) {

    /** No options. */
    public static ScanArgs none() {
        return new ScanArgs(null, 0, null);
    }

    /** {@code MATCH pattern}. */
    public static ScanArgs match(String pattern) {
        return new ScanArgs(pattern, 0, null);
    }

    /** Returns these options with {@code COUNT count}. */
    public ScanArgs withCount(long newCount) {
        return new ScanArgs(match, newCount, type);
    }

    /** Returns these options with {@code TYPE type}. */
    public ScanArgs withType(String newType) {
        return new ScanArgs(match, count, newType);
    }

    /** Returns the option tokens in command-line order. */
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>(6);
        if (match != null) {
            tokens.add("MATCH");
            tokens.add(match);
        }
        if (count != 0) {
            tokens.add("COUNT");
            tokens.add(Long.toString(count));
        }
        if (type != null) {
            tokens.add("TYPE");
            tokens.add(type);
        }
        return tokens;
    }
}
