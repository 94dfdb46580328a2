package dev.keel;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Redis stream: a typed view of one key, where every method is one stream command, as atomic
 * as that command. Get one from {@link Store#stream(String)}. A key of another type is refused
 * with {@code WRONGTYPE}.
 *
 * <p>A stream is an append-only log of entries, each a small map of fields to values under an
 * ID that only grows ({@link StreamId}). Readers read from an ID on, as many as like, without
 * changing the stream; {@linkplain #group consumer groups} share the entries out among their
 * consumers and remember what each consumer has not acknowledged. Unlike the other types, a
 * stream emptied by {@link #delete} or {@link #trim} still exists, with its groups.
 *
 * {@snippet :
 * try (Store store = Keel.inMemory()) {
 *     KeelStream<String, String> events = store.stream("events");
 *     StreamId id = events.add(Map.of("user", "ada", "action", "login"));   // XADD events * ...
 *     List<StreamEntry<String, String>> next =
 *             events.read(id, 100, Duration.ofSeconds(5));  // XREAD COUNT 100 BLOCK 5000 STREAMS events <id>
 *
 *     KeelStreamGroup<String, String> workers = events.group("workers");
 *     workers.createIfAbsent(new StreamId(0, 0));          // XGROUP CREATE events workers 0-0 MKSTREAM
 *     KeelStreamConsumer<String, String> w1 = workers.consumer("w1");
 *     for (StreamEntry<String, String> job : w1.read(10, Duration.ofSeconds(5))) {  // XREADGROUP ... >
 *         w1.ack(job.id());                                 // XACK events workers <id>
 *     }
 * }
 * }
 *
 * <p>The methods that wait ({@link #read}, {@link KeelStreamConsumer#read}) do so only for a
 * positive timeout; waiting readers are served first come, first served, and one interrupted
 * while waiting throws {@link InterruptedException}.
 *
 * <p><b>Thread safety:</b> safe for concurrent use; many views of one key may coexist.
 *
 * @param <K> the type of field names, and of group and consumer names
 * @param <V> the value type
 */
public interface KeelStream<K, V> {

    /** Appends an entry with the fields in the map's iteration order ({@code XADD key * ...}); returns its ID. */
    StreamId add(Map<K, V> fields);

    /**
     * Appends an entry with {@code args}: an explicit ID, a trim, {@code NOMKSTREAM}
     * ({@code XADD key [options] id ...}); returns its ID, or {@code null} if {@code NOMKSTREAM}
     * found no stream.
     */
    StreamId add(Map<K, V> fields, XAddArgs args);

    /** Returns the entries from {@code from} to {@code to}, both included ({@code XRANGE key from to}). */
    List<StreamEntry<K, V>> range(StreamId from, StreamId to);

    /** Returns the first {@code count} entries from {@code from} to {@code to}, both included ({@code XRANGE key from to COUNT count}). */
    List<StreamEntry<K, V>> range(StreamId from, StreamId to, long count);

    /**
     * Returns the first {@code count} entries in {@code range} ({@code XRANGE key start end COUNT
     * count}); {@code range(StreamRange.greaterThan(last), 100)} is the page after {@code last}.
     */
    List<StreamEntry<K, V>> range(StreamRange range, long count);

    /** Returns the last {@code count} entries in {@code range}, highest ID first ({@code XREVRANGE key end start COUNT count}). */
    List<StreamEntry<K, V>> reverseRange(StreamRange range, long count);

    /**
     * Returns up to {@code count} entries after {@code after}, waiting up to {@code timeout} for
     * one if there is none ({@code XREAD COUNT count BLOCK milliseconds STREAMS key after}); empty
     * if none came. A zero or negative timeout does not wait ({@code XREAD COUNT count STREAMS key
     * after}); a positive one waits at least a millisecond.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    List<StreamEntry<K, V>> read(StreamId after, int count, Duration timeout) throws InterruptedException;

    /** Returns the number of entries ({@code XLEN}), 0 if the stream does not exist. */
    long length();

    /** Removes the oldest entries, keeping the newest {@code maxLength} ({@code XTRIM key MAXLEN maxLength}); returns how many were removed. */
    long trim(long maxLength);

    /** Removes entries as {@code args} says ({@code XTRIM key MAXLEN|MINID ...}); returns how many were removed. */
    long trim(XTrimArgs args);

    /** Deletes the entries with these IDs ({@code XDEL}); returns how many there were. */
    long delete(StreamId... ids);

    /**
     * Returns the stream's state ({@code XINFO STREAM key}).
     *
     * @throws KeelException with {@code ERR no such key} if the stream does not exist
     */
    StreamInfo<K, V> info();

    /** Returns a view of the consumer group {@code name} of this stream; nothing is sent until it is used. */
    KeelStreamGroup<K, V> group(K name);

    /** Returns a view of the stream at {@code key} through {@code commands}. */
    static <K, V> KeelStream<K, V> of(Commands<K, V> commands, K key) {
        return new CommandsStream<>(commands, key);
    }
}
