package dev.keel.benchmarks;

import dev.keel.StreamEntry;
import dev.keel.StreamId;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one small facade the stream benchmark calls: the stream commands it measures over String
 * keys, fields and values, so Keel and its peers run the same benchmark code and differ only in
 * the store behind it.
 *
 * <p>Entries are added with {@code *}: each peer chooses an ID greater than the stream's last,
 * from the clock as Redis does. Consumer groups deliver each entry once through {@code >} and keep
 * it pending for the consumer it went to until it is acknowledged.
 *
 * <p><b>Thread safety:</b> implementations are safe for concurrent use.
 */
interface StreamPeer extends AutoCloseable {

    /** The names accepted by {@link #open(String)}, as the benchmark's {@code store} parameter. */
    String KEEL = "keel";
    /**
     * A {@code ConcurrentSkipListMap<Long, Map<String, String>>} keyed by a generated monotonic
     * ID, with a pending {@code ConcurrentHashMap} and a last-delivered cursor per group, on the heap.
     */
    String SKIP_LIST = "skiplist";
    /** A real Redis over loopback, through Lettuce's synchronous API. */
    String REDIS = "redis";

    /** {@code XADD key * field value ...}, the fields in the map's iteration order: the new entry's ID. */
    StreamId xadd(String key, Map<String, String> fields);

    /**
     * {@code XADD key MAXLEN ~ maxLength * field value ...}: adds the entry, then drops the oldest
     * entries in whole blocks while the stream keeps at least {@code maxLength} (Redis: radix tree
     * nodes of up to 100 entries), so it stays at about that length; the new entry's ID.
     */
    StreamId xaddCapped(String key, long maxLength, Map<String, String> fields);

    /**
     * {@code XRANGE key start + COUNT count}: up to {@code count} entries with IDs at or above
     * {@code start}, lowest first; empty if the stream does not exist.
     */
    List<StreamEntry<String, String>> xrange(String key, StreamId start, int count);

    /**
     * {@code XGROUP CREATE key group start}: a group whose consumers read the entries after
     * {@code start} ({@code 0-0}: all of them); the stream must exist.
     */
    void xgroupCreate(String key, String group, StreamId start);

    /** {@code XGROUP SETID key group start}: the group reads on from the entries after {@code start}. */
    void xgroupSetid(String key, String group, StreamId start);

    /**
     * {@code XREADGROUP GROUP group consumer COUNT count STREAMS key >}: up to {@code count}
     * entries never delivered to the group, now delivered to {@code consumer} and pending for it;
     * empty if the group has delivered every entry.
     */
    List<StreamEntry<String, String>> xreadgroup(String key, String group, String consumer, int count);

    /** {@code XACK key group id}: 1 if the entry was pending in the group and is now acknowledged, else 0. */
    long xack(String key, String group, StreamId id);

    /** {@code XPENDING key group}'s count: how many entries the group has delivered and not had acknowledged. */
    long xpendingCount(String key, String group);

    /** {@code XLEN key}: the number of entries. */
    long xlen(String key);

    /** {@code XTRIM key MAXLEN maxLength}: drops the oldest entries down to {@code maxLength}; how many it dropped. */
    long xtrim(String key, long maxLength);

    /** {@code OBJECT ENCODING key}, or null if the store has no such notion. */
    default String encoding(String key) {
        return null;
    }

    /**
     * Adds {@code count} entries from {@code entries}, one {@code XADD *} each, in order; for
     * filling a stream before measuring.
     *
     * @return the new entries' IDs, in order
     */
    default StreamId[] load(String key, int count, Supplier<Map<String, String>> entries) {
        StreamId[] ids = new StreamId[count];
        for (int i = 0; i < count; i++) {
            ids[i] = xadd(key, entries.get());
        }
        return ids;
    }

    /** Releases the streams and anything the peer started for them. */
    @Override
    void close();

    /**
     * Opens the peer named {@code name}.
     *
     * @throws IllegalArgumentException if no peer has that name
     * @throws IllegalStateException if the peer cannot start (for Redis: no {@code redis-server})
     */
    static StreamPeer open(String name) {
        return switch (name) {
            case KEEL -> new KeelStreamPeer();
            case SKIP_LIST -> new SkipListStreamPeer();
            case REDIS -> RedisStreamPeer.start();
            default -> throw new IllegalArgumentException("unknown stream store '" + name + "'");
        };
    }
}
