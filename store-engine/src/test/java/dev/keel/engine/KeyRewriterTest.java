package dev.keel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import dev.keel.Thresholds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * KeyRewriter end to end: data of every type built through commands is rewritten stripe by
 * stripe, the lines are replayed into a fresh store at the same millisecond, and the two stores
 * must answer the same to every read command, key by key (TYPE, PEXPIRETIME, GET, LRANGE,
 * HGETALL with each field's HPEXPIRETIME, SMEMBERS, ZRANGE WITHSCORES, XRANGE, XINFO STREAM (FULL),
 * XINFO GROUPS, XPENDING). Only what the class comment says cannot round-trip is left out: a
 * consumer's seen-time and active-time and the stream block counts (radix-tree-keys/-nodes).
 *
 * <p>Runs under Redis's thresholds, with every value in its scalable encoding, and with tiny
 * limits so that small values already cross every conversion. Every line must be one of the real
 * Redis commands the rewriter may use, within the batch limits, and be accepted by the replaying
 * store. The clock only moves by even milliseconds and every time to live is odd, so nothing
 * expires exactly at the rewrite's millisecond (a case the class comment documents).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("thresholds")
class KeyRewriterTest extends AbstractCommandTest {
    private static final Set<String> COMMANDS = Set.of("SET", "RPUSH", "HSET", "HPEXPIREAT", "SADD", "ZADD", "PEXPIREAT",
            "XADD", "XDEL", "XTRIM", "XSETID", "XGROUP", "XCLAIM");
    /** XINFO fields that do not round-trip (see KeyRewriter): their values are masked. */
    private static final Set<String> NOT_RESTORED = Set.of("seen-time", "active-time", "radix-tree-keys", "radix-tree-nodes");
    private static final long LONG_TTL = 10_000_001;
    private static final String[] SCORES = {"0", "-0", "inf", "-inf", "+inf", "0.1", "1e300", "-1e300", "5e-324",
        "1.7976931348623157e308", "0.30000000000000004", "123456789012345678", "-2.5", "1e-5", "3", "4611686018427387905"};

    @Parameter
    Thresholds thresholds;

    private OffHeapStore replica;
    private Random random;

    static Stream<Arguments> thresholds() {
        return Stream.of(arguments(named("defaults", Thresholds.defaults())),
                arguments(named("scalableAlways", Thresholds.scalableAlways())),
                arguments(named("tiny", new Thresholds(64, 4, 8, 4, 8, 4, 8, 96, 3))));
    }

    @Override
    protected Keel.Builder configure(Keel.Builder builder) {
        return builder.thresholds(thresholds);
    }

    @AfterEach
    void closeReplica() {
        if (replica != null) {
            try {
                assertNull(replica.verifyIntegrity(), "replica's keyspace invariants");
            } finally {
                replica.close();
            }
        }
    }

    // ------------------------------------------------------------------ tests

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void rewrite_randomDataOfEveryType_replaysToAnEqualStore(long seed) {
        random = new Random(seed);
        for (int i = 0; i < 16; i++) {
            addString("string:" + i);
            addList("list:" + i);
            addHash("hash:" + i);
            addSet("set:" + i);
            addZSet("zset:" + i);
            addStream("stream:" + i);
            advance(2 + 2 * random.nextInt(10));
        }
        setKeyTtls();
        advance(100);

        List<byte[][]> lines = rewrite();
        replay(lines);
        Set<String> used = new TreeSet<>();
        lines.forEach(line -> used.add(latin1(line[0]) + (line.length == 5 && line[3].length == 0 ? " placeholder" : "")));
        assertTrue(used.containsAll(List.of("SET", "RPUSH", "HSET", "HPEXPIREAT", "SADD", "ZADD", "PEXPIREAT",
                "XADD", "XADD placeholder", "XSETID", "XGROUP", "XCLAIM", "XTRIM")), () -> "the data only needed " + used);
        assertSameData();
    }

