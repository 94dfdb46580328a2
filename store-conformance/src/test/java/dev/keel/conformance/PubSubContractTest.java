package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Codec;
import dev.keel.MessageListener;
import dev.keel.Reply;
import dev.keel.Subscription;
import dev.keel.spi.QueuedSubscription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Pub/sub: PUBLISH and its receiver counts, subscriptions by channel and by glob pattern
 * ({@code store.subscribe}, {@code store.psubscribe}), PUBSUB CHANNELS/NUMSUB/NUMPAT, and the
 * errors, the same on Keel and on a real Redis (where each subscription is a connection of its
 * own, one client, as it is one subscriber on Keel).
 *
 * <p>Messages arrive on the subscription's own thread, so the tests wait for them (30 seconds at
 * most, only so that a broken build fails rather than hangs). Channel names start with a prefix
 * of the test's own, since the Redis server is shared by the whole run.
 */
class PubSubContractTest extends ContractTest {
    private static final AtomicLong TESTS = new AtomicLong();
    private static final long WAIT_SECONDS = 30;

    /** A prefix no other test uses, without glob characters. */
    private final String p = "ps" + TESTS.incrementAndGet() + "-" + System.nanoTime() + ":";

    /** Records every message as {@code channel=message} or {@code pattern|channel=message}. */
    private static final class Recorder implements MessageListener<String, String> {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Subscription.CloseReason> closed = new CompletableFuture<>();

        @Override
        public void message(String channel, String message) {
            messages.add(channel + "=" + message);
        }

        @Override
        public void pmessage(String pattern, String channel, String message) {
            messages.add(pattern + "|" + channel + "=" + message);
        }

        @Override
        public void closed(Subscription.CloseReason reason) {
            closed.complete(reason);
        }

        String next() throws InterruptedException {
            String message = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertTrue(message != null, "no message came");
            return message;
        }

