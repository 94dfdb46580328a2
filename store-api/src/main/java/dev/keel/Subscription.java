package dev.keel;

import java.util.Set;

/**
 * A subscriber to channels and patterns: what a Redis client in subscribed mode is, as an object.
 * Get one from {@link Store#subscribe}, {@link Store#psubscribe} or {@link Store#subscription};
 * its {@link MessageListener} receives the messages. Each subscription counts as one client:
 * {@code PUBLISH} counts it once per channel name and matching pattern it holds, and
 * {@code PUBSUB NUMSUB} once per channel.
 *
 * {@snippet :
 * Subscription<String> sub = store.subscribe(listener, "orders");   // SUBSCRIBE orders
 * sub.psubscribe("audit.*");                                          // PSUBSCRIBE audit.*
 * sub.unsubscribe("orders");                                          // UNSUBSCRIBE orders
 * sub.close();                                                        // gone, as a client disconnecting
 * }
 *
 * <p><b>Delivery.</b> Messages to one subscription reach its listener in publish order, one call
 * at a time, on the subscription's own thread. A subscribe call returns once the subscription is
 * registered: a message published after it returns is delivered. A message published before an
 * unsubscribe call returns may still be delivered, as in Redis.
 *
 * <p><b>Buffer and overflow.</b> Messages waiting for the listener take room in the
 * subscription's buffer: each its channel's, pattern's and message's bytes plus
 * {@value #MESSAGE_OVERHEAD} bytes. The buffer is bounded by {@link Keel.Builder#pubsubBufferLimit}
 * (32 MiB by default, Redis's hard {@code client-output-buffer-limit pubsub}). A publish that
 * would take it past the limit closes the subscription instead, as Redis disconnects such a
 * client: the buffered messages are dropped and the listener is told
 * {@link CloseReason#OVERFLOW}. Publishers never wait for a listener. (Redis also has a soft
 * limit, 8 MiB for 60 seconds by default; Keel applies the hard one only.)
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 *
 * @param <K> the channel (and pattern) type
 */
public interface Subscription<K> extends AutoCloseable {

    /** The bytes a buffered message counts beyond its channel's, pattern's and payload's, for the buffer limit. */
    int MESSAGE_OVERHEAD = 64;

    /** Why a subscription ended, as told to {@link MessageListener#closed}. */
    enum CloseReason {
        /** Its owner called {@link Subscription#close()}. */
        CLOSED,
        /** The store it belongs to was closed. */
        STORE_CLOSED,
        /**
         * A message would have taken its buffer past the limit: the listener was too slow. Redis
         * disconnects such a client ({@code client-output-buffer-limit pubsub}).
         */
        OVERFLOW
    }

    /**
     * {@code SUBSCRIBE channel [channel ...]}: adds channels by name (a channel held already is
     * kept once). None is allowed here, and does nothing.
     *
     * @return how many channels and patterns the subscription holds now, as Redis's reply says
     * @throws IllegalStateException if the subscription is closed
     */
    @SuppressWarnings("unchecked")
    int subscribe(K... channels);

    /**
     * {@code UNSUBSCRIBE [channel ...]}: removes channels; none removes every channel, as in
     * Redis. Channels it does not hold are ignored.
     *
     * @return how many channels and patterns the subscription holds now
     * @throws IllegalStateException if the subscription is closed
     */
    @SuppressWarnings("unchecked")
    int unsubscribe(K... channels);

    /**
     * {@code PSUBSCRIBE pattern [pattern ...]}: adds glob-style patterns, as KEYS takes them
     * ({@code *}, {@code ?}, {@code [a-z]}, {@code [^x]}, {@code \} to escape). None does nothing.
     *
     * @return how many channels and patterns the subscription holds now
     * @throws IllegalStateException if the subscription is closed
     */
    @SuppressWarnings("unchecked")
    int psubscribe(K... patterns);

    /**
     * {@code PUNSUBSCRIBE [pattern ...]}: removes patterns (compared as written, not by what they
     * match); none removes every pattern.
     *
     * @return how many channels and patterns the subscription holds now
     * @throws IllegalStateException if the subscription is closed
     */
    @SuppressWarnings("unchecked")
    int punsubscribe(K... patterns);

    /** Returns the channels held by name, in the order they were added; empty once closed. */
    Set<K> channels();

    /** Returns the patterns held, in the order they were added; empty once closed. */
    Set<K> patterns();

    /** Returns whether the subscription is open: not closed by its owner, its store or an overflow. */
    boolean isOpen();

    /**
     * Unsubscribes from everything and ends the subscription, as a Redis client disconnecting:
     * messages still buffered are dropped, a listener call under way finishes, then the listener
     * is told {@link CloseReason#CLOSED}. Idempotent.
     */
    @Override
    void close();
}
