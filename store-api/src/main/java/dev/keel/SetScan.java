package dev.keel;

import java.util.List;

/**
 * One step of an {@code SSCAN}: the cursor to pass to the next call, and the members found.
 *
 * <p>A member present in the set for the whole of a full iteration is returned at least once; a
 * member may be returned more than once, so the members of one step are a list. The iteration is
 * over when {@link #finished()}.
 *
 * @param cursor the cursor for the next call, {@code "0"} when the iteration is complete
 * @param members the members of this step
 * @param <V> the member type
 */
public record SetScan<V>(String cursor, List<V> members) {

    public SetScan {
        members = java.util.Collections.unmodifiableList(members);
    }

    /** Returns whether the iteration is complete. */
    public boolean finished() {
        return "0".equals(cursor);
    }
}
