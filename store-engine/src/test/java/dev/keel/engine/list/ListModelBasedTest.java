package dev.keel.engine.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.Thresholds;
import dev.keel.engine.ManualClock;
import dev.keel.engine.OffHeapStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random sequences of the non-blocking list commands over a few keys, applied to Keel and
 * to {@link ListModel}, compared reply by reply, with the keyspace's integrity (list chains
 * included) checked after every step, under every encoding regime. Values run from empty to
 * about 300 bytes, so LSET and LINSERT change entry sizes and nodes split and merge.
 */
class ListModelBasedTest {
    private static final int STEPS = 5_000;
    private static final String[] KEYS = {"a", "b", "c", "d"};
    /** The one key that SET turns into a string now and then, for the WRONGTYPE paths. */
    private static final String STRING_PRONE_KEY = "d";
    private static final int MAX_ELEMENTS = 1_500;

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        AbstractListTest.thresholds().forEach(thresholds -> {
            for (long seed = 1; seed <= 4; seed++) {
                runs.add(arguments(thresholds.get()[0], seed));
            }
        });
        return runs.stream();
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("runs")
    void randomListCommands_matchTheReferenceModel(Thresholds thresholds, long seed) {
        Random random = new Random(seed);
        ListModel model = new ListModel();
        try (Store store = Keel.builder().thresholds(thresholds).clock(new ManualClock()).activeExpiry(false).open()) {
            OffHeapStore engine = (OffHeapStore) store;
            for (int step = 0; step < STEPS; step++) {
                List<String> argv = randomCommand(random, model);
                Reply expected = model.apply(argv);
                Reply actual = store.execute(argv.toArray(new String[0]));
                int at = step;
                assertEquals(expected, actual, () -> "step " + at + ": " + argv);
                assertNull(engine.verifyIntegrity(), () -> "step " + at + ": " + argv);
                for (String key : KEYS) {
                    checkEncoding(store, thresholds, model, key, step, argv);
                }
            }
        }
    }

    /** A list whose entries do not fit in one node must be a quicklist; threshold 0 makes all of them one. */
    private static void checkEncoding(Store store, Thresholds thresholds, ListModel model, String key, int step, List<String> argv) {
        List<String> list = model.list(key);
        if (list == null) {
            return;
        }
        long bytes = list.stream().mapToLong(value -> ListNodeDescriptor.entryLength(value.length())).sum();
        int room = thresholds.listMaxPackedBytes() - ListNodeDescriptor.HEADER_LENGTH;
        if (room <= 0 || bytes > room) {
            assertEquals(Reply.bulk("quicklist"), store.execute("OBJECT", "ENCODING", key),
                    () -> "step " + step + ": " + argv + ", " + key + " holds " + bytes + " bytes of entries");
        }
    }

    private static String key(Random random) {
        return KEYS[random.nextInt(KEYS.length)];
    }

