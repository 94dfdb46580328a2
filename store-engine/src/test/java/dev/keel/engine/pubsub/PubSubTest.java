package dev.keel.engine.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Codec;
import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.MessageListener;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.Subscription;
import dev.keel.Subscription.CloseReason;
import dev.keel.engine.OffHeapStore;
import dev.keel.spi.QueuedSubscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's pub/sub: delivery through the registry, the bounded buffer and its overflow
 * policy, and the end of subscriptions with the store. Waits for deliveries are bounded by
 * generous timeouts only so that a broken build fails instead of hanging; nothing asserts time.
 */
class PubSubTest {
    private static final long WAIT_SECONDS = 30;

    private Store store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private Store open(long limitBytes) {
        store = Keel.builder().registerMBean(false).pubsubBufferLimit(limitBytes).open();
        return store;
    }

    /** A listener that records every call as text, and the reason it was closed. */
    private static class Recorder implements MessageListener<String, String> {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

        @Override
        public void message(String channel, String message) {
            messages.add(channel + "=" + message);
        }

        @Override
        public void pmessage(String pattern, String channel, String message) {
            messages.add(pattern + ":" + channel + "=" + message);
        }

        @Override
        public void closed(CloseReason reason) {
            closed.complete(reason);
        }

        String next() throws InterruptedException {
            String message = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no message came");
            }
            return message;
        }

