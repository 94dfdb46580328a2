package dev.keel.engine.set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random sequences of the set commands (SADD, SREM, SPOP, SRANDMEMBER, SMOVE, the
 * algebra and its STORE forms, SINTERCARD, membership) applied to Keel and to {@link SetModel}
 * under every encoding regime. Deterministic replies must match exactly (in any order for
 * member lists); SPOP and SRANDMEMBER must pick members the set has, distinct ones for a positive
 * count, and the model follows what SPOP took. After every step: the touched sets' members,
 * sizes and OBJECT ENCODING, and the keyspace's integrity. Sizes go up and down in phases.
 */
class SetModelBasedTest {
    private static final int STEPS = 2_500;
    private static final int PHASE = 250;
    private static final String[] KEYS = {"a", "b", "c", "s"};
    private static final String STRING_PRONE_KEY = "s";

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        AbstractFieldMapTest.thresholds().forEach(thresholds -> {
            for (long seed = 1; seed <= 3; seed++) {
                runs.add(arguments(thresholds.get()[0], seed));
            }
        });
        return runs.stream();
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("runs")
    void randomSetCommands_matchTheReferenceModel(Thresholds thresholds, long seed) {
        Random random = new Random(seed);
        SetModel model = new SetModel(thresholds);
        int maxEntries = thresholds.setMaxPackedEntries();
        int pool = Math.max(2 * maxEntries + 24, 24);
        int batch = Math.max(maxEntries / 4, 4);
        int longMember = Math.max(thresholds.setMaxPackedValue(), 1) + 1;
        try (Store store = Keel.builder().thresholds(thresholds).clock(new ManualClock()).activeExpiry(false).stripes(4).open()) {
            long baseline = store.memoryStats().usedBytes();
            for (int step = 0; step < STEPS; step++) {
                boolean growing = step / PHASE % 2 == 0;
                List<String> argv = command(random, model, growing, pool, batch, longMember);
                String where = "step " + step + ": " + argv;
                Reply actual = store.execute(argv.toArray(new String[0]));
                switch (argv.get(0)) {
                    case "SPOP" -> checkSpop(model, argv, actual, where);
                    case "SRANDMEMBER" -> checkSrandmember(model, argv, actual, where);
                    default -> {
                        Reply expected = model.apply(argv);
                        if (expected instanceof Reply.Array && !argv.get(0).equals("SMISMEMBER")) {
                            actual = SetModel.sorted(members(actual, where));
                        }
                        assertEquals(expected, actual, where);
                    }
                }
                for (String key : touched(argv)) {
                    check(store, model, key, where);
                }
                assertNull(((OffHeapStore) store).verifyIntegrity(), where);
            }
            store.execute("FLUSHALL");
            assertEquals(baseline, store.memoryStats().usedBytes(), "memory after FLUSHALL");
        }
    }

