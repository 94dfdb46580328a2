package dev.keel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code HSETEX} (Redis 8.0): a condition, {@code FNX} (set only if none of the
 * fields exists) or {@code FXX} (only if all of them exist), and an expiry for the fields set,
 * {@code EX}, {@code PX}, {@code EXAT}, {@code PXAT} or {@code KEEPTTL}. Without an expiry the
 * fields set lose any time to live they had, as with {@code HSET}.
 *
 * <p>{@code HSetExArgs.fnx().withEx(60)} is {@code HSETEX key FNX EX 60 FIELDS ...}. There is
 * one slot for the condition and one for the expiry: a later {@code with...} replaces the earlier
 * choice of its slot, so every value of this class is a combination Redis accepts.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
public final class HSetExArgs {
    private static final HSetExArgs NONE = new HSetExArgs(null, List.of());

    private final String condition;
    private final List<String> expiry;

    private HSetExArgs(String condition, List<String> expiry) {
        this.condition = condition;
        this.expiry = expiry;
    }

    /** No options: set the fields, without a time to live, as {@code HSET} does. */
    public static HSetExArgs none() {
        return NONE;
    }

    /** {@code FNX}: set only if none of the fields exists. */
    public static HSetExArgs fnx() {
        return NONE.withFnx();
    }

    /** {@code FXX}: set only if all of the fields exist. */
    public static HSetExArgs fxx() {
        return NONE.withFxx();
    }

    /** {@code EX seconds}. */
    public static HSetExArgs ex(long seconds) {
        return NONE.withEx(seconds);
    }

    /** {@code PX milliseconds}, from a duration. */
    public static HSetExArgs ex(Duration ttl) {
        return NONE.withPx(ttl.toMillis());
    }

    /** {@code PX milliseconds}. */
    public static HSetExArgs px(long milliseconds) {
        return NONE.withPx(milliseconds);
    }

    /** {@code EXAT unix-time-seconds}. */
    public static HSetExArgs exat(long unixSeconds) {
        return NONE.withExat(unixSeconds);
    }

    /** {@code PXAT unix-time-milliseconds}, from an instant. */
    public static HSetExArgs exat(Instant at) {
        return NONE.withPxat(at.toEpochMilli());
    }

    /** {@code PXAT unix-time-milliseconds}. */
    public static HSetExArgs pxat(long unixMilliseconds) {
        return NONE.withPxat(unixMilliseconds);
    }

    /** {@code KEEPTTL}: the fields keep their time to live. */
    public static HSetExArgs keepttl() {
        return NONE.withKeepttl();
    }

    /** Returns these options with {@code FNX} as the condition. */
    public HSetExArgs withFnx() {
        return new HSetExArgs("FNX", expiry);
    }

    /** Returns these options with {@code FXX} as the condition. */
    public HSetExArgs withFxx() {
        return new HSetExArgs("FXX", expiry);
    }

    /** Returns these options with {@code EX seconds} as the expiry. */
    public HSetExArgs withEx(long seconds) {
        return new HSetExArgs(condition, List.of("EX", Long.toString(seconds)));
    }

    /** Returns these options with {@code PX milliseconds} as the expiry. */
    public HSetExArgs withPx(long milliseconds) {
        return new HSetExArgs(condition, List.of("PX", Long.toString(milliseconds)));
    }

    /** Returns these options with {@code EXAT unix-time-seconds} as the expiry. */
    public HSetExArgs withExat(long unixSeconds) {
        return new HSetExArgs(condition, List.of("EXAT", Long.toString(unixSeconds)));
    }

    /** Returns these options with {@code PXAT unix-time-milliseconds} as the expiry. */
    public HSetExArgs withPxat(long unixMilliseconds) {
        return new HSetExArgs(condition, List.of("PXAT", Long.toString(unixMilliseconds)));
    }

    /** Returns these options with {@code KEEPTTL} as the expiry. */
    public HSetExArgs withKeepttl() {
        return new HSetExArgs(condition, List.of("KEEPTTL"));
    }

    /** Returns the option tokens in command-line order (before {@code FIELDS}): condition, then expiry. */
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>(3);
        if (condition != null) {
            tokens.add(condition);
        }
        tokens.addAll(expiry);
        return List.copyOf(tokens);
    }

    @Override
    public String toString() {
        return String.join(" ", tokens());
    }
}
