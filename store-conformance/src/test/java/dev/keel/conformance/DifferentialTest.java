package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.Thresholds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded random command sequences run on Keel and on a real redis-server, replies compared one by
 * one. On a divergence the test prints the seed and the shortest command sequence it could find
 * that still reproduces it. The seeds take turns over Keel configurations: default thresholds,
 * every value in its scalable encoding (lists in linked nodes of one element, hashes and sets in
 * hash tables, sorted sets in ordered indexes, streams in blocks of two entries), and small limits
 * (list nodes of a few elements, hashes, sets and sorted sets of a few entries, stream blocks of a
 * few entries) so that values split, merge and convert back and forth.
 */
class DifferentialTest {
    private static final int SEEDS = 36;
    private static final int COMMANDS_PER_SEED = 3_000;
    /** Node size of the small-limits configuration: a few of the grammar's elements per node. */
    private static final int SMALL_NODE_BYTES = 400;
    /** Entries and entry bytes of a packed hash, set or sorted set in the small-limits configuration. */
    private static final int SMALL_PACKED_ENTRIES = 8;
    private static final int SMALL_PACKED_VALUE = 20;
    /** Entries of a stream block in the small-limits configuration. */
    private static final int SMALL_STREAM_BLOCK_ENTRIES = 3;
    private static final int KEYS = 6;
    private static final AtomicLong COMPARED = new AtomicLong();
    private static final Duration SHRINK_BUDGET = Duration.ofSeconds(60);
    /** The XINFO fields whose values follow the clock or Redis's own encoding. */
    private static final List<String> CLOCK_AND_ENCODING_FIELDS = List.of("idle", "inactive", "radix-tree-keys", "radix-tree-nodes");
    /** The commands whose reply Redis draws at random. */
    private static final List<String> RANDOM_REPLIES = List.of("SRANDMEMBER", "HRANDFIELD", "ZRANDMEMBER");

    @AfterAll
    static void report() {
        System.out.println("DifferentialTest: " + COMPARED.get() + " random commands compared with redis-server "
                + RedisServer.shared().version());
    }

    @Test
    void randomSequences_answerAsRedisDoes() {
        long baseSeed = Long.getLong("keel.differential.seed", 20261125L);
        try (Store defaults = Keel.inMemory();
                Store linked = Keel.builder().thresholds(Thresholds.scalableAlways()).open();
                Store smallNodes = Keel.builder().thresholds(Thresholds.defaults().withListMaxPackedBytes(SMALL_NODE_BYTES)
                        .withHashMaxPacked(SMALL_PACKED_ENTRIES, SMALL_PACKED_VALUE)
                        .withSetMaxPacked(SMALL_PACKED_ENTRIES, SMALL_PACKED_VALUE)
                        .withZsetMaxPacked(SMALL_PACKED_ENTRIES, SMALL_PACKED_VALUE)
                        .withStreamNodeMax(SMALL_NODE_BYTES, SMALL_STREAM_BLOCK_ENTRIES)).open();
                Store redis = Keel.redis(RedisServer.shared().uri())) {
            List<Store> configurations = List.of(defaults, linked, smallNodes);
            for (long seed = baseSeed; seed < baseSeed + SEEDS; seed++) {
                Store keel = configurations.get(Math.floorMod(seed, configurations.size()));
                CommandGrammar grammar = new CommandGrammar(new Random(seed), KEYS);
                List<List<String>> commands = new ArrayList<>();
                for (int i = 0; i < COMMANDS_PER_SEED; i++) {
                    commands.add(grammar.next());
                }
                int divergence = firstDivergence(keel, redis, commands);
                if (divergence >= 0) {
                    List<List<String>> shortest = shrink(keel, redis, new ArrayList<>(commands.subList(0, divergence + 1)));
                    StringBuilder report = new StringBuilder("seed " + seed + " (Keel " + keelName(configurations.indexOf(keel))
                            + "): Keel and Redis diverge; shortest reproduction:\n");
                    reset(keel, redis);
                    for (List<String> argv : shortest) {
                        report.append("  ").append(String.join(" ", argv))
                                .append("\n      keel:  ").append(normalize(argv, keel.execute(argv.toArray(new String[0]))))
                                .append("\n      redis: ").append(normalize(argv, redis.execute(argv.toArray(new String[0]))))
                                .append('\n');
                    }
                    fail(report.toString());
                }
            }
        }
    }

