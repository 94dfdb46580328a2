package dev.keel.benchmarks;

/**
 * The one small facade the set benchmark calls: the set commands it measures over String keys
 * and members, so Keel and its peer run the same benchmark code.
 *
 * <p><b>Thread safety:</b> implementations are safe for concurrent use.
 */
interface SetPeer extends AutoCloseable {

    /** The names accepted by {@link #open(String)}, as the benchmark's {@code store} parameter. */
    String KEEL = "keel";
    /** A {@code ConcurrentHashMap.newKeySet()} per key. */
    String KEY_SET = "keyset";

    /** {@code SADD key member}: whether the member was added (was not there). */
    boolean sadd(String key, String member);

    /** {@code SREM key member}: whether the member was removed (was there). */
    boolean srem(String key, String member);

    /** {@code SISMEMBER key member}. */
    boolean sismember(String key, String member);

    /** {@code SCARD key}. */
    long scard(String key);

    /** Adds every member of {@code members}; for filling a set before measuring. */
    default void load(String key, String[] members) {
        for (String member : members) {
            sadd(key, member);
        }
    }

    /** Releases the sets. */
    @Override
    void close();

    /**
     * Opens the peer named {@code name}.
     *
     * @throws IllegalArgumentException if no peer has that name
     */
    static SetPeer open(String name) {
        return switch (name) {
            case KEEL -> new KeelSetPeer();
            case KEY_SET -> new KeySetPeer();
            default -> throw new IllegalArgumentException("unknown set store '" + name + "'");
        };
    }
}
