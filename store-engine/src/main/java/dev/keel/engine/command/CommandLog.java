package dev.keel.engine.command;

/**
 * Where the dispatcher sends the effect of every write command that succeeded: the append-only
 * log of {@code store-persistence}. The engine knows nothing of files; it calls these methods at
 * the points of a command's life where order and atomicity are decided.
 *
 * <pre>
 * Order
 *   append() is called while the command still holds the stripe locks of its keys (every stripe,
 *   for a command over the whole keyspace), so the records of one key are in the order the
 *   commands took effect, and a command's record is in the log before any later command on its
 *   keys can run. Commands on different stripes commute, so their relative order is free.
 *
 * Determinism
 *   A record carries the command line as it took effect (see Effects: a SPOP as the SREM it did,
 *   a blocking pop as the plain pop, an approximate stream trim as the exact one) and the
 *   millisecond it ran at; replay runs it at that millisecond, so whatever depends on time
 *   (relative expiry, lazy expiry, stream IDs from the clock, idle times) comes out the same.
 *
 * Rewrite
 *   beforeWrite() is called for each stripe a write command is about to change, under its lock,
 *   so a rewrite in progress can save the stripe as it was before (a copy on first write).
 * </pre>
 *
 * <p><b>Thread safety:</b> implementations must be safe for concurrent use.
 */
public interface CommandLog {

    /**
     * Returns why write commands must be refused now (the log cannot be written), as a Redis
     * error text, or null to accept them. Checked before a write command runs, without locks.
     */
    String refusal();

    /** Called before a write command changes stripe {@code stripe}, with that stripe's lock held. */
    void beforeWrite(int stripe);

    /**
     * Records {@code argv}, which took effect at {@code now} (epoch milliseconds). Called with the
     * locks of the command's stripes held; must not keep the array.
     */
    void append(byte[][] argv, long now);

    /**
     * Waits, with no lock held, until every record appended so far is as durable as the fsync
     * policy promises before a write is acknowledged (on disk, for {@code ALWAYS}; at once for the
     * others).
     *
     * @throws dev.keel.KeelException with Redis's {@code MISCONF} text if the log cannot be written
     */
    void awaitDurable();

    /**
     * Starts a background rewrite of the log (BGREWRITEAOF); returns the status text to answer.
     *
     * @throws dev.keel.KeelException if one is already running
     */
    String startRewrite();

    /** Flushes, syncs and closes the log; called once, after the last command has run. */
    void close();
}
