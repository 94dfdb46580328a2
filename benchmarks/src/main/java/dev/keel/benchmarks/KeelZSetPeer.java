package dev.keel.benchmarks;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.ScoreRange;
import dev.keel.ScoredValue;
import dev.keel.Store;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keel, in this JVM, through the typed commands a user would call: {@code store.commands()},
 * String keys and members.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class KeelZSetPeer implements ZSetPeer {
    private static final int LOAD_BATCH = 1000;

    private final Store store = Keel.inMemory();
    private final Commands<String, String> commands = store.commands();

    @Override
    public long zadd(String key, double score, String member) {
        return commands.zadd(key, score, member);
    }

    @Override
    public double zincrby(String key, double increment, String member) {
        return commands.zincrby(key, increment, member);
    }

    @Override
    public Long zrank(String key, String member) {
        return commands.zrank(key, member);
    }

    @Override
    public List<String> zrangeByScoreLimit(String key, double min, double max, int offset, int count) {
        return commands.zrangebyscore(key, ScoreRange.closed(min, max), offset, count);
    }

    @Override
    public ScoredValue<String> zpopmin(String key) {
        return commands.zpopmin(key);
    }

    @Override
    public long zcard(String key) {
        return commands.zcard(key);
    }

    @Override
    public String encoding(String key) {
        return commands.objectEncoding(key);
    }

    /** Loads with one ZADD per 1,000 members. */
    @Override
    public void load(String key, String[] members, double[] scores) {
        Map<String, Double> batch = new LinkedHashMap<>();
        for (int i = 0; i < members.length; i++) {
            batch.put(members[i], scores[i]);
            if (batch.size() == LOAD_BATCH || i == members.length - 1) {
                commands.zadd(key, batch);
                batch.clear();
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
