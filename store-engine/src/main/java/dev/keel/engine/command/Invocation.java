package dev.keel.engine.command;

import dev.keel.StoreInfo;
import dev.keel.Thresholds;
import dev.keel.engine.keyspace.Keyspace;
import java.util.ArrayList;
import java.util.List;

/**
 * One running command: its arguments, the hashes of its keys, the time it runs at, and the
 * keyspace. The time is read once, so a command sees one instant throughout, as in Redis.
 *
 * <p><b>Thread safety:</b> not thread safe; confined to the thread running the command.
 */
public final class Invocation {
    private final CommandDispatcher dispatcher;
    private final byte[][] argv;
    private final long[] hashes;
    private long now;
    private final Keyspace keyspace;
    private final boolean mayBlock;
    private long blockTimeoutMillis = -1;
    private int[] watchedKeys;
    private byte[][] rerunArgv;
    private Waiter waiter;
    private List<byte[]> readyKeys;
    private byte[][] effect;
    /** Whether {@link #lookupForRead} counts keyspace hits and misses: a command run for a caller. */
    private boolean countsReads;
    /** Whether every lookup and peek counts them too: a command that only reads. */
    private boolean countsEveryLookup;
    /** The transaction this command runs in (atomically, EXEC), or null. */
    private Transaction transaction;

    Invocation(CommandDispatcher dispatcher, byte[][] argv, long[] hashes, long now, boolean mayBlock) {
        this.dispatcher = dispatcher;
        this.argv = argv;
        this.hashes = hashes;
        this.now = now;
        this.keyspace = dispatcher.keyspace();
        this.mayBlock = mayBlock;
    }

    /** Returns argument {@code index} (0 is the command name). */
    public byte[] arg(int index) {
        return argv[index];
    }

    /** Returns the number of arguments, the name included. */
    public int argc() {
        return argv.length;
    }

    /** Returns the keyed hash of the key at argument {@code index}. */
    public long hash(int index) {
        return hashes[index];
    }

    /** Returns the time of this command, in epoch milliseconds. */
    public long now() {
        return now;
    }

    /** Sets the time of this command: read once its locks are held, so one key's commands see time advance. */
    void setNow(long millis) {
        this.now = millis;
    }

    /** Returns the keyspace. */
    public Keyspace keyspace() {
        return keyspace;
    }

    /** Returns the encoding thresholds. */
    public Thresholds thresholds() {
        return dispatcher.thresholds();
    }

    /**
     * Returns the live entry of the key at argument {@code index}, or 0; records the access. In a
     * command that only reads, counts a keyspace hit or miss.
     */
    public long lookup(int index) {
        return counted(index, touch(index), countsEveryLookup);
    }

    /**
     * Returns the live entry of the key at argument {@code index}, or 0, without recording an
     * access. In a command that only reads, counts a keyspace hit or miss.
     */
    public long peek(int index) {
        return counted(index, keyspace.lookup(argv[index], hashes[index], now), countsEveryLookup);
    }

    /**
     * Looks up the key at argument {@code index} as {@link #lookup} does, and counts a keyspace
     * hit or miss even in a command that writes: for the writes that read a key first, whose
     * lookups Redis counts as reads (GETDEL, GETEX, GETSET, SET ... GET, COPY's source, the
     * sources of the STORE forms, XREADGROUP's streams, XACK). Other lookups of write commands
     * count nothing, as in Redis; nor do commands replayed from the log or run for a waiter.
     */
    public long lookupForRead(int index) {
        return counted(index, touch(index), countsReads);
    }

    private long touch(int index) {
        long entry = keyspace.lookup(argv[index], hashes[index], now);
        if (entry != 0) {
            keyspace.touch(entry, now);
        }
        return entry;
    }

    /** Counts {@code entry}, found for the key at {@code index} or 0, as a hit or a miss if {@code count}; returns it. */
    private long counted(int index, long entry, boolean count) {
        if (count) {
            keyspace.countRead(hashes[index], entry != 0);
        }
        return entry;
    }

    /**
     * Makes this command's reads count as keyspace hits and misses: those of
     * {@link #lookupForRead}, and if {@code everyLookup} (a command that only reads) every lookup.
     */
    void countReads(boolean everyLookup) {
        this.countsReads = true;
        this.countsEveryLookup = everyLookup;
    }