        /** The next {@code count} messages, sorted: those of one publish to several patterns come in no set order. */
        List<String> nextSorted(int count) throws InterruptedException {
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                batch.add(next());
            }
            batch.sort(null);
            return batch;
        }
    }

    /**
     * Waits until {@code actual} answers {@code expected}, then asserts it: a Redis server learns
     * of a closed connection a moment after the client closed it.
     */
    private static <T> void assertEventually(T expected, java.util.function.Supplier<T> actual) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!expected.equals(actual.get()) && System.nanoTime() < giveUp) {
            Thread.sleep(5);
        }
        assertEquals(expected, actual.get());
    }

    /** Publishes a marker to {@code channel} and waits for it: whatever {@code recorder} got before has come. */
    private void drain(Recorder recorder, String channel) throws InterruptedException {
        redis.publish(channel, "marker");
        while (!recorder.next().endsWith("=marker")) {
            // skips what came before the marker
        }
    }

    @Test
    void publish_noSubscribers_answersZero() {
        assertReply(integer(0), "PUBLISH", p + "nobody", "hello");
        assertEquals(0, redis.publish(p + "nobody", "hello"));
    }

    @Test
    void subscribe_publishedMessages_arriveInPublishOrder() throws Exception {
        Recorder recorder = new Recorder();
        try (Subscription<String> subscription = store.subscribe(recorder, p + "news")) {
            for (int i = 0; i < 200; i++) {
                assertEquals(1, redis.publish(p + "news", "m" + i));
            }
            for (int i = 0; i < 200; i++) {
                assertEquals(p + "news=m" + i, recorder.next());
            }
            assertEquals(Reply.integer(1), exec("PUBLISH", p + "news", "via execute"));
            assertEquals(p + "news=via execute", recorder.next());
            assertEquals(List.of(p + "news"), List.copyOf(subscription.channels()));
        }
    }

    @Test
    void publish_toSeveralChannels_eachSubscriberGetsOnlyItsOwnInOrder() throws Exception {
        Recorder both = new Recorder();
        Recorder onlyA = new Recorder();
        store.subscribe(both, p + "a", p + "b");
        store.subscribe(onlyA, p + "a");
        assertEquals(2, redis.publish(p + "a", "1"));
        assertEquals(1, redis.publish(p + "b", "2"));
        assertEquals(2, redis.publish(p + "a", "3"));
        assertEquals(List.of(p + "a=1", p + "b=2", p + "a=3"), List.of(both.next(), both.next(), both.next()));
        assertEquals(List.of(p + "a=1", p + "a=3"), List.of(onlyA.next(), onlyA.next()));
        assertEquals(Map.of(p + "a", 2L, p + "b", 1L), redis.pubsubNumsub(p + "a", p + "b"));
    }

    @Test
    void psubscribe_globPatterns_matchAsRedis() throws Exception {
        List<String> patterns = List.of("h?llo", "h*llo", "h[ae]llo", "h[^e]llo", "h[a-b]llo", "h\\?llo", "news.*");
        Recorder recorder = new Recorder();
        Subscription<String> subscription = store.psubscribe(recorder, patterns.stream().map(pattern -> p + pattern).toArray(String[]::new));
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("hello", List.of("h?llo", "h*llo", "h[ae]llo"));
        expected.put("hallo", List.of("h?llo", "h*llo", "h[ae]llo", "h[^e]llo", "h[a-b]llo"));
        expected.put("hllo", List.of("h*llo"));
        expected.put("heeello", List.of("h*llo"));
        expected.put("h?llo", List.of("h?llo", "h*llo", "h[^e]llo", "h\\?llo"));
        expected.put("hbllo", List.of("h?llo", "h*llo", "h[^e]llo", "h[a-b]llo"));
        expected.put("news.art", List.of("news.*"));
        expected.put("news", List.of());
        expected.put("Hello", List.of());
        for (Map.Entry<String, List<String>> channel : expected.entrySet()) {
            List<String> matching = channel.getValue();
            assertEquals(matching.size(), redis.publish(p + channel.getKey(), "x"), channel.getKey());
            List<String> want = new ArrayList<>();
            for (String pattern : matching) {
                want.add(p + pattern + "|" + p + channel.getKey() + "=x");
            }
            want.sort(null);
            assertEquals(want, recorder.nextSorted(matching.size()), channel.getKey());
        }
        assertEquals(patterns.stream().map(pattern -> p + pattern).toList(), List.copyOf(subscription.patterns()));
        subscription.close();
    }

    @Test
    void subscribedByChannelAndPattern_getsBoth_channelFirst() throws Exception {
        Recorder recorder = new Recorder();
        Subscription<String> subscription = store.subscribe(recorder, p + "orders.new");
        assertEquals(2, subscription.psubscribe(p + "orders.*"));
        assertEquals(3, subscription.psubscribe(p + "*.new"));
        assertEquals(3, redis.publish(p + "orders.new", "o1"));
        assertEquals(p + "orders.new=o1", recorder.next());
        assertEquals(List.of(p + "*.new|" + p + "orders.new=o1", p + "orders.*|" + p + "orders.new=o1"), recorder.nextSorted(2));
        assertEquals(1, redis.publish(p + "orders.old", "o2"));
        assertEquals(p + "orders.*|" + p + "orders.old=o2", recorder.next());
        subscription.close();
    }

    @Test
    void subscriptionCounts_areRedisReplyCounts_andDuplicatesCountOnce() {
        try (Subscription<String> subscription = store.subscription(Codec.utf8(), new Recorder())) {
            assertEquals(2, subscription.subscribe(p + "a", p + "b"));
            assertEquals(2, subscription.subscribe(p + "a"));
            assertEquals(3, subscription.psubscribe(p + "x*"));
            assertEquals(3, subscription.psubscribe(p + "x*"));
            assertEquals(2, subscription.unsubscribe(p + "a", p + "never"));
            assertEquals(1, subscription.punsubscribe());
            assertEquals(0, subscription.unsubscribe());
            assertTrue(subscription.isOpen());
            assertEquals(1, subscription.subscribe(p + "again"));
        }
    }

    @Test
    void unsubscribe_stopsDelivery_andLeavesTheChannel() throws Exception {
        Recorder recorder = new Recorder();
        Subscription<String> subscription = store.subscribe(recorder, p + "a", p + "b");
        subscription.psubscribe(p + "pat*");
        subscription.unsubscribe(p + "a");
        assertEquals(0, redis.publish(p + "a", "gone"));
        assertEquals(1, redis.publish(p + "b", "kept"));
        assertEquals(p + "b=kept", recorder.next());
        assertEquals(List.of(p + "b"), redis.pubsubChannels(p + "*"));
        subscription.punsubscribe(p + "pat*");
        assertEquals(0, redis.publish(p + "pattern", "gone"));
        subscription.unsubscribe();
        assertEquals(List.of(), redis.pubsubChannels(p + "*"));
        assertEquals(0, redis.publish(p + "b", "gone"));
        assertNull(recorder.messages.poll());
        subscription.close();
        assertEquals(Subscription.CloseReason.CLOSED, recorder.closed.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertFalse(subscription.isOpen());
        assertThrows(IllegalStateException.class, () -> subscription.subscribe(p + "a"));
    }

    @Test
    void pubsubChannelsNumsubNumpat_answerAsRedis() throws Exception {
        long baselinePatterns = redis.pubsubNumpat();
        Subscription<String> first = store.subscribe(new Recorder(), p + "c1", p + "c2", p + "d1");
        Subscription<String> second = store.subscribe(new Recorder(), p + "c1");
        first.psubscribe(p + "p*", p + "q*");
        second.psubscribe(p + "p*");
        assertEquals(List.of(p + "c1", p + "c2", p + "d1"), sorted(redis.pubsubChannels(p + "*")));
        assertEquals(List.of(p + "c1", p + "c2"), sorted(redis.pubsubChannels(p + "c*")));
        assertEquals(List.of(p + "c2"), sorted(redis.pubsubChannels(p + "c[2-9]")));
        assertTrue(redis.pubsubChannels().containsAll(List.of(p + "c1", p + "c2", p + "d1")));
        assertReply(Reply.array(List.of(bulk(p + "c1"), integer(2), bulk(p + "c2"), integer(1), bulk(p + "none"), integer(0),
                bulk(p + "c1"), integer(2))), "PUBSUB", "NUMSUB", p + "c1", p + "c2", p + "none", p + "c1");
        assertReply(Reply.array(List.of()), "PUBSUB", "NUMSUB");
        assertReply(integer(baselinePatterns + 2), "PUBSUB", "NUMPAT");
        assertReply(integer(baselinePatterns + 2), "pubsub", "numpat");
        assertEquals(2, redis.publish(p + "c1", "x")); // two by name, none by pattern
        assertEquals(2, redis.publish(p + "pp", "x")); // p* of both
        first.close();
        second.close();
        assertEventually(List.of(), () -> redis.pubsubChannels(p + "*"));
        assertEventually(baselinePatterns, () -> redis.pubsubNumpat());
    }

    @Test
    void emptyChannel_matchesOnlyTheEmptyPattern() throws Exception {
        Recorder recorder = new Recorder();
        Subscription<String> subscription = store.psubscribe(recorder, "*");
        assertEquals(0, redis.publish("", "x"));
        subscription.psubscribe("");
        assertEquals(1, redis.publish("", "y"));
        assertEquals("|=y", recorder.next());
        subscription.close();
    }

    @Test
    void binaryChannelsAndMessages_roundTrip() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        byte[] channel = bytes(p + "\u0000\u00ff\r\n");
        try (Subscription<byte[]> subscription = store.subscribe(Codec.bytes(),
                (ch, message) -> received.add(latin1(ch) + "=" + latin1(message)), channel)) {
            assertEquals(1, binary.publish(channel, bytes("\u0000\u0001\u00fe")));
            assertEquals(latin1(channel) + "=\u0000\u0001\u00fe", received.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(Map.of(latin1(channel), 1L), Map.of(latin1(channel),
                    binary.pubsubNumsub(channel).values().iterator().next()));
            assertTrue(Arrays.equals(channel, subscription.channels().iterator().next()));
        }
    }

    @Test
    void closeStore_closesItsSubscriptions() throws Exception {
        Recorder recorder = new Recorder();
        Subscription<String> subscription = store.subscribe(recorder, p + "a");
        store.close();
        assertEquals(Subscription.CloseReason.STORE_CLOSED, recorder.closed.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertFalse(subscription.isOpen());
        assertThrows(IllegalStateException.class, () -> store.subscribe(new Recorder(), p + "b"));
        store = target.open();
        assertEventually(0L, () -> store.commands().publish(p + "a", "after"));
    }

    @Test
    void listenerMayPublishAndUnsubscribe() throws Exception {
        Recorder recorder = new Recorder();
        List<Subscription<String>> self = new ArrayList<>();
        Subscription<String> relay = store.subscribe((channel, message) -> {
            store.commands().publish(p + "out", message + "!");
            if (message.equals("last")) {
                self.get(0).unsubscribe(channel);
            }
        }, p + "in");
        self.add(relay);
        store.subscribe(recorder, p + "out");
        redis.publish(p + "in", "first");
        redis.publish(p + "in", "last");
        assertEquals(p + "out=first!", recorder.next());
        assertEquals(p + "out=last!", recorder.next());
        drain(recorder, p + "out");
        assertEquals(0, redis.publish(p + "in", "unheard"));
    }

    @Test
    void errors_answerRedisTexts() {
        assertError("ERR wrong number of arguments for 'publish' command", "PUBLISH", p + "a");
        assertError("ERR wrong number of arguments for 'publish' command", "PUBLISH", p + "a", "b", "c");
        assertError("ERR wrong number of arguments for 'pubsub' command", "PUBSUB");
        assertError("ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP.", "PUBSUB", "CHANNELS", "a", "b");
        assertError("ERR unknown subcommand or wrong number of arguments for 'channels'. Try PUBSUB HELP.", "pubsub", "channels", "a", "b");
        assertError("ERR wrong number of arguments for 'pubsub|numpat' command", "PUBSUB", "NUMPAT", "x");
        assertError("ERR wrong number of arguments for 'pubsub|help' command", "PUBSUB", "HELP", "x");
        assertError("ERR unknown subcommand 'Foo'. Try PUBSUB HELP.", "PUBSUB", "Foo");
        assertError("ERR wrong number of arguments for 'subscribe' command", "SUBSCRIBE");
        assertError("ERR wrong number of arguments for 'psubscribe' command", "PSUBSCRIBE");
    }

    @Test
    void subscribeThroughExecute_isRefusedWithAPointerToStoreSubscribe() {
        for (String command : List.of("SUBSCRIBE", "PSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE")) {
            assertError(String.format(QueuedSubscription.SUBSCRIBED_MODE_REFUSAL, command.toLowerCase(java.util.Locale.ROOT)),
                    command, p + "a");
        }
        assertError(String.format(QueuedSubscription.SUBSCRIBED_MODE_REFUSAL, "unsubscribe"), "UNSUBSCRIBE");
        // The store goes on answering commands: nothing was put in subscribed mode.
        assertReply(status("PONG"), "PING");
        assertEquals(Map.of(p + "a", 0L), redis.pubsubNumsub(p + "a"));
    }

    @Test
    void pubsubHelp_listsTheSubcommands() {
        Reply help = exec("PUBSUB", "HELP");
        List<Reply> lines = ((Reply.Array) help).items();
        assertEquals(status("PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"), lines.get(0));
        assertTrue(lines.contains(status("NUMPAT")), help::toString);
        assertEquals(status("    Prints this help."), lines.get(lines.size() - 1));
    }

    private static List<String> sorted(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        copy.sort(null);
        return copy;
    }
}
