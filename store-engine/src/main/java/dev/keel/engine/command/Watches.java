package dev.keel.engine.command;

import dev.keel.engine.keyspace.Keyspace;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sessions watching each key (WATCH), so that a write to the key makes their EXEC fail.
 *
 * <pre>
 * Concurrency
 *   The sessions of a stripe's keys are guarded by that stripe's lock: WATCH registers under it,
 *   and a write marks the watchers of its keys under it, so a write either precedes the WATCH
 *   (and the EXEC runs on what it wrote) or marks the session. A count of watched keys lets
 *   writes skip all of this with one volatile read while nobody watches. The heap objects here
 *   are per watching session and key, never per key or element stored.
 * </pre>
 *
 * <p><b>Thread safety:</b> every method but {@link #any()} needs the stripe lock of the keys it
 * names.
 */
final class Watches {
    private final List<Map<ByteBuffer, List<Session>>> stripes;
    private final AtomicInteger watched = new AtomicInteger();

    Watches(int stripeCount) {
        stripes = new ArrayList<>(stripeCount);
        for (int i = 0; i < stripeCount; i++) {
            stripes.add(new HashMap<>());
        }
    }

    /** Returns whether any session watches any key. */
    boolean any() {
        return watched.get() != 0;
    }

    /** Makes {@code session} a watcher of {@code key}. Caller holds the stripe lock. */
    void add(int stripe, byte[] key, Session session) {
        List<Session> sessions = stripes.get(stripe).computeIfAbsent(ByteBuffer.wrap(key), k -> new ArrayList<>(1));
        if (!sessions.contains(session)) {
            sessions.add(session);
            watched.incrementAndGet();
        }
    }

    /** Removes {@code session} from the watchers of {@code key}. Caller holds the stripe lock. */
    void remove(int stripe, byte[] key, Session session) {
        Map<ByteBuffer, List<Session>> keys = stripes.get(stripe);
        ByteBuffer name = ByteBuffer.wrap(key);
        List<Session> sessions = keys.get(name);
        if (sessions != null && sessions.remove(session)) {
            watched.decrementAndGet();
            if (sessions.isEmpty()) {
                keys.remove(name);
            }
        }
    }

    /** Marks the watchers of {@code key} dirty: it was written. Caller holds the stripe lock. */
    void touch(int stripe, byte[] key) {
        List<Session> sessions = stripes.get(stripe).get(ByteBuffer.wrap(key));
        if (sessions != null) {
            for (Session session : sessions) {
                session.dirty = true;
            }
        }
    }

    /**
     * Marks dirty the watchers of every watched key that holds a value at {@code now}: the data is
     * about to be flushed (FLUSHALL, FLUSHDB), which changes exactly those. Called with every
     * stripe locked.
     */
    void touchExisting(Keyspace keyspace, long now) {
        for (Map<ByteBuffer, List<Session>> keys : stripes) {
            for (Map.Entry<ByteBuffer, List<Session>> entry : keys.entrySet()) {
                byte[] key = entry.getKey().array();
                if (keyspace.lookup(key, keyspace.hash(key), now) != 0) {
                    for (Session session : entry.getValue()) {
                        session.dirty = true;
                    }
                }
            }
        }
    }
}
