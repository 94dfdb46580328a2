package dev.keel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.KeelException;
import dev.keel.Reply;
import dev.keel.Store;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

/**
 * The fixture of the command tests: a fresh store per test on a {@link ManualClock}, without
 * active expiry so that only the test moves time and removes keys; the keyspace's invariants are
 * checked after every test, and the store is closed.
 *
 * <p>The expected replies and error texts in the subclasses were taken from a real Redis 7.0.15.
 */
public abstract class AbstractCommandTest {
    /** The clock of {@link #store}; starts at {@code 1_780_000_000_000} ms, a whole second. */
    protected ManualClock clock;
    /** The store under test. */
    protected Store store;
    /** The typed command layer of {@link #store}. */
    protected Commands<String, String> redis;

    @BeforeEach
    protected final void openStore() {
        clock = new ManualClock();
        store = configure(Keel.builder().clock(clock).activeExpiry(false)).open();
        redis = store.commands();
    }

    /** Adds a subclass's settings (thresholds, stripes, ...) to the builder of {@link #store}. */
    protected Keel.Builder configure(Keel.Builder builder) {
        return builder;
    }

    @AfterEach
    protected final void checkAndCloseStore() {
        try {
            if (store instanceof OffHeapStore offHeap && !offHeap.isClosed()) {
                assertNull(offHeap.verifyIntegrity(), "keyspace invariants");
            }
        } finally {
            store.close();
        }
    }

    /** The current time of {@link #clock} in epoch milliseconds. */
    protected long now() {
        return clock.millis();
    }

    /** Runs a command line through {@link Store#execute(String...)}. */
    protected Reply exec(String... argv) {
        return store.execute(argv);
    }

    /** A bulk reply of UTF-8 {@code text}. */
    protected static Reply bulk(String text) {
        return Reply.bulk(text);
    }

    /** An integer reply. */
    protected static Reply integer(long value) {
        return Reply.integer(value);
    }

    /** An array reply of bulk strings and nils ({@code null} items). */
    protected static Reply array(String... items) {
        Reply[] replies = new Reply[items.length];
        for (int i = 0; i < items.length; i++) {
            replies[i] = items[i] == null ? Reply.NIL : Reply.bulk(items[i]);
        }
        return Reply.array(List.of(replies));
    }

