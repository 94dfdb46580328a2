package dev.keel.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.keel.Reply;
import dev.keel.Thresholds;
import dev.keel.engine.ManualClock;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.keyspace.SipHash;
import dev.keel.engine.keyspace.ValueType;
import dev.keel.engine.list.ListCommands;
import dev.keel.engine.list.ListValues;
import dev.keel.engine.memory.OffHeapMemory;
import dev.keel.spi.CommandLines;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Regression: a blocked command whose handler threw something other than a Redis error while a
 * push served it left its waiter SERVING forever (its thread spinning) and threw into the pushing
 * command, whose push had succeeded. Now the waiter gets the exception and the push its reply.
 * A dispatcher with one extra command, BEXPLODE, which blocks and then throws when served,
 * stands in for an engine bug.
 */
@Timeout(60)
class ServedCommandFailureTest {
    private OffHeapMemory memory;
    private Keyspace keyspace;
    private CommandDispatcher dispatcher;

    @BeforeEach
    void openDispatcher() {
        memory = new OffHeapMemory();
        keyspace = new Keyspace(memory, 4, SipHash.random());
        keyspace.register(ValueType.LIST, ListValues.STRUCTURE);
        CommandTable table = new CommandTable();
        KeyCommands.register(table);
        ListCommands.register(table);
        table.add("bexplode", 3, CommandSpec.WRITE, 1, 1, 1, inv -> {
            if (inv.mayBlock()) {
                inv.block(0, 1);
                return null;
            }
            throw new IllegalStateException("served command failed");
        });
        dispatcher = new CommandDispatcher(table, keyspace, new ManualClock(), 0, Thresholds.defaults());
    }

    @AfterEach
    void closeDispatcher() {
        assertNull(keyspace.verify());
        keyspace.lockAll();
        try {
            dispatcher.close();
            memory.close();
        } finally {
            keyspace.unlockAll();
        }
    }

    private Reply execute(String... argv) {
        return dispatcher.execute(CommandLines.utf8(argv));
    }

    @Test
    void servedCommandThrowing_failsItsWaiterAndNotThePush() throws Exception {
        CompletableFuture<Reply> exploding = new CompletableFuture<>();
        Thread waiter = Thread.ofPlatform().daemon(true).start(() -> {
            try {
                exploding.complete(execute("BEXPLODE", "q", "0"));
            } catch (Throwable e) {
                exploding.completeExceptionally(e);
            }
        });
        awaitParked(waiter);
        CompletableFuture<Reply> popping = new CompletableFuture<>();
        Thread popper = Thread.ofPlatform().daemon(true).start(() -> popping.complete(execute("BLPOP", "q", "0")));
        awaitParked(popper);

        assertEquals(Reply.integer(1), execute("RPUSH", "q", "x"));

        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> exploding.get(20, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, failure.getCause());
        assertEquals(Reply.array(List.of(Reply.bulk("q"), Reply.bulk("x"))), popping.get(20, TimeUnit.SECONDS));
        assertEquals(Reply.integer(0), execute("EXISTS", "q"));
    }

    private static void awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                for (StackTraceElement frame : thread.getStackTrace()) {
                    if (frame.getMethodName().equals("await") && frame.getClassName().equals(CommandDispatcher.class.getName())) {
                        return;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                fail(thread.getName() + " did not park: " + state);
            }
            Thread.sleep(1);
        }
    }
}
