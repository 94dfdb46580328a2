package dev.keel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The arguments of the extended {@code XPENDING}, after the key and the group: {@code IDLE}
 * (only entries not delivered for at least so long; Redis 6.2), the range of IDs and how many
 * entries at most. The consumer, to list one consumer's entries only, is an argument of
 * {@link Commands#xpending(Object, Object, XPendingArgs, Object)}.
 *
 * <p>{@code XPendingArgs.range(StreamRange.all(), 10).withIdle(Duration.ofMinutes(1))} is
 * {@code XPENDING key group IDLE 60000 - + 10}.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
public final class XPendingArgs {
    private final StreamRange range;
    private final long count;
    private final Duration idle;

    private XPendingArgs(StreamRange range, long count, Duration idle) {
        this.range = range;
        this.count = count;
        this.idle = idle;
    }

    /** The pending entries in {@code range}, at most {@code count} of them, lowest ID first. */
    public static XPendingArgs range(StreamRange range, long count) {
        return new XPendingArgs(Objects.requireNonNull(range, "range"), count, null);
    }

    /** Returns these arguments with {@code IDLE milliseconds}: only entries idle at least {@code minIdleTime}. */
    public XPendingArgs withIdle(Duration minIdleTime) {
        return new XPendingArgs(range, count, Objects.requireNonNull(minIdleTime, "minIdleTime"));
    }

    /** Returns the tokens in command-line order (after the group): {@code IDLE}, start, end, count. */
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>(5);
        if (idle != null) {
            tokens.add("IDLE");
            tokens.add(Long.toString(idle.toMillis()));
        }
        tokens.add(range.startToken());
        tokens.add(range.endToken());
        tokens.add(Long.toString(count));
        return List.copyOf(tokens);
    }

    @Override
    public String toString() {
        return String.join(" ", tokens());
    }
}
