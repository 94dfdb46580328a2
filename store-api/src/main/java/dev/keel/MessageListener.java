package dev.keel;

/**
 * Receives the messages of a {@link Subscription}: Redis's {@code message} and {@code pmessage}
 * pushes, as Java calls.
 *
 * {@snippet :
 * try (Subscription<String> news = store.subscribe((channel, message) -> System.out.println(channel + ": " + message), "news")) {
 *     store.commands().publish("news", "hello");    // the listener prints "news: hello"
 * }
 * }
 *
 * <p>The calls for one subscription come one at a time, on a thread of the subscription's own
 * (a virtual thread), in the order the messages were published; never on the publisher's
 * thread. A listener may take its time: the messages wait in the subscription's buffer, and when
 * that is full the subscription is closed ({@link #closed} with
 * {@link Subscription.CloseReason#OVERFLOW}), as Redis disconnects a subscriber past its
 * {@code client-output-buffer-limit pubsub}. A listener may call the store, publish included, and
 * may change or close its own subscription.
 *
 * <p>An exception thrown by a listener is logged (as a {@link System.Logger} warning) and the
 * next message is delivered: it does not end the subscription.
 *
 * <p>With {@link Codec#bytes()}, each call gets arrays of its own, which it may keep or change.
 *
 * <p><b>Thread safety:</b> called from one thread at a time per subscription; a listener shared
 * by several subscriptions is called from several threads.
 *
 * @param <K> the channel (and pattern) type
 * @param <V> the message type
 */
@FunctionalInterface
public interface MessageListener<K, V> {

    /** A message published to {@code channel}, which the subscription subscribed to by name (Redis's {@code message}). */
    void message(K channel, V message);

    /**
     * A message published to {@code channel}, which matches {@code pattern}, one of the
     * subscription's patterns (Redis's {@code pmessage}). A subscription subscribed to a channel
     * both by name and by one or more matching patterns gets the message once for each, as in
     * Redis. By default this calls {@link #message(Object, Object)}.
     */
    default void pmessage(K pattern, K channel, V message) {
        message(channel, message);
    }

    /**
     * Called once, last, when the subscription ends: closed by its owner, by the store closing,
     * or past its buffer limit. Messages still buffered are dropped; none follow this call. Does
     * nothing by default.
     */
    default void closed(Subscription.CloseReason reason) {
    }
}
