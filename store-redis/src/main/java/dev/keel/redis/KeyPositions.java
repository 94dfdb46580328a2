package dev.keel.redis;

import dev.keel.Reply;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a command line's first key is, so that a cluster connection sends the command to the
 * node that owns the key's slot.
 *
 * <pre>
 * Sources
 *   The server's COMMAND reply gives each command's first key position (the fourth field of its
 *   entry). Commands whose keys follow a count of keys report 0 there, as do the stream reads;
 *   their first key is found from their arguments:
 *     ZUNION | ZINTER | ZDIFF | ZINTERCARD | SINTERCARD | LMPOP | ZMPOP numkeys key ...
 *     BLMPOP | BZMPOP timeout numkeys key ...
 *     EVAL | EVALSHA | EVAL_RO | EVALSHA_RO | FCALL | FCALL_RO script numkeys [key ...] ...
 *     XREAD | XREADGROUP ... STREAMS key ...
 *   A count that is not a positive number leaves the command without a key: the server refuses
 *   it (or, for a script, runs it without keys) wherever it is sent.
 * </pre>
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
final class KeyPositions {
    /** Where the count of keys is in each command that has one; its keys follow it. */
    private static final Map<String, Integer> NUMKEYS_AT = Map.ofEntries(
            Map.entry("ZUNION", 1), Map.entry("ZINTER", 1), Map.entry("ZDIFF", 1), Map.entry("ZINTERCARD", 1),
            Map.entry("SINTERCARD", 1), Map.entry("LMPOP", 1), Map.entry("ZMPOP", 1),
            Map.entry("BLMPOP", 2), Map.entry("BZMPOP", 2),
            Map.entry("EVAL", 2), Map.entry("EVALSHA", 2), Map.entry("EVAL_RO", 2), Map.entry("EVALSHA_RO", 2),
            Map.entry("FCALL", 2), Map.entry("FCALL_RO", 2));

    private final Map<String, Integer> firstKeys;

    private KeyPositions(Map<String, Integer> firstKeys) {
        this.firstKeys = firstKeys;
    }

    /** Reads each command's first key position from the server's reply to {@code COMMAND}. */
    static KeyPositions fromCommandReply(Reply reply) {
        Map<String, Integer> positions = new HashMap<>();
        if (reply instanceof Reply.Array all) {
            for (Reply item : all.items()) {
                if (item instanceof Reply.Array info && info.items().size() > 3
                        && info.items().get(0) instanceof Reply.Bulk name
                        && info.items().get(3) instanceof Reply.Int first) {
                    positions.put(name.utf8().toUpperCase(Locale.ROOT), (int) first.value());
                }
            }
        }
        return new KeyPositions(Map.copyOf(positions));
    }

    /**
     * Returns the index of the first key in {@code argv}, or 0 if it has none.
     *
     * @param name {@code argv[0]} in upper case
     */
    int firstKey(String name, byte[][] argv) {
        Integer numkeysAt = NUMKEYS_AT.get(name);
        int first;
        if (numkeysAt != null) {
            first = numkeysAt + 1 < argv.length && positive(argv[numkeysAt]) ? numkeysAt + 1 : 0;
        } else if (name.equals("XREAD") || name.equals("XREADGROUP")) {
            first = BlockingCommands.streamReadOption(argv, "STREAMS") + 1;
        } else {
            first = firstKeys.getOrDefault(name, 0);
        }
        return first > 0 && first < argv.length ? first : 0;
    }

    private static boolean positive(byte[] count) {
        try {
            return Long.parseLong(new String(count, StandardCharsets.US_ASCII)) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
