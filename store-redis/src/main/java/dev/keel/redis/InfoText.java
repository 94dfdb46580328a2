package dev.keel.redis;

import dev.keel.EvictionPolicy;
import dev.keel.MemoryStats;
import dev.keel.Reply;
import dev.keel.StoreInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The fields of a Redis {@code INFO} reply: lines {@code field:value} ending in CRLF, section
 * titles ({@code # Memory}) and empty lines between sections, which are passed over.
 *
 * <p><b>Thread safety:</b> immutable once parsed.
 */
final class InfoText {
    private final Map<String, String> fields = new HashMap<>();

    private InfoText(String text) {
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("#") && colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
    }

    /** Parses {@code reply}, the answer to an INFO command. */
    static InfoText parse(Reply reply) {
        if (reply instanceof Reply.Error error) {
            throw new IllegalStateException("INFO failed: " + error.message());
        }
        if (!(reply instanceof Reply.Bulk text)) {
            throw new IllegalStateException("INFO answered " + reply + ", not text");
        }
        return new InfoText(text.utf8());
    }

    /** Returns the field's value as a number, 0 if the reply lacks it (a section not asked for, an older server). */
    long number(String field) {
        String value = fields.get(field);
        return value == null ? 0 : Long.parseLong(value);
    }

    /**
     * Returns a number from the keyspace line of database {@code db}, such as {@code keys} of
     * {@code db0:keys=3,expires=1,avg_ttl=0}; 0 if the database has no line (it is empty).
     */
    long keyspace(int db, String name) {
        String line = fields.get("db" + db);
        if (line != null) {
            for (String pair : line.split(",")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).equals(name)) {
                    return Long.parseLong(pair.substring(equals + 1));
                }
            }
        }
        return 0;
    }

    /** Returns {@code used_memory} and {@code used_memory_rss}; the server does not count allocations. */
    MemoryStats memoryStats() {
        return new MemoryStats(number("used_memory"), number("used_memory_rss"), 0);
    }

    /** Returns the numbers of a default INFO reply, with the keys of database {@code db}. */
    StoreInfo storeInfo(int db) {
        return new StoreInfo(keyspace(db, "keys"), keyspace(db, "expires"), number("used_memory"), number("used_memory_rss"),
                number("maxmemory"), policy(fields.get("maxmemory_policy")), number("keyspace_hits"),
                number("keyspace_misses"), number("expired_keys"), number("evicted_keys"),
                number("total_commands_processed"), Duration.ofSeconds(number("uptime_in_seconds")));
    }

    /** Returns the policy Redis names {@code name}; {@link EvictionPolicy#NOEVICTION} for one Keel does not know. */
    private static EvictionPolicy policy(String name) {
        for (EvictionPolicy policy : EvictionPolicy.values()) {
            if (policy.redisName().equals(name)) {
                return policy;
            }
        }
        return EvictionPolicy.NOEVICTION;
    }
}