        CloseReason closeReason() throws Exception {
            return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void keyspaceEventsMayBeReceived_onlyWithAPatternOrAKeyChannel() {
        Store opened = open(1 << 20);
        PubSub pubSub = ((dev.keel.engine.OffHeapStore) opened).pubSub();
        Recorder listener = new Recorder();
        try (Subscription<String> elsewhere = opened.subscribe(listener, "orders")) {
            assertTrue(pubSub.hasSubscribers());
            assertFalse(pubSub.mayReceiveKeyspaceEvents(), "a subscriber elsewhere cannot receive a keyspace event");
            elsewhere.subscribe("__keyevent@0__:del");
            assertTrue(pubSub.mayReceiveKeyspaceEvents());
            elsewhere.unsubscribe("__keyevent@0__:del");
            assertFalse(pubSub.mayReceiveKeyspaceEvents());
            elsewhere.psubscribe("ord*");
            assertTrue(pubSub.mayReceiveKeyspaceEvents(), "a pattern may match any channel");
        }
        assertFalse(pubSub.mayReceiveKeyspaceEvents());
        assertFalse(pubSub.hasSubscribers());
    }

    @Test
    void publish_noSubscribers_answersZeroAndRegistryStaysEmpty() {
        Commands<String, String> redis = open(1 << 20).commands();
        assertEquals(0, redis.publish("news", "hello"));
        PubSub pubSub = ((OffHeapStore) store).pubSub();
        assertFalse(pubSub.hasSubscribers());
        assertEquals(0, pubSub.publish(bytes("news"), bytes("hello")));
    }

    @Test
    void publish_manyMessages_arriveInPublishOrder() throws Exception {
        Commands<String, String> redis = open(32 << 20).commands();
        Recorder recorder = new Recorder();
        store.subscribe(recorder, "news");
        for (int i = 0; i < 10_000; i++) {
            assertEquals(1, redis.publish("news", Integer.toString(i)));
        }
        for (int i = 0; i < 10_000; i++) {
            assertEquals("news=" + i, recorder.next());
        }
    }

    @Test
    void publish_throughEngineApi_reachesSubscribersOfChannelAndPatterns() throws Exception {
        open(1 << 20);
        PubSub pubSub = ((OffHeapStore) store).pubSub();
        Recorder recorder = new Recorder();
        Subscription<String> subscription = store.subscribe(recorder, "__keyspace@0__:k");
        subscription.psubscribe("__keyspace@0__:*");
        assertTrue(pubSub.hasSubscribers());
        assertEquals(2, pubSub.publish(bytes("__keyspace@0__:k"), bytes("set")));
        assertEquals("__keyspace@0__:k=set", recorder.next());
        assertEquals("__keyspace@0__:*:__keyspace@0__:k=set", recorder.next());
        subscription.close();
        assertFalse(pubSub.hasSubscribers());
    }

    @Test
    void blockedListener_doesNotBlockPublisher_andOverflowClosesTheSubscription() throws Exception {
        long limit = 10 * (Subscription.MESSAGE_OVERHEAD + 10);
        Commands<String, String> redis = open(limit).commands();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        Recorder recorder = new Recorder() {
            @Override
            public void message(String channel, String message) {
                super.message(channel, message);
                first.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        QueuedSubscription<?, ?> subscription = (QueuedSubscription<?, ?>) store.subscribe(recorder, "ch");
        redis.publish("ch", "0000000000");
        first.await(WAIT_SECONDS, TimeUnit.SECONDS); // the listener now holds its thread
        // The publisher never waits: it publishes far more than the buffer holds.
        List<Long> receivers = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(WAIT_SECONDS), () -> {
            for (int i = 1; i <= 1000; i++) {
                receivers.add(redis.publish("ch", String.format("%010d", i)));
                assertTrue(subscription.bufferedBytes() <= limit, "buffered " + subscription.bufferedBytes());
            }
        });
        assertFalse(subscription.isOpen());
        assertEquals(CloseReason.OVERFLOW, subscription.closeReason());
        assertEquals(0, subscription.bufferedBytes());
        // Counted while it was subscribed (the overflowing message too, as Redis counts it), then no more.
        assertEquals(1L, receivers.get(0));
        assertEquals(0L, receivers.get(receivers.size() - 1));
        assertEquals(0, redis.pubsubNumsub("ch").get("ch"));
        release.countDown();
        assertEquals(CloseReason.OVERFLOW, recorder.closeReason());
        assertEquals("ch=0000000000", recorder.messages.poll());
        assertNull(recorder.messages.poll(), "buffered messages are dropped on overflow");
    }

    @Test
    void slowListener_withinTheLimit_getsEveryMessage() throws Exception {
        Commands<String, String> redis = open(1 << 20).commands();
        CountDownLatch release = new CountDownLatch(1);
        Recorder recorder = new Recorder() {
            @Override
            public void message(String channel, String message) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.message(channel, message);
            }
        };
        store.subscribe(recorder, "ch");
        for (int i = 0; i < 100; i++) {
            redis.publish("ch", Integer.toString(i));
        }
        release.countDown();
        for (int i = 0; i < 100; i++) {
            assertEquals("ch=" + i, recorder.next());
        }
    }

    @Test
    void listenerThrows_deliveryGoesOn() throws Exception {
        Commands<String, String> redis = open(1 << 20).commands();
        Recorder recorder = new Recorder() {
            @Override
            public void message(String channel, String message) {
                super.message(channel, message);
                if (message.equals("boom")) {
                    throw new IllegalStateException("a listener's own failure");
                }
            }
        };
        store.subscribe(recorder, "ch");
        redis.publish("ch", "boom");
        redis.publish("ch", "after");
        assertEquals("ch=boom", recorder.next());
        assertEquals("ch=after", recorder.next());
    }

    @Test
    void closeStore_closesSubscriptions_andRefusesNewOnes() throws Exception {
        open(1 << 20);
        Recorder recorder = new Recorder();
        Subscription<String> subscription = store.subscribe(recorder, "ch");
        store.close();
        assertEquals(CloseReason.STORE_CLOSED, recorder.closeReason());
        assertFalse(subscription.isOpen());
        assertThrows(IllegalStateException.class, () -> subscription.subscribe("other"));
        assertThrows(IllegalStateException.class, () -> store.subscribe(new Recorder(), "ch"));
    }

    @Test
    void closeSubscription_tellsListenerOnce_andLeavesNothingRegistered() throws Exception {
        Commands<String, String> redis = open(1 << 20).commands();
        Recorder recorder = new Recorder();
        Subscription<String> subscription = store.subscribe(recorder, "a", "b");
        subscription.psubscribe("p*");
        subscription.close();
        subscription.close();
        assertEquals(CloseReason.CLOSED, recorder.closeReason());
        assertEquals(0, redis.publish("a", "x"));
        assertEquals(List.of(), redis.pubsubChannels());
        assertEquals(0, redis.pubsubNumpat());
        assertTrue(subscription.channels().isEmpty());
        assertFalse(((OffHeapStore) store).pubSub().hasSubscribers());
        assertEquals(0, ((OffHeapStore) store).pubSub().openSubscriptions());
    }

    @Test
    void bytesCodec_eachListenerGetsArraysOfItsOwn() throws Exception {
        open(1 << 20);
        BlockingQueue<byte[]> first = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> second = new LinkedBlockingQueue<>();
        store.subscribe(Codec.bytes(), (channel, message) -> {
            message[0] = 'X';
            first.add(message);
        }, bytes("ch"));
        store.subscribe(Codec.bytes(), (channel, message) -> second.add(message), bytes("ch"));
        byte[] payload = bytes("abc");
        assertEquals(2, store.commands(Codec.bytes()).publish(bytes("ch"), payload));
        payload[1] = 'Z'; // the publisher's array is its own again
        assertEquals("Xbc", new String(first.poll(WAIT_SECONDS, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        assertEquals("abc", new String(second.poll(WAIT_SECONDS, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    @Test
    void subscribeThroughExecute_isRefusedWithAPointerToStoreSubscribe() {
        open(1 << 20);
        Reply reply = store.execute("SUBSCRIBE", "ch");
        assertEquals(Reply.error(String.format(QueuedSubscription.SUBSCRIBED_MODE_REFUSAL, "subscribe")), reply);
        assertEquals(Reply.error("ERR wrong number of arguments for 'subscribe' command"), store.execute("SUBSCRIBE"));
        assertEquals(0, store.commands().pubsubNumsub("ch").get("ch"));
    }

    @Test
    void publishInsideAtomically_goesOutOnCommitOnly() throws Exception {
        Commands<String, String> redis = open(1 << 20).commands();
        Recorder recorder = new Recorder();
        store.subscribe(recorder, "ch");
        assertThrows(IllegalStateException.class, () -> store.atomically(tx -> {
            assertEquals(1, tx.publish("ch", "rolled back"));
            throw new IllegalStateException("roll back");
        }));
        long counted = store.atomically(tx -> tx.publish("ch", "committed"));
        assertEquals(1, counted);
        redis.publish("ch", "after");
        assertEquals("ch=committed", recorder.next());
        assertEquals("ch=after", recorder.next());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
