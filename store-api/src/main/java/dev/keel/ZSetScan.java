package dev.keel;

import java.util.List;

/**
 * One step of a {@code ZSCAN}: the cursor to pass to the next call, and the members found with
 * their scores.
 *
 * <p>A member present in the sorted set for the whole of a full iteration is returned at least
 * once; a member may be returned more than once. The iteration is over when {@link #finished()}.
 *
 * @param cursor the cursor for the next call, {@code "0"} when the iteration is complete
 * @param members the members of this step with their scores, in the order Redis sent them
 * @param <V> the member type
 */
public record ZSetScan<V>(String cursor, List<ScoredValue<V>> members) {

    public ZSetScan {
        members = java.util.Collections.unmodifiableList(members);
    }

    /** Returns whether the iteration is complete. */
    public boolean finished() {
        return "0".equals(cursor);
    }
}
