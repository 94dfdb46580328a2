package dev.keel.benchmarks;

import dev.keel.StreamEntry;
import dev.keel.StreamId;
import io.lettuce.core.Consumer;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A real Redis over loopback for the stream benchmark: a {@code redis-server} this peer starts
 * itself, reached through one shared Lettuce connection and its synchronous API
 * ({@code RedisCommands<String, String>}), one command per call, as {@link RedisPeer} does for
 * strings. Lettuce's {@code StreamMessage}s are turned into Keel's {@link StreamEntry} records.
 *
 * <p>Loading pipelines: XADDs sent through the asynchronous API of the same connection, up to
 * {@link LoopbackRedis#MAX_IN_FLIGHT} in flight, so filling a million entries takes seconds.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class RedisStreamPeer implements StreamPeer {
    private final LoopbackRedis<String> redis;
    private final RedisCommands<String, String> commands;
    private volatile Capped capped;

    /** The options of {@code XADD key MAXLEN ~ maxLength *}. */
    private record Capped(long maxLength, XAddArgs args) {
    }

    private RedisStreamPeer(LoopbackRedis<String> redis) {
        this.redis = redis;
        this.commands = redis.sync();
    }

    /** Starts a {@code redis-server} and connects to it. */
    static RedisStreamPeer start() {
        return new RedisStreamPeer(LoopbackRedis.start(StringCodec.UTF8));
    }

    private static List<StreamEntry<String, String>> entries(List<StreamMessage<String, String>> messages) {
        List<StreamEntry<String, String>> entries = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> message : messages) {
            entries.add(new StreamEntry<>(StreamId.parse(message.getId()), message.getBody()));
        }
        return entries;
    }

    @Override
    public StreamId xadd(String key, Map<String, String> fields) {
        return StreamId.parse(commands.xadd(key, fields));
    }

    /** Builds the XADD options once per cap (the benchmark's is constant), as a caller would keep them. */
    @Override
    public StreamId xaddCapped(String key, long maxLength, Map<String, String> fields) {
        Capped last = capped;
        if (last == null || last.maxLength != maxLength) {
            last = new Capped(maxLength, XAddArgs.Builder.maxlen(maxLength).approximateTrimming());
            capped = last;
        }
        return StreamId.parse(commands.xadd(key, last.args, fields));
    }

    @Override
    public List<StreamEntry<String, String>> xrange(String key, StreamId start, int count) {
        Range<String> range = Range.from(Range.Boundary.including(start.toString()), Range.Boundary.unbounded());
        return entries(commands.xrange(key, range, Limit.from(count)));
    }

    @Override
    public void xgroupCreate(String key, String group, StreamId start) {
        commands.xgroupCreate(XReadArgs.StreamOffset.from(key, start.toString()), group);
    }

    @Override
    public void xgroupSetid(String key, String group, StreamId start) {
        commands.xgroupSetid(XReadArgs.StreamOffset.from(key, start.toString()), group);
    }

    @Override
    @SuppressWarnings("unchecked") // Lettuce takes the stream offsets as generic varargs
    public List<StreamEntry<String, String>> xreadgroup(String key, String group, String consumer, int count) {
        return entries(commands.xreadgroup(Consumer.from(group, consumer), XReadArgs.Builder.count(count),
                XReadArgs.StreamOffset.lastConsumed(key)));
    }

    @Override
    public long xack(String key, String group, StreamId id) {
        return commands.xack(key, group, id.toString());
    }

    @Override
    public long xpendingCount(String key, String group) {
        return commands.xpending(key, group).getCount();
    }

    @Override
    public long xlen(String key) {
        return commands.xlen(key);
    }

    @Override
    public long xtrim(String key, long maxLength) {
        return commands.xtrim(key, maxLength);
    }

    @Override
    public String encoding(String key) {
        return commands.objectEncoding(key);
    }

    /** Loads through the asynchronous API, {@link LoopbackRedis#MAX_IN_FLIGHT} XADDs in flight at a time. */
    @Override
    public StreamId[] load(String key, int count, Supplier<Map<String, String>> entries) {
        RedisAsyncCommands<String, String> async = redis.async();
        LoopbackRedis.Pipeline pipeline = new LoopbackRedis.Pipeline();
        StreamId[] ids = new StreamId[count];
        List<RedisFuture<String>> batch = new ArrayList<>(LoopbackRedis.MAX_IN_FLIGHT);
        for (int i = 0; i < count; i++) {
            RedisFuture<String> added = async.xadd(key, entries.get());
            batch.add(added);
            pipeline.add(added);
            if (batch.size() == LoopbackRedis.MAX_IN_FLIGHT || i == count - 1) {
                pipeline.awaitAll();
                int first = i + 1 - batch.size();
                for (int j = 0; j < batch.size(); j++) {
                    ids[first + j] = StreamId.parse(LettuceFutures.awaitOrCancel(batch.get(j),
                            LoopbackRedis.LOAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
                }
                batch.clear();
            }
        }
        return ids;
    }

    /** The server and client this peer runs on, for reading the server's memory and opening more connections. */
    LoopbackRedis<?> loopback() {
        return redis;
    }

    @Override
    public void close() {
        redis.close();
    }
}
