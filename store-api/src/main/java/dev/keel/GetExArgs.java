package dev.keel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The options of {@code GETEX}: one of {@code EX}, {@code PX}, {@code EXAT}, {@code PXAT} or
 * {@code PERSIST}, named after Redis's keywords.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
public final class GetExArgs {
    private final List<String> tokens;

    private GetExArgs(List<String> tokens) {
        this.tokens = tokens;
    }

    /** {@code EX seconds}. */
    public static GetExArgs ex(long seconds) {
        return new GetExArgs(List.of("EX", Long.toString(seconds)));
    }

    /** {@code PX milliseconds}, from a duration. */
    public static GetExArgs ex(Duration ttl) {
        return px(ttl.toMillis());
    }

    /** {@code PX milliseconds}. */
    public static GetExArgs px(long milliseconds) {
        return new GetExArgs(List.of("PX", Long.toString(milliseconds)));
    }

    /** {@code EXAT unix-time-seconds}. */
    public static GetExArgs exat(long unixSeconds) {
        return new GetExArgs(List.of("EXAT", Long.toString(unixSeconds)));
    }

    /** {@code PXAT unix-time-milliseconds}, from an instant. */
    public static GetExArgs exat(Instant at) {
        return pxat(at.toEpochMilli());
    }

    /** {@code PXAT unix-time-milliseconds}. */
    public static GetExArgs pxat(long unixMilliseconds) {
        return new GetExArgs(List.of("PXAT", Long.toString(unixMilliseconds)));
    }

    /** {@code PERSIST}: remove the key's time to live. */
    public static GetExArgs persist() {
        return new GetExArgs(List.of("PERSIST"));
    }

    /** Returns the option tokens in command-line order. */
    public List<String> tokens() {
        return tokens;
    }

    @Override
    public String toString() {
        return String.join(" ", tokens);
    }
}
