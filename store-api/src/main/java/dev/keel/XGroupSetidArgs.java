package dev.keel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The arguments of {@code XGROUP SETID} after the key and the group: the group's new last
 * delivered ID ({@code $}: the stream's last entry) and {@code ENTRIESREAD} (how many entries
 * the group has read, for its lag; Redis 7.0).
 *
 * <p>{@code XGroupSetidArgs.id(StreamId.parse("0-0")).withEntriesread(0)} is
 * {@code XGROUP SETID key group 0-0 ENTRIESREAD 0}: the group reads the whole stream again.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
public final class XGroupSetidArgs {
    private final String id;
    private final Long entriesRead;

    private XGroupSetidArgs(String id, Long entriesRead) {
        this.id = id;
        this.entriesRead = entriesRead;
    }

    /** The group goes on after {@code id}. */
    public static XGroupSetidArgs id(StreamId id) {
        return new XGroupSetidArgs(Objects.requireNonNull(id, "id").toString(), null);
    }

    /** {@code $}: the group goes on after the stream's last entry. */
    public static XGroupSetidArgs latest() {
        return new XGroupSetidArgs("$", null);
    }

    /** Returns these arguments with {@code ENTRIESREAD entriesRead} (Redis 7.0). */
    public XGroupSetidArgs withEntriesread(long entriesRead) {
        return new XGroupSetidArgs(id, entriesRead);
    }

    /** Returns the tokens in command-line order (after the group): ID, {@code ENTRIESREAD}. */
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>(3);
        tokens.add(id);
        if (entriesRead != null) {
            tokens.add("ENTRIESREAD");
            tokens.add(Long.toString(entriesRead));
        }
        return List.copyOf(tokens);
    }

    @Override
    public String toString() {
        return String.join(" ", tokens());
    }
}
