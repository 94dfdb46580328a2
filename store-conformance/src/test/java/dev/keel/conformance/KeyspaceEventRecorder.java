package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.keel.MessageListener;
import dev.keel.Store;
import dev.keel.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A subscriber to every keyspace and keyevent channel of a store, Keel or a real Redis, that
 * hands out what arrived between two calls: {@link #drain} publishes a marker on a channel of
 * its own and returns every message received before it, in order. A subscription gets messages
 * in publish order, so the marker closes exactly what was published before it: nothing waits for
 * time, only for messages (30 seconds at most, so that a broken build fails instead of hanging).
 */
final class KeyspaceEventRecorder implements AutoCloseable {
    private static final long WAIT_SECONDS = 30;

    private final Store store;
    private final String markerChannel;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final Subscription<String> subscription;
    private int markers;

    /**
     * Subscribes to the events of the keys starting with {@code prefix} (all keys for the empty
     * prefix: a Redis server shared by other tests sends theirs too), each kept as
     * {@code "channel message"}.
     */
    KeyspaceEventRecorder(Store store, String prefix) {
        this.store = store;
        this.markerChannel = prefix + "keyspace-events-marker";
        this.subscription = store.psubscribe(new MessageListener<>() {
            @Override
            public void message(String channel, String message) {
                received.add(channel + " " + message);
            }

            @Override
            public void pmessage(String pattern, String channel, String message) {
                if (channel.startsWith("__keyspace@0__:" + prefix) || message.startsWith(prefix)) {
                    received.add(channel + " " + message);
                }
            }
        }, "__key*__:*");
        subscription.subscribe(markerChannel);
    }

    /** Returns the messages that came since the last call, each {@code "channel message"}. */
    List<String> drain() throws InterruptedException {
        String marker = markerChannel + " " + ++markers;
        store.execute("PUBLISH", markerChannel, Integer.toString(markers));
        List<String> messages = new ArrayList<>();
        while (true) {
            String message = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(message, "the marker never came");
            if (message.equals(marker)) {
                return messages;
            }
            messages.add(message);
        }
    }

    /** Returns whether the subscription is still open (not closed by an overflow). */
    boolean isOpen() {
        return subscription.isOpen();
    }

    @Override
    public void close() {
        subscription.close();
    }
}