    private static String keelName(int configuration) {
        return List.of("default thresholds", "scalable encodings", "list nodes of " + SMALL_NODE_BYTES
                + " bytes, hashes, sets and sorted sets of " + SMALL_PACKED_ENTRIES + " entries of " + SMALL_PACKED_VALUE + " bytes, "
                + "stream blocks of " + SMALL_STREAM_BLOCK_ENTRIES + " entries")
                .get(configuration);
    }

    private static void reset(Store keel, Store redis) {
        keel.execute("FLUSHALL");
        redis.execute("FLUSHALL");
    }

    /** Runs the commands on fresh stores; returns the index of the first differing reply, or -1. */
    private static int firstDivergence(Store keel, Store redis, List<List<String>> commands) {
        reset(keel, redis);
        for (int i = 0; i < commands.size(); i++) {
            String[] argv = commands.get(i).toArray(new String[0]);
            Reply expected = normalize(commands.get(i), redis.execute(argv));
            Reply actual = normalize(commands.get(i), keel.execute(argv));
            COMPARED.incrementAndGet();
            if (!expected.equals(actual)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Delta debugging: removes chunks of commands while the last command still diverges. Replays
     * are capped in number and in time: a blocking command on an empty key costs about 100 ms on
     * the real server each time it is replayed.
     */
    private static List<List<String>> shrink(Store keel, Store redis, List<List<String>> failing) {
        List<List<String>> current = failing;
        int chunk = Math.max(1, (current.size() - 1) / 2);
        int replays = 0;
        long deadline = System.nanoTime() + SHRINK_BUDGET.toNanos();
        while (chunk >= 1 && replays < 2_000 && System.nanoTime() < deadline) {
            boolean removed = false;
            for (int start = 0; start + chunk < current.size() && System.nanoTime() < deadline; ) {
                List<List<String>> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(current.subList(start + chunk, current.size()));
                replays++;
                if (firstDivergence(keel, redis, candidate) == candidate.size() - 1) {
                    current = candidate;
                    removed = true;
                } else {
                    start += chunk;
                }
            }
            if (!removed) {
                chunk /= 2;
            }
        }
        return current;
    }

    /**
     * Makes replies comparable: KEYS answers in no particular order, and an expiry set relative to
     * "now" (EX, PX, SETEX, EXPIRE) lands on each server a few milliseconds apart, so EXPIRETIME
     * and PEXPIRETIME of such an expiry only say "within the next days". OBJECT ENCODING of a list,
     * hash, set or sorted set only says "a collection encoding": Redis 7.0 reports quicklist for
     * every list and intset for small sets of integers, Keel reports listpack for small lists and
     * small sets, and the thresholds differ by configuration (the contract tests pin the encodings
     * down).
     *
     * <p>Replies Redis gives in no defined order (SMEMBERS, SINTER, SUNION, SDIFF, SPOP with a
     * count, HKEYS, HVALS, HGETALL) are sorted, HGETALL's by field. Replies Redis draws at random
     * are reduced to their shape: SRANDMEMBER, HRANDFIELD and ZRANDMEMBER without a count to "a
     * member", with a count to how many items they hold and, for a positive count, whether any
     * repeats.
     *
     * <p>Stream replies keep everything but the clock and Redis's encoding: the idle time of each
     * entry XPENDING lists, XINFO CONSUMERS' idle (and 7.2's inactive) time, and XINFO STREAM's
     * radix tree counts are replaced by their names.
     */
    private static Reply normalize(List<String> argv, Reply reply) {
        String command = argv.get(0);
        if (command.equals("OBJECT") && reply instanceof Reply.Bulk encoding
                && List.of("quicklist", "listpack", "hashtable", "intset", "skiplist").contains(encoding.utf8())) {
            return Reply.bulk("(a collection encoding)");
        }
        boolean expireTime = command.equals("PEXPIRETIME") || command.equals("EXPIRETIME");
        if (expireTime && reply instanceof Reply.Int time && time.value() > 0) {
            long millis = command.equals("EXPIRETIME") ? time.value() * 1000 : time.value();
            if (Math.abs(millis - System.currentTimeMillis()) < 30L * 24 * 3600 * 1000) {
                return Reply.bulk("(relative expiry within 30 days)");
            }
        }
        if (!(reply instanceof Reply.Array array)) {
            return RANDOM_REPLIES.contains(command) && reply instanceof Reply.Bulk
                    ? Reply.bulk("(a member)") : reply;
        }
        return switch (command) {
            case "KEYS", "SMEMBERS", "SINTER", "SUNION", "SDIFF", "SPOP", "HKEYS", "HVALS" -> sorted(array.items());
            case "HGETALL" -> sortedPairs(array.items());
            case "SRANDMEMBER", "HRANDFIELD", "ZRANDMEMBER" -> randomShape(argv, array.items());
            case "XPENDING" -> argv.size() > 3 ? withoutIdleTimes(array.items()) : reply;
            case "XINFO" -> withoutClockAndEncoding(reply);
            default -> reply;
        };
    }

    /** XPENDING's extended form with each entry's idle time (its third item) replaced by a name. */
    private static Reply withoutIdleTimes(List<Reply> entries) {
        List<Reply> normalized = new ArrayList<>();
        for (Reply entry : entries) {
            if (entry instanceof Reply.Array parts && parts.items().size() == 4) {
                List<Reply> items = new ArrayList<>(parts.items());
                items.set(2, Reply.bulk("(idle)"));
                normalized.add(Reply.array(items));
            } else {
                normalized.add(entry);
            }
        }
        return Reply.array(normalized);
    }

    /** An XINFO reply with the value after each of {@link #CLOCK_AND_ENCODING_FIELDS}, at any depth, replaced by that name. */
    private static Reply withoutClockAndEncoding(Reply reply) {
        if (!(reply instanceof Reply.Array array)) {
            return reply;
        }
        List<Reply> items = new ArrayList<>(array.items());
        for (int i = 0; i < items.size(); i++) {
            if (i + 1 < items.size() && items.get(i) instanceof Reply.Bulk name && CLOCK_AND_ENCODING_FIELDS.contains(name.utf8())) {
                items.set(++i, Reply.bulk("(" + name.utf8() + ")"));
            } else {
                items.set(i, withoutClockAndEncoding(items.get(i)));
            }
        }
        return Reply.array(items);
    }

    private static String text(Reply reply) {
        return reply instanceof Reply.Bulk bulk ? new String(bulk.bytes(), StandardCharsets.ISO_8859_1) : reply.toString();
    }

    private static Reply sorted(List<Reply> items) {
        List<Reply> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing(DifferentialTest::text));
        return Reply.array(copy);
    }

    private static Reply sortedPairs(List<Reply> items) {
        List<List<Reply>> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < items.size(); i += 2) {
            pairs.add(List.of(items.get(i), items.get(i + 1)));
        }
        pairs.sort(Comparator.comparing(pair -> text(pair.get(0))));
        List<Reply> flat = new ArrayList<>();
        pairs.forEach(flat::addAll);
        if (items.size() % 2 != 0) {
            flat.add(items.get(items.size() - 1));
        }
        return Reply.array(flat);
    }

    /** How many items a random reply holds and, for a positive count, whether one repeats (Redis never repeats one). */
    private static Reply randomShape(List<String> argv, List<Reply> items) {
        boolean withValues = argv.size() > 3;
        List<String> members = new ArrayList<>();
        for (int i = 0; i < items.size(); i += withValues ? 2 : 1) {
            members.add(text(items.get(i)));
        }
        boolean positive = argv.size() > 2 && !argv.get(2).startsWith("-");
        boolean repeats = positive && new HashSet<>(members).size() != members.size();
        return Reply.bulk("(" + items.size() + " random items" + (repeats ? ", some repeated" : "") + ")");
    }
}
