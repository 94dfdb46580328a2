package dev.keel.engine.command;

import java.util.ArrayList;
import java.util.List;

/**
 * What a caller's MULTI, queued commands and WATCH leave for its next commands, as Redis keeps it
 * per connection. Keel's {@code execute} is called by threads, so a session is per thread and per
 * store (see CommandDispatcher, Transactions).
 *
 * <p><b>Thread safety:</b> confined to its thread, except {@link #dirty}, which writers set
 * under the stripe lock of a watched key.
 */
final class Session {
    /** A watched key, and whether it was there when watched (so its expiry since aborts EXEC). */
    record Watched(byte[] key, long hash, boolean live) {
    }

    /** Between MULTI and EXEC or DISCARD. */
    boolean inMulti;
    /** A queued command was refused (unknown, wrong arity): EXEC answers EXECABORT. */
    boolean aborted;
    /** The commands queued since MULTI. */
    List<byte[][]> queued;
    final List<Watched> watched = new ArrayList<>();
    /** A watched key was changed since it was watched: EXEC answers nil. */
    volatile boolean dirty;

    /** Returns whether the session holds anything: a MULTI under way or watched keys. */
    boolean active() {
        return inMulti || !watched.isEmpty();
    }

    /** Starts queuing. */
    void multi() {
        inMulti = true;
        aborted = false;
        queued = new ArrayList<>();
    }

    /** Ends the MULTI (EXEC or DISCARD); returns what was queued. */
    List<byte[][]> endMulti() {
        List<byte[][]> commands = queued;
        inMulti = false;
        aborted = false;
        queued = null;
        return commands;
    }
}
