package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Blocking command lines started from a contract test, each on a thread of its own: against Keel
 * on the test's store, against Redis on a connection of its own (one connection answers in order,
 * so a blocked command would hold back the write meant to serve it). {@link #start} returns only
 * once the command waits: parked in Keel's dispatcher, or counted in Redis's
 * {@code blocked_clients}, so that a test serves it only when it is known to wait.
 *
 * <p>{@link #close()} closes the extra connections and, against Keel, the test's store, which ends
 * any wait still running; then it joins the threads.
 *
 * <p><b>Thread safety:</b> not thread safe; used by the one test thread.
 */
final class WaitingClients {
    /** How long a test waits for a command to block or to answer. */
    static final long PATIENCE_SECONDS = 10;

    /** A command line running on its own thread (and, against Redis, its own connection). */
    record Blocked(Thread thread, CompletableFuture<Reply> reply) {

        /** The reply, once it comes. */
        Reply await() throws Exception {
            return reply.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        }

        /** Whether it has answered. */
        boolean answered() {
            return reply.isDone();
        }
    }

    private final Target target;
    private final Store store;
    private final List<Store> connections = new ArrayList<>();
    private final List<Blocked> started = new ArrayList<>();

    /** Blocked clients of {@code store}, which is open on {@code target}. */
    WaitingClients(Target target, Store store) {
        this.target = target;
        this.store = store;
    }

    /** Runs {@code argv} on a client of its own and returns once that client waits in the command. */
    Blocked start(String... argv) throws InterruptedException {
        Store client = store;
        if (target.redis()) {
            client = Keel.redis(RedisServer.shared().uri());
            connections.add(client);
        }
        Store runner = client;
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().name(String.join(" ", argv)).daemon(true).start(() -> {
            try {
                reply.complete(runner.execute(argv));
            } catch (Throwable e) {
                reply.completeExceptionally(e);
            }
        });
        Blocked blocked = new Blocked(thread, reply);
        started.add(blocked);
        awaitWaiting(blocked);
        return blocked;
    }

    /**
     * Waits until every command started so far and not yet answered waits in the store (Keel) or
     * the server (Redis); {@code last} is the one to blame if none does.
     */
    void awaitWaiting(Blocked last) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!(target.redis() ? blockedOnServer() == started.stream().filter(b -> !b.answered()).count()
                : parkedInStore(last.thread()))) {
            if (last.answered()) {
                fail(last.thread().getName() + " did not block: it answered " + last.reply().getNow(null));
            }
            if (System.nanoTime() > deadline) {
                fail(last.thread().getName() + " did not block within " + PATIENCE_SECONDS + " s");
            }
            Thread.sleep(1);
        }
    }

    /** Redis's count of blocked clients, from {@code INFO clients}. */
    private long blockedOnServer() {
        for (String line : ((Reply.Bulk) store.execute("INFO", "clients")).utf8().split("\r\n")) {
            if (line.startsWith("blocked_clients:")) {
                return Long.parseLong(line.substring("blocked_clients:".length()));
            }
        }
        throw new AssertionError("INFO clients has no blocked_clients");
    }

    /** Whether {@code thread} waits in Keel's blocking command dispatcher, not merely for a lock. */
    private static boolean parkedInStore(Thread thread) {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().endsWith(".CommandDispatcher") && frame.getMethodName().equals("await")) {
                return true;
            }
        }
        return false;
    }

    /** Closes the extra connections and, against Keel, the test's store; then joins every thread started. */
    void close() throws InterruptedException {
        for (Store connection : connections) {
            connection.close();
        }
        if (!target.redis()) {
            store.close();
        }
        for (Blocked blocked : started) {
            blocked.thread().join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        }
    }
}
