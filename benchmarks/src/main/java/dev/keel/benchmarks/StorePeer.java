package dev.keel.benchmarks;

/**
 * The one small facade every benchmark calls: string GET and SET over String keys, so Keel and
 * its peers run the same benchmark code and differ only in the store behind it.
 *
 * <p>Each peer keeps values in the form its users would hold them: a {@code String} for Keel's
 * UTF-8 commands, a {@code byte[]} for Keel's byte codec, a {@code ConcurrentHashMap} and Redis.
 * The benchmark turns its value bytes into that form once, with {@link #valueOf(byte[])}, before
 * measuring, so no conversion is timed that a user would not pay.
 *
 * <p><b>Thread safety:</b> implementations are safe for concurrent use.
 */
interface StorePeer extends AutoCloseable {

    /** The names accepted by {@link #open(String)}, as the benchmark's {@code store} parameter. */
    String KEEL = "keel";
    /** Keel through {@code store.commands(Codec.bytes())}. */
    String KEEL_BYTES = "keel-bytes";
    /** A {@code ConcurrentHashMap<String, byte[]>}. */
    String CHM = "chm";
    /** A real Redis over loopback, through Lettuce's synchronous API. */
    String REDIS = "redis";

    /** Returns {@code bytes} in the form this peer stores values. */
    Object valueOf(byte[] bytes);

    /** Returns the value of {@code key}, or null if there is none. */
    Object get(String key);

    /** Sets {@code key} to {@code value}, which came from {@link #valueOf(byte[])}. */
    void set(String key, Object value);

    /** Sets every key of {@code keys} to a value of {@code values}, in turn; for filling the store before measuring. */
    default void load(String[] keys, Object[] values) {
        for (int i = 0; i < keys.length; i++) {
            set(keys[i], values[i % values.length]);
        }
    }

    /** Releases the store and anything the peer started for it. */
    @Override
    void close();

    /**
     * Opens the peer named {@code name}.
     *
     * @throws IllegalArgumentException if no peer has that name
     * @throws IllegalStateException if the peer cannot start (for Redis: no {@code redis-server})
     */
    static StorePeer open(String name) {
        return switch (name) {
            case KEEL -> KeelPeer.utf8();
            case KEEL_BYTES -> KeelPeer.bytes();
            case CHM -> new ConcurrentMapPeer();
            case REDIS -> RedisPeer.start();
            default -> throw new IllegalArgumentException("unknown store '" + name + "'");
        };
    }
}
