package dev.keel.engine.hash;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random sequences of the hash write commands (HSET, HDEL, HINCRBY, HSETNX, HGETDEL, the
 * KEEL.* extensions, the field-expiry commands) and a moving {@link ManualClock}, applied to
 * Keel and to {@link HashModel}, under every encoding regime. After every step: the reply, the
 * touched hash's fields and values (in any order), its size, every field's expiry, its OBJECT
 * ENCODING as the thresholds dictate, and the keyspace's integrity. Sizes go up and down in
 * phases, so every hash crosses the packed limits both ways many times.
 */
class HashModelBasedTest {
    private static final int STEPS = 2_500;
    private static final int PHASE = 250;
    private static final String[] KEYS = {"a", "b", "c", "s"};
    /** The one key SET now and then turns into a string, for the WRONGTYPE paths. */
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
    void randomHashCommands_matchTheReferenceModel(Thresholds thresholds, long seed) {
        Random random = new Random(seed);
        ManualClock clock = new ManualClock();
        HashModel model = new HashModel(thresholds);
        Generator generator = new Generator(random, thresholds, model);
        try (Store store = Keel.builder().thresholds(thresholds).clock(clock).activeExpiry(false).stripes(4).open()) {
            long baseline = store.memoryStats().usedBytes();
            for (int step = 0; step < STEPS; step++) {
                if (random.nextInt(12) == 0) {
                    clock.advanceMillis(1 + random.nextInt(random.nextBoolean() ? 50 : 600));
                    continue;
                }
                List<String> argv = generator.command(step / PHASE % 2 == 0);
                String where = "step " + step + ": " + argv;
                Reply expected = model.apply(argv, clock.millis());
                Reply actual = store.execute(argv.toArray(new String[0]));
                assertEquals(expected, actual, where);
                check(store, model, argv.get(1), clock.millis(), where);
                assertNull(((OffHeapStore) store).verifyIntegrity(), where);
            }
            for (String key : KEYS) {
                check(store, model, key, clock.millis(), "at the end");
            }
            store.execute("FLUSHALL");
            assertEquals(baseline, store.memoryStats().usedBytes(), "memory after FLUSHALL");
        }
    }

    /** Compares the hash at {@code key}: fields, values, size, expiries and encoding. */
    private static void check(Store store, HashModel model, String key, long now, String where) {
        if (model.isString(key)) {
            assertEquals(new Reply.Status("string"), store.execute("TYPE", key), where);
            return;
        }
        HashModel.Hash hash = model.read(key, now);
        Map<String, String> expected = new HashMap<>();
        List<String> fields = new ArrayList<>();
        List<Reply> expiries = new ArrayList<>();
        if (hash != null) {
            hash.fields.forEach((field, value) -> {
                expected.put(field, value.value());
                fields.add(field);
                expiries.add(Reply.integer(value.expireAt() == 0 ? -1 : value.expireAt()));
            });
        }
        Map<String, String> actual = new HashMap<>();
        List<Reply> items = ((Reply.Array) store.execute("HGETALL", key)).items();
        for (int i = 0; i < items.size(); i += 2) {
            actual.put(((Reply.Bulk) items.get(i)).utf8(), ((Reply.Bulk) items.get(i + 1)).utf8());
        }
        assertEquals(expected, actual, () -> where + ": fields of " + key);
        assertEquals(Reply.integer(expected.size()), store.execute("HLEN", key), () -> where + ": HLEN " + key);
        if (hash == null) {
            assertEquals(Reply.integer(0), store.execute("EXISTS", key), () -> where + ": " + key + " should be gone");
            return;
        }
        List<String> argv = new ArrayList<>(List.of("HPEXPIRETIME", key, "FIELDS", Integer.toString(fields.size())));
        argv.addAll(fields);
        assertEquals(Reply.array(expiries), store.execute(argv.toArray(new String[0])), () -> where + ": expiries of " + key);
        assertEquals(Reply.bulk(hash.encoding().objectName()), store.execute("OBJECT", "ENCODING", key),
                () -> where + ": encoding of " + key + " with " + expected.size() + " fields");
    }

