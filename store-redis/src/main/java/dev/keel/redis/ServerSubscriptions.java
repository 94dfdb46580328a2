package dev.keel.redis;

import dev.keel.Codec;
import dev.keel.MessageListener;
import dev.keel.Subscription;
import dev.keel.spi.ChannelName;
import dev.keel.spi.QueuedSubscription;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The subscriptions of a {@link RedisStore}: each is a Lettuce pub/sub connection of its own,
 * so that each counts as one client on the server, as each counts as one subscriber in the
 * engine (PUBLISH's receiver count and PUBSUB NUMSUB agree between the two).
 *
 * <pre>
 * Delivery
 *   The connection's listener runs on its I/O thread, in the order the server sent the pushes,
 *   and only queues each message in the subscription (QueuedSubscription.offer), so the
 *   listener never holds up the connection; buffer and overflow are as on the engine. An
 *   overflow closes the connection, as the server would disconnect a client past its own limit.
 *
 * Reconnection
 *   Lettuce reconnects a dropped connection and subscribes again to what it held; messages
 *   published meanwhile are lost, as for any Redis subscriber.
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class ServerSubscriptions {
    private final Supplier<StatefulRedisPubSubConnection<byte[], byte[]>> connector;
    private final long limitBytes;
    private final Set<QueuedSubscription<?, ?>> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Subscriptions over connections from {@code connector}, each buffering at most {@code limitBytes}. */
    ServerSubscriptions(Supplier<StatefulRedisPubSubConnection<byte[], byte[]>> connector, long limitBytes) {
        this.connector = connector;
        this.limitBytes = limitBytes;
    }

    /** Opens a subscription over a new connection. */
    <K, V> Subscription<K> open(Codec<K, V> codec, MessageListener<K, V> listener) {
        checkOpen();
        StatefulRedisPubSubConnection<byte[], byte[]> connection = connector.get();
        QueuedSubscription<K, V> subscription = QueuedSubscription.start(codec, listener, limitBytes, new Registry(connection));
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] channel, byte[] message) {
                subscription.offer(null, channel, message);
            }

            @Override
            public void message(byte[] pattern, byte[] channel, byte[] message) {
                subscription.offer(pattern, channel, message);
            }
        });
        open.add(subscription);
        if (closed) {
            subscription.closeFor(Subscription.CloseReason.STORE_CLOSED);
            checkOpen();
        }
        return subscription;
    }

    /** Closes every subscription ({@link Subscription.CloseReason#STORE_CLOSED}) and refuses new ones. */
    void close() {
        closed = true;
        for (QueuedSubscription<?, ?> subscription : open) {
            subscription.closeFor(Subscription.CloseReason.STORE_CLOSED);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    /** One subscription's channels and patterns, registered on its connection. */
    private final class Registry implements QueuedSubscription.Registry {
        private final StatefulRedisPubSubConnection<byte[], byte[]> connection;

        Registry(StatefulRedisPubSubConnection<byte[], byte[]> connection) {
            this.connection = connection;
        }

        @Override
        public void subscribe(QueuedSubscription<?, ?> subscription, List<ChannelName> channels) {
            connection.sync().subscribe(bytes(channels));
        }

        @Override
        public void unsubscribe(QueuedSubscription<?, ?> subscription, List<ChannelName> channels) {
            connection.sync().unsubscribe(bytes(channels));
        }

        @Override
        public void psubscribe(QueuedSubscription<?, ?> subscription, List<ChannelName> patterns) {
            connection.sync().psubscribe(bytes(patterns));
        }

        @Override
        public void punsubscribe(QueuedSubscription<?, ?> subscription, List<ChannelName> patterns) {
            connection.sync().punsubscribe(bytes(patterns));
        }

        /**
         * Closes the connection, so the server forgets everything the client held: at once for a
         * close by the owner or the store, without waiting after an overflow, which is found on
         * the connection's own I/O thread.
         */
        @Override
        public void closed(QueuedSubscription<?, ?> subscription, List<ChannelName> channels, List<ChannelName> patterns) {
            open.remove(subscription);
            if (subscription.closeReason() == Subscription.CloseReason.OVERFLOW) {
                connection.closeAsync();
            } else {
                connection.close();
            }
        }

        private static byte[][] bytes(List<ChannelName> names) {
            byte[][] bytes = new byte[names.size()][];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = names.get(i).bytes();
            }
            return bytes;
        }
    }
}