    @Test
    void rewrite_keysAndFieldsExpiredAtNow_areLeftOut() {
        for (String type : List.of("string", "list", "hash", "set", "zset", "stream")) {
            addOne(type, "gone-" + type);
            ok("PEXPIRE", "gone-" + type, "11");
            addOne(type, "kept-" + type);
            ok("PEXPIRE", "kept-" + type, Long.toString(LONG_TTL));
        }
        ok("HSET", "fields", "gone", "1", "kept", "2", "forever", "3");
        ok("HPEXPIRE", "fields", "11", "FIELDS", "1", "gone");
        ok("HPEXPIRE", "fields", Long.toString(LONG_TTL), "FIELDS", "1", "kept");
        ok("HSET", "all-fields-gone", "a", "1", "b", "2");
        ok("HPEXPIRE", "all-fields-gone", "11", "FIELDS", "2", "a", "b");
        advance(20);

        List<byte[][]> lines = rewrite();

        for (byte[][] line : lines) {
            String text = lineText(line);
            assertFalse(text.contains("gone"), text);
        }
        for (String type : List.of("string", "list", "hash", "set", "zset", "stream")) {
            List<byte[][]> ofKey = linesOf(lines, "kept-" + type);
            assertEquals("PEXPIREAT kept-" + type + " " + (now() - 20 + LONG_TTL), lineText(ofKey.getLast()));
        }
        List<byte[][]> ofFields = linesOf(lines, "fields");
        assertEquals(2, ofFields.size());
        assertEquals("HPEXPIREAT fields " + (now() - 20 + LONG_TTL) + " FIELDS 1 kept", lineText(ofFields.getLast()));
        replay(lines);
        assertSameData();
    }

    @Test
    void rewrite_pendingEntriesWhoseEntriesWereDeleted_keepOwnerTimeAndCount() {
        for (int i = 1; i <= 6; i++) {
            ok("XADD", "s", i + "-0", "f", "v" + i);
        }
        ok("XGROUP", "CREATE", "s", "g", "0");
        ok("XREADGROUP", "GROUP", "g", "alice", "COUNT", "4", "STREAMS", "s", ">");
        advance(1000);
        ok("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0");
        advance(500);
        ok("XCLAIM", "s", "g", "bob", "0", "2-0", "RETRYCOUNT", "7");
        ok("XGROUP", "CREATECONSUMER", "s", "g", "carol");
        ok("XDEL", "s", "1-0", "2-0", "4-0", "6-0");
        advance(250);
        Reply pending = exec("XPENDING", "s", "g", "-", "+", "10");

        List<byte[][]> lines = rewrite();
        replay(lines);

        assertEquals(pending, replica.execute("XPENDING", "s", "g", "-", "+", "10"));
        assertEquals(List.of("XADD s 1-0  ", "XADD s 2-0  ", "XADD s 3-0 f v3", "XADD s 4-0  ", "XADD s 5-0 f v5",
                "XTRIM s MINID 3-0", "XDEL s 4-0"),
                lines.stream().map(KeyRewriterTest::lineText).filter(line -> line.matches("X(ADD|TRIM|DEL) .*")).toList());
        assertSameData();
    }

    @Test
    void rewrite_emptyStreams_keepTheirCountersAndGroups() {
        ok("XGROUP", "CREATE", "made-then-ungrouped", "g", "$", "MKSTREAM");
        ok("XGROUP", "DESTROY", "made-then-ungrouped", "g");
        for (int i = 1; i <= 3; i++) {
            ok("XADD", "all-deleted", i + "-0", "f", "v");
        }
        ok("XDEL", "all-deleted", "1-0", "2-0", "3-0");
        ok("XSETID", "all-deleted", "10-0", "ENTRIESADDED", "20", "MAXDELETEDID", "5-0");
        ok("XGROUP", "CREATE", "grouped", "g", "$", "MKSTREAM", "ENTRIESREAD", "0");
        ok("XGROUP", "CREATE", "grouped", "keel-rewrite-scratch", "$");
        ok("XGROUP", "CREATECONSUMER", "grouped", "g", "idle");
        for (int i = 1; i <= 4; i++) {
            ok("XADD", "trimmed", i + "-1", "f", "v");
        }
        ok("XGROUP", "CREATE", "trimmed", "g", "0");
        ok("XREADGROUP", "GROUP", "g", "c", "COUNT", "2", "STREAMS", "trimmed", ">");
        ok("XTRIM", "trimmed", "MAXLEN", "0");
        ok("XADD", "unsigned", "18446744073709551615-18446744073709551614", "f", "v");

        replay(rewrite());

        assertSameData();
    }

