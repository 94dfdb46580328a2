package dev.keel.persistence;

import dev.keel.engine.OffHeapStore;

/**
 * A rewrite whose snapshot is being written: which stripes are in it already.
 *
 * <pre>
 * Concurrency
 *   writeStripe(s) is called with stripe s locked, by the rewrite's walk and by every write
 *   command about to change stripe s (CommandLog.beforeWrite), so a stripe is written once, as
 *   it was at the cut, before anything changes it. written[s] is only touched under stripe s's
 *   lock; the array itself is published by the volatile field that holds this rewrite, set while
 *   every stripe was locked.
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use under the locking rule above.
 */
final class LogRewrite {
    private final OffHeapStore store;
    private final SnapshotFile snapshot;
    private final long at;
    private final boolean[] written;

    LogRewrite(OffHeapStore store, SnapshotFile snapshot, long at) {
        this.store = store;
        this.snapshot = snapshot;
        this.at = at;
        this.written = new boolean[store.stripeCount()];
    }

    /** Writes stripe {@code stripe} into the snapshot unless it is there already; the caller holds its lock. */
    void writeStripe(int stripe) {
        if (written[stripe]) {
            return;
        }
        written[stripe] = true;
        try {
            store.rewriteStripe(stripe, at, snapshot);
        } catch (RuntimeException e) {
            // A write command must not fail because the rewrite could not read a key: the rewrite fails instead.
            snapshot.fail(e);
        }
    }

    /** Returns the snapshot file. */
    SnapshotFile snapshot() {
        return snapshot;
    }
}
