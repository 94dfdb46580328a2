package dev.keel.engine.pubsub;

import dev.keel.Codec;
import dev.keel.MessageListener;
import dev.keel.Subscription;
import dev.keel.engine.keyspace.GlobPattern;
import dev.keel.spi.ChannelName;
import dev.keel.spi.QueuedSubscription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's pub/sub registry: which subscriptions hold which channels and patterns, and the
 * publish path that hands them messages. PUBLISH and PUBSUB run over it ({@link PubSubCommands});
 * so may any other part of the engine that publishes (keyspace notifications), through
 * {@link #publish} and the cheap {@link #hasSubscribers} check.
 *
 * <pre>
 * Design
 *   Two concurrent maps: channel name -> the subscriptions holding it by name, and pattern ->
 *   its compiled glob and the subscriptions holding it. Each map value is an immutable array,
 *   replaced inside the map's compute() on every change, so a publish iterates a stable snapshot
 *   without allocating, and a channel or pattern leaves the map with its last subscriber (the
 *   maps never hold more than what is subscribed). A counter of map entries makes the check for
 *   "nobody subscribed" one volatile read: publishing to no one takes no lock at all.
 *
 * Order
 *   A publish with someone subscribed finds its receivers and queues the message for each under
 *   one lock, so every subscriber sees the messages of all channels in one order, as from
 *   Redis's single thread. Queuing never waits (QueuedSubscription.offer: a full buffer closes
 *   the subscription instead), so the lock is held for a few queue inserts per receiver. It is
 *   never held while taking a stripe lock, so callers may hold stripe locks. Channel
 *   subscribers get the message before pattern subscribers, as in Redis; a subscription holding
 *   the channel and matching patterns gets it once for each.
 *
 * Matching
 *   Patterns are GlobPattern's, as KEYS uses them (bounded: pattern length x channel length),
 *   except that the empty channel matches only the empty pattern, as Redis's PSUBSCRIBE and
 *   PUBSUB CHANNELS do (KEYS * lists the empty key; PUBSUB CHANNELS * does not list the empty
 *   channel).
 *
 * Memory
 *   Messages in flight are on the heap, one copy per publish shared by its receivers, each
 *   receiver's buffer bounded by its limit. Nothing here is off-heap: subscriptions are not data.
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
public final class PubSub implements QueuedSubscription.Registry {

    /**
     * The subscriptions holding one channel or pattern: its bytes, its glob compiled (patterns
     * only) and the subscriptions, never empty. Immutable: a change makes a new one.
     */
    private record Holders(byte[] name, GlobPattern glob, QueuedSubscription<?, ?>[] subscribers) {
        boolean matches(byte[] channel) {
            return PubSub.matches(glob, name, channel);
        }

        /** These holders and {@code subscription}, once. */
        Holders with(QueuedSubscription<?, ?> subscription) {
            for (QueuedSubscription<?, ?> each : subscribers) {
                if (each == subscription) {
                    return this;
                }
            }
            QueuedSubscription<?, ?>[] more = Arrays.copyOf(subscribers, subscribers.length + 1);
            more[subscribers.length] = subscription;
            return new Holders(name, glob, more);
        }

        /** These holders without {@code subscription}, or null if none is left. */
        Holders without(QueuedSubscription<?, ?> subscription) {
            for (int i = 0; i < subscribers.length; i++) {
                if (subscribers[i] == subscription) {
                    if (subscribers.length == 1) {
                        return null;
                    }
                    QueuedSubscription<?, ?>[] fewer = new QueuedSubscription<?, ?>[subscribers.length - 1];
                    System.arraycopy(subscribers, 0, fewer, 0, i);
                    System.arraycopy(subscribers, i + 1, fewer, i, subscribers.length - i - 1);
                    return new Holders(name, glob, fewer);
                }
            }
            return this;
        }
    }