    private static String value(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> "";
            case 1, 2 -> "v" + random.nextInt(6);
            case 3 -> "m" + "x".repeat(random.nextInt(60));
            case 4 -> "L" + "y".repeat(100 + random.nextInt(200));
            case 5 -> "B" + "z".repeat(125 + random.nextInt(6));
            default -> Integer.toString(random.nextInt(50));
        };
    }

    /** A value likely to be in the list at {@code key}, so that searches find something. */
    private static String member(Random random, ListModel model, String key) {
        List<String> list = model.list(key);
        if (list == null || list.isEmpty() || random.nextInt(4) == 0) {
            return value(random);
        }
        return list.get(random.nextInt(list.size()));
    }

    private static String index(Random random, ListModel model, String key) {
        List<String> list = model.list(key);
        int size = list == null ? 0 : list.size();
        return Integer.toString(random.nextInt(2 * size + 5) - size - 2);
    }

    private static String direction(Random random) {
        return random.nextBoolean() ? "LEFT" : "RIGHT";
    }

    private static List<String> randomCommand(Random random, ListModel model) {
        String k = key(random);
        List<String> argv = new ArrayList<>();
        boolean shrink = model.totalElements() > MAX_ELEMENTS;
        int choice = shrink ? 6 + random.nextInt(3) : random.nextInt(26);
        switch (choice) {
            case 0, 1, 2, 3, 4, 5 -> {
                String[] pushes = {"LPUSH", "RPUSH", "LPUSH", "RPUSH", "LPUSHX", "RPUSHX"};
                argv.addAll(List.of(pushes[random.nextInt(pushes.length)], k));
                int n = 1 + random.nextInt(random.nextInt(10) == 0 ? 40 : 4);
                for (int i = 0; i < n; i++) {
                    argv.add(value(random));
                }
            }
            case 6, 7 -> {
                argv.addAll(List.of(random.nextBoolean() ? "LPOP" : "RPOP", k));
                int count = random.nextInt(8);
                if (count > 0) {
                    argv.add(Integer.toString(count == 7 ? -1 : random.nextInt(count * 3)));
                }
            }
            case 8 -> {
                if (shrink) {
                    argv.addAll(List.of("LTRIM", k, "0", "99"));
                } else if (random.nextInt(4) == 0) {
                    argv.addAll(List.of("LTRIM", k, index(random, model, k), index(random, model, k)));
                } else {
                    argv.addAll(List.of("LTRIM", k, Integer.toString(random.nextInt(4)), Integer.toString(-1 - random.nextInt(4))));
                }
            }
            case 9 -> argv.addAll(List.of("LINDEX", k, index(random, model, k)));
            case 10, 11 -> argv.addAll(List.of("LSET", k, index(random, model, k), value(random)));
            case 12 -> argv.addAll(List.of("LRANGE", k, index(random, model, k), index(random, model, k)));
            case 13, 14 -> argv.addAll(List.of("LINSERT", k, random.nextBoolean() ? "BEFORE" : "AFTER", member(random, model, k),
                    value(random)));
            case 15 -> argv.addAll(List.of("LREM", k, Integer.toString(random.nextInt(7) - 3), member(random, model, k)));
            case 16, 17 -> {
                argv.addAll(List.of("LPOS", k, member(random, model, k)));
                if (random.nextBoolean()) {
                    int rank = random.nextInt(7) - 3;
                    argv.addAll(List.of("RANK", Integer.toString(rank == 0 && random.nextInt(4) != 0 ? 1 : rank)));
                }
                if (random.nextBoolean()) {
                    argv.addAll(List.of("COUNT", Integer.toString(random.nextInt(5) - (random.nextInt(20) == 0 ? 5 : 0))));
                }
                if (random.nextBoolean()) {
                    argv.addAll(List.of("MAXLEN", Integer.toString(random.nextInt(12) - (random.nextInt(20) == 0 ? 12 : 0))));
                }
            }
            case 18, 19 -> argv.addAll(List.of("LMOVE", k, key(random), direction(random), direction(random)));
            case 20 -> argv.addAll(List.of("RPOPLPUSH", k, key(random)));
            case 21 -> {
                int numkeys = 1 + random.nextInt(3);
                argv.addAll(List.of("LMPOP", Integer.toString(numkeys)));
                for (int i = 0; i < numkeys; i++) {
                    argv.add(key(random));
                }
                argv.add(direction(random));
                if (random.nextBoolean()) {
                    argv.addAll(List.of("COUNT", Integer.toString(random.nextInt(6))));
                }
            }
            case 22 -> {
                int draw = random.nextInt(12);
                if (draw == 0) {
                    argv.addAll(List.of("SET", STRING_PRONE_KEY, "a string"));
                } else if (draw < 3) {
                    argv.addAll(List.of("DEL", draw == 1 ? STRING_PRONE_KEY : k));
                } else {
                    argv.addAll(List.of("LLEN", k));
                }
            }
            default -> argv.addAll(List.of("LRANGE", k, "0", "-1"));
        }
        return argv;
    }
}
