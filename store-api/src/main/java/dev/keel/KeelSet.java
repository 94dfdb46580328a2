package dev.keel;

import java.time.Duration;
import java.util.Set;

/**
 * A Redis set as a {@link Set}: a typed view of one key, where every method is one set command,
 * as atomic as that command. Get one from {@link Store#set(String)}. A key of another type is
 * refused with {@code WRONGTYPE} (except by {@code clear()}, see below).
 *
 * <p>{@code add} is {@code SADD}, {@code remove} {@code SREM}, {@code contains}
 * {@code SISMEMBER}, {@code containsAll} {@code SMISMEMBER}, {@code size()} {@code SCARD},
 * {@code addAll} and {@code removeAll} one {@code SADD} or {@code SREM} of all the elements,
 * {@code clear()} {@code DEL key}: it removes the key whatever its type. {@code retainAll} and
 * {@code removeIf} go through the iterator, one {@code SREM} per member removed.
 *
 * <p>Iterators walk a snapshot taken with one {@code SMEMBERS}; they do not see later changes and
 * are not fail-fast. Their {@code remove()} is {@code SREM} of the member last returned.
 * {@code toArray}, {@code equals}, {@code hashCode} and {@code toString} read one
 * {@code SMEMBERS} snapshot. An emptied set is no key at all, as in Redis. Members may not be
 * null; null queries answer {@code false}.
 *
 * <p>With {@link Codec#bytes()} members are {@code byte[]}: the view's own methods compare them by
 * content (each is a command), but snapshots ({@code equals}, iteration into a Java set) compare
 * them by identity, as Java arrays do.
 *
 * <p><b>Thread safety:</b> safe for concurrent use; many views of one key may coexist.
 *
 * @param <V> the member type
 */
public interface KeelSet<V> extends Set<V> {

    /** Removes and returns a random member ({@code SPOP key}), or {@code null} if the set is empty. */
    V pop();

    /** Returns a random member ({@code SRANDMEMBER key}), or {@code null} if the set is empty. */
    V randomMember();

    /** Sets the set's time to live ({@code PEXPIRE key milliseconds}); false if the set does not exist. */
    boolean expire(Duration ttl);

    /** Returns the set's time to live ({@code PTTL key}), or {@code null} if it has none or does not exist. */
    Duration ttl();

    /** Removes the set's time to live ({@code PERSIST key}); whether it had one. */
    boolean persist();

    /** Returns a view of the set at {@code key} through {@code commands}. */
    static <K, V> KeelSet<V> of(Commands<K, V> commands, K key) {
        return new CommandsSet<>(commands, key);
    }
}