    private final ConcurrentHashMap<ChannelName, Holders> channels = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ChannelName, Holders> patterns = new ConcurrentHashMap<>();
    /** The number of entries of both maps: zero means no one to publish to. */
    private final AtomicInteger entries = new AtomicInteger();
    /** The entries that a keyspace notification may reach: every pattern, and channels named {@code __key...}. */
    private final AtomicInteger keyspaceEntries = new AtomicInteger();
    /** Every open subscription, to close them with the store. */
    private final Set<QueuedSubscription<?, ?>> open = ConcurrentHashMap.newKeySet();
    private final ReentrantLock publishLock = new ReentrantLock();
    private volatile boolean closed;

    /** Creates an empty registry. */
    public PubSub() {
    }

    /** Returns whether {@code channel} matches {@code glob} (compiled from {@code pattern}) as Redis's pub/sub matches. */
    static boolean matches(GlobPattern glob, byte[] pattern, byte[] channel) {
        return channel.length == 0 ? pattern.length == 0 : glob.matches(channel);
    }

    // ------------------------------------------------------------------ publishing

    /**
     * Returns whether any channel or pattern is subscribed to at all: one volatile read, for
     * callers that would otherwise build a message for nobody.
     */
    public boolean hasSubscribers() {
        return entries.get() != 0;
    }

    /**
     * Returns whether a keyspace notification ({@code __keyspace@0__:...}, {@code __keyevent@0__:...})
     * may have a receiver: some pattern, or some channel whose name starts with {@code __key}, is
     * subscribed to. One volatile read, so that writes skip building notifications when the only
     * subscribers listen elsewhere.
     */
    public boolean mayReceiveKeyspaceEvents() {
        return keyspaceEntries.get() != 0;
    }

    /** Returns whether a new or removed entry {@code name} of {@code map} counts in {@link #keyspaceEntries}. */
    private boolean keyspaceEntry(ConcurrentHashMap<ChannelName, Holders> map, ChannelName name) {
        if (map == patterns) {
            return true;
        }
        byte[] bytes = name.bytes();
        return bytes.length >= 5 && bytes[0] == '_' && bytes[1] == '_' && bytes[2] == 'k' && bytes[3] == 'e' && bytes[4] == 'y';
    }

    /**
     * Sends {@code message} to the subscribers of {@code channel} and of the patterns matching
     * it, and returns how many received it (a subscription once for the channel and once per
     * matching pattern), as Redis's PUBLISH. Never waits for a subscriber and takes no stripe
     * lock, so it may be called under stripe locks; with no subscribers it takes no lock and
     * copies nothing. The arrays are copied when there is someone to receive them, so the caller
     * may reuse them.
     */
    public long publish(byte[] channel, byte[] message) {
        if (!hasSubscribers()) {
            return 0;
        }
        publishLock.lock();
        try {
            return deliver(channel, message, true);
        } finally {
            publishLock.unlock();
        }
    }

    /** Returns how many would receive a message to {@code channel} now, as {@link #publish} counts, without sending one. */
    public long receivers(byte[] channel) {
        return hasSubscribers() ? deliver(channel, null, false) : 0;
    }

    private long deliver(byte[] channel, byte[] message, boolean send) {
        byte[] sharedChannel = send ? channel.clone() : null;
        byte[] sharedMessage = send ? message.clone() : null;
        long receivers = 0;
        Holders byName = channels.get(ChannelName.wrap(channel));
        if (byName != null) {
            receivers += byName.subscribers().length;
            if (send) {
                for (QueuedSubscription<?, ?> subscriber : byName.subscribers()) {
                    subscriber.offer(null, sharedChannel, sharedMessage);
                }
            }
        }
        if (!patterns.isEmpty()) {
            for (Holders pattern : patterns.values()) {
                if (pattern.matches(channel)) {
                    receivers += pattern.subscribers().length;
                    if (send) {
                        for (QueuedSubscription<?, ?> subscriber : pattern.subscribers()) {
                            subscriber.offer(pattern.name(), sharedChannel, sharedMessage);
                        }
                    }
                }
            }
        }
        return receivers;
    }

    // ------------------------------------------------------------------ PUBSUB

    /** PUBSUB CHANNELS: the channels with a subscriber by name, those matching {@code pattern} if it is not null. */
    public List<byte[]> channels(byte[] pattern) {
        GlobPattern glob = pattern == null ? null : new GlobPattern(pattern);
        List<byte[]> names = new ArrayList<>();
        for (ChannelName name : channels.keySet()) {
            if (glob == null || matches(glob, pattern, name.bytes())) {
                names.add(name.bytes().clone());
            }
        }
        return names;
    }

