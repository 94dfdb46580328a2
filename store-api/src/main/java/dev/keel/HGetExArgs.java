package dev.keel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The options of {@code HGETEX} (Redis 8.0): none, or one of {@code EX}, {@code PX},
 * {@code EXAT}, {@code PXAT} or {@code PERSIST}, applied to each of the fields read. As with
 * {@link GetExArgs}, the names are Redis's keywords.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
public final class HGetExArgs {
    private static final HGetExArgs NONE = new HGetExArgs(List.of());

    private final List<String> tokens;

    private HGetExArgs(List<String> tokens) {
        this.tokens = tokens;
    }

    /** No option: the fields are read and their expiry left as it is, as {@code HMGET} would. */
    public static HGetExArgs none() {
        return NONE;
    }

    /** {@code EX seconds}. */
    public static HGetExArgs ex(long seconds) {
        return new HGetExArgs(List.of("EX", Long.toString(seconds)));
    }

    /** {@code PX milliseconds}, from a duration. */
    public static HGetExArgs ex(Duration ttl) {
        return px(ttl.toMillis());
    }

    /** {@code PX milliseconds}. */
    public static HGetExArgs px(long milliseconds) {
        return new HGetExArgs(List.of("PX", Long.toString(milliseconds)));
    }

    /** {@code EXAT unix-time-seconds}. */
    public static HGetExArgs exat(long unixSeconds) {
        return new HGetExArgs(List.of("EXAT", Long.toString(unixSeconds)));
    }

    /** {@code PXAT unix-time-milliseconds}, from an instant. */
    public static HGetExArgs exat(Instant at) {
        return pxat(at.toEpochMilli());
    }

    /** {@code PXAT unix-time-milliseconds}. */
    public static HGetExArgs pxat(long unixMilliseconds) {
        return new HGetExArgs(List.of("PXAT", Long.toString(unixMilliseconds)));
    }

    /** {@code PERSIST}: remove the fields' time to live. */
    public static HGetExArgs persist() {
        return new HGetExArgs(List.of("PERSIST"));
    }

    /** Returns the option tokens in command-line order (before {@code FIELDS}). */
    public List<String> tokens() {
        return tokens;
    }

    @Override
    public String toString() {
        return String.join(" ", tokens);
    }
}
