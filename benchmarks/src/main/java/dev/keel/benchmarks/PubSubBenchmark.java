package dev.keel.benchmarks;

import dev.keel.Codec;
import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.Store;
import dev.keel.Subscription;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pub/sub throughput: one publisher thread sends messages of 64 bytes to one channel with 1 and
 * with 10 subscribers, on Keel ({@code store.subscribe}, PUBLISH through the typed layer) and on
 * a {@code redis-server} over loopback (subscribers on Lettuce pub/sub connections, PUBLISH
 * pipelined on a connection of its own), and reports messages published per second and
 * deliveries per second, from the first publish until every subscriber has every message.
 *
 * <p>Both run with the same flow control: the publisher lets at most {@link #WINDOW} messages be
 * published and not yet received by the slowest subscriber, so the figure is the sustained rate
 * delivery keeps up with, not how fast buffers fill (Keel's subscribers keep their default 32 MiB
 * buffer limit, which the window stays far below). Each measurement follows a warm-up run of a
 * tenth of its messages.
 *
 * <pre>
 * mvn -B -o -q package -pl benchmarks -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.keel.benchmarks.PubSubBenchmark [keel messages] [redis messages]
 * </pre>
 *
 * <p><b>Thread safety:</b> a program; not for concurrent use.
 */
public final class PubSubBenchmark {
    /** The most messages published and not yet received by every subscriber. */
    static final int WINDOW = 1000;
    private static final String CHANNEL = "bench";
    private static final byte[] PAYLOAD = "x".repeat(64).getBytes(StandardCharsets.US_ASCII);

    private PubSubBenchmark() {
    }

    /** One side of the comparison: subscribers that count, and a publisher. */
    private interface Peer extends AutoCloseable {
        /** Subscribes {@code counters.length} subscribers to the channel, each counting into its counter. */
        void subscribe(AtomicLong[] counters);

        /** Publishes one message to the channel, without waiting for a reply it does not need. */
        void publish();

        /** Unsubscribes the subscribers. */
        void unsubscribeAll();

        @Override
        void close();
    }

    /** The figures of one run. */
    record Result(String peer, int subscribers, long messages, double seconds) {
        double messagesPerSecond() {
            return messages / seconds;
        }

        double deliveriesPerSecond() {
            return messages * (double) subscribers / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        long keelMessages = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        long redisMessages = args.length > 1 ? Long.parseLong(args[1]) : 300_000;
        List<Result> results = new ArrayList<>();
        try (Peer keel = new KeelPubSub()) {
            for (int subscribers : new int[] {1, 10}) {
                results.add(measure("keel", keel, subscribers, keelMessages));
            }
        }
        try (Peer redis = new RedisPubSub()) {
            for (int subscribers : new int[] {1, 10}) {
                results.add(measure("redis", redis, subscribers, redisMessages));
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-6s %11s %10s %16s %18s%n", "peer", "subscribers", "messages", "messages/s", "deliveries/s");
        for (Result result : results) {
            System.out.printf(Locale.ROOT, "%-6s %11d %10d %,16.0f %,18.0f%n", result.peer(), result.subscribers(), result.messages(),
                    result.messagesPerSecond(), result.deliveriesPerSecond());
        }
        for (int subscribers : new int[] {1, 10}) {
            Result keel = find(results, "keel", subscribers);
            Result redis = find(results, "redis", subscribers);
            System.out.printf(Locale.ROOT, "keel/redis, %d subscriber(s): %.1fx%n", subscribers,
                    keel.messagesPerSecond() / redis.messagesPerSecond());
        }
    }

    private static Result find(List<Result> results, String peer, int subscribers) {
        return results.stream().filter(r -> r.peer().equals(peer) && r.subscribers() == subscribers).findFirst().orElseThrow();
    }

    /** A warm-up run of a tenth of the messages, then the measured one. */
    static Result measure(String name, Peer peer, int subscribers, long messages) throws InterruptedException {
        run(peer, subscribers, Math.max(1, messages / 10));
        double seconds = run(peer, subscribers, messages);
        Result result = new Result(name, subscribers, messages, seconds);
        System.out.printf(Locale.ROOT, "%s, %d subscriber(s): %,.0f messages/s%n", name, subscribers, result.messagesPerSecond());
        return result;
    }

    /** Publishes {@code messages} to {@code subscribers} fresh subscribers; returns the seconds until all received all. */
    private static double run(Peer peer, int subscribers, long messages) throws InterruptedException {
        AtomicLong[] counters = new AtomicLong[subscribers];
        for (int i = 0; i < subscribers; i++) {
            counters[i] = new AtomicLong();
        }
        peer.subscribe(counters);
        try {
            long start = System.nanoTime();
            long slowest = 0;
            for (long published = 0; published < messages; published++) {
                while (published - slowest >= WINDOW) {
                    Thread.onSpinWait();
                    slowest = slowest(counters);
                }
                peer.publish();
            }
            while (slowest(counters) < messages) {
                Thread.onSpinWait();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            peer.unsubscribeAll();
        }
    }

    private static long slowest(AtomicLong[] counters) {
        long min = Long.MAX_VALUE;
        for (AtomicLong counter : counters) {
            min = Math.min(min, counter.get());
        }
        return min;
    }

    /** Keel in this JVM: each subscriber is a {@link Subscription}, PUBLISH goes through the typed layer. */
    static final class KeelPubSub implements Peer {
        private final Store store = Keel.builder().registerMBean(false).open();
        private final Commands<byte[], byte[]> commands = store.commands(Codec.bytes());
        private final byte[] channel = CHANNEL.getBytes(StandardCharsets.US_ASCII);
        private final List<Subscription<byte[]>> subscriptions = new ArrayList<>();
        private final AtomicReference<Subscription.CloseReason> overflow = new AtomicReference<>();

        @Override
        public void subscribe(AtomicLong[] counters) {
            for (AtomicLong counter : counters) {
                subscriptions.add(store.subscribe(Codec.bytes(), new dev.keel.MessageListener<byte[], byte[]>() {
                    @Override
                    public void message(byte[] ch, byte[] message) {
                        counter.incrementAndGet();
                    }

                    @Override
                    public void closed(Subscription.CloseReason reason) {
                        if (reason == Subscription.CloseReason.OVERFLOW) {
                            overflow.set(reason);
                        }
                    }
                }, channel));
            }
        }

        @Override
        public void publish() {
            commands.publish(channel, PAYLOAD);
        }

        @Override
        public void unsubscribeAll() {
            subscriptions.forEach(Subscription::close);
            subscriptions.clear();
            if (overflow.get() != null) {
                throw new IllegalStateException("a subscriber overflowed its buffer: the figures are not valid");
            }
        }

        @Override
        public void close() {
            store.close();
        }
    }

    /** A redis-server over loopback: subscribers on Lettuce pub/sub connections, PUBLISH pipelined. */
    static final class RedisPubSub implements Peer {
        private final RedisServer server = RedisServer.start();
        private final RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
        private final StatefulRedisConnection<byte[], byte[]> publisher = client.connect(ByteArrayCodec.INSTANCE);
        private final RedisAsyncCommands<byte[], byte[]> async = publisher.async();
        private final byte[] channel = CHANNEL.getBytes(StandardCharsets.US_ASCII);
        private final List<StatefulRedisPubSubConnection<byte[], byte[]>> subscribers = new ArrayList<>();

        @Override
        public void subscribe(AtomicLong[] counters) {
            for (AtomicLong counter : counters) {
                StatefulRedisPubSubConnection<byte[], byte[]> connection = client.connectPubSub(ByteArrayCodec.INSTANCE);
                connection.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(byte[] ch, byte[] message) {
                        counter.incrementAndGet();
                    }
                });
                connection.sync().subscribe(channel);
                subscribers.add(connection);
            }
        }

        @Override
        public void publish() {
            async.publish(channel, PAYLOAD);
        }

        @Override
        public void unsubscribeAll() {
            subscribers.forEach(StatefulRedisPubSubConnection::close);
            subscribers.clear();
        }

        @Override
        public void close() {
            publisher.close();
            client.shutdown();
            server.close();
        }
    }
}