    private static List<String> touched(List<String> argv) {
        List<String> keys = new ArrayList<>();
        for (String key : KEYS) {
            if (argv.subList(1, argv.size()).contains(key)) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static List<String> members(Reply reply, String where) {
        List<String> members = new ArrayList<>();
        for (Reply item : assertInstanceOf(Reply.Array.class, reply, where).items()) {
            members.add(assertInstanceOf(Reply.Bulk.class, item, where).utf8());
        }
        return members;
    }

    private static void checkSpop(SetModel model, List<String> argv, Reply actual, String where) {
        String key = argv.get(1);
        if (model.isString(key)) {
            assertEquals(Reply.error(SetModel.WRONGTYPE), actual, where);
            return;
        }
        SetModel.ModelSet set = model.get(key);
        if (argv.size() == 2) {
            if (set == null) {
                assertEquals(Reply.NIL, actual, where);
                return;
            }
            String member = assertInstanceOf(Reply.Bulk.class, actual, where).utf8();
            assertTrue(set.members.contains(member), where + ": popped " + member + ", not a member");
            model.popped(key, List.of(member));
            return;
        }
        List<String> popped = members(actual, where);
        int count = Integer.parseInt(argv.get(2));
        int size = set == null ? 0 : set.members.size();
        assertEquals(Math.min(count, size), popped.size(), where);
        assertEquals(popped.size(), new HashSet<>(popped).size(), where + ": SPOP repeated a member");
        if (set != null) {
            assertTrue(set.members.containsAll(popped), where + ": popped non-members " + popped);
        }
        model.popped(key, popped);
    }

    private static void checkSrandmember(SetModel model, List<String> argv, Reply actual, String where) {
        String key = argv.get(1);
        if (model.isString(key)) {
            assertEquals(Reply.error(SetModel.WRONGTYPE), actual, where);
            return;
        }
        SetModel.ModelSet set = model.get(key);
        Set<String> members = set == null ? Set.of() : set.members;
        if (argv.size() == 2) {
            if (set == null) {
                assertEquals(Reply.NIL, actual, where);
            } else {
                assertTrue(members.contains(assertInstanceOf(Reply.Bulk.class, actual, where).utf8()), where);
            }
            return;
        }
        List<String> picked = members(actual, where);
        int count = Integer.parseInt(argv.get(2));
        assertTrue(members.containsAll(picked), where + ": picked non-members " + picked);
        if (count >= 0) {
            assertEquals(Math.min(count, members.size()), picked.size(), where);
            assertEquals(picked.size(), new HashSet<>(picked).size(), where + ": repeated a member for a positive count");
        } else {
            assertEquals(members.isEmpty() ? 0 : -count, picked.size(), where);
        }
    }

    private static void check(Store store, SetModel model, String key, String where) {
        if (model.isString(key)) {
            assertEquals(new Reply.Status("string"), store.execute("TYPE", key), where);
            return;
        }
        SetModel.ModelSet set = model.get(key);
        List<String> expected = set == null ? List.of() : new ArrayList<>(set.members);
        assertEquals(SetModel.sorted(expected), SetModel.sorted(members(store.execute("SMEMBERS", key), where)),
                () -> where + ": members of " + key);
        assertEquals(Reply.integer(expected.size()), store.execute("SCARD", key), () -> where + ": SCARD " + key);
        Reply encoding = set == null ? Reply.NIL : Reply.bulk(set.encoding());
        assertEquals(encoding, store.execute("OBJECT", "ENCODING", key),
                () -> where + ": encoding of " + key + " with " + expected.size() + " members");
    }

    private static String key(Random random) {
        return KEYS[random.nextInt(KEYS.length)];
    }

    private static String member(Random random, SetModel model, String key, int pool, int longMember) {
        SetModel.ModelSet set = model.get(key);
        if (set != null && !set.members.isEmpty() && random.nextInt(10) < 4) {
            List<String> members = new ArrayList<>(set.members);
            return members.get(random.nextInt(members.size()));
        }
        return switch (random.nextInt(30)) {
            case 0 -> "";
            case 1 -> "L".repeat(longMember) + random.nextInt(3);
            case 2 -> Integer.toString(random.nextInt(100));
            default -> "m" + random.nextInt(pool);
        };
    }

    private static List<String> command(Random random, SetModel model, boolean growing, int pool, int batch, int longMember) {
        String k = key(random);
        List<String> argv = new ArrayList<>();
        int choice = random.nextInt(growing ? 24 : 34);
        if (choice >= 24) {
            argv.addAll(List.of(random.nextBoolean() ? "SREM" : "SPOP", k));
            if (argv.get(0).equals("SPOP")) {
                argv.add(Integer.toString(random.nextInt(batch * 2)));
            } else {
                int n = 1 + random.nextInt(batch * 2);
                for (int i = 0; i < n; i++) {
                    argv.add(member(random, model, k, pool, longMember));
                }
            }
            return argv;
        }
        switch (choice) {
            case 0, 1, 2, 3, 4, 5 -> {
                argv.addAll(List.of("SADD", k));
                int n = 1 + random.nextInt(random.nextInt(3) == 0 ? batch : 3);
                for (int i = 0; i < n; i++) {
                    argv.add(member(random, model, k, pool, longMember));
                }
            }
            case 6, 7 -> {
                argv.addAll(List.of("SREM", k));
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    argv.add(member(random, model, k, pool, longMember));
                }
            }
            case 8 -> {
                argv.addAll(List.of("SPOP", k));
                if (random.nextBoolean()) {
                    argv.add(Integer.toString(random.nextInt(5)));
                }
            }
            case 9 -> {
                argv.addAll(List.of("SRANDMEMBER", k));
                if (random.nextInt(4) != 0) {
                    argv.add(Integer.toString(random.nextInt(2 * batch + 1) - batch));
                }
            }
            case 10, 11, 12 -> argv.addAll(List.of("SMOVE", k, key(random), member(random, model, k, pool, longMember)));
            case 13, 14 -> {
                String[] stores = {"SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE"};
                argv.addAll(List.of(stores[random.nextInt(3)], k));
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    argv.add(key(random));
                }
            }
            case 15 -> {
                String[] algebra = {"SINTER", "SUNION", "SDIFF"};
                argv.add(algebra[random.nextInt(3)]);
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    argv.add(key(random));
                }
            }
            case 16 -> {
                int n = 1 + random.nextInt(3);
                argv.addAll(List.of("SINTERCARD", Integer.toString(n)));
                for (int i = 0; i < n; i++) {
                    argv.add(key(random));
                }
                if (random.nextBoolean()) {
                    argv.addAll(List.of("LIMIT", Integer.toString(random.nextInt(5))));
                }
            }
            case 17 -> argv.addAll(List.of("SISMEMBER", k, member(random, model, k, pool, longMember)));
            case 18 -> argv.addAll(List.of("SMISMEMBER", k, member(random, model, k, pool, longMember),
                    member(random, model, k, pool, longMember)));
            case 19 -> argv.addAll(List.of("SCARD", k));
            case 20 -> {
                int draw = random.nextInt(10);
                if (draw == 0) {
                    argv.addAll(List.of("SET", STRING_PRONE_KEY, "a string"));
                } else if (draw <= 2 || model.isString(STRING_PRONE_KEY)) {
                    argv.addAll(List.of("DEL", draw <= 2 ? k : STRING_PRONE_KEY));
                } else {
                    argv.addAll(List.of("SMEMBERS", k));
                }
            }
            default -> {
                argv.addAll(List.of("SADD", k));
                int n = 1 + random.nextInt(batch);
                for (int i = 0; i < n; i++) {
                    argv.add("m" + random.nextInt(pool));
                }
            }
        }
        return argv;
    }
}
