package dev.keel;

import java.util.Collections;
import java.util.List;

/**
 * What one {@code XAUTOCLAIM} did: the entries it claimed, the ID to start the next call from,
 * and the IDs it dropped from the pending list because their entries were deleted (Redis 7.0).
 *
 * <p>A scan of the whole pending list starts at {@code 0-0} and is over when
 * {@link #finished()}: Redis answers {@code 0-0} as the next start.
 *
 * @param nextStart where the next call starts, {@code 0-0} when the whole pending list was scanned
 * @param claimed the claimed entries, or with {@code JUSTID} their IDs, in Redis's order
 * @param deleted the IDs dropped because their entries no longer exist
 * @param <T> {@link StreamEntry} or, with {@code JUSTID}, {@link StreamId}
 */
public record AutoClaimed<T>(StreamId nextStart, List<T> claimed, List<StreamId> deleted) {

    public AutoClaimed {
        claimed = Collections.unmodifiableList(claimed);
        deleted = List.copyOf(deleted);
    }

    /** Returns whether the scan of the pending list is complete: the next start is {@code 0-0}. */
    public boolean finished() {
        return nextStart.ms() == 0 && nextStart.seq() == 0;
    }
}