    /** Returns the store's statistics, for INFO. */
    StoreInfo storeInfo() {
        return dispatcher.info();
    }

    // ------------------------------------------------------------------ transactions

    /** Makes this command part of {@code tx}: what it sends on waits for the commit. */
    void joinTransaction(Transaction tx) {
        this.transaction = tx;
    }

    /** Returns the transaction this command runs in, or null. */
    Transaction transaction() {
        return transaction;
    }

    /**
     * Runs {@code action} once this command's effects are final: at once, or, inside a
     * transaction ({@code store.atomically}, EXEC), at its commit, still under its locks, and
     * never if it is rolled back. For effects outside the keyspace, such as PUBLISH's delivery.
     */
    public void onCommit(Runnable action) {
        if (transaction != null) {
            transaction.onCommit(action);
        } else {
            action.run();
        }
    }

    // ------------------------------------------------------------------ the log

    /**
     * Records that this command took effect as {@code line}, not as written: what the append-only
     * log keeps and replays (an approximate stream trim as the exact one it did, an XADD {@code *}
     * with the ID it chose). Call it only once the command can no longer fail. The log copies
     * nothing: the caller must not change the array.
     */
    public void logAs(byte[][] line) {
        this.effect = line;
    }

    /**
     * Logs, at this command's time and whatever the command (a read included), that it removed
     * the key at argument {@code index} in a way time alone does not show on replay: a hash gone
     * with its last expired fields. See {@link CommandDispatcher#logRemoval}.
     */
    public void logRemoval(int index) {
        dispatcher.logRemoval(argv[index], now);
    }

    /** Returns the line set by {@link #logAs}, or null. */
    byte[][] loggedEffect() {
        return effect;
    }

    /** Returns whether this command is being replayed from the log, not run for a caller. */
    public boolean replaying() {
        return dispatcher.replaying();
    }

    /** Returns the append-only log, or null if the store has none. */
    public CommandLog log() {
        return dispatcher.log();
    }

    // ------------------------------------------------------------------ blocking

    /**
     * Returns whether this command may block: false when it runs on behalf of a waiter being
     * served, which must take what is there or nothing.
     */
    public boolean mayBlock() {
        return mayBlock;
    }

    /**
     * Asks to block until a push to one of the keys at {@code watched} argument indexes, or
     * {@code timeoutMillis} (0: forever); the handler then returns null. The command runs again,
     * with {@link #mayBlock()} false, when a watched key is pushed to.
     */
    public void block(long timeoutMillis, int... watched) {
        block(timeoutMillis, null, watched);
    }

    /**
     * Asks to block as {@link #block(long, int...)} does, to be run again with {@code rerunArgv}
     * (null: this command's own arguments) instead: the command line with what it resolved when
     * it blocked written in, such as XREAD's {@code $} replaced by the ID that was last. The keys
     * of {@code rerunArgv} must be those of this command, at the same indexes.
     */
    public void block(long timeoutMillis, byte[][] rerunArgv, int... watched) {
        if (rerunArgv != null && rerunArgv.length != argv.length) {
            throw new IllegalArgumentException("a re-run command line must keep the arguments' places");
        }
        this.blockTimeoutMillis = timeoutMillis;
        this.rerunArgv = rerunArgv == null ? null : rerunArgv.clone();
        this.watchedKeys = watched.clone();
    }

    /** Records that the key at argument {@code index} got elements that a blocked command may take. */
    public void signalPushed(int index) {
        if (dispatcher.hasWaiters(argv[index], hashes[index])) {
            if (readyKeys == null) {
                readyKeys = new ArrayList<>(2);
            }
            readyKeys.add(argv[index]);
        }
    }

    byte[][] argv() {
        return argv;
    }

    long[] hashes() {
        return hashes;
    }

    int[] watchedKeys() {
        return watchedKeys;
    }

    /** Returns the command line to run for the waiter: the rewritten one, or this one's. */
    byte[][] rerunArgv() {
        return rerunArgv != null ? rerunArgv : argv;
    }

    long blockTimeoutMillis() {
        return blockTimeoutMillis;
    }

    Waiter waiter() {
        return waiter;
    }

    void setWaiter(Waiter newWaiter) {
        this.waiter = newWaiter;
    }

    List<byte[]> readyKeys() {
        return readyKeys;
    }
}