    /**
     * Runs {@code argv} on a new thread and returns once that thread is parked, blocked in the
     * store (BLPOP, XREAD BLOCK, ...); fails if it answers instead.
     */
    protected CompletableFuture<Reply> startBlocked(String... argv) throws InterruptedException {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().daemon().start(() -> {
            try {
                reply.complete(exec(argv));
            } catch (Throwable e) {
                reply.completeExceptionally(e);
            }
        });
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            assertFalse(reply.isDone(), () -> String.join(" ", argv) + " did not block: " + reply.join());
            Thread.sleep(1);
        }
        return reply;
    }

    /** Returns what a {@link #startBlocked} command answered, waiting up to 20 s for it. */
    protected static Reply answerOf(CompletableFuture<Reply> reply) throws Exception {
        return reply.get(20, TimeUnit.SECONDS);
    }

    /** Asserts that {@code argv} answers exactly {@code expected}. */
    protected void assertReply(Reply expected, String... argv) {
        assertEquals(expected, exec(argv), () -> String.join(" ", argv));
    }

    /** Asserts that {@code argv} answers the error {@code message}. */
    protected void assertError(String message, String... argv) {
        Reply reply = exec(argv);
        Reply.Error error = assertInstanceOf(Reply.Error.class, reply, () -> String.join(" ", argv) + " answered " + reply);
        assertEquals(message, error.message(), () -> String.join(" ", argv));
    }

    /** Asserts that {@code argv} answers the error {@code message} and leaves every key as it was. */
    protected void assertRefusedUnchanged(String message, String... argv) {
        Map<String, String> before = snapshot();
        assertError(message, argv);
        assertEquals(before, snapshot(), () -> String.join(" ", argv) + " changed the data");
    }

    /** Asserts that a typed call throws a {@link KeelException} with Redis's {@code message}. */
    protected static KeelException assertThrowsKeel(String message, Executable call) {
        KeelException e = assertThrows(KeelException.class, call);
        assertEquals(message, e.getMessage());
        return e;
    }

    /**
     * Every key with its value (as ISO-8859-1, byte for byte; a list as its elements in
     * brackets, a sorted set as its members and scores in order, a stream as its entries and
     * XINFO STREAM FULL) and its absolute expiry.
     */
    protected Map<String, String> snapshot() {
        return snapshotOf(store);
    }

    /** {@link #snapshot()} of any store: every key with its value and absolute expiry. */
    static Map<String, String> snapshotOf(Store store) {
        Map<String, String> data = new TreeMap<>();
        // Reading a hash drops its expired fields, and the hash with its last one: do that first,
        // so that the snapshot itself changes nothing.
        for (Reply key : ((Reply.Array) store.execute("KEYS", "*")).items()) {
            store.execute(ascii("HLEN"), ((Reply.Bulk) key).bytes());
        }
        Reply keys = store.execute("KEYS", "*");
        for (Reply key : ((Reply.Array) keys).items()) {
            byte[] name = ((Reply.Bulk) key).bytes();
            Reply type = store.execute(ascii("TYPE"), name);
            String value;
            if (type.equals(new Reply.Status("list"))) {
                List<String> elements = new ArrayList<>();
                Reply range = store.execute(ascii("LRANGE"), name, ascii("0"), ascii("-1"));
                for (Reply element : ((Reply.Array) range).items()) {
                    elements.add(latin1(((Reply.Bulk) element).bytes()));
                }
                value = "list" + elements;
            } else if (type.equals(new Reply.Status("hash"))) {
                Map<String, String> fields = new TreeMap<>();
                List<Reply> items = ((Reply.Array) store.execute(ascii("HGETALL"), name)).items();
                for (int i = 0; i < items.size(); i += 2) {
                    byte[] field = ((Reply.Bulk) items.get(i)).bytes();
                    Reply expiry = store.execute(ascii("HPEXPIRETIME"), name, ascii("FIELDS"), ascii("1"), field);
                    fields.put(latin1(field), latin1(((Reply.Bulk) items.get(i + 1)).bytes()) + " @" + expiry);
                }
                value = "hash" + fields;
            } else if (type.equals(new Reply.Status("zset"))) {
                List<String> entries = new ArrayList<>();
                for (Reply item : ((Reply.Array) store.execute(ascii("ZRANGE"), name, ascii("0"), ascii("-1"), ascii("WITHSCORES"))).items()) {
                    entries.add(latin1(((Reply.Bulk) item).bytes()));
                }
                value = "zset" + entries;
            } else if (type.equals(new Reply.Status("set"))) {
                java.util.Set<String> members = new java.util.TreeSet<>();
                for (Reply member : ((Reply.Array) store.execute(ascii("SMEMBERS"), name)).items()) {
                    members.add(latin1(((Reply.Bulk) member).bytes()));
                }
                value = "set" + members;
            } else if (type.equals(new Reply.Status("stream"))) {
                // The entries, then the counters, groups, consumers and pending entries, in full.
                value = "stream" + latin1(store.execute(ascii("XRANGE"), name, ascii("-"), ascii("+")))
                        + latin1(store.execute(ascii("XINFO"), ascii("STREAM"), name, ascii("FULL"), ascii("COUNT"), ascii("0")));
            } else {
                value = latin1(((Reply.Bulk) store.execute(ascii("GET"), name)).bytes());
            }
            Reply expiry = store.execute(ascii("PEXPIRETIME"), name);
            data.put(latin1(name), value + " @" + expiry);
        }
        return data;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A reply as text, its bulk strings as ISO-8859-1 (one char per byte). */
    private static String latin1(Reply reply) {
        return switch (reply) {
            case Reply.Bulk bulk -> '"' + latin1(bulk.bytes()) + '"';
            case Reply.Array array -> array.items().stream().map(AbstractCommandTest::latin1).toList().toString();
            default -> reply.toString();
        };
    }

    /** The bytes as ISO-8859-1 text, one char per byte. */
    protected static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
