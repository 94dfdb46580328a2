package dev.keel.engine.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Thresholds;
import dev.keel.engine.AbstractCommandTest;
import dev.keel.engine.OffHeapStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixture of the hash and set engine tests: every test runs once per encoding regime, with
 * {@link Thresholds#defaults()} (Redis's listpack limits), {@link Thresholds#scalableAlways()}
 * (every hash and set a hash table) and tiny limits (4 entries of 8 bytes, so a few fields already
 * cross the conversions both ways).
 *
 * <p>After every test, besides the keyspace's invariants (see {@link AbstractCommandTest}): every
 * hash and set has an encoding its contents allow (packed only within the limits, listpackex
 * exactly when a field of a packed hash has a time to live, a hash table always at threshold 0),
 * and FLUSHALL brings the off-heap memory back to what the empty store used.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.keel.engine.hash.AbstractFieldMapTest#thresholds")
public abstract class AbstractFieldMapTest extends AbstractCommandTest {
    /** The limits of the tiny regime, for hashes and sets alike. */
    public static final int TINY_ENTRIES = 4;
    /** The longest field, value or member in the tiny regime. */
    public static final int TINY_VALUE = 8;

    /** The thresholds of {@link #store}. */
    @Parameter
    protected Thresholds thresholds;

    private long baselineBytes;

    /** The three encoding regimes every hash and set test runs under. */
    public static Stream<Arguments> thresholds() {
        return Stream.of(
                arguments(named("defaults", Thresholds.defaults())),
                arguments(named("scalableAlways", Thresholds.scalableAlways())),
                arguments(named("tiny", tiny())));
    }

    /** Thresholds whose hash and set limits are {@link #TINY_ENTRIES} entries of {@link #TINY_VALUE} bytes. */
    public static Thresholds tiny() {
        return Thresholds.defaults().withHashMaxPacked(TINY_ENTRIES, TINY_VALUE).withSetMaxPacked(TINY_ENTRIES, TINY_VALUE);
    }

    @Override
    protected Keel.Builder configure(Keel.Builder builder) {
        return builder.thresholds(thresholds);
    }

    @BeforeEach
    protected final void recordBaseline() {
        baselineBytes = store.memoryStats().usedBytes();
    }

    /** The off-heap bytes the empty store used when the test started. */
    protected long baselineBytes() {
        return baselineBytes;
    }

    @AfterEach
    protected final void checkEncodingsThenFlush() {
        if (store.isClosed()) {
            return;
        }
        assertNull(((OffHeapStore) store).verifyIntegrity(), "keyspace invariants");
        for (Reply key : ((Reply.Array) exec("KEYS", "*")).items()) {
            String name = ((Reply.Bulk) key).utf8();
            Reply type = exec("TYPE", name);
            if (type.equals(new Reply.Status("hash"))) {
                checkHashEncoding(name);
            } else if (type.equals(new Reply.Status("set"))) {
                checkSetEncoding(name);
            }
        }
        assertEquals(Reply.OK, exec("FLUSHALL"));
        assertEquals(baselineBytes, store.memoryStats().usedBytes(), "off-heap memory after FLUSHALL");
    }

    private void checkHashEncoding(String key) {
        Map<String, String> fields = hgetall(key);
        if (fields.isEmpty()) {
            return; // the last field expired while reading
        }
        boolean volatileFields = false;
        int longest = 0;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            longest = Math.max(longest, Math.max(field.getKey().length(), field.getValue().length()));
            volatileFields |= !exec("HPEXPIRETIME", key, "FIELDS", "1", field.getKey()).equals(array(-1L));
        }
        String encoding = encoding(key);
        if (encoding.equals("hashtable")) {
            return;
        }
        int longestField = longest;
        assertTrue(fields.size() <= thresholds.hashMaxPackedEntries() && longestField <= thresholds.hashMaxPackedValue(),
                () -> key + " is " + encoding + " with " + fields.size() + " fields, the longest " + longestField + " bytes");
        assertEquals(volatileFields ? "listpackex" : "listpack", encoding, key + ": listpackex iff a field has a time to live");
    }

    private void checkSetEncoding(String key) {
        Set<String> members = smembers(key);
        int longest = members.stream().mapToInt(String::length).max().orElse(0);
        String encoding = encoding(key);
        if (encoding.equals("hashtable")) {
            return;
        }
        assertEquals("listpack", encoding, key);
        assertTrue(members.size() <= thresholds.setMaxPackedEntries() && longest <= thresholds.setMaxPackedValue(),
                () -> key + " is listpack with " + members.size() + " members, the longest " + longest + " bytes");
    }

    // ------------------------------------------------------------------ helpers

    /** An integer array reply. */
    protected static Reply array(long... values) {
        List<Reply> items = new ArrayList<>(values.length);
        for (long value : values) {
            items.add(Reply.integer(value));
        }
        return Reply.array(items);
    }

    /** Runs {@code HSET key field value ...}; returns how many fields were new. */
    protected long hset(String key, String... fieldsAndValues) {
        List<String> argv = new ArrayList<>(List.of("HSET", key));
        argv.addAll(List.of(fieldsAndValues));
        return assertInstanceOf(Reply.Int.class, exec(argv.toArray(new String[0])), "HSET " + key).value();
    }

    /** Sets {@code fields} in {@code key} with a few fields per command. */
    protected void hset(String key, Map<String, String> fields) {
        List<String> batch = new ArrayList<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            batch.add(field.getKey());
            batch.add(field.getValue());
            if (batch.size() == 64) {
                hset(key, batch.toArray(new String[0]));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            hset(key, batch.toArray(new String[0]));
        }
    }

    /** Runs {@code SADD key member ...}; returns how many members were new. */
    protected long sadd(String key, String... members) {
        List<String> argv = new ArrayList<>(List.of("SADD", key));
        argv.addAll(List.of(members));
        return assertInstanceOf(Reply.Int.class, exec(argv.toArray(new String[0])), "SADD " + key).value();
    }

    /** The fields and values of the hash at {@code key} (HGETALL), empty if there is none. */
    protected Map<String, String> hgetall(String key) {
        List<Reply> items = assertInstanceOf(Reply.Array.class, exec("HGETALL", key), "HGETALL " + key).items();
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            String previous = fields.put(((Reply.Bulk) items.get(i)).utf8(), ((Reply.Bulk) items.get(i + 1)).utf8());
            assertNull(previous, () -> "HGETALL " + key + " repeats a field");
        }
        return fields;
    }

    /** The members of the set at {@code key} (SMEMBERS), empty if there is none. */
    protected Set<String> smembers(String key) {
        Set<String> members = new HashSet<>();
        for (Reply member : assertInstanceOf(Reply.Array.class, exec("SMEMBERS", key), "SMEMBERS " + key).items()) {
            assertTrue(members.add(((Reply.Bulk) member).utf8()), () -> "SMEMBERS " + key + " repeats " + member);
        }
        return members;
    }

    /** Asserts that the hash at {@code key} holds exactly {@code expected}, in any order. */
    protected void assertHash(String key, Map<String, String> expected) {
        assertEquals(expected, hgetall(key), "fields of " + key);
        assertEquals(integer(expected.size()), exec("HLEN", key), "HLEN " + key);
    }

    /** Asserts that the set at {@code key} holds exactly {@code expected}, in any order. */
    protected void assertSet(String key, Set<String> expected) {
        assertEquals(expected, smembers(key), "members of " + key);
        assertEquals(integer(expected.size()), exec("SCARD", key), "SCARD " + key);
    }

    /** Asserts that {@code key} does not exist. */
    protected void assertNoKey(String key) {
        assertEquals(integer(0), exec("EXISTS", key), key + " should not exist");
    }

    /** The OBJECT ENCODING of {@code key}. */
    protected String encoding(String key) {
        return assertInstanceOf(Reply.Bulk.class, exec("OBJECT", "ENCODING", key), "OBJECT ENCODING " + key).utf8();
    }

    /** Whether hashes can be packed at all under {@link #thresholds}. */
    protected boolean hashesPack() {
        return thresholds.hashMaxPackedEntries() > 0;
    }

    /** Whether sets can be packed at all under {@link #thresholds}. */
    protected boolean setsPack() {
        return thresholds.setMaxPackedEntries() > 0;
    }

    /** The encoding a hash of small fields without expiry has while it fits the limits. */
    protected String packedHash() {
        return hashesPack() ? "listpack" : "hashtable";
    }

    /** The encoding a hash of small fields, some with expiry, has while it fits the limits. */
    protected String packedExpiringHash() {
        return hashesPack() ? "listpackex" : "hashtable";
    }

    /** The encoding a set of small members has while it fits the limits. */
    protected String packedSet() {
        return setsPack() ? "listpack" : "hashtable";
    }

    /** {@code n} fields {@code prefix0 ... prefix(n-1)} mapped to {@code v0 ... v(n-1)}. */
    protected static Map<String, String> numberedFields(String prefix, int n) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < n; i++) {
            fields.put(prefix + i, "v" + i);
        }
        return fields;
    }

    /** {@code n} members {@code prefix0 ... prefix(n-1)}. */
    protected static String[] numbered(String prefix, int n) {
        String[] members = new String[n];
        for (int i = 0; i < n; i++) {
            members[i] = prefix + i;
        }
        return members;
    }
}
