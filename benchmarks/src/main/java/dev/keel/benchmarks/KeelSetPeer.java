package dev.keel.benchmarks;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.Store;
import java.util.Arrays;

/**
 * Keel, in this JVM, through {@code store.commands()}: String keys and members.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class KeelSetPeer implements SetPeer {
    private static final int LOAD_BATCH = 1000;

    private final Store store = Keel.inMemory();
    private final Commands<String, String> commands = store.commands();

    @Override
    public boolean sadd(String key, String member) {
        return commands.sadd(key, member) == 1;
    }

    @Override
    public boolean srem(String key, String member) {
        return commands.srem(key, member) == 1;
    }

    @Override
    public boolean sismember(String key, String member) {
        return commands.sismember(key, member);
    }

    @Override
    public long scard(String key) {
        return commands.scard(key);
    }

    /** Loads with one SADD per 1,000 members. */
    @Override
    public void load(String key, String[] members) {
        for (int from = 0; from < members.length; from += LOAD_BATCH) {
            commands.sadd(key, Arrays.copyOfRange(members, from, Math.min(members.length, from + LOAD_BATCH)));
        }
    }

    /** Returns {@code OBJECT ENCODING key}. */
    String encoding(String key) {
        return commands.objectEncoding(key);
    }

    @Override
    public void close() {
        store.close();
    }
}
