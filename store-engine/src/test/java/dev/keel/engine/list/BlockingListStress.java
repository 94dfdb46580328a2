package dev.keel.engine.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Commands;
import dev.keel.KeelInterruptedException;
import dev.keel.KeyValue;
import dev.keel.ListDirection;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.engine.OffHeapStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A producers-and-consumers run over blocking lists: producers push uniquely numbered items;
 * movers shift them between lists with BLMOVE and BRPOPLPUSH (some onto the same list); poppers
 * take them with BLPOP, BRPOP and BLMPOP, through the typed and the untyped API, with timeouts
 * short and long; an interrupter interrupts movers and poppers at random. At the end every item
 * must have been taken exactly once, or still be in a list: none lost, none duplicated, every
 * byte freed.
 */
final class BlockingListStress {
    private static final String[] SOURCES = {"in:0", "in:1"};
    private static final String MIDDLE = "mid";
    private static final long JOIN_SECONDS = 120;

    /** How big a run is. */
    record Settings(int producers, int itemsPerProducer, int movers, int poppers, boolean interrupts) {
    }

    private final Store store;
    private final Commands<String, String> redis;
    private final Settings settings;
    private final Map<String, Integer> taken = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean producing = new AtomicBoolean(true);
    private final AtomicInteger interruptsDelivered = new AtomicInteger();

    private BlockingListStress(Store store, Settings settings) {
        this.store = store;
        this.redis = store.commands();
        this.settings = settings;
    }

    /** Runs {@code settings} against {@code store} and asserts that every item was delivered once. */
    static void run(Store store, Settings settings) throws InterruptedException {
        new BlockingListStress(store, settings).run();
    }

