package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.Commands;
import dev.keel.KeelException;
import dev.keel.Reply;
import dev.keel.Store;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The base of every contract test: each test runs once per {@link Target}, on a fresh empty store,
 * so the same assertions hold for Keel and for a real Redis.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.keel.conformance.ContractTest#targets")
abstract class ContractTest {

    @Parameter
    Target target;

    Store store;
    Commands<String, String> redis;

    static List<Target> targets() {
        return Target.all();
    }

    @BeforeEach
    void openStore() {
        store = target.open();
        redis = store.commands();
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

    /** Asserts that the command line answers the error {@code message}. */
    void assertError(String message, String... argv) {
        assertEquals(Reply.error(message), exec(argv), String.join(" ", argv));
    }

    /** Asserts that a typed call throws a KeelException with {@code message}. */
    static void assertThrowsRedis(String message, org.junit.jupiter.api.function.Executable call) {
        KeelException e = assertThrows(KeelException.class, call);
        assertEquals(message, e.getMessage());
    }

    /** Skips the test against a Redis server older than {@code version}, saying why. */
    void requireRedis(String version, String why) {
        if (target.redis()) {
            Assumptions.assumeTrue(RedisServer.shared().atLeast(version),
                    "skipped against redis-server " + RedisServer.shared().version() + ": " + why + " needs Redis " + version);
        }
    }

    static Reply bulk(String text) {
        return Reply.bulk(text);
    }

    static Reply integer(long value) {
        return Reply.integer(value);
    }
}
