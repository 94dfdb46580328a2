package dev.keel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The arguments of {@code XGROUP CREATE} after the key and the group: the group's last delivered
 * ID, from which its consumers read on ({@code $}: the stream's last entry, so only new entries;
 * {@code 0-0}: the whole stream), {@code MKSTREAM} (create an empty stream if there is none) and
 * {@code ENTRIESREAD} (how many entries the group has read, for its lag; Redis 7.0).
 *
 * <p>{@code XGroupCreateArgs.latest().withMkstream()} is {@code XGROUP CREATE key group $ MKSTREAM}.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
public final class XGroupCreateArgs {
    private final String id;
    private final boolean mkstream;
    private final Long entriesRead;

    private XGroupCreateArgs(String id, boolean mkstream, Long entriesRead) {
        this.id = id;
        this.mkstream = mkstream;
        this.entriesRead = entriesRead;
    }

    /** The group starts after {@code id}: its consumers read the entries with greater IDs. */
    public static XGroupCreateArgs id(StreamId id) {
        return new XGroupCreateArgs(Objects.requireNonNull(id, "id").toString(), false, null);
    }

    /** {@code $}: the group starts after the stream's last entry, reading only entries added later. */
    public static XGroupCreateArgs latest() {
        return new XGroupCreateArgs("$", false, null);
    }

    /** Returns these arguments with {@code MKSTREAM}. */
    public XGroupCreateArgs withMkstream() {
        return new XGroupCreateArgs(id, true, entriesRead);
    }

    /** Returns these arguments with {@code ENTRIESREAD entriesRead} (Redis 7.0). */
    public XGroupCreateArgs withEntriesread(long entriesRead) {
        return new XGroupCreateArgs(id, mkstream, entriesRead);
    }

    /** Returns the tokens in command-line order (after the group): ID, {@code MKSTREAM}, {@code ENTRIESREAD}. */
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>(4);
        tokens.add(id);
        if (mkstream) {
            tokens.add("MKSTREAM");
        }
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
