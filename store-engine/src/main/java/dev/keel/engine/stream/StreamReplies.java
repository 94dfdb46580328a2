package dev.keel.engine.stream;

import dev.keel.Reply;
import dev.keel.engine.command.Arguments;
import dev.keel.engine.command.CommandException;
import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Replies;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reply shapes and the errors quoting names that the stream commands share.
 *
 * <p><b>Thread safety:</b> stateless, safe for concurrent use.
 */
final class StreamReplies {
    private StreamReplies() {
    }

    /** Returns the bulk reply of an ID. */
    static Reply id(EntryId id) {
        return new Reply.Bulk(StreamIds.bytes(id));
    }

    /** Returns an entry as Redis replies it: {@code [id, [field, value, ...]]}, the fields nil if it was deleted (null). */
    static Reply entry(EntryId id, byte[][] fieldsAndValues) {
        Reply fields = fieldsAndValues == null ? Reply.NIL : Replies.bulkArray(Arrays.asList(fieldsAndValues));
        return Reply.array(List.of(id(id), fields));
    }

    /** Returns the entries as an array of {@link #entry} replies. */
    static Reply entries(List<StreamEntry> entries) {
        List<Reply> items = new ArrayList<>(entries.size());
        for (StreamEntry entry : entries) {
            items.add(entry(entry.id(), entry.fieldsAndValues()));
        }
        return Reply.array(items);
    }

    /** Returns {@code name} as Redis quotes it in an error: up to a NUL byte. */
    static String quoted(byte[] name) {
        return Arguments.cString(name);
    }

    /** Returns {@code name} as Redis quotes it with a precision ({@code %.128s}): up to a NUL byte, at most {@code limit} bytes. */
    static String quoted(byte[] name, int limit) {
        return new String(name, 0, Arguments.printedLength(name, limit), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Returns the error {@code message} on one line, as Redis sends the errors quoting user input. */
    static CommandException error(String message) {
        return ErrorText.of(Arguments.oneLine(message));
    }

    /** {@code NOGROUP No such key '<key>' or consumer group '<group>'}: XPENDING, XCLAIM, XAUTOCLAIM. */
    static CommandException noKeyOrGroup(byte[] key, byte[] group) {
        return error("NOGROUP No such key '" + quoted(key) + "' or consumer group '" + quoted(group) + "'");
    }

    /** {@code NOGROUP No such consumer group '<group>' for key name '<key>'}: XGROUP and XINFO CONSUMERS. */
    static CommandException noSuchGroup(byte[] key, byte[] group) {
        return error("NOGROUP No such consumer group '" + quoted(group) + "' for key name '" + quoted(key) + "'");
    }
}
