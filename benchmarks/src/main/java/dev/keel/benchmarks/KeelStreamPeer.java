package dev.keel.benchmarks;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.KeyValue;
import dev.keel.Store;
import dev.keel.StreamEntry;
import dev.keel.StreamId;
import dev.keel.StreamOffset;
import dev.keel.StreamRange;
import dev.keel.XAddArgs;
import dev.keel.XGroupCreateArgs;
import dev.keel.XGroupSetidArgs;
import dev.keel.XReadGroupArgs;
import dev.keel.XTrimArgs;
import java.util.List;
import java.util.Map;

/**
 * Keel, in this JVM, through the typed commands a user would call: {@code store.commands()},
 * String keys, fields and values.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class KeelStreamPeer implements StreamPeer {
    private final Store store = Keel.inMemory();
    private final Commands<String, String> commands = store.commands();
    private volatile Capped capped;

    /** The options of {@code XADD key MAXLEN ~ maxLength *}. */
    private record Capped(long maxLength, XAddArgs args) {
    }

    @Override
    public StreamId xadd(String key, Map<String, String> fields) {
        return commands.xadd(key, fields);
    }

    /** Builds the XADD options once per cap (the benchmark's is constant), as a caller would keep them. */
    @Override
    public StreamId xaddCapped(String key, long maxLength, Map<String, String> fields) {
        Capped last = capped;
        if (last == null || last.maxLength != maxLength) {
            last = new Capped(maxLength, XAddArgs.maxlen(maxLength).withApproximate());
            capped = last;
        }
        return commands.xadd(key, last.args, fields);
    }

    @Override
    public List<StreamEntry<String, String>> xrange(String key, StreamId start, int count) {
        return commands.xrange(key, StreamRange.atLeast(start), count);
    }

    @Override
    public void xgroupCreate(String key, String group, StreamId start) {
        commands.xgroupCreate(key, group, XGroupCreateArgs.id(start));
    }

    @Override
    public void xgroupSetid(String key, String group, StreamId start) {
        commands.xgroupSetid(key, group, XGroupSetidArgs.id(start));
    }

    @Override
    public List<StreamEntry<String, String>> xreadgroup(String key, String group, String consumer, int count) {
        List<KeyValue<String, List<StreamEntry<String, String>>>> streams;
        try {
            streams = commands.xreadgroup(group, consumer, XReadGroupArgs.count(count), List.of(StreamOffset.undelivered(key)));
        } catch (InterruptedException e) {
            // Only a read with BLOCK waits; this one never does.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in a non-blocking XREADGROUP", e);
        }
        return streams == null ? List.of() : streams.getFirst().value();
    }

    @Override
    public long xack(String key, String group, StreamId id) {
        return commands.xack(key, group, id);
    }

    @Override
    public long xpendingCount(String key, String group) {
        return commands.xpending(key, group).count();
    }

    @Override
    public long xlen(String key) {
        return commands.xlen(key);
    }

    @Override
    public long xtrim(String key, long maxLength) {
        return commands.xtrim(key, XTrimArgs.maxlen(maxLength));
    }

    @Override
    public String encoding(String key) {
        return commands.objectEncoding(key);
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
