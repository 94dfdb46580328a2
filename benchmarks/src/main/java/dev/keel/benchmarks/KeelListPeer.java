package dev.keel.benchmarks;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.Store;
import java.util.List;

/**
 * Keel, in this JVM, through the typed commands a user would call: {@code store.commands()},
 * String keys and elements (UTF-8).
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class KeelListPeer implements ListPeer {
    private final Store store = Keel.inMemory();
    private final Commands<String, String> commands = store.commands();

    @Override
    public void lpush(String key, String element) {
        commands.lpush(key, element);
    }

    @Override
    public void rpush(String key, String... elements) {
        commands.rpush(key, elements);
    }

    @Override
    public String rpop(String key) {
        return commands.rpop(key);
    }

    @Override
    public List<String> lrange(String key, long start, long stop) {
        return commands.lrange(key, start, stop);
    }

    @Override
    public String lindex(String key, long index) {
        return commands.lindex(key, index);
    }

    @Override
    public long llen(String key) {
        return commands.llen(key);
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
