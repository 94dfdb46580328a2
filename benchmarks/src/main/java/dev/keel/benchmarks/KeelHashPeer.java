package dev.keel.benchmarks;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.Store;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keel, in this JVM, through the typed commands a user would call: {@code store.commands()},
 * String keys, fields and values.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class KeelHashPeer implements HashPeer {
    private static final int LOAD_BATCH = 1000;

    private final Store store = Keel.inMemory();
    private final Commands<String, String> commands = store.commands();

    @Override
    public Object valueOf(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public long hset(String key, String field, Object value) {
        return commands.hset(key, field, (String) value);
    }

    @Override
    public Object hget(String key, String field) {
        return commands.hget(key, field);
    }

    @Override
    public long hincrby(String key, String field, long increment) {
        return commands.hincrby(key, field, increment);
    }

    @Override
    public String encoding(String key) {
        return commands.objectEncoding(key);
    }

    /** Loads with one multi-field HSET per hash and batch of 1,000 fields. */
    @Override
    public void load(String[] keys, String[] fields, Object[] values) {
        Map<String, String> batch = new LinkedHashMap<>();
        for (String key : keys) {
            for (int i = 0; i < fields.length; i++) {
                batch.put(fields[i], (String) values[i % values.length]);
                if (batch.size() == LOAD_BATCH || i == fields.length - 1) {
                    commands.hset(key, batch);
                    batch.clear();
                }
            }
        }
    }

    /** The store this peer runs on, for reading its memory. */
    Store store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
    }
}
