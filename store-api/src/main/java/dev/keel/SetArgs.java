package dev.keel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The options of {@code SET}, named after Redis's keywords: {@code SetArgs.ex(10).nx()} is
 * {@code SET key value EX 10 NX}.
 *
 * <p>Options are sent in the order they were added; a combination Redis refuses (such as
 * {@code EX} with {@code PX}, or {@code NX} with {@code XX}) is refused by the store with
 * Redis's {@code ERR syntax error}, as Redis would.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
public final class SetArgs {
    private static final SetArgs NONE = new SetArgs(List.of());

    private final List<String> tokens;

    private SetArgs(List<String> tokens) {
        this.tokens = tokens;
    }

    /** No options: a plain {@code SET}. */
    public static SetArgs none() {
        return NONE;
    }

    /** {@code EX seconds}: expire after {@code seconds}. */
    public static SetArgs ex(long seconds) {
        return NONE.withEx(seconds);
    }

    /** {@code PX milliseconds}, from a duration. */
    public static SetArgs ex(Duration ttl) {
        return NONE.withPx(ttl.toMillis());
    }

    /** {@code PX milliseconds}: expire after {@code milliseconds}. */
    public static SetArgs px(long milliseconds) {
        return NONE.withPx(milliseconds);
    }

    /** {@code EXAT unix-time-seconds}. */
    public static SetArgs exat(long unixSeconds) {
        return NONE.withExat(unixSeconds);
    }

    /** {@code PXAT unix-time-milliseconds}, from an instant. */
    public static SetArgs exat(Instant at) {
        return NONE.withPxat(at.toEpochMilli());
    }

    /** {@code PXAT unix-time-milliseconds}. */
    public static SetArgs pxat(long unixMilliseconds) {
        return NONE.withPxat(unixMilliseconds);
    }

    /** {@code KEEPTTL}: keep the key's time to live. */
    public static SetArgs keepttl() {
        return NONE.withKeepttl();
    }

    /** {@code NX}: set only if the key does not exist. */
    public static SetArgs nx() {
        return NONE.and("NX");
    }

    /** {@code XX}: set only if the key exists. */
    public static SetArgs xx() {
        return NONE.and("XX");
    }

    /** Adds {@code NX}. */
    public SetArgs ifAbsent() {
        return and("NX");
    }

    /** Adds {@code XX}. */
    public SetArgs ifPresent() {
        return and("XX");
    }

    /** Adds {@code EX seconds}. */
    public SetArgs withEx(long seconds) {
        return and("EX", Long.toString(seconds));
    }

    /** Adds {@code PX milliseconds}. */
    public SetArgs withPx(long milliseconds) {
        return and("PX", Long.toString(milliseconds));
    }

    /** Adds {@code EXAT unix-time-seconds}. */
    public SetArgs withExat(long unixSeconds) {
        return and("EXAT", Long.toString(unixSeconds));
    }

    /** Adds {@code PXAT unix-time-milliseconds}. */
    public SetArgs withPxat(long unixMilliseconds) {
        return and("PXAT", Long.toString(unixMilliseconds));
    }

    /** Adds {@code KEEPTTL}. */
    public SetArgs withKeepttl() {
        return and("KEEPTTL");
    }

    /** Returns the option tokens in command-line order. */
    public List<String> tokens() {
        return tokens;
    }

    private SetArgs and(String... more) {
        List<String> all = new ArrayList<>(tokens.size() + more.length);
        all.addAll(tokens);
        Collections.addAll(all, more);
        return new SetArgs(List.copyOf(all));
    }

    @Override
    public String toString() {
        return String.join(" ", tokens);
    }
}
