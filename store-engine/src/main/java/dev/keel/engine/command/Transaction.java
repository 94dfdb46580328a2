package dev.keel.engine.command;

import dev.keel.KeelException;
import dev.keel.Reply;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.spi.CommandExecutor;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Commands run as one atomic unit while the dispatcher holds their locks: the body of
 * {@code store.atomically} or the commands queued by MULTI, at EXEC.
 *
 * <pre>
 * What a command here does differently
 *   It takes no lock (the transaction holds them), never blocks, and runs at the transaction's
 *   one instant, so no key expires halfway. What it would send on when it succeeds, its log
 *   record, its notifications, its WATCH marks, is kept (onCommit) until the transaction ends.
 *
 * Rollback (atomically)
 *   Before a write command's first change to a key, the key's value is copied aside, off-heap
 *   (Keyspace.saveCopy; a missing key is remembered as missing). If the closure throws, every
 *   key written is put back as it was, and nothing kept is sent on: no log record, no
 *   notification. On commit the copies are freed. A key's first write thus costs a copy of its
 *   value; later writes to it cost nothing more. EXEC does not roll back, as Redis does not.
 *
 * Logging
 *   The effects of all the commands go to the log as one record (CommandGroup), so a crash keeps
 *   all of them or none.
 * </pre>
 *
 * <p><b>Thread safety:</b> confined to the thread that opened it.
 */
final class Transaction implements CommandExecutor {
    private final CommandDispatcher dispatcher;
    private final Keyspace keyspace;
    private final Thread owner = Thread.currentThread();
    private final long now;
    /** Whether this is atomically (refuses blocking and whole-keyspace writes, rolls back), not EXEC. */
    private final boolean atomically;
    /** The keys atomically declared, or null for all; a set of them when there are many. */
    private final byte[][] declared;
    private final Set<ByteBuffer> declaredSet;
    private final CommandLog log;
    private boolean open = true;
    /**
     * The keys written so far, each with its hash and its saved copy (0: it was absent); atomically
     * only. Few keys are searched in turn; past {@link #SCAN_LIMIT}, through {@link #savedIndex}.
     */
    private byte[][] savedKeys;
    private long[] savedHashes;
    private long[] savedCopies;
    private int savedCount;
    private Map<ByteBuffer, Integer> savedIndex;
    private List<byte[][]> logged;
    private List<Runnable> onCommit;
    private List<byte[]> ready;

    /** Up to this many keys, a key is looked for by comparing it with each in turn. */
    private static final int SCAN_LIMIT = 8;

    Transaction(CommandDispatcher dispatcher, long now, boolean atomically, byte[][] declared, CommandLog log) {
        this.dispatcher = dispatcher;
        this.keyspace = dispatcher.keyspace();
        this.now = now;
        this.atomically = atomically;
        this.declared = declared;
        if (declared != null && declared.length > SCAN_LIMIT) {
            declaredSet = new HashSet<>();
            for (byte[] key : declared) {
                declaredSet.add(ByteBuffer.wrap(key));
            }
        } else {
            declaredSet = null;
        }
        this.log = log;
    }

