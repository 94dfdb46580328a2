package dev.keel;

import java.time.Duration;
import java.util.List;

/**
 * One consumer of a consumer group, from {@link KeelStreamGroup#consumer}: every method is one
 * command on the group for this consumer.
 *
 * <p>A consumer {@linkplain #read reads} entries never delivered to the group, which then stay
 * pending for it until it {@linkplain #ack acknowledges} them; after a crash it rereads what it
 * had taken with {@link #readPending}. Entries left pending too long by a consumer that is gone
 * are taken over with {@link #claim} or {@link #autoClaim}.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 *
 * @param <K> the type of field names, and of group and consumer names
 * @param <V> the value type
 */
public interface KeelStreamConsumer<K, V> {

    /** Returns the consumer's name. */
    K name();

    /**
     * Takes up to {@code count} entries never delivered to the group, waiting up to
     * {@code timeout} for one if there is none ({@code XREADGROUP GROUP group consumer COUNT
     * count BLOCK milliseconds STREAMS key >}); empty if none came. The entries are pending for
     * this consumer until acknowledged. A zero or negative timeout does not wait.
     *
     * @throws InterruptedException if interrupted while waiting; nothing was taken
     * @throws KeelException with {@code NOGROUP} if the group does not exist
     */
    List<StreamEntry<K, V>> read(int count, Duration timeout) throws InterruptedException;

    /**
     * Returns up to {@code count} of this consumer's own pending entries after {@code after}
     * ({@code 0-0}: from the first) ({@code XREADGROUP GROUP group consumer COUNT count STREAMS
     * key after}). An entry deleted since it was delivered has {@code null} fields.
     */
    List<StreamEntry<K, V>> readPending(StreamId after, int count);

    /** Acknowledges the entries ({@code XACK key group id ...}); returns how many were pending. */
    long ack(StreamId... ids);

    /** Returns the first {@code count} of this consumer's pending entries in {@code range} ({@code XPENDING key group start end count consumer}). */
    List<PendingEntry<K>> pending(StreamRange range, long count);

    /**
     * Takes over the entries among {@code ids} pending (for any consumer) for at least
     * {@code minIdleTime} ({@code XCLAIM key group consumer min-idle-time id ...}); returns them.
     */
    List<StreamEntry<K, V>> claim(Duration minIdleTime, StreamId... ids);

    /**
     * Takes over up to {@code count} entries pending for at least {@code minIdleTime}, scanning
     * the group's pending list from {@code start} ({@code XAUTOCLAIM key group consumer
     * min-idle-time start COUNT count}); pass {@link AutoClaimed#nextStart()} to go on.
     */
    AutoClaimed<StreamEntry<K, V>> autoClaim(Duration minIdleTime, StreamId start, long count);

    /** Creates the consumer in the group ({@code XGROUP CREATECONSUMER}); whether it was new. */
    boolean create();

    /**
     * Deletes the consumer from the group ({@code XGROUP DELCONSUMER}); returns how many pending
     * entries it held, which are no longer pending for anyone.
     */
    long delete();
}