    /** PUBSUB NUMSUB: the number of subscriptions holding {@code channel} by name. */
    public long subscribers(byte[] channel) {
        Holders byName = channels.get(ChannelName.wrap(channel));
        return byName == null ? 0 : byName.subscribers().length;
    }

    /** PUBSUB NUMPAT: the number of distinct patterns subscribed to. */
    public long patternCount() {
        return patterns.size();
    }

    // ------------------------------------------------------------------ subscriptions

    /**
     * Opens a subscription for {@code listener}, with no channels yet, whose buffer holds at most
     * {@code limitBytes} (see {@link Subscription}).
     *
     * @throws IllegalStateException if the registry is closed
     */
    public <K, V> Subscription<K> subscription(Codec<K, V> codec, MessageListener<K, V> listener, long limitBytes) {
        checkOpen();
        QueuedSubscription<K, V> subscription = QueuedSubscription.start(codec, listener, limitBytes, this);
        open.add(subscription);
        if (closed) {
            subscription.closeFor(Subscription.CloseReason.STORE_CLOSED);
            throw new IllegalStateException("the store is closed");
        }
        return subscription;
    }

    /**
     * Closes every subscription ({@link Subscription.CloseReason#STORE_CLOSED}) and refuses new
     * ones. Does not wait for listeners: each is told once its call under way returns.
     */
    public void close() {
        closed = true;
        for (QueuedSubscription<?, ?> subscription : open) {
            subscription.closeFor(Subscription.CloseReason.STORE_CLOSED);
        }
    }

    /** Returns the number of open subscriptions. */
    public int openSubscriptions() {
        return open.size();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    @Override
    public void subscribe(QueuedSubscription<?, ?> subscription, List<ChannelName> names) {
        add(channels, subscription, names, false);
    }

    @Override
    public void unsubscribe(QueuedSubscription<?, ?> subscription, List<ChannelName> names) {
        remove(channels, subscription, names);
    }

    @Override
    public void psubscribe(QueuedSubscription<?, ?> subscription, List<ChannelName> names) {
        add(patterns, subscription, names, true);
    }

    @Override
    public void punsubscribe(QueuedSubscription<?, ?> subscription, List<ChannelName> names) {
        remove(patterns, subscription, names);
    }

    /** Adds {@code subscription} to the entries of {@code names}, making them (with their globs compiled if {@code compile}). */
    private void add(ConcurrentHashMap<ChannelName, Holders> map, QueuedSubscription<?, ?> subscription, List<ChannelName> names,
                     boolean compile) {
        checkOpen();
        for (ChannelName name : names) {
            map.compute(name, (key, held) -> {
                if (held == null) {
                    entries.incrementAndGet();
                    if (keyspaceEntry(map, key)) {
                        keyspaceEntries.incrementAndGet();
                    }
                    return new Holders(key.bytes(), compile ? new GlobPattern(key.bytes()) : null,
                            new QueuedSubscription<?, ?>[] {subscription});
                }
                return held.with(subscription);
            });
        }
    }

    /** Removes {@code subscription} from the entries of {@code names}, and an entry with its last subscriber. */
    private void remove(ConcurrentHashMap<ChannelName, Holders> map, QueuedSubscription<?, ?> subscription, List<ChannelName> names) {
        for (ChannelName name : names) {
            map.computeIfPresent(name, (key, held) -> {
                Holders left = held.without(subscription);
                if (left == null) {
                    entries.decrementAndGet();
                    if (keyspaceEntry(map, key)) {
                        keyspaceEntries.decrementAndGet();
                    }
                }
                return left;
            });
        }
    }

    @Override
    public void closed(QueuedSubscription<?, ?> subscription, List<ChannelName> heldChannels, List<ChannelName> heldPatterns) {
        unsubscribe(subscription, heldChannels);
        punsubscribe(subscription, heldPatterns);
        open.remove(subscription);
    }
}
