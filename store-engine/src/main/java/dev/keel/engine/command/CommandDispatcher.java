package dev.keel.engine.command;

import dev.keel.EvictionPolicy;
import dev.keel.KeelException;
import dev.keel.KeelInterruptedException;
import dev.keel.Reply;
import dev.keel.StoreInfo;
import dev.keel.Thresholds;
import dev.keel.engine.keyspace.Eviction;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.memory.OffHeapMemory;
import dev.keel.spi.CommandExecutor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs command lines: finds the command, checks its arity and the memory limit, takes the locks
 * of its keys, runs it and turns a refusal into Redis's error reply.
 *
 * <pre>
 * Locking
 *   The stripes of a command's keys are locked in ascending stripe order and released in
 *   reverse, so two multi-key commands can never wait on each other in a cycle. A command with
 *   one key takes one lock. Commands over the whole keyspace lock stripes themselves.
 *
 * Blocking (BLPOP, BLMOVE, ...)
 *   A blocking command that finds nothing asks to block; still under its locks it joins the
 *   queue of each key it watches (BlockedClients), then the locks are released and its thread
 *   parks. A command that pushes to a watched key marks it ready; once that command has released
 *   its locks, its thread serves the key's waiters in arrival order: it locks all the stripes of
 *   the first waiter's command, runs that command for it and hands over the reply, and goes on
 *   while the key has data and waiters. So one push serves exactly as many waiters as it has
 *   elements for, and a moved element is delivered once. Timeouts, interrupts and close cancel a
 *   waiter only while it is not being served (see Waiter).
 *
 * Blocking without taking (XREAD, XREADGROUP)
 *   A stream read takes nothing the others waiting could have, so a waiter that finds nothing
 *   says nothing of those behind it (another group, an older ID): the pushing thread then tries
 *   each of them once (CommandSpec.INDEPENDENT_WAIT). Such a command blocks with its arguments
 *   rewritten (Invocation.block with a re-run command line: XREAD's $ becomes the ID that was
 *   last), so that it reads after what was there when it blocked, and a re-run that answers a
 *   Redis error (XREADGROUP whose stream or group was deleted) completes the waiter with it.
 *   DEL, RENAME and XGROUP DESTROY signal their keys like a push; a stream that goes any other
 *   way (overwritten, expired, flushed) has each such waiter run its command again on its own
 *   thread (recheckIndependentWaiters).
 *
 * Transactions (atomically, MULTI/EXEC, WATCH)
 *   store.atomically locks the stripes of its declared keys (or every stripe) for the whole
 *   closure and runs the closure's commands through a Transaction, which takes no lock, rolls
 *   back on an exception and logs the effects as one record. MULTI, queued commands and WATCH
 *   live in a Session, one per thread and store (a thread is Keel's connection); EXEC locks the
 *   stripes of every queued command and watched key (every stripe if one works over the whole
 *   keyspace), answers nil if a watched key was written (Watches) or went (expired, evicted)
 *   since WATCH, and otherwise runs the queue in a Transaction without rollback, as Redis does.
 *   Two counters (threads with a session, threads inside atomically) keep all of this to one
 *   volatile read per command while nobody uses it.
 *
 * Statistics (INFO)
 *   Every command that gets past the checks before it runs counts as processed (a LongAdder: no
 *   shared cache line between cores), as Redis counts the commands it calls. Keyspace hits and
 *   misses are counted per stripe, under the stripe lock the lookup holds anyway (Invocation);
 *   the keyspace counts expired keys the same way, Eviction its evictions.
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
public final class CommandDispatcher implements CommandExecutor {
    private static final byte[] DEL = {'D', 'E', 'L'};
    private static final Reply QUEUED = new Reply.Status("QUEUED");
    private final CommandTable table;
    private final Keyspace keyspace;
    private final OffHeapMemory memory;
    private final InstantSource clock;
    private final long memoryLimit;
    private final Thresholds thresholds;
    private final BlockedClients blocked;
    /** The waiters of commands that wait independently (XREAD, XREADGROUP), for {@link #recheckIndependentWaiters}. */
    private final Set<Waiter> independentWaiters = ConcurrentHashMap.newKeySet();
    /** Removes keys past the memory limit, by the store's policy; null for none. */
    private Eviction eviction;
    /** Sends evictions to the log (a DEL each), under the evicted key's stripe lock. */
    private final Eviction.Listener evictionLog = new Eviction.Listener() {
        @Override
        public void beforeRemoval(int stripe) {
            CommandLog commandLog = log;
            if (commandLog != null) {
                commandLog.beforeWrite(stripe);
            }
        }

        @Override
        public void removed(byte[] key, long now) {
            logRemoval(key, now);
        }
    };
    /** The keys watched by sessions (WATCH). */
    private final Watches watches;
    /** Each thread's MULTI and WATCH state while it has any; see {@link #activeSessions}. */
    private final ThreadLocal<Session> sessions = new ThreadLocal<>();
    /** How many threads have a session: while none, commands skip the thread-local lookup. */
    private final AtomicInteger activeSessions = new AtomicInteger();
    /** The transaction each thread is inside (atomically), to refuse the store's own commands there. */
    private final ThreadLocal<Transaction> transactions = new ThreadLocal<>();
    private final AtomicInteger openTransactions = new AtomicInteger();
    /** Told of every write command that succeeded (keyspace notifications), or null. */
    private volatile WriteObserver observer;
    /** The append-only log, or null: set once, before the store takes commands. */
    private volatile CommandLog log;
    /** Whether commands come from the log being replayed: no blocking, no memory limit, no logging. */
    private boolean replaying;
    private volatile boolean closed;
    /** Commands run (total_commands_processed): neither refused ones nor replayed ones. */
    private final LongAdder commandsProcessed = new LongAdder();
    private final long openedNanos = System.nanoTime();

    /** Creates a dispatcher over {@code keyspace}, refusing growth past {@code memoryLimit} bytes (0: none). */
    public CommandDispatcher(CommandTable table, Keyspace keyspace, InstantSource clock, long memoryLimit, Thresholds thresholds) {
        this.table = table;
        this.keyspace = keyspace;
        this.memory = keyspace.memory();
        this.clock = clock;
        this.memoryLimit = memoryLimit;
        this.thresholds = thresholds;
        this.blocked = new BlockedClients(keyspace.stripeCount());
        this.watches = new Watches(keyspace.stripeCount());
    }

    /** Returns the encoding thresholds. */
    Thresholds thresholds() {
        return thresholds;
    }

    /** Returns the keyspace. */
    Keyspace keyspace() {
        return keyspace;
    }

    /** Returns the append-only log, or null. */
    CommandLog log() {
        return log;
    }

    boolean replaying() {
        return replaying;
    }

    /**
     * Logs the removal of {@code key} at {@code now} as a DEL, if there is a log and this is not a
     * replay: for a removal that time alone does not show on replay (a hash gone with its last
     * expired fields, an eviction), as Redis logs them. The caller holds the key's stripe lock.
     */
    public void logRemoval(byte[] key, long now) {
        CommandLog commandLog = log;
        if (commandLog != null && !replaying) {
            commandLog.append(new byte[][] {DEL, key}, now);
        }
    }

    /** Evicts keys by {@code policy} when a command finds the data over the memory limit; call before the store takes commands. */
    public void useEviction(Eviction policy) {
        this.eviction = policy;
    }

    /**
     * Tells {@code writeObserver} of every later write command that succeeded (see
     * {@link WriteObserver}); a second observer is told after the first.
     */
    public synchronized void observeWrites(WriteObserver writeObserver) {
        WriteObserver first = observer;
        observer = first == null ? writeObserver : (spec, invocation, reply) -> {
            Runnable a = first.written(spec, invocation, reply);
            Runnable b = writeObserver.written(spec, invocation, reply);
            return a == null ? b : b == null ? a : () -> {
                a.run();
                b.run();
            };
        };
    }

    /** Sends the effect of every later write command to {@code commandLog}; call before the store takes commands. */
    public void attachLog(CommandLog commandLog) {
        this.log = commandLog;
    }

    /**
     * Runs {@code argv}, read back from the append-only log, as it ran at {@code now}: it never
     * blocks (a blocking pop takes what is there), ignores the memory limit and is not logged
     * again. Call only while nothing else runs commands, before the store is handed out.
     */
    public Reply replay(byte[][] argv, long now) {
        checkOpen();
        if (CommandGroup.isGroup(argv)) {
            List<byte[][]> lines;
            try {
                lines = CommandGroup.split(argv);
            } catch (KeelException e) {
                return Reply.error(e.getMessage());
            }
            for (byte[][] line : lines) {
                Reply reply = replay(line, now);
                if (reply instanceof Reply.Error) {
                    return reply;
                }
            }
            return Reply.OK;
        }
        CommandSpec spec = table.lookup(argv[0]);
        if (spec == null) {
            return Reply.error(unknownCommand(argv));
        }
        if (!spec.arityAccepts(argv.length)) {
            return Reply.error(ErrorText.arity(spec.name()).getMessage());
        }
        replaying = true;
        try {
            if (spec.has(CommandSpec.WHOLE_KEYSPACE)) {
                return spec.handler().run(new Invocation(this, argv, null, now, false));
            }
            int[] keys = spec.keyIndexes(argv);
            long[] hashes = new long[argv.length];
            int[] stripes = stripesOf(argv, keys, hashes);
            Invocation invocation = new Invocation(this, argv, hashes, now, false);
            lockAll(stripes);
            try {
                return spec.handler().run(invocation);
            } finally {
                unlockAll(stripes, stripes.length);
            }
        } catch (KeelException e) {
            return Reply.error(e.getMessage());
        } finally {
            replaying = false;
        }
    }

    /**
     * Refuses every later command with {@link IllegalStateException} and wakes every blocked
     * command, which throws it too. Called with every stripe locked.
     */
    public void close() {
        closed = true;
        blocked.closeAll();
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    /**
     * Returns the error for a command line that no command can take (empty, an argument over
     * Redis's bulk length limit), or null.
     *
     * @throws NullPointerException if an argument is null
     */
    Reply.Error invalid(byte[][] argv) {
        if (argv.length == 0) {
            return Reply.error("ERR unknown command '', with args beginning with: ");
        }
        for (int i = 0; i < argv.length; i++) {
            if (argv[i] == null) {
                throw new NullPointerException("argument " + i + " of the command line is null");
            }
            if (argv[i].length > ErrorText.MAX_STRING_LENGTH) {
                return Reply.error("ERR Protocol error: invalid bulk length");
            }
        }
        return null;
    }

    /** Returns the command named by {@code argv[0]}, or null. */
    CommandSpec spec(byte[][] argv) {
        return table.lookup(argv[0]);
    }

    /** Counts a command run (INFO's total_commands_processed). */
    void countProcessed() {
        commandsProcessed.increment();
    }

    @Override
    public Reply execute(byte[][] argv) {
        checkOpen();
        Reply.Error invalid = invalid(argv);
        if (invalid != null) {
            return invalid;
        }
        if (openTransactions.get() != 0 && transactions.get() != null) {
            throw new IllegalStateException("inside atomically, run commands through the closure's commands, not the store's");
        }
        CommandSpec spec = table.lookup(argv[0]);
        boolean sessionCommand = spec != null && spec.has(CommandSpec.SESSION);
        if (sessionCommand || activeSessions.get() != 0) {
            Session session = sessions.get();
            if (sessionCommand || session != null && session.inMulti) {
                return session(spec, argv, session);
            }
        }
        if (spec == null) {
            return Reply.error(unknownCommand(argv));
        }
        if (!spec.arityAccepts(argv.length)) {
            return Reply.error(ErrorText.arity(spec.name()).getMessage());
        }
        if (memoryLimit > 0 && memory.usedBytes() > memoryLimit) {
            // As Redis: over the limit, every command first evicts by the policy; a command that
            // may add data is refused only if that could not bring the data under the limit.
            boolean under = eviction != null && eviction.evict(memoryLimit, clock.millis(), evictionLog);
            if (!under && spec.has(CommandSpec.DENY_OOM)) {
                return Reply.error(ErrorText.outOfMemory().getMessage());
            }
        }
        CommandLog commandLog = spec.has(CommandSpec.WRITE) ? log : null;
        if (commandLog != null) {
            String refusal = commandLog.refusal();
            if (refusal != null) {
                return Reply.error(refusal);
            }
        }
        commandsProcessed.increment();
        Invocation invocation;
        Reply reply;
        try {
            if (spec.has(CommandSpec.WHOLE_KEYSPACE)) {
                invocation = new Invocation(this, argv, null, clock.millis(), true);
                return spec.has(CommandSpec.WRITE) ? runWriteOverKeyspace(spec, invocation, commandLog) : spec.handler().run(invocation);
            }
            int[] keys = spec.keyIndexes(argv);
            long[] hashes = new long[argv.length];
            int[] stripes = stripesOf(argv, keys, hashes);
            invocation = new Invocation(this, argv, hashes, 0, true);
            invocation.countReads(!spec.has(CommandSpec.WRITE));
            reply = runLocked(spec, invocation, stripes, commandLog);
        } catch (KeelException e) {
            return Reply.error(e.getMessage());
        }
        serveReadyKeys(invocation);
        if (reply == null) {
            reply = await(invocation.waiter());
        }
        if (commandLog != null) {
            commandLog.awaitDurable();
        }
        return reply;
    }

    /**
     * Returns the store's statistics ({@link dev.keel.Store#info()}): the keyspace's numbers read
     * stripe by stripe, one lock at a time, and the rest as they are at the moment.
     */
    public StoreInfo info() {
        Keyspace.Counts counts = keyspace.counts();
        Eviction policy = eviction;
        return new StoreInfo(counts.keys(), counts.keysWithExpiry(), memory.usedBytes(), memory.reservedBytes(), memoryLimit,
                policy == null ? EvictionPolicy.NOEVICTION : policy.policy(), counts.hits(), counts.misses(), counts.expired(),
                policy == null ? 0 : policy.evictedKeys(), commandsProcessed.sum(), Duration.ofNanos(System.nanoTime() - openedNanos));
    }

    /** Runs a write command over the whole keyspace (FLUSHALL, FLUSHDB) with every stripe locked. */
    private Reply runWriteOverKeyspace(CommandSpec spec, Invocation invocation, CommandLog commandLog) {
        Reply reply;
        keyspace.lockAll();
        try {
            checkOpen();
            invocation.setNow(clock.millis());
            beforeKeyspaceWrite(commandLog, invocation.now());
            reply = spec.handler().run(invocation);
            afterWrite(spec, invocation, reply, commandLog);
        } finally {
            keyspace.unlockAll();
        }
        if (commandLog != null) {
            commandLog.awaitDurable();
        }
        return reply;
    }

    /**
     * Before a write over the whole keyspace, with every stripe locked: lets a log rewrite save
     * every stripe, and fails the EXEC of sessions watching a key that holds a value.
     */
    void beforeKeyspaceWrite(CommandLog commandLog, long now) {
        if (commandLog != null) {
            for (int stripe = 0; stripe < keyspace.stripeCount(); stripe++) {
                commandLog.beforeWrite(stripe);
            }
        }
        if (watches.any()) {
            watches.touchExisting(keyspace, now);
        }
    }

    /**
     * After a write command ran, under its locks: sends what it did to the log (or to its
     * transaction, for the commit), fails the EXEC of sessions watching a key it changed, and
     * tells the observer. Nothing, if it failed; no log record or WATCH mark if its reply proves
     * it changed nothing.
     */
    void afterWrite(CommandSpec spec, Invocation invocation, Reply reply, CommandLog commandLog) {
        if (reply == null || reply instanceof Reply.Error) {
            return;
        }
        boolean watching = watches.any() && !spec.has(CommandSpec.WHOLE_KEYSPACE);
        if (commandLog != null || watching) {
            byte[][] effect = Effects.of(spec, invocation, reply);
            if (effect != null) {
                Transaction tx = invocation.transaction();
                if (commandLog != null) {
                    if (tx != null) {
                        tx.log(effect);
                    } else {
                        commandLog.append(effect, invocation.now());
                    }
                }
                if (watching && !Effects.changedNothing(spec, reply)) {
                    touchWritten(effect, tx);
                }
            }
        }
        WriteObserver writeObserver = observer;
        if (writeObserver != null) {
            Runnable action = writeObserver.written(spec, invocation, reply);
            if (action != null) {
                invocation.onCommit(action);
            }
        }
    }

    /** Marks the watchers of the keys that {@code effect} wrote, now or at its transaction's commit. */
    private void touchWritten(byte[][] effect, Transaction tx) {
        CommandSpec written = table.lookup(effect[0]);
        if (written == null) {
            return;
        }
        for (int index : Effects.writtenKeys(written, effect)) {
            byte[] key = effect[index];
            int stripe = keyspace.stripeOf(keyspace.hash(key));
            if (tx != null) {
                tx.onCommit(() -> watches.touch(stripe, key));
            } else {
                watches.touch(stripe, key);
            }
        }
    }

    /** Hashes the keys at {@code keys} into {@code hashes}; returns their distinct stripes, ascending. */
    private int[] stripesOf(byte[][] argv, int[] keys, long[] hashes) {
        int[] stripes = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            long hash = keyspace.hash(argv[keys[i]]);
            hashes[keys[i]] = hash;
            stripes[i] = keyspace.stripeOf(hash);
        }
        if (stripes.length < 2) {
            return stripes;
        }
        Arrays.sort(stripes);
        int distinct = 0;
        for (int i = 0; i < stripes.length; i++) {
            if (distinct == 0 || stripes[distinct - 1] != stripes[i]) {
                stripes[distinct++] = stripes[i];
            }
        }
        return distinct == stripes.length ? stripes : Arrays.copyOf(stripes, distinct);
    }

    private void lockAll(int[] stripes) {
        int locked = 0;
        try {
            for (; locked < stripes.length; locked++) {
                keyspace.lock(stripes[locked]);
            }
        } catch (RuntimeException | Error e) {
            unlockAll(stripes, locked);
            throw e;
        }
    }

    private void unlockAll(int[] stripes, int locked) {
        for (int i = locked - 1; i >= 0; i--) {
            keyspace.unlock(stripes[i]);
        }
    }

    /**
     * Runs the command with its stripes locked. Returns null if the command asked to block: it is
     * then registered as a waiter before the locks are released.
     */
    private Reply runLocked(CommandSpec spec, Invocation invocation, int[] stripes, CommandLog commandLog) {
        lockAll(stripes);
        try {
            checkOpen();
            invocation.setNow(clock.millis());
            if (commandLog != null) {
                for (int stripe : stripes) {
                    commandLog.beforeWrite(stripe);
                }
            }
            Reply reply = spec.handler().run(invocation);
            if (spec.has(CommandSpec.WRITE)) {
                afterWrite(spec, invocation, reply, commandLog);
            }
            if (reply == null) {
                Waiter waiter = new Waiter(spec, invocation.rerunArgv(), invocation.hashes(), invocation.watchedKeys(), stripes,
                        invocation.blockTimeoutMillis());
                for (int index : waiter.watched) {
                    long hash = waiter.hashes[index];
                    blocked.add(keyspace.stripeOf(hash), waiter.argv[index], waiter);
                }
                if (waiter.independent()) {
                    independentWaiters.add(waiter);
                }
                invocation.setWaiter(waiter);
            }
            return reply;
        } finally {
            unlockAll(stripes, stripes.length);
        }
    }

    // ------------------------------------------------------------------ transactions

    /**
     * Runs {@code block} as one atomic unit (store.atomically): with the stripes of {@code keys}
     * locked (null: every stripe) for its whole run, its commands run through the executor it is
     * given, which refuses keys not declared, blocking commands and writes over the whole
     * keyspace. If {@code block} throws, every key it wrote is put back and nothing is logged or
     * sent on; otherwise its effects are logged as one record. Returns what {@code block} returns.
     *
     * @throws IllegalStateException if the store is closed, or when called inside atomically
     */
    public <T> T atomically(byte[][] keys, Function<CommandExecutor, T> block) {
        checkOpen();
        if (openTransactions.get() != 0 && transactions.get() != null) {
            throw new IllegalStateException("atomically cannot be nested: run the commands through the outer closure's commands");
        }
        if (memoryLimit > 0 && memory.usedBytes() > memoryLimit && eviction != null) {
            eviction.evict(memoryLimit, clock.millis(), evictionLog);
        }
        byte[][] declared = null;
        int[] stripes = null;
        if (keys != null) {
            declared = new byte[keys.length][];
            for (int i = 0; i < keys.length; i++) {
                declared[i] = keys[i].clone();
            }
            stripes = stripesOfKeys(Arrays.asList(declared));
        }
        Transaction tx = null;
        T result;
        boolean wrote;
        lock(stripes);
        try {
            checkOpen();
            tx = new Transaction(this, clock.millis(), true, declared, log);
            transactions.set(tx);
            openTransactions.incrementAndGet();
            try {
                result = block.apply(tx);
                checkOpen();
            } catch (RuntimeException | Error e) {
                if (!closed) {
                    try {
                        tx.rollback();
                    } catch (RuntimeException | Error failed) {
                        e.addSuppressed(failed);
                    }
                }
                throw e;
            }
            wrote = tx.commit();
        } finally {
            if (tx != null) {
                tx.close();
                transactions.remove();
                openTransactions.decrementAndGet();
            }
            unlock(stripes);
        }
        afterTransaction(tx, wrote);
        return result;
    }

    /** Once a transaction's locks are released: serves the waiters its pushes made ready, then waits for its log record to be durable. */
    private void afterTransaction(Transaction tx, boolean wrote) {
        ArrayDeque<byte[]> ready = tx.readyKeys();
        if (ready != null) {
            serveReadyKeys(ready);
        }
        if (wrote) {
            log.awaitDurable();
        }
    }

    /** Locks {@code stripes} (ascending), or every stripe if null. */
    private void lock(int[] stripes) {
        if (stripes == null) {
            keyspace.lockAll();
        } else {
            lockAll(stripes);
        }
    }

    private void unlock(int[] stripes) {
        if (stripes == null) {
            keyspace.unlockAll();
        } else {
            unlockAll(stripes, stripes.length);
        }
    }

    /** Returns the distinct stripes of {@code keys}, ascending. */
    private int[] stripesOfKeys(List<byte[]> keys) {
        byte[][] argv = new byte[keys.size() + 1][];
        int[] indexes = new int[keys.size()];
        for (int i = 0; i < indexes.length; i++) {
            argv[i + 1] = keys.get(i);
            indexes[i] = i + 1;
        }
        return stripesOf(argv, indexes, new long[argv.length]);
    }

    /**
     * Runs a command of the caller's session: MULTI, EXEC, DISCARD, WATCH, UNWATCH; or, between
     * MULTI and EXEC, queues any other command ({@code spec} null: unknown).
     */
    private Reply session(CommandSpec spec, byte[][] argv, Session current) {
        Session session = current != null ? current : new Session();
        boolean wasActive = current != null;
        try {
            if (spec == null || !spec.has(CommandSpec.SESSION) || session.inMulti && spec.name().equals("unwatch")) {
                return queue(session, spec, argv);
            }
            if (!spec.arityAccepts(argv.length)) {
                String error = ErrorText.arity(spec.name()).getMessage();
                if (spec.name().equals("exec")) {
                    // As Redis: an EXEC refused before it runs discards the transaction, if any.
                    if (session.inMulti) {
                        session.endMulti();
                        unwatch(session);
                    }
                    return Reply.error("EXECABORT Transaction discarded because of: " + error.substring("ERR ".length()));
                }
                session.aborted |= session.inMulti;
                return Reply.error(error);
            }
            switch (spec.name()) {
                case "multi" -> {
                    if (session.inMulti) {
                        return Reply.error("ERR MULTI calls can not be nested");
                    }
                    session.multi();
                    return Reply.OK;
                }
                case "exec" -> {
                    return session.inMulti ? exec(session) : Reply.error("ERR EXEC without MULTI");
                }
                case "discard" -> {
                    if (!session.inMulti) {
                        return Reply.error("ERR DISCARD without MULTI");
                    }
                    session.endMulti();
                    unwatch(session);
                    return Reply.OK;
                }
                case "watch" -> {
                    if (session.inMulti) {
                        return Reply.error("ERR WATCH inside MULTI is not allowed");
                    }
                    watch(session, argv);
                    return Reply.OK;
                }
                default -> {
                    unwatch(session);
                    return Reply.OK;
                }
            }
        } finally {
            boolean active = session.active();
            if (active && !wasActive) {
                sessions.set(session);
                activeSessions.incrementAndGet();
            } else if (!active && wasActive) {
                sessions.remove();
                activeSessions.decrementAndGet();
            }
        }
    }

    /** Queues a command between MULTI and EXEC; a command that cannot run makes EXEC abort. */
    private Reply queue(Session session, CommandSpec spec, byte[][] argv) {
        if (spec == null) {
            session.aborted = true;
            return Reply.error(unknownCommand(argv));
        }
        if (!spec.arityAccepts(argv.length)) {
            session.aborted = true;
            return Reply.error(ErrorText.arity(spec.name()).getMessage());
        }
        byte[][] copy = new byte[argv.length][];
        for (int i = 0; i < argv.length; i++) {
            copy[i] = argv[i].clone();
        }
        session.queued.add(copy);
        return QUEUED;
    }

    /**
     * Runs the queued commands as one atomic unit, unless a queued command was refused (EXECABORT)
     * or a watched key changed or went since WATCH (nil). A command's error is its reply in the
     * array; the others run, as in Redis. Blocking commands take what is there.
     */
    private Reply exec(Session session) {
        boolean aborted = session.aborted;
        List<byte[][]> queued = session.endMulti();
        try {
            if (aborted) {
                return Reply.error("EXECABORT Transaction discarded because of previous errors.");
            }
            List<CommandSpec> specs = new ArrayList<>(queued.size());
            List<byte[]> keys = new ArrayList<>();
            boolean writes = false;
            boolean everyStripe = false;
            for (byte[][] argv : queued) {
                CommandSpec spec = table.lookup(argv[0]);
                specs.add(spec);
                writes |= spec.has(CommandSpec.WRITE);
                everyStripe |= spec.has(CommandSpec.WHOLE_KEYSPACE);
                for (int index : spec.keyIndexes(argv)) {
                    keys.add(argv[index]);
                }
            }
            CommandLog commandLog = writes ? log : null;
            String refusal = commandLog == null ? null : commandLog.refusal();
            if (refusal != null) {
                return Reply.error(refusal);
            }
            for (Session.Watched watched : session.watched) {
                keys.add(watched.key());
            }
            int[] stripes = everyStripe ? null : stripesOfKeys(keys);
            Transaction tx;
            List<Reply> replies = new ArrayList<>(queued.size());
            boolean wrote;
            lock(stripes);
            try {
                checkOpen();
                long now = clock.millis();
                if (session.dirty || watchedKeyGone(session, now)) {
                    return Reply.NIL;
                }
                tx = new Transaction(this, now, false, null, commandLog);
                for (int i = 0; i < queued.size(); i++) {
                    replies.add(tx.run(specs.get(i), queued.get(i)));
                }
                wrote = tx.commit();
            } finally {
                unlock(stripes);
            }
            afterTransaction(tx, wrote);
            return Reply.array(replies);
        } finally {
            unwatch(session);
        }
    }

    /** Returns whether a key that was there when watched is gone (expired, evicted). Caller holds the watched keys' stripes. */
    private boolean watchedKeyGone(Session session, long now) {
        for (Session.Watched watched : session.watched) {
            if (watched.live() && keyspace.lookup(watched.key(), watched.hash(), now) == 0) {
                return true;
            }
        }
        return false;
    }

    /** Watches the keys {@code argv[1..]} for {@code session}. */
    private void watch(Session session, byte[][] argv) {
        for (int i = 1; i < argv.length; i++) {
            byte[] key = argv[i].clone();
            long hash = keyspace.hash(key);
            int stripe = keyspace.stripeOf(hash);
            keyspace.lock(stripe);
            try {
                checkOpen();
                boolean live = keyspace.lookup(key, hash, clock.millis()) != 0;
                watches.add(stripe, key, session);
                session.watched.add(new Session.Watched(key, hash, live));
            } finally {
                keyspace.unlock(stripe);
            }
        }
    }

    /** Forgets every key {@code session} watches. */
    private void unwatch(Session session) {
        for (Session.Watched watched : session.watched) {
            int stripe = keyspace.stripeOf(watched.hash());
            keyspace.lock(stripe);
            try {
                watches.remove(stripe, watched.key(), session);
            } finally {
                keyspace.unlock(stripe);
            }
        }
        session.watched.clear();
        session.dirty = false;
    }

    // ------------------------------------------------------------------ blocking

    /** Returns whether a push to the key at {@code index} may serve a waiter. Caller holds its stripe lock. */
    boolean hasWaiters(byte[] key, long hash) {
        int stripe = keyspace.stripeOf(hash);
        return blocked.anyWaiting(stripe) && blocked.hasWaiters(stripe, key);
    }

    /**
     * Serves the waiters of the keys a command made ready, first come first served, as many as
     * the data allows; serving may push to other keys (BLMOVE), which are served in turn.
     */
    private void serveReadyKeys(Invocation invocation) {
        List<byte[]> ready = invocation.readyKeys();
        if (ready != null) {
            serveReadyKeys(new ArrayDeque<>(ready));
        }
    }

    private void serveReadyKeys(ArrayDeque<byte[]> pending) {
        while (!pending.isEmpty()) {
            byte[] key = pending.poll();
            long hash = keyspace.hash(key);
            int stripe = keyspace.stripeOf(hash);
            while (true) {
                Waiter waiter;
                keyspace.lock(stripe);
                try {
                    waiter = blocked.first(stripe, key);
                } finally {
                    keyspace.unlock(stripe);
                }
                if (waiter == null) {
                    break;
                }
                if (!serve(waiter, pending)) {
                    serveBehind(key, stripe, waiter, pending);
                    break;
                }
            }
        }
    }

    /**
     * After {@code first}, the first waiter on {@code key}, found nothing: tries once each of the
     * waiters behind it that may still find something, if any waits independently (XREAD,
     * XREADGROUP of another group). A waiter that takes from the key (BLPOP, ...) is tried only
     * while none of its kind found nothing.
     */
    private void serveBehind(byte[] key, int stripe, Waiter first, ArrayDeque<byte[]> pending) {
        List<Waiter> behind;
        keyspace.lock(stripe);
        try {
            behind = blocked.waitingBehind(stripe, key);
        } finally {
            keyspace.unlock(stripe);
        }
        boolean takersDone = !first.independent();
        for (Waiter waiter : behind) {
            if (closed) {
                return;
            }
            if (waiter == first || takersDone && !waiter.independent()) {
                continue;
            }
            if (!serve(waiter, pending) && !waiter.independent()) {
                takersDone = true;
            }
        }
    }

    /** Runs {@code waiter}'s command for it; returns whether it was served. */
    private boolean serve(Waiter waiter, ArrayDeque<byte[]> pending) {
        lockAll(waiter.stripes);
        try {
            if (closed || !waiter.claim()) {
                return waiter.state() != Waiter.WAITING && !closed;
            }
            Invocation invocation = new Invocation(this, waiter.argv, waiter.hashes, clock.millis(), false);
            CommandLog commandLog = waiter.spec.has(CommandSpec.WRITE) ? log : null;
            Reply reply;
            try {
                if (commandLog != null) {
                    for (int stripe : waiter.stripes) {
                        commandLog.beforeWrite(stripe);
                    }
                }
                reply = waiter.spec.handler().run(invocation);
                if (waiter.spec.has(CommandSpec.WRITE)) {
                    afterWrite(waiter.spec, invocation, reply, commandLog);
                }
            } catch (KeelException e) {
                reply = Reply.error(e.getMessage());
            } catch (RuntimeException | Error e) {
                // Not a Redis error but a failure of the command itself: it belongs to the waiter's
                // thread, as it would had the command run there; the push that served it succeeded.
                forgetLocked(waiter);
                waiter.fail(e);
                return true;
            }
            if (reply == null || reply instanceof Reply.Nil) {
                waiter.release();
                return false;
            }
            forgetLocked(waiter);
            waiter.complete(reply);
            if (invocation.readyKeys() != null) {
                pending.addAll(invocation.readyKeys());
            }
            return true;
        } finally {
            unlockAll(waiter.stripes, waiter.stripes.length);
        }
    }

    /**
     * Asks every command blocked independently (XREAD, XREADGROUP) to run again on its own thread:
     * a stream went, whichever way (deleted, overwritten, expired, flushed), and XREADGROUP waiting
     * on it then answers UNBLOCKED, as in Redis. The others find nothing and wait on. Called when a
     * stream's value is freed, under its stripe lock; costs nothing while no such command waits.
     */
    public void recheckIndependentWaiters() {
        for (Waiter waiter : independentWaiters) {
            waiter.requestRecheck();
        }
    }

    /** Runs {@code waiter}'s command for it on its own thread (see {@link #recheckIndependentWaiters}). */
    private void recheck(Waiter waiter) {
        ArrayDeque<byte[]> pending = new ArrayDeque<>();
        serve(waiter, pending);
        serveReadyKeys(pending);
    }

    /** Parks until {@code waiter} is served, its timeout passes, it is interrupted, or the store closes. */
    private Reply await(Waiter waiter) {
        try {
            return awaitServed(waiter);
        } finally {
            independentWaiters.remove(waiter);
        }
    }

    private Reply awaitServed(Waiter waiter) {
        long timeout = waiter.timeoutMillis();
        long start = System.nanoTime();
        // Saturates: a timeout past Long.MAX_VALUE nanoseconds (292 years) waits as long as that.
        long timeoutNanos = timeout == 0 ? Long.MAX_VALUE : TimeUnit.MILLISECONDS.toNanos(timeout);
        boolean interrupted = false;
        while (true) {
            int state = waiter.state();
            if (state == Waiter.DONE) {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                Throwable failure = waiter.failure();
                if (failure instanceof RuntimeException e) {
                    throw e;
                }
                if (failure instanceof Error e) {
                    throw e;
                }
                return waiter.reply();
            }
            if (state == Waiter.CANCELLED) {
                forget(waiter);
                throw new IllegalStateException("the store is closed");
            }
            long waited = System.nanoTime() - start;
            boolean timedOut = timeout != 0 && waited >= timeoutNanos;
            if ((timedOut || interrupted || Thread.currentThread().isInterrupted()) && state == Waiter.WAITING) {
                interrupted |= Thread.interrupted();
                if (waiter.cancel()) {
                    forget(waiter);
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                        throw new KeelInterruptedException();
                    }
                    return Reply.NIL;
                }
                continue;
            }
            if (state == Waiter.SERVING) {
                Thread.onSpinWait();
                continue;
            }
            if (waiter.takeRecheck()) {
                recheck(waiter);
                continue;
            }
            LockSupport.parkNanos(this, Math.min(timeoutNanos - waited, TimeUnit.SECONDS.toNanos(1)));
        }
    }

    /** Removes a cancelled waiter from its queues. */
    private void forget(Waiter waiter) {
        if (closed) {
            return;
        }
        lockAll(waiter.stripes);
        try {
            if (!closed) {
                forgetLocked(waiter);
            }
        } finally {
            unlockAll(waiter.stripes, waiter.stripes.length);
        }
    }

    /** Removes {@code waiter} from its queues; the caller holds its stripe locks. */
    private void forgetLocked(Waiter waiter) {
        for (int index : waiter.watched) {
            blocked.remove(keyspace.stripeOf(waiter.hashes[index]), waiter.argv[index], waiter);
        }
    }

    /**
     * Redis's text for an unknown command: the name and the first arguments, cut to 128 bytes
     * each and in all as C's {@code %.*s} prints them, on one line.
     */
    static String unknownCommand(byte[][] argv) {
        ByteArrayOutputStream args = new ByteArrayOutputStream();
        for (int i = 1; i < argv.length && args.size() < 128; i++) {
            int room = 128 - args.size();
            args.write('\'');
            args.write(argv[i], 0, Arguments.printedLength(argv[i], room));
            args.write('\'');
            args.write(' ');
        }
        byte[] name = argv[0];
        return Arguments.oneLine("ERR unknown command '"
                + new String(name, 0, Arguments.printedLength(name, 128), StandardCharsets.UTF_8)
                + "', with args beginning with: " + args.toString(StandardCharsets.UTF_8));
    }
}