    @Override
    public Reply execute(byte[][] argv) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("the commands of atomically run only on the thread that called it");
        }
        if (!open) {
            throw new IllegalStateException("the transaction is over: use its commands only inside the atomically closure");
        }
        dispatcher.checkOpen();
        Reply.Error invalid = dispatcher.invalid(argv);
        if (invalid != null) {
            return invalid;
        }
        CommandSpec spec = dispatcher.spec(argv);
        if (spec == null) {
            return Reply.error(CommandDispatcher.unknownCommand(argv));
        }
        if (!spec.arityAccepts(argv.length)) {
            return Reply.error(ErrorText.arity(spec.name()).getMessage());
        }
        return run(spec, argv);
    }

    /** Runs a command line whose name and arity are known good; answers its reply or error. */
    Reply run(CommandSpec spec, byte[][] argv) {
        if (spec.has(CommandSpec.SESSION)) {
            if (atomically) {
                return Reply.error("ERR " + upper(spec) + " is not allowed inside atomically");
            }
            return Reply.OK; // UNWATCH queued in MULTI: the EXEC unwatches anyway.
        }
        if (atomically && spec.mayBlock(argv)) {
            return Reply.error("ERR " + upper(spec) + " may block, which atomically does not allow: use it outside, or its non-blocking form");
        }
        try {
            if (spec.has(CommandSpec.WHOLE_KEYSPACE)) {
                return runOverKeyspace(spec, argv);
            }
            int[] keys = spec.keyIndexes(argv);
            long[] hashes = new long[argv.length];
            for (int index : keys) {
                if (declared != null && !isDeclared(argv[index])) {
                    return Reply.error("ERR key '" + Arguments.text(argv[index]) + "' was not declared to atomically");
                }
                hashes[index] = keyspace.hash(argv[index]);
            }
            boolean write = spec.has(CommandSpec.WRITE);
            if (write) {
                for (int index : keys) {
                    beforeWrite(argv[index], hashes[index]);
                }
            }
            Invocation invocation = new Invocation(dispatcher, argv, hashes, now, false);
            invocation.joinTransaction(this);
            invocation.countReads(!write);
            dispatcher.countProcessed();
            Reply reply = spec.handler().run(invocation);
            if (write) {
                dispatcher.afterWrite(spec, invocation, reply, log);
            }
            if (invocation.readyKeys() != null) {
                if (ready == null) {
                    ready = new ArrayList<>();
                }
                ready.addAll(invocation.readyKeys());
            }
            return reply == null ? Reply.NIL : reply;
        } catch (KeelException e) {
            return Reply.error(e.getMessage());
        }
    }

    /** Runs a command over the whole keyspace: reads anywhere, FLUSHALL and FLUSHDB only in EXEC (every stripe is locked then). */
    private Reply runOverKeyspace(CommandSpec spec, byte[][] argv) {
        boolean write = spec.has(CommandSpec.WRITE);
        if (atomically && (write || declared != null)) {
            return Reply.error("ERR " + upper(spec) + (write ? " is not allowed inside atomically"
                    : " needs the whole store: call atomically without declaring keys"));
        }
        Invocation invocation = new Invocation(dispatcher, argv, null, now, false);
        invocation.joinTransaction(this);
        dispatcher.countProcessed();
        if (write) {
            dispatcher.beforeKeyspaceWrite(log, now);
        }
        Reply reply = spec.handler().run(invocation);
        if (write) {
            dispatcher.afterWrite(spec, invocation, reply, log);
        }
        return reply;
    }

    private boolean isDeclared(byte[] key) {
        if (declaredSet != null) {
            return declaredSet.contains(ByteBuffer.wrap(key));
        }
        for (byte[] declaredKey : declared) {
            if (Arrays.equals(declaredKey, key)) {
                return true;
            }
        }
        return false;
    }

    /** Before a write command changes {@code key}: lets a log rewrite save its stripe, and saves the key for rollback. */
    private void beforeWrite(byte[] key, long hash) {
        if (log != null) {
            log.beforeWrite(keyspace.stripeOf(hash));
        }
        if (!atomically) {
            return;
        }
        if (isSaved(key)) {
            return;
        }
        if (savedKeys == null) {
            savedKeys = new byte[4][];
            savedHashes = new long[4];
            savedCopies = new long[4];
        } else if (savedCount == savedKeys.length) {
            savedKeys = Arrays.copyOf(savedKeys, savedCount * 2);
            savedHashes = Arrays.copyOf(savedHashes, savedCount * 2);
            savedCopies = Arrays.copyOf(savedCopies, savedCount * 2);
        }
        long entry = keyspace.lookup(key, hash, now);
        savedKeys[savedCount] = key;
        savedHashes[savedCount] = hash;
        savedCopies[savedCount] = entry == 0 ? 0 : keyspace.saveCopy(entry, hash, now);
        if (savedIndex != null) {
            savedIndex.put(ByteBuffer.wrap(key), savedCount);
        } else if (savedCount == SCAN_LIMIT) {
            savedIndex = new HashMap<>();
            for (int i = 0; i <= savedCount; i++) {
                savedIndex.put(ByteBuffer.wrap(savedKeys[i]), i);
            }
        }
        savedCount++;
    }

    private boolean isSaved(byte[] key) {
        if (savedIndex != null) {
            return savedIndex.containsKey(ByteBuffer.wrap(key));
        }
        for (int i = 0; i < savedCount; i++) {
            if (Arrays.equals(savedKeys[i], key)) {
                return true;
            }
        }
        return false;
    }

    /** Keeps a log record to write at commit. */
    void log(byte[][] effect) {
        if (logged == null) {
            logged = new ArrayList<>();
        }
        logged.add(effect);
    }

    /** Keeps {@code action} to run at commit, still under the transaction's locks. */
    void onCommit(Runnable action) {
        if (onCommit == null) {
            onCommit = new ArrayList<>();
        }
        onCommit.add(action);
    }

    /**
     * Makes the transaction's effects final, under its locks: writes its log record, runs what was
     * kept for commit, frees the saved copies. Returns whether anything was logged.
     */
    boolean commit() {
        open = false;
        boolean wrote = false;
        if (logged != null && log != null) {
            log.append(logged.size() == 1 ? logged.get(0) : CommandGroup.join(logged), now);
            wrote = true;
        }
        if (onCommit != null) {
            for (Runnable action : onCommit) {
                action.run();
            }
        }
        for (int i = 0; i < savedCount; i++) {
            keyspace.discard(savedCopies[i]);
        }
        savedCount = 0;
        return wrote;
    }

    /** Puts every key written back as it was, under the transaction's locks, and drops what was kept for commit. */
    void rollback() {
        open = false;
        for (int i = 0; i < savedCount; i++) {
            keyspace.restore(savedKeys[i], savedHashes[i], savedCopies[i]);
        }
        savedCount = 0;
        logged = null;
        onCommit = null;
        ready = null;
    }

    /** Closes the transaction to further commands (after commit or rollback). */
    void close() {
        open = false;
    }

    /** Returns the keys that got elements a blocked command may take, to serve once the locks are released; or null. */
    ArrayDeque<byte[]> readyKeys() {
        return ready == null ? null : new ArrayDeque<>(ready);
    }

    long now() {
        return now;
    }

    private static String upper(CommandSpec spec) {
        return spec.name().toUpperCase(java.util.Locale.ROOT);
    }
}
