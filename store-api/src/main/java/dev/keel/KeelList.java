package dev.keel;

import java.util.List;
import java.util.concurrent.BlockingDeque;

/**
 * A Redis list as a {@link BlockingDeque}: a typed view of one key, where every method is one
 * list command, as atomic as that command; only the bulk removals ({@code removeAll},
 * {@code retainAll}, {@code removeIf}) run one LREM per element. Get one from
 * {@link Store#list(String)}. A key of another type is refused with {@code WRONGTYPE}.
 *
 * <p>{@code take()} is {@code BLPOP key 0}; {@code offer}/{@code poll}/{@code peek} work on both
 * ends with LPUSH/RPUSH, LPOP/RPOP and LINDEX; {@code size()} is LLEN, {@code contains} LPOS,
 * {@code remove(Object)} and {@code removeFirstOccurrence} {@code LREM key 1},
 * {@code removeLastOccurrence} {@code LREM key -1}, {@code addAll} one RPUSH of all the
 * elements, {@code clear()} {@code LTRIM key 1 0}. The list is unbounded. An emptied list is no
 * key at all, as in Redis. Elements may not be null.
 *
 * <p>Iterators walk a consistent snapshot taken with one {@code LRANGE key 0 -1}; they do not see
 * later changes. Their {@code remove()} removes the element last returned with one LREM, from the
 * head ({@code LREM key 1}) if no equal element precedes it, else from the tail
 * ({@code LREM key -1}) if none follows it; an element with equal ones on both sides cannot be
 * singled out by one command, and removing it throws {@link UnsupportedOperationException}.
 *
 * {@snippet :
 * try (Store store = Keel.inMemory()) {
 *     KeelList<String> jobs = store.list("jobs");
 *     jobs.offer("resize:42");                 // RPUSH jobs resize:42
 *     String next = jobs.take();               // BLPOP jobs 0
 * }
 * }
 *
 * <p><b>Thread safety:</b> safe for concurrent use; many views of one key may coexist.
 *
 * @param <V> the element type
 */
public interface KeelList<V> extends BlockingDeque<V> {

    /** Returns the element at {@code index} ({@code LINDEX}); negative indexes count from the end; null if out of range. */
    V get(long index);

    /**
     * Replaces the element at {@code index} ({@code LSET}).
     *
     * @throws KeelException with {@code ERR index out of range} or {@code ERR no such key}
     */
    void set(long index, V element);

    /** Returns the elements from {@code start} to {@code stop}, inclusive ({@code LRANGE}). */
    List<V> range(long start, long stop);

    /** Returns a view of the list at {@code key} through {@code commands}. */
    static <K, V> KeelList<V> of(Commands<K, V> commands, K key) {
        return new CommandsList<>(commands, key);
    }
}
