package dev.keel.engine.command;

import dev.keel.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * The reply shapes the command handlers share: a bulk string or nil, an array of bulk strings.
 *
 * <p><b>Thread safety:</b> stateless, safe for concurrent use.
 */
public final class Replies {
    private Replies() {
    }

    /** Returns a bulk reply of {@code value}, or nil for null. */
    public static Reply bulkOrNil(byte[] value) {
        return value == null ? Reply.NIL : new Reply.Bulk(value);
    }

    /** Returns an array reply of bulk strings. */
    public static Reply bulkArray(List<byte[]> items) {
        List<Reply> replies = new ArrayList<>(items.size());
        for (byte[] item : items) {
            replies.add(new Reply.Bulk(item));
        }
        return Reply.array(replies);
    }
}