    private void run() throws InterruptedException {
        long startBytes = store.memoryStats().usedBytes();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(settings.producers() + settings.movers() + settings.poppers());
        List<Thread> producers = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int p = 0; p < settings.producers(); p++) {
            int id = p;
            producers.add(thread("producer-" + p, go, running, () -> produce(id)));
        }
        for (int m = 0; m < settings.movers(); m++) {
            int id = m;
            workers.add(thread("mover-" + m, go, running, () -> move(id)));
        }
        for (int c = 0; c < settings.poppers(); c++) {
            int id = c;
            workers.add(thread("popper-" + c, go, running, () -> pop(id)));
        }
        AtomicBoolean interrupting = new AtomicBoolean(settings.interrupts());
        // The interrupter starts once every worker is past the latch, so it only ever interrupts store calls.
        Thread interrupter = thread("interrupter", running, new CountDownLatch(1), () -> interrupt(workers, interrupting));
        go.countDown();
        joinAll(producers);
        producing.set(false);
        joinAll(workers);
        interrupting.set(false);
        joinAll(List.of(interrupter));
        drainLeftovers();

        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        Set<String> expected = new TreeSet<>();
        for (int p = 0; p < settings.producers(); p++) {
            for (int n = 0; n < settings.itemsPerProducer(); n++) {
                expected.add(item(p, n));
            }
        }
        Set<String> duplicated = new TreeSet<>();
        taken.forEach((item, times) -> {
            if (times != 1) {
                duplicated.add(item + " x" + times);
            }
        });
        assertEquals(Set.of(), duplicated, "items delivered more than once");
        Set<String> lost = new TreeSet<>(expected);
        lost.removeAll(taken.keySet());
        assertEquals(Set.of(), lost, "items lost");
        assertEquals(expected.size(), taken.size(), "items that were never produced");
        assertNull(((OffHeapStore) store).verifyIntegrity());
        assertEquals(startBytes, store.memoryStats().usedBytes(), "every byte freed once the lists are empty");
    }

    private static String item(int producer, int n) {
        return "p" + producer + "-" + n;
    }

    /** Starts a thread that runs {@code body} once {@code go} opens, and then counts {@code running} down. */
    private Thread thread(String name, CountDownLatch go, CountDownLatch running, Runnable body) {
        return Thread.ofPlatform().name(name).daemon(true).start(() -> {
            try {
                go.await();
                running.countDown();
                body.run();
            } catch (Throwable e) {
                problems.add(name + " failed: " + e);
            }
        });
    }

    private void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(JOIN_SECONDS));
            if (thread.isAlive()) {
                StringBuilder dump = new StringBuilder(thread.getName() + " is stuck:");
                for (StackTraceElement frame : thread.getStackTrace()) {
                    dump.append("\n    at ").append(frame);
                }
                throw new AssertionError(dump.toString());
            }
        }
    }

    private void took(String item) {
        taken.merge(item, 1, Integer::sum);
    }

    // ------------------------------------------------------------------ the roles

    private void produce(int id) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int n = 0;
        while (n < settings.itemsPerProducer()) {
            String key = SOURCES[random.nextInt(SOURCES.length)];
            if (n + 1 < settings.itemsPerProducer() && random.nextInt(4) == 0) {
                redis.rpush(key, item(id, n), item(id, n + 1));
                n += 2;
            } else if (random.nextBoolean()) {
                redis.lpush(key, item(id, n++));
            } else {
                redis.rpush(key, item(id, n++));
            }
        }
    }

    private static Duration shortTimeout(ThreadLocalRandom random) {
        return Duration.ofMillis(1 + random.nextInt(20));
    }

    private void move(int id) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        ListDirection[] directions = ListDirection.values();
        int idle = 0;
        while (producing.get() || idle < 3) {
            String source = random.nextInt(5) == 0 ? MIDDLE : SOURCES[random.nextInt(SOURCES.length)];
            try {
                String moved = switch (random.nextInt(3)) {
                    case 0 -> redis.brpoplpush(source, random.nextBoolean() ? MIDDLE : source, shortTimeout(random));
                    case 1 -> reply(store.execute("BLMOVE", source, MIDDLE, directions[random.nextInt(2)].name(),
                            directions[random.nextInt(2)].name(), "0.0" + (1 + random.nextInt(9))));
                    default -> redis.blmove(source, MIDDLE, directions[random.nextInt(2)], directions[random.nextInt(2)],
                            shortTimeout(random));
                };
                idle = moved == null ? idle + 1 : 0;
            } catch (InterruptedException e) {
                interruptsDelivered.incrementAndGet();
            } catch (KeelInterruptedException e) {
                Thread.interrupted();
                interruptsDelivered.incrementAndGet();
            }
        }
    }

    private static String reply(Reply reply) {
        return reply instanceof Reply.Bulk bulk ? bulk.utf8() : null;
    }

    private void pop(int id) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int idle = 0;
        while (producing.get() || idle < 3) {
            boolean gotSome = false;
            try {
                switch ((id + random.nextInt(4)) % 4) {
                    case 0 -> {
                        KeyValue<String, String> one = redis.blpop(shortTimeout(random), MIDDLE, SOURCES[0], SOURCES[1]);
                        if (one != null) {
                            took(one.value());
                            gotSome = true;
                        }
                    }
                    case 1 -> {
                        KeyValue<String, String> one = redis.brpop(Duration.ofMillis(200), SOURCES[1], MIDDLE, SOURCES[0]);
                        if (one != null) {
                            took(one.value());
                            gotSome = true;
                        }
                    }
                    case 2 -> {
                        KeyValue<String, List<String>> some = redis.blmpop(shortTimeout(random),
                                random.nextBoolean() ? ListDirection.LEFT : ListDirection.RIGHT, 1 + random.nextInt(4),
                                SOURCES[random.nextInt(2)], MIDDLE);
                        if (some != null) {
                            some.value().forEach(this::took);
                            gotSome = true;
                        }
                    }
                    default -> {
                        Reply reply = store.execute("BLPOP", SOURCES[0], MIDDLE, SOURCES[1], "0.0" + (1 + random.nextInt(9)));
                        if (reply instanceof Reply.Array array) {
                            took(((Reply.Bulk) array.items().get(1)).utf8());
                            gotSome = true;
                        }
                    }
                }
            } catch (InterruptedException e) {
                interruptsDelivered.incrementAndGet();
            } catch (KeelInterruptedException e) {
                Thread.interrupted();
                interruptsDelivered.incrementAndGet();
            }
            idle = gotSome ? 0 : idle + 1;
        }
        // A pop answered while the thread was also being interrupted keeps the interrupt.
        Thread.interrupted();
    }

    private void interrupt(List<Thread> workers, AtomicBoolean interrupting) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (interrupting.get() && workers.stream().anyMatch(Thread::isAlive)) {
            workers.get(random.nextInt(workers.size())).interrupt();
            try {
                Thread.sleep(0, 200_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Takes whatever the workers left in the lists, which counts as delivered too. */
    private void drainLeftovers() {
        for (String key : List.of(SOURCES[0], SOURCES[1], MIDDLE)) {
            List<String> left = redis.lpop(key, Long.MAX_VALUE);
            if (left != null) {
                left.forEach(this::took);
            }
            assertEquals(0, redis.exists(key), key + " left behind");
        }
    }
}