    @Test
    void rewrite_lastIdBelowMaxDeletedId_restoresBoth() {
        ok("XADD", "s", "1-0", "f", "v");
        ok("XSETID", "s", "5-0", "MAXDELETEDID", "5-0");
        ok("XSETID", "s", "3-0");

        replay(rewrite());

        assertSameData();
    }

    @Test
    void rewrite_scores_readBackAsTheSameDoubles() {
        for (int i = 0; i < SCORES.length; i++) {
            ok("ZADD", "z", SCORES[i], "m" + i);
        }
        ok("ZINCRBY", "z", "0.2", "m5");

        List<byte[][]> lines = rewrite();
        replay(lines);

        assertSameData();
        for (int i = 0; i < SCORES.length; i++) {
            assertEquals(exec("ZSCORE", "z", "m" + i), replica.execute("ZSCORE", "z", "m" + i), SCORES[i]);
        }
        assertEquals(bulk("-0"), replica.execute("ZSCORE", "z", "m1"));
    }

    @Test
    void rewrite_manyOrBigElements_splitsLinesByCountAndBytes() {
        for (int i = 0; i < 200; i++) {
            ok("RPUSH", "many", "e" + i);
            ok("HSET", "fields", "f" + i, "v");
        }
        for (int i = 0; i < 70; i++) {
            ok("HPEXPIRE", "fields", Long.toString(LONG_TTL), "FIELDS", "1", "f" + i);
        }
        ok("HPEXPIRE", "fields", Long.toString(LONG_TTL + 2), "FIELDS", "1", "f199");
        byte[] big = new byte[600 * 1024];
        byte[] huge = new byte[1536 * 1024];
        Arrays.fill(big, (byte) 'b');
        Arrays.fill(huge, (byte) 'h');
        store.execute(ascii("RPUSH"), ascii("big"), big, big, ascii("small"), huge, ascii("small"));

        List<byte[][]> lines = rewrite();
        replay(lines);

        assertEquals(List.of(66, 66, 66, 10), linesOf(lines, "many").stream().map(line -> line.length).toList());
        assertEquals(List.of(3, 4, 3, 3), linesOf(lines, "big").stream().map(line -> line.length).toList());
        assertEquals(List.of("HPEXPIREAT fields FIELDS 1", "HPEXPIREAT fields FIELDS 6", "HPEXPIREAT fields FIELDS 64"),
                linesOf(lines, "fields").stream().filter(line -> line[0].length == 10)
                        .map(line -> "HPEXPIREAT fields FIELDS " + latin1(line[4])).sorted().toList());
        assertSameData();
    }

    // ------------------------------------------------------------------ rewriting and comparing

    /** Rewrites every stripe of {@link #store} at {@link #now()}; checks each line's form. */
    private List<byte[][]> rewrite() {
        List<byte[][]> lines = new ArrayList<>();
        OffHeapStore engine = (OffHeapStore) store;
        for (int stripe = 0; stripe < engine.stripeCount(); stripe++) {
            engine.rewriteStripe(stripe, now(), lines::add);
        }
        lines.forEach(KeyRewriterTest::checkForm);
        return lines;
    }