    /** Random commands, biased to grow the hashes in one phase and shrink them in the next. */
    private static final class Generator {
        private final Random random;
        private final HashModel model;
        private final int fieldPool;
        private final int batch;
        private final int shortLimit;

        Generator(Random random, Thresholds thresholds, HashModel model) {
            this.random = random;
            this.model = model;
            int maxEntries = thresholds.hashMaxPackedEntries();
            this.fieldPool = Math.max(2 * maxEntries + 24, 24);
            this.batch = Math.max(maxEntries / 4, 4);
            this.shortLimit = Math.max(thresholds.hashMaxPackedValue(), 1);
        }

        private String key() {
            return KEYS[random.nextInt(KEYS.length)];
        }

        /** Mostly a field the hash at {@code key} has (expired or not), else any field. */
        private String existingField(String key) {
            HashModel.Hash hash = model.peek(key);
            if (hash == null || hash.fields.isEmpty() || random.nextInt(10) < 3) {
                return field();
            }
            List<String> fields = new ArrayList<>(hash.fields.keySet());
            return fields.get(random.nextInt(fields.size()));
        }

        private String field() {
            return switch (random.nextInt(40)) {
                case 0 -> "long-field-" + random.nextInt(4);
                case 1 -> "F".repeat(shortLimit + 1) + random.nextInt(2);
                case 2 -> "";
                default -> "f" + random.nextInt(fieldPool);
            };
        }

        private String value() {
            return switch (random.nextInt(14)) {
                case 0 -> "";
                case 1, 2, 3 -> "v" + random.nextInt(50);
                case 4 -> "x".repeat(9 + random.nextInt(4));
                case 5 -> "y".repeat(shortLimit - 1 + random.nextInt(3));
                default -> Long.toString(random.nextInt(2_000) - 1_000);
            };
        }

        private String millis() {
            return switch (random.nextInt(20)) {
                case 0 -> "0";
                case 1 -> Integer.toString(100_000 + random.nextInt(1_000));
                default -> Integer.toString(1 + random.nextInt(1_500));
            };
        }

        /** FIELDS n f1 ... fn, mostly fields of the hash at {@code argv[1]}. */
        private void fields(List<String> argv, int max) {
            int n = 1 + random.nextInt(max);
            argv.addAll(List.of("FIELDS", Integer.toString(n)));
            for (int i = 0; i < n; i++) {
                argv.add(existingField(argv.get(1)));
            }
        }

