package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.keel.Reply;
import dev.keel.WrongTypeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the hash and set contract tests share: replies read as Java collections, comparisons that
 * ignore the order Redis does not define (SMEMBERS, HGETALL of a hash table, SINTER, ...), builders
 * of big hashes and sets, and a snapshot of every key that reads hashes and sets too, so that a
 * refused command can be shown to change nothing.
 *
 * <p>Everything goes through command lines ({@link #exec}), so the tests check the replies Redis
 * sends, not a decoding of them.
 */
abstract class HashAndSetContractBase extends ContractTest {
    static final String WRONGTYPE = WrongTypeException.MESSAGE;

    /** Redis's arity error for {@code command} (lower case, as Redis prints it). */
    static String wrongArity(String command) {
        return "ERR wrong number of arguments for '" + command + "' command";
    }

    // ------------------------------------------------------------------ building values

    /** {@code HSET key field value [field value ...]}, asserting it answers an integer. */
    void hset(String key, String... fieldsAndValues) {
        String[] argv = new String[fieldsAndValues.length + 2];
        argv[0] = "HSET";
        argv[1] = key;
        System.arraycopy(fieldsAndValues, 0, argv, 2, fieldsAndValues.length);
        assertInstanceOf(Reply.Int.class, exec(argv), () -> String.join(" ", argv));
    }

    /** {@code HSET key} with every field and value of {@code hash}. */
    void hset(String key, Map<String, String> hash) {
        List<String> flat = new ArrayList<>();
        hash.forEach((field, value) -> {
            flat.add(field);
            flat.add(value);
        });
        hset(key, flat.toArray(new String[0]));
    }

    /** {@code SADD key member [member ...]}, asserting it answers an integer. */
    void sadd(String key, String... members) {
        String[] argv = new String[members.length + 2];
        argv[0] = "SADD";
        argv[1] = key;
        System.arraycopy(members, 0, argv, 2, members.length);
        assertInstanceOf(Reply.Int.class, exec(argv), () -> String.join(" ", argv));
    }

    /** {@code count} distinct strings {@code prefix0, prefix1, ...}. */
    static String[] numbered(String prefix, int count) {
        String[] items = new String[count];
        for (int i = 0; i < count; i++) {
            items[i] = prefix + i;
        }
        return items;
    }

    /** A hash of {@code count} fields {@code f0 -> v0, f1 -> v1, ...}. */
    static Map<String, String> numberedHash(int count) {
        Map<String, String> hash = new HashMap<>();
        for (int i = 0; i < count; i++) {
            hash.put("f" + i, "v" + i);
        }
        return hash;
    }

    /** A map from alternating fields and values. */
    static Map<String, String> map(String... fieldsAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            map.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return map;
    }

    /** Joins two argument arrays. */
    static String[] concat(String[] head, String... tail) {
        String[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    // ------------------------------------------------------------------ reading replies

    /** The items of an array reply of bulk strings, in reply order; nil items as null. */
    static List<String> strings(Reply reply) {
        List<String> items = new ArrayList<>();
        for (Reply item : assertInstanceOf(Reply.Array.class, reply, () -> "an array reply, got " + reply).items()) {
            items.add(item instanceof Reply.Nil ? null : assertInstanceOf(Reply.Bulk.class, item).utf8());
        }
        return items;
    }

    /** The items of an array reply of bulk strings as a set, asserting that none repeats. */
    static Set<String> distinct(Reply reply) {
        List<String> items = strings(reply);
        Set<String> set = new TreeSet<>(items);
        assertEquals(items.size(), set.size(), () -> "repeated items in " + items);
        return set;
    }

    /** An array reply of alternating fields and values as a map, asserting that no field repeats. */
    static Map<String, String> pairs(Reply reply) {
        List<String> items = strings(reply);
        assertEquals(0, items.size() % 2, () -> "an odd number of items in " + items);
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            String field = items.get(i);
            assertNull(map.put(field, items.get(i + 1)), () -> "field " + field + " repeated in " + items);
        }
        return map;
    }

    /** Asserts that the command line answers an array holding exactly {@code expected}, in any order, none repeated. */
    void assertUnordered(Set<String> expected, String... argv) {
        assertEquals(new TreeSet<>(expected), distinct(exec(argv)), () -> String.join(" ", argv));
    }

    /** As {@link #assertUnordered(Set, String...)} with the expected items listed. */
    void assertUnordered(List<String> expected, String... argv) {
        assertUnordered(new HashSet<>(expected), argv);
    }

    /** Asserts that the command line answers alternating fields and values that are exactly {@code expected}, in any order. */
    void assertPairs(Map<String, String> expected, String... argv) {
        assertEquals(new TreeMap<>(expected), pairs(exec(argv)), () -> String.join(" ", argv));
    }

    /** An array reply of integers. */
    static Reply integers(long... values) {
        return Reply.array(Arrays.stream(values).<Reply>mapToObj(Reply::integer).toList());
    }

    /** An empty array reply. */
    static Reply emptyArray() {
        return Reply.array(List.of());
    }

    /** An integer reply's value. */
    static long asLong(Reply reply) {
        return assertInstanceOf(Reply.Int.class, reply, () -> "an integer reply, got " + reply).value();
    }

    // ------------------------------------------------------------------ whole values

    /**
     * Asserts that the hash at {@code key} is exactly {@code expected}: HGETALL in any order, HLEN,
     * and HKEYS and HVALS holding the same fields and values.
     */
    void assertHash(String key, Map<String, String> expected) {
        assertPairs(expected, "HGETALL", key);
        assertReply(integer(expected.size()), "HLEN", key);
        assertEquals(new TreeSet<>(expected.keySet()), distinct(exec("HKEYS", key)), () -> "HKEYS " + key);
        List<String> values = strings(exec("HVALS", key));
        List<String> expectedValues = new ArrayList<>(expected.values());
        values.sort(null);
        expectedValues.sort(null);
        assertEquals(expectedValues, values, () -> "HVALS " + key);
    }

    /** As {@link #assertHash(String, Map)} from alternating fields and values. */
    void assertHash(String key, String... fieldsAndValues) {
        assertHash(key, map(fieldsAndValues));
    }

    /** Asserts that the set at {@code key} holds exactly {@code expected}: SMEMBERS in any order, and SCARD. */
    void assertSet(String key, Set<String> expected) {
        assertUnordered(expected, "SMEMBERS", key);
        assertReply(integer(expected.size()), "SCARD", key);
    }

    /** As {@link #assertSet(String, Set)} with the members listed. */
    void assertSet(String key, String... members) {
        assertSet(key, new HashSet<>(Arrays.asList(members)));
    }

    /** Asserts that {@code key} does not exist: an emptied hash or set is no key at all. */
    void assertNoKey(String key) {
        assertReply(integer(0), "EXISTS", key);
        assertReply(status("none"), "TYPE", key);
        assertReply(integer(-2), "PTTL", key);
    }

    /** Whether the target answers the hash field expiry commands (HPEXPIRETIME and kin): Keel, or Redis 7.4 and later. */
    boolean hasFieldExpiry() {
        return !target.redis() || RedisServer.shared().atLeast("7.4");
    }

    // ------------------------------------------------------------------ snapshots

    /**
     * Every live key with its type, its whole value (a string's bytes, a list's elements, a hash's
     * fields and values, a set's members, sorted where Redis defines no order), its absolute
     * expiry and, where the target has field expiry, each hash field's absolute expiry. Read
     * through command lines, byte for byte (as ISO-8859-1 text).
     */
    @Override
    Map<String, String> snapshot() {
        Map<String, String> data = new TreeMap<>();
        for (byte[] key : binary.keys(bytes("*"))) {
            String type = ((Reply.Status) store.execute(bytes("TYPE"), key)).text();
            String value = switch (type) {
                case "string" -> latin1Item(store.execute(bytes("GET"), key));
                case "list" -> latin1Items(store.execute(bytes("LRANGE"), key, bytes("0"), bytes("-1"))).toString();
                case "set" -> new TreeSet<>(latin1Items(store.execute(bytes("SMEMBERS"), key))).toString();
                case "hash" -> hashSnapshot(key);
                default -> "?";
            };
            data.put(latin1(key), type + " " + value + " @" + binary.pexpiretime(key));
        }
        return data;
    }

    private String hashSnapshot(byte[] key) {
        List<String> items = latin1Items(store.execute(bytes("HGETALL"), key));
        Map<String, String> fields = new TreeMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            fields.put(items.get(i), items.get(i + 1));
        }
        if (hasFieldExpiry() && !fields.isEmpty()) {
            List<byte[]> argv = new ArrayList<>(List.of(bytes("HPEXPIRETIME"), key, bytes("FIELDS"),
                    bytes(Integer.toString(fields.size()))));
            fields.keySet().forEach(field -> argv.add(bytes(field)));
            Reply times = store.execute(argv.toArray(new byte[0][]));
            List<Reply> each = assertInstanceOf(Reply.Array.class, times, () -> "HPEXPIRETIME answered " + times).items();
            int i = 0;
            for (Map.Entry<String, String> field : fields.entrySet()) {
                field.setValue(field.getValue() + " @" + each.get(i++));
            }
        }
        return fields.toString();
    }

    private static String latin1Item(Reply reply) {
        return reply instanceof Reply.Bulk bulk ? new String(bulk.bytes(), StandardCharsets.ISO_8859_1) : reply.toString();
    }

    private static List<String> latin1Items(Reply reply) {
        return assertInstanceOf(Reply.Array.class, reply, () -> "an array reply, got " + reply).items().stream()
                .map(HashAndSetContractBase::latin1Item).toList();
    }

    /** Asserts that the command line answers exactly {@code expected} and changes no key. */
    void assertReplyUnchanged(Reply expected, String... argv) {
        Map<String, String> before = snapshot();
        assertReply(expected, argv);
        assertEquals(before, snapshot(), () -> String.join(" ", argv) + " changed the data");
    }
}
