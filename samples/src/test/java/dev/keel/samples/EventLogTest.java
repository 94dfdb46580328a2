package dev.keel.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.KeelStream;
import dev.keel.Keel;
import dev.keel.StreamEntry;
import dev.keel.StreamId;
import dev.keel.StreamConsumerInfo;
import dev.keel.Store;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogTest {

    @Test
    void run_consumerDies_itsEventsAreClaimedAndEveryEventHandledOnce() throws InterruptedException {
        try (Store store = Keel.inMemory()) {
            Printed printed = new Printed();
            List<StreamId> handled = EventLog.run(store, printed.out);
            String out = printed.text();
            KeelStream<String, String> events = store.stream(EventLog.KEY);
            List<StreamId> all = events.range(new StreamId(0, 0), new StreamId(Long.MAX_VALUE, Long.MAX_VALUE))
                    .stream().map(StreamEntry::id).toList();
            assertEquals(6, all.size());
            assertEquals(all, handled.stream().sorted().toList(), "each event handled exactly once");
            assertEquals(all.subList(2, 4), handled.subList(4, 6), "mailer-1 handled mailer-2's events last");
            assertEquals(0, events.group("mailer").pending().count());
            assertEquals(List.of("mailer-1"), events.group("mailer").consumers().stream().map(StreamConsumerInfo::name).toList());
            assertTrue(out.contains("6 events; mailer-1 handled 4, mailer-2 took 2 and died; pending: {mailer-2=2}"), out);
            assertTrue(out.contains("mailer-1 claimed 2 with XAUTOCLAIM and handled them; 6 handled, 0 pending"), out);
        }
    }
}