        List<String> command(boolean growing) {
            String k = key();
            List<String> argv = new ArrayList<>();
            int choice = random.nextInt(growing ? 30 : 50);
            if (!growing && choice >= 30) {
                argv.addAll(List.of(random.nextBoolean() ? "HDEL" : "HGETDEL", k));
                if (argv.get(0).equals("HGETDEL")) {
                    fields(argv, batch * 2);
                } else {
                    int n = 1 + random.nextInt(batch * 2);
                    for (int i = 0; i < n; i++) {
                        argv.add(existingField(k));
                    }
                }
                return argv;
            }
            switch (choice) {
                case 0, 1, 2, 3, 4, 5, 6 -> {
                    argv.addAll(List.of(random.nextInt(8) == 0 ? "HMSET" : "HSET", k));
                    int n = 1 + random.nextInt(random.nextInt(4) == 0 ? batch : 3);
                    for (int i = 0; i < n; i++) {
                        argv.add(field());
                        argv.add(value());
                    }
                }
                case 7, 8 -> {
                    argv.addAll(List.of("HDEL", k));
                    int n = 1 + random.nextInt(3);
                    for (int i = 0; i < n; i++) {
                        argv.add(existingField(k));
                    }
                }
                case 9, 10 -> {
                    long increment = random.nextInt(30) == 0 ? Long.MAX_VALUE - random.nextInt(3) : random.nextInt(200) - 100;
                    argv.addAll(List.of("HINCRBY", k, random.nextBoolean() ? "n" + random.nextInt(3) : existingField(k), Long.toString(increment)));
                }
                case 11 -> argv.addAll(List.of("HSETNX", k, field(), value()));
                case 12 -> {
                    argv.addAll(List.of("HGETDEL", k));
                    fields(argv, 3);
                }
                case 13 -> argv.addAll(List.of(random.nextBoolean() ? "KEEL.HGETSET" : "KEEL.HREPLACE", k, field(), value()));
                case 14 -> {
                    String field = field();
                    argv.addAll(List.of("KEEL.HCAS", k, field, currentOrRandom(k, field), value()));
                }
                case 15 -> {
                    String field = field();
                    argv.addAll(List.of("KEEL.HCAD", k, field, currentOrRandom(k, field)));
                }
                case 16, 17, 18 -> {
                    argv.addAll(List.of("HPEXPIRE", k, millis()));
                    if (random.nextInt(3) == 0) {
                        argv.add(List.of("NX", "XX", "GT", "LT").get(random.nextInt(4)));
                    }
                    fields(argv, random.nextInt(4) == 0 ? batch : 3);
                }
                case 19 -> {
                    argv.addAll(List.of("HPERSIST", k));
                    fields(argv, random.nextInt(4) == 0 ? batch : 3);
                }
                case 20, 21 -> {
                    argv.addAll(List.of("HSETEX", k));
                    int draw = random.nextInt(8);
                    if (draw == 0) {
                        argv.add("FNX");
                    } else if (draw == 1) {
                        argv.add("FXX");
                    }
                    int option = random.nextInt(4);
                    if (option <= 1) {
                        argv.addAll(List.of("PX", millis()));
                    } else if (option == 2) {
                        argv.add("KEEPTTL");
                    }
                    int n = 1 + random.nextInt(3);
                    argv.addAll(List.of("FIELDS", Integer.toString(n)));
                    for (int i = 0; i < n; i++) {
                        argv.add(field());
                        argv.add(value());
                    }
                }
                case 22 -> {
                    argv.addAll(List.of("HGETEX", k));
                    int option = random.nextInt(3);
                    if (option == 0) {
                        argv.addAll(List.of("PX", millis()));
                    } else if (option == 1) {
                        argv.add("PERSIST");
                    }
                    fields(argv, 3);
                }
                case 23 -> {
                    argv.addAll(List.of("HPTTL", k));
                    fields(argv, 3);
                }
                case 24 -> argv.addAll(List.of("HGET", k, existingField(k)));
                case 25 -> argv.addAll(List.of("HLEN", k));
                case 26 -> {
                    int draw = random.nextInt(10);
                    if (draw == 0) {
                        argv.addAll(List.of("SET", STRING_PRONE_KEY, "a string"));
                    } else if (draw <= 2 || model.isString(STRING_PRONE_KEY)) {
                        argv.addAll(List.of("DEL", draw <= 2 ? k : STRING_PRONE_KEY));
                    } else {
                        argv.addAll(List.of("HLEN", k));
                    }
                }
                default -> {
                    argv.addAll(List.of("HSET", k));
                    int n = 1 + random.nextInt(batch);
                    for (int i = 0; i < n; i++) {
                        argv.add("f" + random.nextInt(fieldPool));
                        argv.add("v" + random.nextInt(9));
                    }
                }
            }
            return argv;
        }

        /** The field's value as the model has it (even if expired) most of the time, else any value. */
        private String currentOrRandom(String key, String field) {
            HashModel.Hash hash = model.sizeOf(key) > 0 && random.nextInt(4) != 0 ? model.peek(key) : null;
            HashModel.Field current = hash == null ? null : hash.fields.get(field);
            return current == null ? value() : current.value();
        }
    }
}
