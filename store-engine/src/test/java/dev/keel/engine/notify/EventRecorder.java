package dev.keel.engine.notify;

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
 * A subscriber to every keyspace and keyevent channel of a store that hands out what arrived
 * between two calls: each {@link #drain} publishes a marker on a channel of its own and returns
 * every message received before it, in order. Messages to one subscription arrive in publish
 * order, so the marker closes exactly what was published before it, without waiting for time.
 */
final class EventRecorder implements AutoCloseable {
    private static final String MARKER = "marker";
    /** Only so that a broken build fails instead of hanging; nothing waits for time. */
    private static final long WAIT_SECONDS = 30;

    private final Store store;
    private final Subscription<String> subscription;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private int markers;

    EventRecorder(Store store) {
        this.store = store;
        this.subscription = store.psubscribe(new MessageListener<>() {
            @Override
            public void message(String channel, String message) {
                received.add(channel + " " + message);
            }

            @Override
            public void pmessage(String pattern, String channel, String message) {
                received.add(channel + " " + message);
            }
        }, "__key*__:*");
        subscription.subscribe(MARKER);
    }

    /** Returns the messages received since the last call, each as {@code "channel message"}. */
    List<String> drain() {
        String marker = MARKER + " " + ++markers;
        store.execute("PUBLISH", MARKER, Integer.toString(markers));
        List<String> messages = new ArrayList<>();
        while (true) {
            String message;
            try {
                message = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            assertNotNull(message, "the marker never came");
            if (message.equals(marker)) {
                return messages;
            }
            messages.add(message);
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
