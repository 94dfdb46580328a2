package dev.keel;

import java.time.Duration;
import java.util.concurrent.ConcurrentMap;

/**
 * A Redis hash as a {@link ConcurrentMap}: a typed view of one key, where every method is one
 * hash command, as atomic as that command. Get one from {@link Store#hash(String)}. A key of
 * another type is refused with {@code WRONGTYPE} (except by {@code clear()}, see below).
 *
 * <p>{@code get} is {@code HGET}, {@code containsKey} {@code HEXISTS}, {@code size()}
 * {@code HLEN}, {@code putAll} one {@code HSET} of all the entries, {@code remove(key)}
 * {@code HGETDEL key FIELDS 1 field} (it returns the value it removed), {@code putIfAbsent}
 * {@code HSETNX} (followed by {@code HGET} for the value that was there, and retried if a
 * concurrent remove left none), {@code clear()} {@code DEL key}: it removes the key whatever its
 * type. Four commands Keel adds to Redis's serve the rest of the map contract, each one atomic:
 * {@code put} is {@code KEEL.HGETSET} (set, answering the previous value), {@code replace(k, v)}
 * {@code KEEL.HREPLACE} (set only an existing field), {@code replace(k, old, new)}
 * {@code KEEL.HCAS} (compare and set), {@code remove(k, v)} {@code KEEL.HCAD} (compare and
 * delete); on a real Redis, {@code store-redis} runs them as small Lua scripts. Values are
 * compared as their codec's bytes.
 *
 * <p>{@code compute}, {@code computeIfAbsent}, {@code computeIfPresent}, {@code merge} and
 * {@code replaceAll} are {@link ConcurrentMap}'s default methods: optimistic loops over
 * {@code get}, {@code putIfAbsent}, {@code replace(k, old, new)} and {@code remove(k, v)}, so
 * each change they make is atomic (it applies only to the value the function saw), and under
 * contention the function may run more than once. Many threads merging into one field lose no
 * update.
 *
 * <p>Iterators of {@code entrySet()}, {@code keySet()} and {@code values()} walk a snapshot taken
 * with one {@code HGETALL} (or {@code HKEYS}); they do not see later changes and are not
 * fail-fast. Their {@code remove()} is {@code HDEL} of the field last returned;
 * {@code Entry.setValue} is {@code HSET} of its field (which clears the field's time to live, as
 * {@code HSET} and {@code put} do). {@code equals}, {@code hashCode} and {@code toString} read
 * one {@code HGETALL} snapshot. An emptied hash is no key at all, as in Redis. Keys (fields) and
 * values may not be null; null queries answer {@code null} or {@code false}.
 *
 * <p>With {@link Codec#bytes()} fields and values are {@code byte[]}: the view's own methods
 * compare them by content (every query is a command), but the snapshot maps and entries they
 * return compare them by identity, as Java arrays do.
 *
 * {@snippet :
 * try (Store store = Keel.inMemory()) {
 *     KeelHash<String, String> session = store.hash("session:42");
 *     session.put("user", "ada");                        // KEEL.HGETSET session:42 user ada
 *     session.merge("hits", "1", (a, b) -> String.valueOf(Long.parseLong(a) + Long.parseLong(b)));
 *     session.expire(Duration.ofMinutes(30));            // PEXPIRE session:42 1800000
 * }
 * }
 *
 * <p><b>Thread safety:</b> safe for concurrent use; many views of one key may coexist.
 *
 * @param <K> the field type
 * @param <V> the value type
 */
public interface KeelHash<K, V> extends ConcurrentMap<K, V> {

    /** Sets the hash's time to live ({@code PEXPIRE key milliseconds}); false if the hash does not exist. */
    boolean expire(Duration ttl);

    /** Returns the hash's time to live ({@code PTTL key}), or {@code null} if it has none or does not exist. */
    Duration ttl();

    /** Removes the hash's time to live ({@code PERSIST key}); whether it had one. */
    boolean persist();

    /**
     * Sets one field's time to live ({@code HPEXPIRE key milliseconds FIELDS 1 field}, Redis 7.4);
     * a zero duration deletes the field. Returns whether the field existed.
     */
    boolean expireField(K field, Duration ttl);

    /** Returns one field's time to live ({@code HPTTL key FIELDS 1 field}), or {@code null} if it has none or does not exist. */
    Duration fieldTtl(K field);

    /** Removes one field's time to live ({@code HPERSIST key FIELDS 1 field}); whether it had one. */
    boolean persistField(K field);

    /** Returns a view of the hash at {@code key} on {@code store}, its fields and values encoded by {@code codec}. */
    static <K, V> KeelHash<K, V> of(Store store, Codec<K, V> codec, K key) {
        return new CommandsHash<>(store, codec, key);
    }
}
