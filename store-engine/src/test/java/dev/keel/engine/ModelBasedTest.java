package dev.keel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seeded random command sequences applied to Keel and to {@link StringModel}, compared reply by
 * reply, with the keyspace's integrity checked after every step.
 */
class ModelBasedTest {

    @ParameterizedTest(name = "seed {0}, {1} keys, {2} stripes")
    @CsvSource({"1, 8, 1", "2, 8, 64", "3, 200, 1", "4, 200, 4", "5, 2000, 64", "6, 30, 2"})
    void randomCommands_matchTheReferenceModel(long seed, int keySpace, int stripes) {
        ManualClock clock = new ManualClock();
        Random random = new Random(seed);
        StringModel model = new StringModel(clock);
        try (Store store = Keel.builder().clock(clock).activeExpiry(false).stripes(stripes).open()) {
            OffHeapStore engine = (OffHeapStore) store;
            for (int step = 0; step < 6_000; step++) {
                if (random.nextInt(20) == 0) {
                    clock.advanceMillis(random.nextInt(3_000));
                }
                List<String> argv = randomCommand(random, keySpace);
                Reply expected = model.apply(argv);
                Reply actual = store.execute(argv.toArray(new String[0]));
                if ("KEYS".equals(argv.get(0))) {
                    actual = sorted(actual);
                }
                assertEquals(expected, actual, "step " + step + ": " + argv);
                assertNull(engine.verifyIntegrity(), "step " + step + ": " + argv);
            }
        }
    }

    private static Reply sorted(Reply reply) {
        List<Reply> items = new ArrayList<>(((Reply.Array) reply).items());
        items.sort(Comparator.comparing(r -> new String(((Reply.Bulk) r).bytes(), StandardCharsets.UTF_8)));
        return Reply.array(items);
    }

    private static String key(Random random, int keySpace) {
        return "k" + random.nextInt(keySpace);
    }

    private static String value(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Integer.toString(random.nextInt(2_000) - 1_000);
            case 1 -> "v" + random.nextInt(100);
            case 2 -> "x".repeat(random.nextInt(120));
            default -> "long-" + "y".repeat(30 + random.nextInt(400));
        };
    }

    private static List<String> randomCommand(Random random, int keySpace) {
        String k = key(random, keySpace);
        List<String> argv = new ArrayList<>();
        switch (random.nextInt(19)) {
            case 0, 1 -> {
                argv.addAll(List.of("SET", k, value(random)));
                int condition = random.nextInt(4);
                if (condition == 1) {
                    argv.add("NX");
                } else if (condition == 2) {
                    argv.add("XX");
                }
                int expiry = random.nextInt(5);
                if (expiry == 1) {
                    argv.addAll(List.of("EX", Integer.toString(1 + random.nextInt(5))));
                } else if (expiry == 2) {
                    argv.addAll(List.of("PX", Integer.toString(1 + random.nextInt(5_000))));
                } else if (expiry == 3) {
                    argv.add("KEEPTTL");
                }
                if (random.nextBoolean()) {
                    argv.add("GET");
                }
            }
            case 2, 3 -> argv.addAll(List.of("GET", k));
            case 4 -> argv.addAll(List.of("DEL", k, key(random, keySpace)));
            case 5 -> argv.addAll(List.of("EXISTS", k, key(random, keySpace), k));
            case 6 -> argv.addAll(List.of("INCRBY", k, Integer.toString(random.nextInt(200) - 100)));
            case 7 -> argv.addAll(List.of("APPEND", k, value(random)));
            case 8 -> argv.addAll(List.of("STRLEN", k));
            case 9 -> {
                argv.addAll(List.of("PEXPIRE", k, Integer.toString(random.nextInt(6_000) - 500)));
                String[] conditions = {"NX", "XX", "GT", "LT"};
                if (random.nextInt(3) == 0) {
                    argv.add(conditions[random.nextInt(4)]);
                }
            }
            case 10 -> argv.addAll(List.of("PTTL", k));
            case 11 -> argv.addAll(List.of("PERSIST", k));
            case 12 -> argv.addAll(List.of("RENAME", k, key(random, keySpace)));
            case 13 -> {
                argv.addAll(List.of("COPY", k, key(random, keySpace)));
                if (random.nextBoolean()) {
                    argv.add("REPLACE");
                }
            }
            case 14 -> argv.addAll(List.of("MSET", k, value(random), key(random, keySpace), value(random)));
            case 15 -> argv.addAll(List.of("MGET", k, key(random, keySpace), key(random, keySpace)));
            case 16 -> argv.addAll(List.of("GETDEL", k));
            case 17 -> {
                if (random.nextBoolean()) {
                    argv.addAll(List.of("SETRANGE", k, Integer.toString(random.nextInt(50)), value(random)));
                } else {
                    argv.addAll(List.of("GETRANGE", k, Integer.toString(random.nextInt(40) - 20),
                            Integer.toString(random.nextInt(40) - 20)));
                }
            }
            default -> argv.add("KEYS");
        }
        if (argv.size() == 1) {
            argv.add("*");
        }
        return argv;
    }
}
