package dev.keel.samples;

import dev.keel.KeelStream;
import dev.keel.KeelStreamConsumer;
import dev.keel.KeelStreamGroup;
import dev.keel.Store;
import dev.keel.StreamEntry;
import dev.keel.StreamId;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An event log with a consumer group. Producers append events to the stream {@code events}
 * (XADD); the group {@code mailer} shares them out among its consumers (XREADGROUP), each event
 * to one of them, and keeps it pending until that consumer acknowledges it (XACK). A consumer
 * that dies leaves its events pending; once they have been idle long enough another consumer
 * takes them over (XAUTOCLAIM), so every event is handled at least once.
 *
 * <p>Run it alone with {@code bin/tour event-log}.
 *
 * <p><b>Thread safety:</b> not thread safe: one run drives both consumers in turn.
 */
public final class EventLog {
    static final String KEY = "events";
    /** How long an event stays pending before another consumer may claim it; short, so that the tour need not wait. */
    static final Duration MIN_IDLE = Duration.ofMillis(100);

    private EventLog() {
    }

    /** Runs the sample alone. */
    public static void main(String[] args) throws InterruptedException {
        Tour.runAlone(EventLog::run, System.out);
    }

    /**
     * Appends six events; consumer mailer-1 handles some, mailer-2 takes two and dies, and mailer-1
     * claims and handles those. Returns the IDs of the events handled, in the order handled.
     */
    public static List<StreamId> run(Store store, PrintStream out) throws InterruptedException {
        KeelStream<String, String> events = store.stream(KEY);
        KeelStreamGroup<String, String> mailer = events.group("mailer");
        mailer.createIfAbsent(new StreamId(0, 0));
        for (String user : List.of("ada", "grace", "linus")) {
            events.add(Map.of("type", "signup", "user", user));
            events.add(Map.of("type", "login", "user", user));
        }
        KeelStreamConsumer<String, String> first = mailer.consumer("mailer-1");
        KeelStreamConsumer<String, String> second = mailer.consumer("mailer-2");
        List<StreamId> handled = new ArrayList<>();
        handle(first, first.read(2, Duration.ZERO), handled);
        List<StreamEntry<String, String>> lost = second.read(2, Duration.ZERO);   // and dies before acknowledging them
        handle(first, first.read(10, Duration.ZERO), handled);
        out.printf("event log: %d events; mailer-1 handled %d, mailer-2 took %d and died; pending: %s%n",
                events.length(), handled.size(), lost.size(), mailer.pending().consumers());
        Thread.sleep(MIN_IDLE.toMillis());
        List<StreamEntry<String, String>> claimed = first.autoClaim(MIN_IDLE, new StreamId(0, 0), 10).claimed();
        handle(first, claimed, handled);
        second.delete();   // XGROUP DELCONSUMER: the dead consumer leaves the group, owning nothing now
        out.printf("event log: after %d ms mailer-1 claimed %d with XAUTOCLAIM and handled them; %d handled, %d pending%n",
                MIN_IDLE.toMillis(), claimed.size(), handled.size(), mailer.pending().count());
        return handled;
    }

    /** Handles the entries (here a mail would go out) and acknowledges each. */
    private static void handle(KeelStreamConsumer<String, String> consumer, List<StreamEntry<String, String>> entries,
            List<StreamId> handled) {
        for (StreamEntry<String, String> entry : entries) {
            handled.add(entry.id());
            consumer.ack(entry.id());
        }
    }
}
