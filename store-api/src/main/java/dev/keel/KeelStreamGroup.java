package dev.keel;

import java.util.List;

/**
 * A consumer group of a stream, from {@link KeelStream#group}: every method is one command on
 * the group. The group hands each entry after its last delivered ID to one of its consumers
 * ({@link #consumer}), and keeps it pending for that consumer until acknowledged.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 *
 * @param <K> the type of field names, and of group and consumer names
 * @param <V> the value type
 */
public interface KeelStreamGroup<K, V> {

    /** Returns the group's name. */
    K name();

    /**
     * Creates the group, its consumers to read the entries after {@code after} ({@code 0-0}: the
     * whole stream), creating an empty stream if there is none
     * ({@code XGROUP CREATE key group after MKSTREAM}).
     *
     * @throws KeelException with {@code BUSYGROUP Consumer Group name already exists}
     */
    void create(StreamId after);

    /**
     * As {@link #create}, answering whether the group was created: {@code false}, and nothing
     * changed, if it existed already.
     */
    boolean createIfAbsent(StreamId after);

    /**
     * Moves the group's last delivered ID to {@code after} ({@code XGROUP SETID key group after}):
     * its consumers next read the entries after it.
     *
     * @throws KeelException with {@code NOGROUP} if the group does not exist
     */
    void setId(StreamId after);

    /** Destroys the group, its consumers and its pending entries ({@code XGROUP DESTROY}); whether it existed. */
    boolean destroy();

    /** Returns the group's pending entries in summary ({@code XPENDING key group}). */
    PendingSummary<K> pending();

    /** Returns the first {@code count} pending entries in {@code range}, of every consumer ({@code XPENDING key group start end count}). */
    List<PendingEntry<K>> pending(StreamRange range, long count);

    /** Returns the group's consumers ({@code XINFO CONSUMERS key group}). */
    List<StreamConsumerInfo<K>> consumers();

    /** Returns a view of the consumer {@code name} of this group; Redis creates it when it first reads or claims. */
    KeelStreamConsumer<K, V> consumer(K name);
}
