package dev.keel;

/**
 * When the engine switches a value from its small packed encoding to its scalable one, and back.
 * Tests force the scalable encodings with {@link #scalableAlways()}.
 *
 * <p>A value leaves its packed encoding as soon as it passes one of its type's limits, and comes
 * back to it only when it is within half of each (hysteresis), so a value near a limit does not
 * flip back and forth.
 *
 * @param listMaxPackedBytes the most bytes one packed block of list entries takes, its header
 *        included (Redis's {@code list-max-listpack-size -2}: 8 KiB); past it the list becomes a
 *        linked sequence of packed nodes of at most this size, and it turns back into one block
 *        only when its entries fit in half of one (hysteresis); 0 makes every list use linked
 *        nodes of one element each
 * @param hashMaxPackedEntries the most fields a packed hash holds (Redis's
 *        {@code hash-max-listpack-entries}, 512); 0 makes every hash a hash table
 * @param hashMaxPackedValue the longest field or value, in bytes, a packed hash holds (Redis's
 *        {@code hash-max-listpack-value}, 64)
 * @param setMaxPackedEntries the most members a packed set holds (Redis's
 *        {@code set-max-listpack-entries}, 128); 0 makes every set a hash table
 * @param setMaxPackedValue the longest member, in bytes, a packed set holds (Redis's
 *        {@code set-max-listpack-value}, 64)
 * @param zsetMaxPackedEntries the most members a packed sorted set holds (Redis's
 *        {@code zset-max-listpack-entries}, 128); 0 makes every sorted set an ordered index
 * @param zsetMaxPackedValue the longest member, in bytes, a packed sorted set holds (Redis's
 *        {@code zset-max-listpack-value}, 64)
 * @param streamNodeMaxBytes the most bytes of entries one block of a stream holds before a new
 *        block starts (Redis's {@code stream-node-max-bytes}, 4096; 0: no limit)
 * @param streamNodeMaxEntries the most entries one block of a stream holds (Redis's
 *        {@code stream-node-max-entries}, 100; 0: no limit); {@link #scalableAlways()} makes it 2,
 *        so that every stream of a few entries already spans many blocks
 */
public record Thresholds(int listMaxPackedBytes, int hashMaxPackedEntries, int hashMaxPackedValue,
                         int setMaxPackedEntries, int setMaxPackedValue,
                         int zsetMaxPackedEntries, int zsetMaxPackedValue,
                         int streamNodeMaxBytes, int streamNodeMaxEntries) {

    public Thresholds {
        requireNonNegative("listMaxPackedBytes", listMaxPackedBytes);
        requireNonNegative("hashMaxPackedEntries", hashMaxPackedEntries);
        requireNonNegative("hashMaxPackedValue", hashMaxPackedValue);
        requireNonNegative("setMaxPackedEntries", setMaxPackedEntries);
        requireNonNegative("setMaxPackedValue", setMaxPackedValue);
        requireNonNegative("zsetMaxPackedEntries", zsetMaxPackedEntries);
        requireNonNegative("zsetMaxPackedValue", zsetMaxPackedValue);
        requireNonNegative("streamNodeMaxBytes", streamNodeMaxBytes);
        requireNonNegative("streamNodeMaxEntries", streamNodeMaxEntries);
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }

    /** Redis's defaults. */
    public static Thresholds defaults() {
        return new Thresholds(8 * 1024, 512, 64, 128, 64, 128, 64, 4096, 100);
    }

    /** Thresholds at 0: every value uses its scalable encoding, whatever its size. */
    public static Thresholds scalableAlways() {
        return new Thresholds(0, 0, 0, 0, 0, 0, 0, 4096, 2);
    }

    /** Returns these thresholds with {@code listMaxPackedBytes} changed. */
    public Thresholds withListMaxPackedBytes(int bytes) {
        return new Thresholds(bytes, hashMaxPackedEntries, hashMaxPackedValue, setMaxPackedEntries, setMaxPackedValue,
                zsetMaxPackedEntries, zsetMaxPackedValue, streamNodeMaxBytes, streamNodeMaxEntries);
    }

    /** Returns these thresholds with the hash limits changed. */
    public Thresholds withHashMaxPacked(int entries, int valueBytes) {
        return new Thresholds(listMaxPackedBytes, entries, valueBytes, setMaxPackedEntries, setMaxPackedValue,
                zsetMaxPackedEntries, zsetMaxPackedValue, streamNodeMaxBytes, streamNodeMaxEntries);
    }

    /** Returns these thresholds with the set limits changed. */
    public Thresholds withSetMaxPacked(int entries, int valueBytes) {
        return new Thresholds(listMaxPackedBytes, hashMaxPackedEntries, hashMaxPackedValue, entries, valueBytes,
                zsetMaxPackedEntries, zsetMaxPackedValue, streamNodeMaxBytes, streamNodeMaxEntries);
    }

    /** Returns these thresholds with the sorted set limits changed. */
    public Thresholds withZsetMaxPacked(int entries, int valueBytes) {
        return new Thresholds(listMaxPackedBytes, hashMaxPackedEntries, hashMaxPackedValue, setMaxPackedEntries,
                setMaxPackedValue, entries, valueBytes, streamNodeMaxBytes, streamNodeMaxEntries);
    }

    /** Returns these thresholds with the stream block limits changed. */
    public Thresholds withStreamNodeMax(int bytes, int entries) {
        return new Thresholds(listMaxPackedBytes, hashMaxPackedEntries, hashMaxPackedValue, setMaxPackedEntries,
                setMaxPackedValue, zsetMaxPackedEntries, zsetMaxPackedValue, bytes, entries);
    }
}
