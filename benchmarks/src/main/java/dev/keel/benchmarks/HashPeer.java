package dev.keel.benchmarks;

/**
 * The one small facade the hash benchmark calls: the hash commands it measures over String keys
 * and fields, so Keel and its peers run the same benchmark code and differ only in the store
 * behind it.
 *
 * <p>Values are held in the form each peer's users would hold them (a {@code String} for Keel's
 * UTF-8 commands, a {@code byte[]} for the others); the benchmark turns its value bytes into that
 * form once, with {@link #valueOf(byte[])}, before measuring. {@link #hincrby} follows Redis: a
 * missing field counts as 0, a value that is not a decimal integer is an error.
 *
 * <p><b>Thread safety:</b> implementations are safe for concurrent use.
 */
interface HashPeer extends AutoCloseable {

    /** The names accepted by {@link #open(String, Layout)}, as the benchmark's {@code store} parameter. */
    String KEEL = "keel";
    /** {@code ConcurrentHashMap<String, ConcurrentHashMap<String, byte[]>>}: a map per hash. */
    String CHM = "chm";
    /** Chronicle Map (off-heap): a map per hash for one big hash, composite keys for many small ones. */
    String CHRONICLE = "chronicle";
    /** A real Redis over loopback, through Lettuce's synchronous API. */
    String REDIS = "redis";

    /**
     * What the peer will hold, for peers that size their tables up front (Chronicle Map).
     *
     * @param hashes how many hashes
     * @param fieldsPerHash how many fields each has
     * @param sampleKey a typical hash key
     * @param sampleField a typical field
     * @param valueSize the typical length of a value, in bytes
     */
    record Layout(int hashes, int fieldsPerHash, String sampleKey, String sampleField, int valueSize) {
    }

    /** Returns {@code bytes} in the form this peer stores values. */
    Object valueOf(byte[] bytes);

    /** {@code HSET key field value}: 1 if the field is new, 0 if its value was replaced. */
    long hset(String key, String field, Object value);

    /** {@code HGET key field}: the value, or null if there is none. */
    Object hget(String key, String field);

    /** {@code HINCRBY key field increment}: the new value. */
    long hincrby(String key, String field, long increment);

    /** The encoding the store chose for {@code key} ({@code OBJECT ENCODING}), or null if it has no such notion. */
    default String encoding(String key) {
        return null;
    }

    /**
     * Sets every field of {@code fields} in every hash of {@code keys}, field {@code i} to
     * {@code values[i % values.length]}; for filling the store before measuring. Peers batch
     * as they can.
     */
    default void load(String[] keys, String[] fields, Object[] values) {
        for (String key : keys) {
            for (int i = 0; i < fields.length; i++) {
                hset(key, fields[i], values[i % values.length]);
            }
        }
    }

    /** Releases the hashes and anything the peer started for them. */
    @Override
    void close();

    /**
     * Opens the peer named {@code name}, sized for {@code layout} where it sizes up front.
     *
     * @throws IllegalArgumentException if no peer has that name
     * @throws IllegalStateException if the peer cannot start (for Redis: no {@code redis-server};
     *         for Chronicle Map: a JVM without the flags it needs)
     */
    static HashPeer open(String name, Layout layout) {
        return switch (name) {
            case KEEL -> new KeelHashPeer();
            case CHM -> new ConcurrentMapHashPeer();
            case CHRONICLE -> ChronicleHashPeer.open(layout);
            case REDIS -> RedisHashPeer.start();
            default -> throw new IllegalArgumentException("unknown hash store '" + name + "'");
        };
    }
}
