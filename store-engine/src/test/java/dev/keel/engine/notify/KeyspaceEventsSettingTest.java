package dev.keel.engine.notify;

import static dev.keel.engine.notify.KeyspaceEventsTest.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.EvictionPolicy;
import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.engine.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The setting and the delivery of keyspace notifications: off by default, turned on and off by
 * the builder and by CONFIG SET, each class letting through only its events on only the channels
 * asked for; events of a transaction sent at its commit and never for a rolled-back one; keys and
 * fields removed by the background sweep and by eviction.
 */
@Timeout(60)
class KeyspaceEventsSettingTest {
    /** One command per class, and the event each sends: {class letter, command, event}. */
    private static final String[][] ONE_PER_CLASS = {
        {"$", "set a 1", "set a"},
        {"g", "expire a 100", "expire a"},
        {"l", "rpush l x", "rpush l"},
        {"s", "sadd s x", "sadd s"},
        {"h", "hset h f v", "hset h"},
        {"z", "zadd z 1 m", "zadd z"},
        {"t", "xadd x 1-1 f v", "xadd x"},
    };

    private final ManualClock clock = new ManualClock();
    private Store store;
    private EventRecorder events;

    @AfterEach
    void close() {
        if (events != null) {
            events.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private void open(Keel.Builder builder) {
        store = builder.registerMBean(false).open();
        events = new EventRecorder(store);
    }

    private void run(String line) {
        store.execute(line.split(" "));
    }

    @Test
    void default_off_noEventsAndEmptySetting() {
        open(Keel.builder());
        assertEquals(Reply.array(List.of(Reply.bulk("notify-keyspace-events"), Reply.bulk(""))),
                store.execute("CONFIG", "GET", "notify-keyspace-events"));
        for (String[] command : ONE_PER_CLASS) {
            run(command[1]);
        }
        run("del a l s");
        assertEquals(List.of(), events.drain());
    }

    @Test
    void configSet_turnsOnAndOffWhileRunning() {
        open(Keel.builder());
        assertEquals(Reply.OK, store.execute("CONFIG", "SET", "notify-keyspace-events", "KEA"));
        run("set a 1");
        assertEquals(messages("set a"), events.drain());
        assertEquals(Reply.OK, store.execute("CONFIG", "SET", "notify-keyspace-events", ""));
        run("set a 2");
        assertEquals(List.of(), events.drain());
        assertEquals(Reply.OK, store.execute("CONFIG", "SET", "notify-keyspace-events", "E"));
        run("set a 3");
        assertEquals(List.of(), events.drain(), "E without a class sends nothing");
    }

    @Test
    void builder_invalidLetter_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Keel.builder().notifyKeyspaceEvents("KEq").open());
        assertTrue(e.getMessage().contains("'q'"), e.getMessage());
    }

    @Test
    void eachClass_onlyItsEvents_onTheKeyspaceChannelOnly() {
        open(Keel.builder());
        for (String[] only : ONE_PER_CLASS) {
            store.execute("FLUSHALL");
            assertEquals(Reply.OK, store.execute("CONFIG", "SET", "notify-keyspace-events", "K" + only[0]));
            List<String> expected = new ArrayList<>();
            for (String[] command : ONE_PER_CLASS) {
                run(command[1]);
                if (command == only) {
                    String[] event = command[2].split(" ");
                    expected.add("__keyspace@0__:" + event[1] + " " + event[0]);
                }
            }
            assertEquals(expected, events.drain(), "K" + only[0]);
        }
    }

    @Test
    void keyeventOnly_keyAsTheMessage() {
        open(Keel.builder().notifyKeyspaceEvents("El"));
        run("set a 1");
        run("rpush l x");
        run("lpop l");
        // del is generic (g), so E with l alone leaves it out.
        assertEquals(List.of("__keyevent@0__:rpush l", "__keyevent@0__:lpop l"), events.drain());
    }

    @Test
    void atomically_eventsAtCommit_noneWhenRolledBack() {
        open(Keel.builder().notifyKeyspaceEvents("KEA"));
        store.atomically(tx -> {
            tx.set("a", "1");
            tx.rpush("l", "x");
            return tx.lpop("l");
        });
        assertEquals(messages("set a", "rpush l", "lpop l", "del l"), events.drain());
        assertThrows(IllegalStateException.class, () -> store.atomically(tx -> {
            tx.set("b", "1");
            throw new IllegalStateException("rolled back");
        }));
        assertEquals(List.of(), events.drain());
    }

    @Test
    void multiExec_eventsOfTheQueuedCommands() {
        open(Keel.builder().notifyKeyspaceEvents("KEA"));
        run("multi");
        run("set a 1");
        run("incr a");
        run("exec");
        assertEquals(messages("set a", "incrby a"), events.drain());
    }

    @Test
    void activeExpiry_expiredAndHexpiredFromTheSweep() throws InterruptedException {
        open(Keel.builder().clock(clock).activeExpiry(true).notifyKeyspaceEvents("KEA"));
        run("set k v px 100");
        run("hset h a 1 b 2");
        run("hpexpire h 100 fields 2 a b");
        events.drain();
        clock.advanceMillis(101);
        // The sweep runs on its own thread: wait for what it sends (bounded), in whatever stripe order.
        List<String> seen = new ArrayList<>();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (seen.size() < 6 && System.nanoTime() < giveUp) {
            seen.addAll(events.drain());
            Thread.sleep(10);
        }
        assertTrue(seen.containsAll(messages("expired k")), seen.toString());
        int hexpired = seen.indexOf("__keyspace@0__:h hexpired");
        assertEquals(List.of("__keyspace@0__:h hexpired", "__keyevent@0__:hexpired h", "__keyspace@0__:h del", "__keyevent@0__:del h"),
                seen.subList(hexpired, hexpired + 4));
        assertEquals(6, seen.size(), seen.toString());
    }

    @Test
    void eviction_evictedForEachKeyItRemoves() {
        open(Keel.builder().maxmemory(64 << 10, EvictionPolicy.ALLKEYS_RANDOM).notifyKeyspaceEvents("Ke"));
        String value = "v".repeat(1000);
        for (int i = 0; i < 200; i++) {
            run("set k" + i + " " + value);
        }
        List<String> evicted = events.drain();
        assertFalse(evicted.isEmpty());
        assertEquals(store.info().evictedKeys(), evicted.size());
        for (String message : evicted) {
            assertTrue(message.endsWith(" evicted"), message);
            String key = message.substring("__keyspace@0__:".length(), message.length() - " evicted".length());
            assertEquals(0, store.commands().exists(key), key);
        }
    }
}
