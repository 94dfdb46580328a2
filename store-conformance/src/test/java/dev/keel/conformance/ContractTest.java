package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Codec;
import dev.keel.Commands;
import dev.keel.KeelException;
import dev.keel.Reply;
import dev.keel.Store;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The base of every contract test: each test runs once per {@link Target}, on a fresh empty store,
 * so the same assertions hold for Keel and for a real Redis.
 *
 * <p>The suite runs on real time against a real server, so no test sleeps or asserts timing: a
 * relative expiry is long (1000 seconds) and checked within a range, an absolute one is fixed far
 * in the future ({@link #FUTURE_SECONDS}) or long past, and is then checked exactly.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.keel.conformance.ContractTest#targets")
abstract class ContractTest {

    /** A fixed instant far in the future, 2100-01-01T00:00:00Z, in unix seconds. */
    static final long FUTURE_SECONDS = 4_102_444_800L;
    /** {@link #FUTURE_SECONDS} in unix milliseconds. */
    static final long FUTURE_MILLIS = FUTURE_SECONDS * 1000;

    static final String SYNTAX = "ERR syntax error";
    static final String NOT_INTEGER = "ERR value is not an integer or out of range";

    @Parameter
    Target target;

    Store store;
    Commands<String, String> redis;
    Commands<byte[], byte[]> binary;

    static List<Target> targets() {
        return Target.all();
    }

    @BeforeEach
    void openStore() {
        store = target.open();
        redis = store.commands();
        binary = store.commands(Codec.bytes());
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    /** Runs one command line. */
    Reply exec(String... argv) {
        return store.execute(argv);
    }

    /** Asserts that the command line answers exactly {@code expected}. */
    void assertReply(Reply expected, String... argv) {
        assertEquals(expected, exec(argv), () -> String.join(" ", argv));
    }

    /** Asserts that the command line answers the error {@code message}. */
    void assertError(String message, String... argv) {
        assertEquals(Reply.error(message), exec(argv), () -> String.join(" ", argv));
    }

    /** Asserts that the command line answers the error {@code message} and leaves every key as it was. */
    void assertRefusedUnchanged(String message, String... argv) {
        Map<String, String> before = snapshot();
        assertError(message, argv);
        assertEquals(before, snapshot(), () -> String.join(" ", argv) + " changed the data");
    }

    /**
     * Every live key with its value and its absolute expiry (byte for byte, as ISO-8859-1 text).
     * Reading the absolute expiry, not the time to live, keeps two snapshots comparable.
     */
    Map<String, String> snapshot() {
        Map<String, String> data = new TreeMap<>();
        for (byte[] key : binary.keys(bytes("*"))) {
            data.put(latin1(key), latin1(binary.get(key)) + " @" + binary.pexpiretime(key));
        }
        return data;
    }

    /** Asserts that {@code value} lies in {@code [low, high]}. */
    static void assertBetween(long low, long high, long value, String what) {
        assertTrue(value >= low && value <= high, () -> what + " = " + value + ", expected within [" + low + ", " + high + "]");
    }

    /** Asserts that a typed call throws a KeelException with {@code message}. */
    static void assertThrowsRedis(String message, org.junit.jupiter.api.function.Executable call) {
        KeelException e = assertThrows(KeelException.class, call);
        assertEquals(message, e.getMessage());
    }

    /** Skips the test against a Redis server older than {@code version}, saying why. */
    void requireRedis(String version, String why) {
        if (target.redis() && !RedisServer.shared().atLeast(version)) {
            String reason = "skipped against redis-server " + RedisServer.shared().version() + ": " + why + " needs Redis " + version;
            System.out.println(getClass().getSimpleName() + ": " + reason);
            Assumptions.abort(reason);
        }
    }

    /**
     * Runs the rest of a test only against the real server: the test pins down Redis's behaviour
     * where Keel is known to answer differently (the reason says where the fix belongs), so it
     * keeps checking the expectation against Redis and shows up as skipped for Keel until fixed.
     */
    void knownKeelDivergence(String reason) {
        Assumptions.assumeTrue(target.redis(), "known Keel divergence: " + reason);
    }

    static Reply bulk(String text) {
        return Reply.bulk(text);
    }

    static Reply integer(long value) {
        return Reply.integer(value);
    }

    /** A status reply such as {@code +PONG}. */
    static Reply status(String text) {
        return new Reply.Status(text);
    }

    /** An array reply of bulk strings, {@code null} items as nil. */
    static Reply array(String... items) {
        return Reply.array(Arrays.stream(items).<Reply>map(item -> item == null ? Reply.NIL : Reply.bulk(item)).toList());
    }

    /** The bytes of {@code text}, one per character (ISO-8859-1), for the binary-safe codec. */
    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The bytes as text, one character per byte (ISO-8859-1); null stays null. */
    static String latin1(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
