package dev.keel.engine.keyspace;

/**
 * Redis's glob-style patterns, as KEYS and SCAN MATCH use them: {@code *} any run of bytes,
 * {@code ?} one byte, {@code [abc]}, {@code [^abc]}, {@code [a-z]} one byte of a class, and
 * {@code \} to match the next byte literally. As in Redis, a range's ends compare as signed
 * bytes, and {@code [a-]} is the range from {@code a} to {@code ]}.
 *
 * <p>Only the pattern {@code *} matches the empty key (other patterns need something to match),
 * and a pattern with more than 1000 nested stars matches nothing, as in Redis.
 *
 * <pre>
 * Design
 *   Every token but '*' matches exactly one byte, so matching needs to remember only the last
 *   '*' seen: on a mismatch it lets that star swallow one more byte and retries. Each retry
 *   advances the subject, so the work is bounded by pattern length x subject length and no
 *   pattern, however many stars it has, can make matching exponential.
 * </pre>
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
public final class GlobPattern {
    /** Redis gives up (matches nothing) past this many nested stars. */
    private static final int MAX_NESTED_STARS = 1000;

    private final byte[] pattern;
    private final boolean matchesAll;
    private final boolean matchesNothing;

    /** Compiles {@code pattern}. */
    public GlobPattern(byte[] pattern) {
        this.pattern = pattern.clone();
        this.matchesAll = pattern.length == 1 && pattern[0] == '*';
        this.matchesNothing = nestedStars(this.pattern) > MAX_NESTED_STARS;
    }

    /** Counts the runs of stars followed by more pattern, as Redis's matcher nests on them. */
    private static int nestedStars(byte[] pattern) {
        int runs = 0;
        int p = 0;
        while (p < pattern.length) {
            byte token = pattern[p];
            if (token == '\\') {
                p += 2;
            } else if (token == '[') {
                p++;
                while (p < pattern.length && pattern[p] != ']') {
                    p += pattern[p] == '\\' ? 2 : 1;
                }
                p++;
            } else if (token == '*') {
                while (p < pattern.length && pattern[p] == '*') {
                    p++;
                }
                if (p < pattern.length) {
                    runs++;
                }
            } else {
                p++;
            }
        }
        return runs;
    }

    /** Returns whether the pattern is {@code *}, which matches everything. */
    public boolean matchesAll() {
        return matchesAll;
    }

    /** Returns whether {@code subject} matches the whole pattern. */
    public boolean matches(byte[] subject) {
        if (matchesAll) {
            return true;
        }
        if (matchesNothing) {
            return false;
        }
        if (subject.length == 0) {
            return pattern.length == 0;
        }
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = -1;
        while (s < subject.length) {
            if (p < pattern.length && pattern[p] == '*') {
                while (p < pattern.length && pattern[p] == '*') {
                    p++;
                }
                if (p == pattern.length) {
                    return true;
                }
                starP = p;
                starS = s;
                continue;
            }
            int next = p < pattern.length ? matchOne(p, subject[s]) : -1;
            if (next >= 0) {
                p = next;
                s++;
            } else if (starP >= 0) {
                p = starP;
                s = ++starS;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == '*') {
            p++;
        }
        return p == pattern.length;
    }

    /** Matches one token at {@code p} against {@code c}; returns the next token's index or -1. */
    private int matchOne(int p, byte c) {
        byte token = pattern[p];
        switch (token) {
            case '?':
                return p + 1;
            case '[':
                return matchClass(p + 1, c);
            case '\\':
                if (p + 1 < pattern.length) {
                    return pattern[p + 1] == c ? p + 2 : -1;
                }
                return token == c ? p + 1 : -1;
            default:
                return token == c ? p + 1 : -1;
        }
    }

    /** Matches a class whose body starts at {@code p}; an unclosed class runs to the pattern's end. */
    private int matchClass(int p, byte c) {
        boolean negate = p < pattern.length && pattern[p] == '^';
        if (negate) {
            p++;
        }
        boolean found = false;
        int value = c;
        while (p < pattern.length && pattern[p] != ']') {
            if (pattern[p] == '\\' && p + 1 < pattern.length) {
                found |= pattern[p + 1] == c;
                p += 2;
            } else if (p + 2 < pattern.length && pattern[p + 1] == '-') {
                int start = pattern[p];
                int end = pattern[p + 2];
                if (start > end) {
                    int swap = start;
                    start = end;
                    end = swap;
                }
                found |= value >= start && value <= end;
                p += 3;
            } else {
                found |= pattern[p] == c;
                p++;
            }
        }
        if (p < pattern.length) {
            p++;
        }
        return found != negate ? p : -1;
    }
}
