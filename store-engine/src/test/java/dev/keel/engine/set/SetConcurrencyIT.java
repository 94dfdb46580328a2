package dev.keel.engine.set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.Thresholds;
import dev.keel.engine.ManualClock;
import dev.keel.engine.OffHeapStore;
import dev.keel.engine.hash.AbstractFieldMapTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Threads over a few sets: tokens move between bags only by SMOVE, so at every moment each token
 * is in exactly one bag (checked on the way with SUNIONSTORE and SINTERCARD, which lock every bag
 * at once); private members are added to and removed from the bags by their owners; a shared pool
 * gets members by SADD and loses them by SPOP. At the end: every token in exactly one bag, no
 * private member left, every pooled member popped exactly once, and every byte back after FLUSHALL.
 */
class SetConcurrencyIT {
    private static final int THREADS = 6;
    private static final int OPERATIONS = 20_000;
    private static final int BAGS = 4;
    private static final int TOKENS = 200;
    private static final String ALL_TOKENS = "all-tokens";
    private static final String POOL = "pool";

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        AbstractFieldMapTest.thresholds().forEach(thresholds -> {
            for (int stripes : new int[] {1, 64}) {
                runs.add(arguments(thresholds.get()[0], stripes));
            }
        });
        return runs.stream();
    }

    private static String bag(int i) {
        return "bag:" + i;
    }

    @ParameterizedTest(name = "{0}, {1} stripes")
    @MethodSource("runs")
    void smoveSaddSremAndSpop_conserveEveryMember(Thresholds thresholds, int stripes) throws Exception {
        try (Store store = Keel.builder().thresholds(thresholds).stripes(stripes).clock(new ManualClock()).activeExpiry(false).open()) {
            long baseline = store.memoryStats().usedBytes();
            for (int t = 0; t < TOKENS; t++) {
                store.execute("SADD", bag(t % BAGS), "token:" + t);
                store.execute("SADD", ALL_TOKENS, "token:" + t);
            }
            Map<String, Integer> popped = new ConcurrentHashMap<>();
            Set<String> pooled = ConcurrentHashMap.newKeySet();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                threads.add(Thread.ofPlatform().name("worker-" + t).start(() -> {
                    try {
                        start.await();
                        work(store, id, pooled, popped, problems);
                    } catch (Throwable e) {
                        problems.add("worker " + id + " failed: " + e);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.MINUTES.toMillis(5));
                assertTrue(!thread.isAlive(), thread.getName() + " still running");
            }
            assertTrue(problems.isEmpty(), () -> String.join("\n", problems));

            Set<String> tokens = new HashSet<>();
            long total = 0;
            for (int b = 0; b < BAGS; b++) {
                for (Reply member : ((Reply.Array) store.execute("SMEMBERS", bag(b))).items()) {
                    String name = ((Reply.Bulk) member).utf8();
                    assertTrue(name.startsWith("token:"), "left over in " + bag(b) + ": " + name);
                    assertTrue(tokens.add(name), name + " in two bags");
                    total++;
                }
            }
            assertEquals(TOKENS, total, "tokens conserved by SMOVE");
            for (Reply member : ((Reply.Array) store.execute("SPOP", POOL, "1000000")).items()) {
                popped.merge(((Reply.Bulk) member).utf8(), 1, Integer::sum);
            }
            assertEquals(pooled, popped.keySet(), "every pooled member popped");
            popped.forEach((member, times) -> assertEquals(1, times, member + " popped more than once"));
            assertNull(((OffHeapStore) store).verifyIntegrity());
            store.execute("FLUSHALL");
            assertEquals(baseline, store.memoryStats().usedBytes(), "memory after FLUSHALL");
        }
    }

    private static void work(Store store, int id, Set<String> pooled, Map<String, Integer> popped,
                             ConcurrentLinkedQueue<String> problems) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String[]> mine = new ArrayList<>();
        int next = 0;
        String snapshot = "snapshot:" + id;
        for (int op = 0; op < OPERATIONS && problems.isEmpty(); op++) {
            switch (random.nextInt(12)) {
                case 0, 1, 2, 3 -> {
                    Reply moved = store.execute("SMOVE", bag(random.nextInt(BAGS)), bag(random.nextInt(BAGS)),
                            "token:" + random.nextInt(TOKENS));
                    if (!(moved instanceof Reply.Int)) {
                        problems.add("SMOVE answered " + moved);
                    }
                }
                case 4, 5 -> {
                    if (mine.size() < 40 && (mine.isEmpty() || random.nextBoolean())) {
                        String[] placed = {bag(random.nextInt(BAGS)), "private:" + id + ":" + next++
                                + (random.nextInt(10) == 0 ? "-" + "x".repeat(70) : "")};
                        if (!store.execute("SADD", placed[0], placed[1]).equals(Reply.integer(1))) {
                            problems.add("SADD of new " + placed[1] + " added nothing");
                        }
                        mine.add(placed);
                    } else {
                        String[] placed = mine.remove(random.nextInt(mine.size()));
                        if (!store.execute("SREM", placed[0], placed[1]).equals(Reply.integer(1))) {
                            problems.add("SREM of " + placed[1] + " from " + placed[0] + " removed nothing");
                        }
                    }
                }
                case 6, 7 -> {
                    List<String> argv = new ArrayList<>(List.of("SADD", POOL));
                    for (int i = 1 + random.nextInt(8); i > 0; i--) {
                        String member = "pooled:" + id + ":" + next++;
                        argv.add(member);
                        pooled.add(member);
                    }
                    store.execute(argv.toArray(new String[0]));
                }
                case 8 -> {
                    Reply reply = store.execute("SPOP", POOL, Integer.toString(1 + random.nextInt(6)));
                    for (Reply member : ((Reply.Array) reply).items()) {
                        popped.merge(((Reply.Bulk) member).utf8(), 1, Integer::sum);
                    }
                }
                case 9 -> {
                    Reply stored = store.execute("SUNIONSTORE", snapshot, bag(0), bag(1), bag(2), bag(3));
                    Reply tokens = store.execute("SINTERCARD", "2", snapshot, ALL_TOKENS);
                    if (!(stored instanceof Reply.Int) || !tokens.equals(Reply.integer(TOKENS))) {
                        problems.add("a snapshot of the bags held " + tokens + " tokens");
                    }
                }
                case 10 -> {
                    Reply both = store.execute("SINTERCARD", "2", bag(random.nextInt(BAGS)), bag(random.nextInt(BAGS)), "LIMIT", "1");
                    Reply all = store.execute("SINTERCARD", "4", bag(0), bag(1), bag(2), bag(3));
                    if (!all.equals(Reply.integer(0)) || !(both instanceof Reply.Int)) {
                        problems.add("a member in every bag: " + all);
                    }
                }
                default -> {
                    Reply member = store.execute("SRANDMEMBER", bag(random.nextInt(BAGS)), Integer.toString(random.nextInt(20) - 10));
                    if (!(member instanceof Reply.Array)) {
                        problems.add("SRANDMEMBER answered " + member);
                    }
                }
            }
        }
        for (String[] placed : mine) {
            store.execute("SREM", placed[0], placed[1]);
        }
        store.execute("DEL", snapshot);
    }
}
