package dev.keel.benchmarks;

import java.util.concurrent.ConcurrentHashMap;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * Chronicle Map ({@code net.openhft:chronicle-map}), an off-heap {@code ConcurrentMap} for the
 * JVM: the peer closest to Keel's own design, measured for hash-style access.
 *
 * <pre>
 * Layout
 *   one big hash (Layout.hashes == 1)  a ChronicleMap&lt;String, byte[]&gt; per hash, field -> value,
 *                                      reached through an on-heap map of the hashes (as Keel looks
 *                                      the key up before the field)
 *   many small hashes                  one ChronicleMap&lt;String, byte[]&gt; with composite keys
 *                                      key + '\t' + field: a Chronicle Map has a fixed size
 *                                      chosen up front, so 100,000 maps of 10 entries are not an
 *                                      option, and a value cannot itself be a map without copying
 *                                      the whole hash on every access. The composite key is built
 *                                      per call, as its user would.
 * </pre>
 *
 * Maps are created for the {@link HashPeer.Layout}'s number of entries, average key and value
 * size. Reads copy the value into a new {@code byte[]} (its {@code get}); HINCRBY is its atomic
 * {@code compute}: parse, add, format (as {@link DecimalBytes}).
 *
 * <p>Chronicle Map needs JVM flags on JDK 25 ({@code --add-opens}/{@code --add-exports}, listed
 * in the benchmarks' {@code pom.xml} as {@code chronicle.jvm.flags}, in {@link HashBenchmark}'s
 * {@code @Fork} and in {@code run.sh}); without them {@link #open} fails with an
 * {@link IllegalStateException} that says so. Its usage analytics are excluded from the build and
 * disabled ({@code -Dchronicle.analytics.disable=true}).
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class ChronicleHashPeer implements HashPeer {
    /** The flags Chronicle Map needs on JDK 25 beyond what every benchmark fork has. */
    static final String JVM_FLAGS_HINT = "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED "
            + "--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED (and the rest of "
            + "chronicle.jvm.flags in benchmarks/pom.xml)";
    private static final char SEPARATOR = '\t';

    private final HashPeer.Layout layout;
    private final ChronicleMap<String, byte[]> composite;
    private final ConcurrentHashMap<String, ChronicleMap<String, byte[]>> perHash = new ConcurrentHashMap<>();

    private ChronicleHashPeer(HashPeer.Layout layout) {
        this.layout = layout;
        this.composite = layout.hashes() == 1 ? null
                : create("hashes", (long) layout.hashes() * layout.fieldsPerHash(), entry(layout.sampleKey(), layout.sampleField()));
    }

    /**
     * Opens a peer sized for {@code layout}.
     *
     * @throws IllegalStateException if Chronicle Map cannot create a map in this JVM
     */
    static ChronicleHashPeer open(HashPeer.Layout layout) {
        try {
            ChronicleHashPeer peer = new ChronicleHashPeer(layout);
            if (layout.hashes() == 1) {
                peer.map(layout.sampleKey());
            }
            return peer;
        } catch (RuntimeException | LinkageError | AssertionError e) {
            throw new IllegalStateException("Chronicle Map cannot start in this JVM (" + Runtime.version()
                    + "); it needs " + JVM_FLAGS_HINT + ": " + e, e);
        }
    }

    private ChronicleMap<String, byte[]> create(String name, long entries, String sampleKey) {
        return ChronicleMap.of(String.class, byte[].class)
                .name(name)
                .entries(entries)
                .averageKey(sampleKey)
                .averageValueSize(layout.valueSize())
                .create();
    }

    private ChronicleMap<String, byte[]> map(String key) {
        if (composite != null) {
            return composite;
        }
        ChronicleMap<String, byte[]> map = perHash.get(key);
        return map != null ? map : perHash.computeIfAbsent(key, k -> create(k, layout.fieldsPerHash(), layout.sampleField()));
    }

    private String entry(String key, String field) {
        return composite == null ? field : key + SEPARATOR + field;
    }

    @Override
    public Object valueOf(byte[] bytes) {
        return bytes.clone();
    }

    @Override
    public long hset(String key, String field, Object value) {
        return map(key).put(entry(key, field), (byte[]) value) == null ? 1 : 0;
    }

    @Override
    public Object hget(String key, String field) {
        ChronicleMap<String, byte[]> map = composite != null ? composite : perHash.get(key);
        return map == null ? null : map.get(entry(key, field));
    }

    @Override
    public long hincrby(String key, String field, long increment) {
        return DecimalBytes.parse(map(key).compute(entry(key, field), (f, current) -> DecimalBytes.increment(current, increment)));
    }

    /** Returns the off-heap bytes Chronicle Map holds for every map of this peer ({@code offHeapMemoryUsed}). */
    long offHeapBytes() {
        long bytes = composite == null ? 0 : composite.offHeapMemoryUsed();
        for (ChronicleMap<String, byte[]> map : perHash.values()) {
            bytes += map.offHeapMemoryUsed();
        }
        return bytes;
    }

    @Override
    public void close() {
        if (composite != null) {
            composite.close();
        }
        perHash.values().forEach(ChronicleMap::close);
        perHash.clear();
    }
}
