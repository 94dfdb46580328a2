package dev.keel.engine.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Thresholds;
import dev.keel.engine.AbstractCommandTest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixture of the list command tests: every test runs once per list encoding regime, with
 * {@link Thresholds#defaults()} (8 KiB packed nodes), {@link Thresholds#scalableAlways()} (every
 * list linked, one element a node) and {@code Thresholds.defaults().withListMaxPackedBytes(64)} (tiny nodes, so a few elements
 * already span several); the keyspace's invariants, list chains included, are checked after
 * every test (see {@link AbstractCommandTest}).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.keel.engine.list.AbstractListTest#thresholds")
public abstract class AbstractListTest extends AbstractCommandTest {
    /** The thresholds of {@link #store}. */
    @Parameter
    protected Thresholds thresholds;

    /** The three encoding regimes every list test runs under. */
    public static Stream<Arguments> thresholds() {
        return Stream.of(
                arguments(named("defaults", Thresholds.defaults())),
                arguments(named("scalableAlways", Thresholds.scalableAlways())),
                arguments(named("tinyNodes", Thresholds.defaults().withListMaxPackedBytes(64))));
    }

    @Override
    protected Keel.Builder configure(Keel.Builder builder) {
        return builder.thresholds(thresholds);
    }

    @AfterEach
    protected final void checkListEncodings() {
        if (store.isClosed()) {
            return;
        }
        for (Reply key : ((Reply.Array) exec("KEYS", "*")).items()) {
            String name = ((Reply.Bulk) key).utf8();
            if (exec("TYPE", name).equals(new Reply.Status("list")) && thresholds.listMaxPackedBytes() == 0) {
                assertEquals(bulk("quicklist"), exec("OBJECT", "ENCODING", name), "every list is linked at threshold 0");
            }
        }
    }

    /** Pushes {@code elements} to the tail of {@code key}, creating it. */
    protected void rpush(String key, String... elements) {
        List<String> argv = new ArrayList<>(List.of("RPUSH", key));
        argv.addAll(List.of(elements));
        assertEquals(Reply.Int.class, exec(argv.toArray(new String[0])).getClass(), "RPUSH " + key);
    }

    /** Asserts that the list at {@code key} holds exactly {@code elements}, head first. */
    protected void assertList(String key, String... elements) {
        assertEquals(array(elements), exec("LRANGE", key, "0", "-1"), "elements of " + key);
        assertEquals(integer(elements.length), exec("LLEN", key), "length of " + key);
    }

    /** Asserts that {@code key} does not exist. */
    protected void assertNoKey(String key) {
        assertEquals(integer(0), exec("EXISTS", key), key + " should not exist");
        assertEquals(new Reply.Status("none"), exec("TYPE", key));
    }

    /** {@code n} elements {@code prefix0 ... prefix(n-1)}. */
    protected static String[] numbered(String prefix, int n) {
        String[] elements = new String[n];
        for (int i = 0; i < n; i++) {
            elements[i] = prefix + i;
        }
        return elements;
    }
}
