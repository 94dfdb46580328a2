package dev.keel.engine.command;

import dev.keel.Reply;

/**
 * Told of every write command that succeeded, while the command still holds its stripe locks:
 * the seam for keyspace notifications.
 *
 * <pre>
 * Transactions
 *   Inside store.atomically a command's effects are final only when the closure returns: the
 *   dispatcher keeps what written() returned and runs it at commit, still under the locks, or
 *   drops it if the closure throws and the transaction is rolled back. Outside, it runs at once.
 * </pre>
 *
 * <p><b>Thread safety:</b> called concurrently, each call under the locks of its command's keys.
 */
@FunctionalInterface
public interface WriteObserver {

    /**
     * Looks at a write command that succeeded ({@code reply} is not an error) and returns what to
     * do once its effects are final (such as publishing its notifications), or null for nothing.
     * May read the keyspace through {@code invocation}; must not change it.
     */
    Runnable written(CommandSpec spec, Invocation invocation, Reply reply);
}
