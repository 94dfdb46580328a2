package dev.keel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The options of {@code XSETID} after the last ID (Redis 7.0): {@code ENTRIESADDED} (how many
 * entries were ever added to the stream) and {@code MAXDELETEDID} (the greatest ID deleted from
 * it), which the groups' lag is computed from.
 *
 * <p>{@code XSetidArgs.entriesadded(10).withMaxdeletedid(id)} is
 * {@code XSETID key last-id ENTRIESADDED 10 MAXDELETEDID id}.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
public final class XSetidArgs {
    private final Long entriesAdded;
    private final String maxDeletedId;

    private XSetidArgs(Long entriesAdded, String maxDeletedId) {
        this.entriesAdded = entriesAdded;
        this.maxDeletedId = maxDeletedId;
    }

    /** {@code ENTRIESADDED entriesAdded}. */
    public static XSetidArgs entriesadded(long entriesAdded) {
        return new XSetidArgs(entriesAdded, null);
    }

    /** {@code MAXDELETEDID id}. */
    public static XSetidArgs maxdeletedid(StreamId id) {
        return new XSetidArgs(null, Objects.requireNonNull(id, "id").toString());
    }

    /** Returns these options with {@code ENTRIESADDED entriesAdded}. */
    public XSetidArgs withEntriesadded(long entriesAdded) {
        return new XSetidArgs(entriesAdded, maxDeletedId);
    }

    /** Returns these options with {@code MAXDELETEDID id}. */
    public XSetidArgs withMaxdeletedid(StreamId id) {
        return new XSetidArgs(entriesAdded, Objects.requireNonNull(id, "id").toString());
    }

    /** Returns the option tokens in command-line order: {@code ENTRIESADDED}, {@code MAXDELETEDID}. */
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>(4);
        if (entriesAdded != null) {
            tokens.add("ENTRIESADDED");
            tokens.add(Long.toString(entriesAdded));
        }
        if (maxDeletedId != null) {
            tokens.add("MAXDELETEDID");
            tokens.add(maxDeletedId);
        }
        return List.copyOf(tokens);
    }

    @Override
    public String toString() {
        return String.join(" ", tokens());
    }
}
