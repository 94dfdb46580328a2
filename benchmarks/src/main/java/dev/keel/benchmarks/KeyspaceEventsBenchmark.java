package dev.keel.benchmarks;

import dev.keel.Codec;
import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.MessageListener;
import dev.keel.Store;
import dev.keel.Subscription;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What keyspace notifications cost a write command, in four settings:
 *
 * <ul>
 *   <li>{@code off}: the default, nothing registered;
 *   <li>{@code onUnheard}: {@code KEA}, nobody subscribed (a read of the setting and of the
 *       subscriber count per command);
 *   <li>{@code onElsewhere}: {@code KEA}, one subscriber to an unrelated channel (events are
 *       derived and published to no one);
 *   <li>{@code onHeard}: {@code KEA}, a subscriber to {@code __keyspace@0__:*} that counts what it
 *       gets (events derived, delivered to its buffer and its thread).
 * </ul>
 *
 * over SET (a plain string write), ZADD of an existing member (which takes the members' scores
 * before it runs, to tell an update from nothing) and RPUSH then LPOP on a one-element list (two
 * commands, the second emptying the key: lpop and del).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar KeyspaceEventsBenchmark -t 1
 * </pre>
 *
 * <p><b>Thread safety:</b> JMH drives it; the shared state is the store.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
public class KeyspaceEventsBenchmark {

    /** The store in one of the settings, and its subscriber if any. */
    @State(Scope.Benchmark)
    public static class Shared {
        @Param({"off", "onUnheard", "onElsewhere", "onHeard"})
        public String setting;

        Store store;
        Commands<byte[], byte[]> redis;
        Subscription<byte[]> subscription;
        final LongAdder heard = new LongAdder();

        @Setup
        public void open() {
            Keel.Builder builder = Keel.builder().registerMBean(false);
            store = (setting.equals("off") ? builder : builder.notifyKeyspaceEvents("KEA")).open();
            redis = store.commands(Codec.bytes());
            MessageListener<byte[], byte[]> counter = (channel, message) -> heard.increment();
            if (setting.equals("onElsewhere")) {
                subscription = store.subscribe(Codec.bytes(), counter, ascii("elsewhere"));
            } else if (setting.equals("onHeard")) {
                subscription = store.psubscribe(Codec.bytes(), counter, ascii("__keyspace@0__:*"));
            }
            redis.zadd(ascii("board"), 1, ascii("player"));
        }

        @TearDown
        public void close() {
            if (subscription != null) {
                subscription.close();
            }
            store.close();
        }
    }

    private static final byte[] KEY = ascii("key");
    private static final byte[] VALUE = ascii("value");
    private static final byte[] BOARD = ascii("board");
    private static final byte[] PLAYER = ascii("player");
    private static final byte[] LIST = ascii("list");

    @Benchmark
    public String set(Shared shared) {
        return shared.redis.set(KEY, VALUE);
    }

    @Benchmark
    public long zaddExisting(Shared shared) {
        return shared.redis.zadd(BOARD, 1, PLAYER);
    }

    @Benchmark
    public byte[] rpushLpop(Shared shared) {
        shared.redis.rpush(LIST, VALUE);
        return shared.redis.lpop(LIST);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
