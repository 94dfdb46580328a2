package dev.keel.spi;

import dev.keel.Codec;
import dev.keel.MessageListener;
import dev.keel.Subscription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link Subscription} whose messages wait in a bounded buffer and reach its listener on a
 * virtual thread of its own: the delivery every store shares, whatever registers its channels
 * (the engine's registry, or a connection to a Redis server).
 *
 * <pre>
 * Delivery
 *   offer() runs on the publisher's thread: it counts the message's cost against the limit,
 *   queues it (a lock-free queue) and unparks the delivery thread if it is parked. The delivery
 *   thread takes messages in order, gives back their cost, decodes them and calls the listener.
 *   A publisher never waits for the listener; the caller of offer() keeps the order of messages
 *   (the engine offers under its publish lock, a server connection from its one I/O thread).
 *
 * Overflow
 *   A message that would take the buffered bytes past the limit closes the subscription, as
 *   Redis disconnects a client past client-output-buffer-limit pubsub: the subscription is
 *   marked closed at once (later offers are refused), the registry forgets it, the queue is
 *   dropped, and the delivery thread, once its listener call under way returns, tells the
 *   listener why and ends. So the heap a subscription holds is bounded by the limit.
 *
 * Closing and concurrent changes
 *   Changes (subscribe, unsubscribe, ...) are serialized by opLock, which is held while the
 *   registry works (it may wait for a server). Closing never takes opLock, since it may come
 *   from a publisher or a connection's I/O thread: it marks the subscription closed, then takes
 *   the names under namesLock (held only briefly) and has the registry forget them. A change
 *   that registered names checks afterwards whether the subscription closed meanwhile and
 *   unregisters them if so, so no name is left registered for a closed subscription.
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 *
 * @param <K> the channel type
 * @param <V> the message type
 */
public final class QueuedSubscription<K, V> implements Subscription<K> {

    /**
     * Where a subscription's channels and patterns are registered. The calls for one
     * subscription never overlap, except {@link #closed}, which may come at any time.
     */
    public interface Registry {
        /** Registers {@code channels} (new to the subscription) for {@code subscription}. */
        void subscribe(QueuedSubscription<?, ?> subscription, List<ChannelName> channels);

        /** Unregisters {@code channels} of {@code subscription}. */
        void unsubscribe(QueuedSubscription<?, ?> subscription, List<ChannelName> channels);

        /** Registers {@code patterns} (new to the subscription) for {@code subscription}. */
        void psubscribe(QueuedSubscription<?, ?> subscription, List<ChannelName> patterns);

        /** Unregisters {@code patterns} of {@code subscription}. */
        void punsubscribe(QueuedSubscription<?, ?> subscription, List<ChannelName> patterns);

        /**
         * Forgets {@code subscription}, which has closed and held {@code channels} and
         * {@code patterns}. Must not wait: it may be called on a publisher's thread.
         */
        void closed(QueuedSubscription<?, ?> subscription, List<ChannelName> channels, List<ChannelName> patterns);
    }

    /** A message waiting for the listener; {@code pattern} is null for a message by channel name. */
    private record Message(byte[] pattern, byte[] channel, byte[] payload, long cost) {
    }

    /**
     * What SUBSCRIBE, PSUBSCRIBE, UNSUBSCRIBE and PUNSUBSCRIBE answer through {@code execute} on
     * every store, {@code %s} the command's name in lower case: a command call has no connection
     * to put in subscribed mode.
     */
    public static final String SUBSCRIBED_MODE_REFUSAL = "ERR %s is not available through execute: a command call cannot "
            + "enter subscribed mode. Use Store.subscribe, Store.psubscribe or Store.subscription, which return a Subscription";

    private static final System.Logger LOG = System.getLogger(QueuedSubscription.class.getName());
    private static final AtomicLong IDS = new AtomicLong();

    private final Codec<K, V> codec;
    private final MessageListener<K, V> listener;
    private final long limit;
    private final Registry registry;
    private final Thread deliverer;
    private final ConcurrentLinkedQueue<Message> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicReference<CloseReason> closeReason = new AtomicReference<>();
    /** Whether the delivery thread is about to park or parked: offer() then unparks it. */
    private volatile boolean parked;
    private final Object opLock = new Object();
    private final Object namesLock = new Object();
    /** Guarded by namesLock. */
    private final Set<ChannelName> channels = new LinkedHashSet<>();
    /** Guarded by namesLock. */
    private final Set<ChannelName> patterns = new LinkedHashSet<>();

    private QueuedSubscription(Codec<K, V> codec, MessageListener<K, V> listener, long limitBytes, Registry registry) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("the buffer limit must be positive, was " + limitBytes);
        }
        this.limit = limitBytes;
        this.registry = Objects.requireNonNull(registry, "registry");
        this.deliverer = Thread.ofVirtual().name("keel-subscription-" + IDS.incrementAndGet()).unstarted(this::deliverAll);
    }

    /**
     * Starts a subscription without channels or patterns, whose listener call messages once
     * {@code registry} has them offered.
     *
     * @param limitBytes the most bytes its buffer may hold (see {@link Subscription})
     */
    public static <K, V> QueuedSubscription<K, V> start(Codec<K, V> codec, MessageListener<K, V> listener, long limitBytes,
                                                      Registry registry) {
        QueuedSubscription<K, V> subscription = new QueuedSubscription<>(codec, listener, limitBytes, registry);
        subscription.deliverer.start();
        return subscription;
    }

    // ------------------------------------------------------------------ delivery

    /**
     * Queues a message for the listener, on the publisher's thread; never waits. Past the buffer
     * limit it closes the subscription ({@link CloseReason#OVERFLOW}) instead. The arrays must not
     * change afterwards.
     *
     * @param pattern the pattern that matched, or null for a message to a channel by name
     * @return whether the message was queued: false if the subscription is closed or just overflowed
     */
    public boolean offer(byte[] pattern, byte[] channel, byte[] message) {
        if (closeReason.get() != null) {
            return false;
        }
        long cost = MESSAGE_OVERHEAD + (long) channel.length + message.length + (pattern == null ? 0 : pattern.length);
        if (buffered.addAndGet(cost) > limit) {
            buffered.addAndGet(-cost);
            closeFor(CloseReason.OVERFLOW);
            return false;
        }
        queue.offer(new Message(pattern, channel, message, cost));
        if (parked) {
            LockSupport.unpark(deliverer);
        }
        return true;
    }

    /** Returns the bytes buffered now, messages and their overhead (see {@link Subscription}). */
    public long bufferedBytes() {
        return buffered.get();
    }

    private void deliverAll() {
        while (closeReason.get() == null) {
            Message message = queue.poll();
            if (message == null) {
                parked = true;
                if (queue.isEmpty() && closeReason.get() == null) {
                    LockSupport.park(this);
                    Thread.interrupted(); // a listener that interrupted its own thread must not make this spin
                }
                parked = false;
                continue;
            }
            buffered.addAndGet(-message.cost());
            deliver(message);
        }
        queue.clear(); // what a publisher racing with the close queued
        buffered.set(0);
        try {
            listener.closed(closeReason.get());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a subscription's listener failed in closed()", e);
        }
    }

    private void deliver(Message message) {
        try {
            K channel = decodeKey(message.channel());
            V payload = codec.decodeValue(message.payload());
            if (payload == (Object) message.payload()) {
                payload = codec.decodeValue(message.payload().clone()); // an identity codec: arrays of its own
            }
            if (message.pattern() == null) {
                listener.message(channel, payload);
            } else {
                listener.pmessage(decodeKey(message.pattern()), channel, payload);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a subscription's listener failed; delivery goes on", e);
        }
    }

    private K decodeKey(byte[] bytes) {
        K key = codec.decodeKey(bytes);
        return key == (Object) bytes ? codec.decodeKey(bytes.clone()) : key;
    }

    // ------------------------------------------------------------------ closing

    /**
     * Ends the subscription for {@code reason}: refuses later messages, drops the buffered ones,
     * has the registry forget it, and has the listener told once its call under way returns.
     * Never waits. Idempotent: only the first reason counts.
     */
    public void closeFor(CloseReason reason) {
        if (!closeReason.compareAndSet(null, Objects.requireNonNull(reason, "reason"))) {
            return;
        }
        queue.clear();
        buffered.set(0);
        List<ChannelName> heldChannels;
        List<ChannelName> heldPatterns;
        synchronized (namesLock) {
            heldChannels = new ArrayList<>(channels);
            heldPatterns = new ArrayList<>(patterns);
            channels.clear();
            patterns.clear();
        }
        try {
            registry.closed(this, heldChannels, heldPatterns);
        } finally {
            LockSupport.unpark(deliverer);
        }
    }

    @Override
    public void close() {
        closeFor(CloseReason.CLOSED);
    }

    @Override
    public boolean isOpen() {
        return closeReason.get() == null;
    }

    /** Returns why the subscription closed, or null while it is open. */
    public CloseReason closeReason() {
        return closeReason.get();
    }

    /** Waits up to {@code millis} for the delivery thread to end after closing; returns whether it has. For tests and close(). */
    public boolean awaitDelivererEnd(long millis) throws InterruptedException {
        return deliverer.join(java.time.Duration.ofMillis(millis));
    }

    private void checkOpen() {
        if (!isOpen()) {
            throw new IllegalStateException("the subscription is closed");
        }
    }

    // ------------------------------------------------------------------ channels and patterns

    @Override
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public final int subscribe(K... names) {
        return add(names, channels, false);
    }

    @Override
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public final int psubscribe(K... names) {
        return add(names, patterns, true);
    }

    @Override
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public final int unsubscribe(K... names) {
        return remove(names, channels, false);
    }

    @Override
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public final int punsubscribe(K... names) {
        return remove(names, patterns, true);
    }

    private int add(K[] names, Set<ChannelName> held, boolean byPattern) {
        synchronized (opLock) {
            checkOpen();
            List<ChannelName> added = new ArrayList<>(names.length);
            synchronized (namesLock) {
                for (K name : names) {
                    ChannelName encoded = ChannelName.wrap(codec.encodeKey(Objects.requireNonNull(name, "channel")).clone());
                    if (held.add(encoded)) {
                        added.add(encoded);
                    }
                }
            }
            if (!added.isEmpty()) {
                try {
                    register(added, byPattern);
                } catch (RuntimeException | Error e) {
                    synchronized (namesLock) {
                        added.forEach(held::remove);
                    }
                    throw e;
                }
                if (!isOpen()) {
                    unregister(added, byPattern); // closed meanwhile: leave nothing registered
                    synchronized (namesLock) {
                        added.forEach(held::remove);
                    }
                }
            }
            return count();
        }
    }

    private int remove(K[] names, Set<ChannelName> held, boolean byPattern) {
        synchronized (opLock) {
            checkOpen();
            List<ChannelName> removed = new ArrayList<>();
            synchronized (namesLock) {
                if (names.length == 0) {
                    removed.addAll(held);
                    held.clear();
                } else {
                    for (K name : names) {
                        ChannelName encoded = ChannelName.wrap(codec.encodeKey(Objects.requireNonNull(name, "channel")));
                        if (held.remove(encoded)) {
                            removed.add(encoded);
                        }
                    }
                }
            }
            if (!removed.isEmpty()) {
                unregister(removed, byPattern);
            }
            return count();
        }
    }

    private void register(List<ChannelName> names, boolean byPattern) {
        if (byPattern) {
            registry.psubscribe(this, names);
        } else {
            registry.subscribe(this, names);
        }
    }

    private void unregister(List<ChannelName> names, boolean byPattern) {
        if (byPattern) {
            registry.punsubscribe(this, names);
        } else {
            registry.unsubscribe(this, names);
        }
    }

    private int count() {
        synchronized (namesLock) {
            return isOpen() ? channels.size() + patterns.size() : 0;
        }
    }

    @Override
    public Set<K> channels() {
        return decoded(channels);
    }

    @Override
    public Set<K> patterns() {
        return decoded(patterns);
    }

    private Set<K> decoded(Set<ChannelName> held) {
        Set<K> names = new LinkedHashSet<>();
        synchronized (namesLock) {
            for (ChannelName name : held) {
                names.add(codec.decodeKey(name.bytes().clone()));
            }
        }
        return Collections.unmodifiableSet(names);
    }

    @Override
    public String toString() {
        synchronized (namesLock) {
            return "Subscription" + (isOpen() ? "" : "(closed: " + closeReason.get() + ")") + channels + patterns;
        }
    }
}
