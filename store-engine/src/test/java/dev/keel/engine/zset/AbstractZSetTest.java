package dev.keel.engine.zset;

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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixture of the sorted set engine tests: every test runs once per encoding regime, with
 * {@link Thresholds#defaults()} (Redis's limits: 128 members of up to 64 bytes packed),
 * {@link Thresholds#scalableAlways()} (every sorted set a tree) and tiny limits (4 members of up
 * to 8 bytes, so a few members already cross the conversions both ways).
 *
 * <p>After every test, besides the keyspace's invariants (the tree's order, counts and keys
 * among them): every sorted set has an encoding its contents allow, and FLUSHALL brings the
 * off-heap memory back to what the empty store used.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.keel.engine.zset.AbstractZSetTest#thresholds")
abstract class AbstractZSetTest extends AbstractCommandTest {
    static final int TINY_ENTRIES = 4;
    static final int TINY_VALUE = 8;

    @Parameter
    protected Thresholds thresholds;

    private long baselineBytes;

    static Stream<Arguments> thresholds() {
        return Stream.of(
                arguments(named("defaults", Thresholds.defaults())),
                arguments(named("scalableAlways", Thresholds.scalableAlways())),
                arguments(named("tiny", Thresholds.defaults().withZsetMaxPacked(TINY_ENTRIES, TINY_VALUE))));
    }

    @Override
    protected Keel.Builder configure(Keel.Builder builder) {
        return builder.thresholds(thresholds);
    }

    @BeforeEach
    final void recordBaseline() {
        baselineBytes = store.memoryStats().usedBytes();
    }

    @AfterEach
    final void checkEncodingsThenFlush() {
        if (store.isClosed()) {
            return;
        }
        assertNull(((OffHeapStore) store).verifyIntegrity(), "keyspace invariants");
        for (Reply key : ((Reply.Array) exec("KEYS", "*")).items()) {
            String name = ((Reply.Bulk) key).utf8();
            if (exec("TYPE", name).equals(new Reply.Status("zset"))) {
                checkEncoding(name);
            }
        }
        assertEquals(Reply.OK, exec("FLUSHALL"));
        assertEquals(baselineBytes, store.memoryStats().usedBytes(), "off-heap memory after FLUSHALL");
    }

    private void checkEncoding(String key) {
        List<String> members = members(key);
        int longest = members.stream().mapToInt(m -> m.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).max().orElse(0);
        String encoding = encoding(key);
        if (encoding.equals("skiplist")) {
            return;
        }
        assertEquals("listpack", encoding, key);
        assertTrue(members.size() <= thresholds.zsetMaxPackedEntries() && longest <= thresholds.zsetMaxPackedValue(),
                () -> key + " is listpack with " + members.size() + " members, the longest " + longest + " bytes");
    }

    /** The encoding OBJECT ENCODING reports for {@code key}. */
    protected String encoding(String key) {
        return assertInstanceOf(Reply.Bulk.class, exec("OBJECT", "ENCODING", key)).utf8();
    }

    /** The members of {@code key} in order (ZRANGE 0 -1). */
    protected List<String> members(String key) {
        List<String> members = new ArrayList<>();
        for (Reply item : assertInstanceOf(Reply.Array.class, exec("ZRANGE", key, "0", "-1")).items()) {
            members.add(((Reply.Bulk) item).utf8());
        }
        return members;
    }

    /** Runs ZADD with score/member pairs; returns the reply's count. */
    protected long zadd(String key, String... scoresAndMembers) {
        List<String> argv = new ArrayList<>(List.of("ZADD", key));
        argv.addAll(List.of(scoresAndMembers));
        return assertInstanceOf(Reply.Int.class, exec(argv.toArray(new String[0])), "ZADD " + key).value();
    }

    protected int maxEntries() {
        return thresholds.zsetMaxPackedEntries();
    }

    protected int maxValue() {
        return thresholds.zsetMaxPackedValue();
    }
}
