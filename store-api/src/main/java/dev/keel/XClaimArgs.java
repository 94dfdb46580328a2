package dev.keel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The options of {@code XCLAIM}, after the IDs: the claimed entries' new idle time, {@code IDLE}
 * (as if last delivered so long ago) or {@code TIME} (as if last delivered at that instant),
 * {@code RETRYCOUNT} (their new delivery count), {@code FORCE} (claim IDs not pending in the
 * group too, if the entries exist) and {@code LASTID} (move the group's last delivered ID up to
 * this one). {@code JUSTID} is not an option here but its own method,
 * {@link Commands#xclaimJustid}, since it changes the reply.
 *
 * <p>{@code XClaimArgs.idle(Duration.ZERO).withRetrycount(3)} is
 * {@code XCLAIM key group consumer min-idle id ... IDLE 0 RETRYCOUNT 3}. {@code IDLE} and
 * {@code TIME} share one slot: a later {@code with...} replaces the earlier one.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
public final class XClaimArgs {
    private static final XClaimArgs NONE = new XClaimArgs(List.of(), null, false, null);

    private final List<String> idleTime;
    private final Long retryCount;
    private final boolean force;
    private final String lastId;

    private XClaimArgs(List<String> idleTime, Long retryCount, boolean force, String lastId) {
        this.idleTime = idleTime;
        this.retryCount = retryCount;
        this.force = force;
        this.lastId = lastId;
    }

    /** No options: the claimed entries' idle time restarts at 0 and their delivery count goes up by one. */
    public static XClaimArgs none() {
        return NONE;
    }

    /** {@code IDLE milliseconds}. */
    public static XClaimArgs idle(Duration idle) {
        return NONE.withIdle(idle);
    }

    /** {@code TIME unix-time-milliseconds}. */
    public static XClaimArgs time(Instant lastDelivery) {
        return NONE.withTime(lastDelivery);
    }

    /** {@code RETRYCOUNT count}. */
    public static XClaimArgs retrycount(long count) {
        return NONE.withRetrycount(count);
    }

    /** {@code FORCE}. */
    public static XClaimArgs force() {
        return NONE.withForce();
    }

    /** {@code LASTID id}. */
    public static XClaimArgs lastid(StreamId id) {
        return NONE.withLastid(id);
    }

    /** Returns these options with {@code IDLE milliseconds} as the new idle time. */
    public XClaimArgs withIdle(Duration idle) {
        return new XClaimArgs(List.of("IDLE", Long.toString(idle.toMillis())), retryCount, force, lastId);
    }

    /** Returns these options with {@code TIME unix-time-milliseconds} as the new time of last delivery. */
    public XClaimArgs withTime(Instant lastDelivery) {
        return new XClaimArgs(List.of("TIME", Long.toString(lastDelivery.toEpochMilli())), retryCount, force, lastId);
    }

    /** Returns these options with {@code RETRYCOUNT count}. */
    public XClaimArgs withRetrycount(long count) {
        return new XClaimArgs(idleTime, count, force, lastId);
    }

    /** Returns these options with {@code FORCE}. */
    public XClaimArgs withForce() {
        return new XClaimArgs(idleTime, retryCount, true, lastId);
    }

    /** Returns these options with {@code LASTID id}. */
    public XClaimArgs withLastid(StreamId id) {
        return new XClaimArgs(idleTime, retryCount, force, Objects.requireNonNull(id, "id").toString());
    }

    /** Returns the option tokens in command-line order (after the IDs): {@code IDLE}/{@code TIME}, {@code RETRYCOUNT}, {@code FORCE}, {@code LASTID}. */
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>(idleTime);
        if (retryCount != null) {
            tokens.add("RETRYCOUNT");
            tokens.add(Long.toString(retryCount));
        }
        if (force) {
            tokens.add("FORCE");
        }
        if (lastId != null) {
            tokens.add("LASTID");
            tokens.add(lastId);
        }
        return List.copyOf(tokens);
    }

    @Override
    public String toString() {
        return String.join(" ", tokens());
    }
}