    /** Checks that {@code line} is a command the rewriter may use, in upper case, within the batch limits. */
    private static void checkForm(byte[][] line) {
        String name = latin1(line[0]);
        assertTrue(COMMANDS.contains(name), name);
        int first;
        int last;
        int perItem = 1;
        switch (name) {
            case "RPUSH", "SADD", "XDEL" -> {
                first = 2;
                last = line.length;
            }
            case "HSET", "ZADD" -> {
                first = 2;
                last = line.length;
                perItem = 2;
            }
            case "HPEXPIREAT" -> {
                first = 5;
                last = line.length;
                assertEquals(Integer.toString(last - first), latin1(line[4]));
            }
            case "XCLAIM" -> {
                first = 5;
                last = line.length - 6;
            }
            default -> {
                return;
            }
        }
        int items = (last - first) / perItem;
        long payload = Arrays.stream(line, first, last).mapToLong(argument -> argument.length).sum();
        assertTrue(items >= 1 && items <= KeyRewriter.MAX_ITEMS, () -> name + " with " + items + " items");
        assertTrue(items == 1 || payload <= KeyRewriter.MAX_PAYLOAD, () -> name + " with " + payload + " bytes");
    }

    /** Replays {@code lines} into a fresh store at {@link #now()}; each must be accepted. */
    private void replay(List<byte[][]> lines) {
        replica = OffHeapStore.unstarted(configure(Keel.builder().clock(clock).activeExpiry(false)).config());
        for (byte[][] line : lines) {
            Reply reply = replica.replay(line, now());
            assertFalse(reply instanceof Reply.Error, () -> lineText(line) + " answered " + reply);
        }
    }

    /** Asserts that {@link #store} and the replica hold the same keys, answering the same to every read. */
    private void assertSameData() {
        Map<String, Reply> expected = describeAll(store);
        Map<String, Reply> actual = describeAll(replica);
        assertEquals(expected.keySet(), actual.keySet(), "keys");
        for (String key : expected.keySet()) {
            assertEquals(expected.get(key), actual.get(key), key);
        }
    }

    private static Map<String, Reply> describeAll(Store target) {
        // Reading a hash drops its expired fields, and the hash with its last one: first, so that
        // KEYS then lists only keys that are still there.
        for (Reply key : items(run(target, "KEYS", "*"))) {
            run(target, "HLEN", bytes(key));
        }
        Map<String, Reply> all = new TreeMap<>();
        for (Reply key : items(run(target, "KEYS", "*"))) {
            all.put(latin1(bytes(key)), describe(target, bytes(key)));
        }
        return all;
    }

    /** Everything the read commands answer about {@code key}, unordered collections sorted. */
    private static Reply describe(Store target, byte[] key) {
        Reply type = run(target, "TYPE", key);
        List<Reply> parts = new ArrayList<>(List.of(type, run(target, "PEXPIRETIME", key)));
        switch (((Reply.Status) type).text()) {
            case "string" -> parts.add(run(target, "GET", key));
            case "list" -> parts.add(run(target, "LRANGE", key, "0", "-1"));
            case "hash" -> {
                Map<String, Reply> fields = new TreeMap<>();
                List<Reply> items = items(run(target, "HGETALL", key));
                for (int i = 0; i < items.size(); i += 2) {
                    byte[] field = bytes(items.get(i));
                    fields.put(latin1(field), Reply.array(List.of(items.get(i), items.get(i + 1),
                            run(target, "HPEXPIRETIME", key, "FIELDS", "1", field))));
                }
                parts.addAll(fields.values());
            }
            case "set" -> {
                Map<String, Reply> members = new TreeMap<>();
                items(run(target, "SMEMBERS", key)).forEach(member -> members.put(latin1(bytes(member)), member));
                parts.addAll(members.values());
            }
            case "zset" -> parts.add(run(target, "ZRANGE", key, "0", "-1", "WITHSCORES"));
            case "stream" -> {
                parts.add(run(target, "XRANGE", key, "-", "+"));
                parts.add(masked(run(target, "XINFO", "STREAM", key)));
                parts.add(masked(run(target, "XINFO", "STREAM", key, "FULL", "COUNT", "0")));
                Reply groups = run(target, "XINFO", "GROUPS", key);
                parts.add(groups);
                for (Reply group : items(groups)) {
                    byte[] name = bytes(items(group).get(1));
                    parts.add(run(target, "XPENDING", key, name));
                    parts.add(run(target, "XPENDING", key, name, "-", "+", "1000000"));
                }
            }
            default -> throw new AssertionError("unknown type " + type);
        }
        return Reply.array(parts);
    }

    /** {@code reply} with the values of the {@link #NOT_RESTORED} fields replaced by "*". */
    private static Reply masked(Reply reply) {
        if (!(reply instanceof Reply.Array array)) {
            return reply;
        }
        List<Reply> items = new ArrayList<>();
        for (int i = 0; i < array.items().size(); i++) {
            Reply item = array.items().get(i);
            items.add(masked(item));
            if (item instanceof Reply.Bulk name && NOT_RESTORED.contains(latin1(name.bytes())) && i + 1 < array.items().size()) {
                items.add(bulk("*"));
                i++;
            }
        }
        return Reply.array(items);
    }

    // ------------------------------------------------------------------ random data

    private void advance(long evenMillis) {
        clock.advanceMillis(evenMillis);
    }

    /** A time to live that is gone by the end of the test (short) or outlives it, always odd. */
    private long ttl() {
        return random.nextInt(3) == 0 ? 1 + 2 * random.nextInt(25) : LONG_TTL + 2 * random.nextInt(1000);
    }

    private int size() {
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> 1 + random.nextInt(3);
            case 3, 4, 5 -> 3 + random.nextInt(8);
            case 6, 7 -> 100 + random.nextInt(60);
            case 8 -> 500 + random.nextInt(100);
            default -> 1 + random.nextInt(300);
        };
    }

    /** Random bytes: mostly letters, sometimes any byte; mostly short, sometimes past the packed limits. */
    private byte[] value() {
        int length = switch (random.nextInt(20)) {
            case 0 -> 60 + random.nextInt(20);
            case 1 -> 100 + random.nextInt(200);
            case 2 -> 0;
            default -> 1 + random.nextInt(12);
        };
        byte[] bytes = new byte[length];
        boolean binary = random.nextInt(8) == 0;
        for (int i = 0; i < length; i++) {
            bytes[i] = binary ? (byte) random.nextInt(256) : (byte) ('a' + random.nextInt(26));
        }
        return bytes;
    }

    private void addString(String key) {
        byte[] value = switch (random.nextInt(4)) {
            case 0 -> ascii(Long.toString(random.nextLong()));
            case 1 -> new byte[random.nextInt(2) * 45];
            default -> value();
        };
        run(store, "SET", key, value);
        if (random.nextInt(4) == 0) {
            ok("APPEND", key, "x");
        }
    }

    private void addList(String key) {
        int count = random.nextInt(40) == 0 ? 2000 : size();
        for (int i = 0; i < count; i++) {
            byte[] element = random.nextInt(100) == 0 ? new byte[9000] : value();
            ok(random.nextBoolean() ? "RPUSH" : "LPUSH", key, element);
        }
        if (count > 4 && random.nextBoolean()) {
            ok("LSET", key, "1", value());
            ok("LINSERT", key, "BEFORE", items(exec("LRANGE", key, "2", "2")).getFirst() instanceof Reply.Bulk pivot ? pivot.bytes() : ascii("x"), value());
            ok("LTRIM", key, "1", "-2");
        }
    }

    private void addHash(String key) {
        int count = size();
        List<byte[]> fields = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] field = random.nextInt(30) == 0 ? ascii("long-field-".repeat(7) + i) : ascii("f" + i);
            fields.add(field);
            ok("HSET", key, field, value());
        }
        if (random.nextInt(3) > 0) {
            for (byte[] field : fields) {
                if (random.nextInt(3) == 0) {
                    ok("HPEXPIRE", key, Long.toString(ttl()), "FIELDS", "1", field);
                }
            }
            ok("HPEXPIRE", key, Long.toString(LONG_TTL), "FIELDS", "1", fields.getFirst());
        }
        if (random.nextInt(10) == 0) {
            ok("HPERSIST", key, "FIELDS", "1", fields.getFirst());
        }
        if (random.nextInt(12) == 0) {
            for (byte[] field : fields) {
                ok("HPEXPIRE", key, "1", "FIELDS", "1", field);
            }
        }
    }

    private void addSet(String key) {
        int count = size();
        boolean integers = random.nextBoolean();
        for (int i = 0; i < count; i++) {
            ok("SADD", key, integers ? ascii(Long.toString(random.nextInt(2000) - 1000)) : value());
        }
        if (random.nextInt(4) == 0) {
            ok("SADD", key, "after-" + count);
            ok("SREM", key, "after-" + count);
        }
    }

    private void addZSet(String key) {
        int count = size();
        for (int i = 0; i < count; i++) {
            String score = switch (random.nextInt(3)) {
                case 0 -> SCORES[random.nextInt(SCORES.length)];
                case 1 -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
                default -> Integer.toString(random.nextInt(100));
            };
            ok("ZADD", key, score, value());
        }
        if (random.nextBoolean()) {
            ok("ZINCRBY", key, "0.1", "incremented");
        }
    }

    /** A stream with entries, deletions, trims, XSETIDs, groups, consumers and pending entries. */
    private void addStream(String key) {
        boolean explicitIds = random.nextBoolean();
        for (int group = random.nextInt(4) - 1; group >= 0; group--) {
            ok("XGROUP", "CREATE", key, "g" + group, "$", "MKSTREAM");
        }
        int entries = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 8 : 80);
        for (int i = 0; i < entries; i++) {
            ok("XADD", key, explicitIds ? nextId(key) : "*", "name", value(), "n", Integer.toString(i));
            if (random.nextInt(4) == 0) {
                ok("XADD", key, explicitIds ? nextId(key) : "*", "other", value());
            }
            if (random.nextInt(3) == 0) {
                streamOperation(key);
            }
        }
        for (int i = random.nextInt(30); i > 0; i--) {
            streamOperation(key);
        }
    }

    /** The next ID above the stream's last, in the same millisecond or a later one. */
    private String nextId(String key) {
        long ms = 0;
        long seq = 0;
        if (exec("EXISTS", key).equals(integer(1))) {
            String[] last = latin1(bytes(info(key, "last-generated-id"))).split("-");
            ms = Long.parseLong(last[0]);
            seq = Long.parseLong(last[1]);
        }
        return random.nextInt(3) == 0 ? ms + "-" + (seq + 1 + random.nextInt(3)) : (ms + 1 + random.nextInt(3)) + "-" + random.nextInt(3);
    }

    private Reply info(String key, String field) {
        List<Reply> items = items(exec("XINFO", "STREAM", key));
        for (int i = 0; i < items.size(); i += 2) {
            if (items.get(i).equals(bulk(field))) {
                return items.get(i + 1);
            }
        }
        throw new AssertionError("no " + field);
    }

    /** One random group or deletion command on stream {@code key}; some may be refused, as a client's could. */
    private void streamOperation(String key) {
        String group = "g" + random.nextInt(3);
        String consumer = "c" + random.nextInt(4);
        advance(2 * random.nextInt(30));
        List<String> ids = new ArrayList<>();
        if (exec("EXISTS", key).equals(integer(1))) {
            for (Reply entry : items(exec("XRANGE", key, "-", "+"))) {
                ids.add(latin1(bytes(items(entry).getFirst())));
            }
        }
        String someId = ids.isEmpty() ? "0-1" : ids.get(random.nextInt(ids.size()));
        switch (random.nextInt(16)) {
            case 0 -> exec("XGROUP", "CREATE", key, group, random.nextBoolean() ? "0" : someId);
            case 1 -> exec("XGROUP", "CREATE", key, group, "$", "ENTRIESREAD", Integer.toString(random.nextInt(ids.size() + 1)));
            case 2, 3, 4 -> exec("XREADGROUP", "GROUP", group, consumer, "COUNT", Integer.toString(1 + random.nextInt(5)), "STREAMS", key, ">");
            case 5 -> exec("XREADGROUP", "GROUP", group, consumer, "STREAMS", key, "0");
            case 6 -> exec("XCLAIM", key, group, consumer, "0", someId, "RETRYCOUNT", Integer.toString(random.nextInt(9)));
            case 7 -> exec("XCLAIM", key, group, consumer, "0", someId, "JUSTID");
            case 8 -> exec("XAUTOCLAIM", key, group, consumer, "0", "0", "COUNT", "3");
            case 9 -> exec("XACK", key, group, someId);
            case 10, 11 -> exec("XDEL", key, someId);
            case 12 -> exec("XGROUP", random.nextBoolean() ? "CREATECONSUMER" : "DELCONSUMER", key, group, consumer);
            case 13 -> exec("XTRIM", key, "MAXLEN", Integer.toString(random.nextInt(ids.size() + 1)));
            case 14 -> exec("XTRIM", key, "MINID", someId);
            default -> {
                if (exec("EXISTS", key).equals(integer(1))) {
                    String[] last = latin1(bytes(info(key, "last-generated-id"))).split("-");
                    long ms = Long.parseLong(last[0]);
                    long added = ((Reply.Int) info(key, "entries-added")).value();
                    ok("XSETID", key, (ms + 5) + "-0", "ENTRIESADDED", Long.toString(added + random.nextInt(3)), "MAXDELETEDID", (ms + 5) + "-0");
                    if (random.nextBoolean()) {
                        ok("XSETID", key, (ms + 3) + "-0"); // below max-deleted-entry-id, as Redis 7.0 allows
                    }
                }
            }
        }
    }

    private void setKeyTtls() {
        Set<String> keys = new TreeSet<>();
        items(exec("KEYS", "*")).forEach(key -> keys.add(latin1(bytes(key))));
        for (String key : keys) {
            if (random.nextInt(4) == 0) {
                ok("PEXPIRE", key, Long.toString(ttl()));
            }
        }
    }

    /** Creates {@code key} holding a small value of {@code type}. */
    private void addOne(String type, String key) {
        switch (type) {
            case "string" -> ok("SET", key, "v");
            case "list" -> ok("RPUSH", key, "a", "b");
            case "hash" -> ok("HSET", key, "f", "v");
            case "set" -> ok("SADD", key, "a", "b");
            case "zset" -> ok("ZADD", key, "1", "a");
            default -> ok("XADD", key, "1-0", "f", "v");
        }
    }

    // ------------------------------------------------------------------ small helpers

    /** Runs a command line of strings and byte arrays on {@link #store}; it must not be refused. */
    private Reply ok(Object... argv) {
        Reply reply = run(store, argv);
        assertFalse(reply instanceof Reply.Error, () -> Arrays.deepToString(argv) + " answered " + reply);
        return reply;
    }

    private static Reply run(Store target, Object... argv) {
        byte[][] line = new byte[argv.length][];
        for (int i = 0; i < argv.length; i++) {
            line[i] = argv[i] instanceof byte[] raw ? raw : ((String) argv[i]).getBytes(StandardCharsets.UTF_8);
        }
        return target.execute(line);
    }

    /** The lines whose key (second argument) is {@code key}. */
    private static List<byte[][]> linesOf(List<byte[][]> lines, String key) {
        return lines.stream().filter(line -> Arrays.equals(line[1], ascii(key)) || line.length > 2 && Arrays.equals(line[2], ascii(key)))
                .toList();
    }

    private static String lineText(byte[][] line) {
        List<String> words = new ArrayList<>();
        for (byte[] word : line) {
            words.add(latin1(word));
        }
        return String.join(" ", words);
    }

    private static List<Reply> items(Reply reply) {
        return assertInstanceOf(Reply.Array.class, reply).items();
    }

    private static byte[] bytes(Reply reply) {
        return assertInstanceOf(Reply.Bulk.class, reply).bytes();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
