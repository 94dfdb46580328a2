package dev.keel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link KeelStream} view over {@link Commands}, with its group and consumer views: every
 * method is one stream command on one key.
 *
 * <p><b>Thread safety:</b> safe for concurrent use if the commands are.
 */
final class CommandsStream<K, V> implements KeelStream<K, V> {
    private final Commands<K, V> commands;
    private final K key;

    CommandsStream(Commands<K, V> commands, K key) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The entries of the one stream a read names, or none for a nil reply. */
    private static <K, V> List<StreamEntry<K, V>> entriesOf(List<KeyValue<K, List<StreamEntry<K, V>>>> read) {
        return read == null || read.isEmpty() ? List.of() : read.getFirst().value();
    }

    @Override
    public StreamId add(Map<K, V> fields) {
        return commands.xadd(key, fields);
    }

    @Override
    public StreamId add(Map<K, V> fields, XAddArgs args) {
        return commands.xadd(key, args, fields);
    }

    @Override
    public List<StreamEntry<K, V>> range(StreamId from, StreamId to) {
        return commands.xrange(key, StreamRange.closed(from, to));
    }

    @Override
    public List<StreamEntry<K, V>> range(StreamId from, StreamId to, long count) {
        return commands.xrange(key, StreamRange.closed(from, to), count);
    }

    @Override
    public List<StreamEntry<K, V>> range(StreamRange range, long count) {
        return commands.xrange(key, range, count);
    }

    @Override
    public List<StreamEntry<K, V>> reverseRange(StreamRange range, long count) {
        return commands.xrevrange(key, range, count);
    }

    @Override
    public List<StreamEntry<K, V>> read(StreamId after, int count, Duration timeout) throws InterruptedException {
        XReadArgs args = timeout.isPositive() ? XReadArgs.count(count).withBlock(timeout) : XReadArgs.count(count);
        return entriesOf(commands.xread(args, List.of(StreamOffset.after(key, after))));
    }

    @Override
    public long length() {
        return commands.xlen(key);
    }

    @Override
    public long trim(long maxLength) {
        return commands.xtrim(key, XTrimArgs.maxlen(maxLength));
    }

    @Override
    public long trim(XTrimArgs args) {
        return commands.xtrim(key, args);
    }

    @Override
    public long delete(StreamId... ids) {
        return commands.xdel(key, ids);
    }

    @Override
    public StreamInfo<K, V> info() {
        return commands.xinfoStream(key);
    }

    @Override
    public KeelStreamGroup<K, V> group(K name) {
        return new Group(Objects.requireNonNull(name, "name"));
    }

    @Override
    public String toString() {
        return "KeelStream[" + key + "]";
    }

    /** A consumer group of this stream. */
    private final class Group implements KeelStreamGroup<K, V> {
        private final K name;

        Group(K name) {
            this.name = name;
        }

        @Override
        public K name() {
            return name;
        }

        @Override
        public void create(StreamId after) {
            commands.xgroupCreate(key, name, XGroupCreateArgs.id(after).withMkstream());
        }

        @Override
        public boolean createIfAbsent(StreamId after) {
            try {
                create(after);
                return true;
            } catch (KeelException e) {
                if (e.code().equals("BUSYGROUP")) {
                    return false;
                }
                throw e;
            }
        }

        @Override
        public void setId(StreamId after) {
            commands.xgroupSetid(key, name, XGroupSetidArgs.id(after));
        }

        @Override
        public boolean destroy() {
            return commands.xgroupDestroy(key, name);
        }

        @Override
        public PendingSummary<K> pending() {
            return commands.xpending(key, name);
        }

        @Override
        public List<PendingEntry<K>> pending(StreamRange range, long count) {
            return commands.xpending(key, name, XPendingArgs.range(range, count));
        }

        @Override
        public List<StreamConsumerInfo<K>> consumers() {
            return commands.xinfoConsumers(key, name);
        }

        @Override
        public KeelStreamConsumer<K, V> consumer(K consumer) {
            return new Consumer(name, Objects.requireNonNull(consumer, "consumer"));
        }

        @Override
        public String toString() {
            return "KeelStreamGroup[" + key + " " + name + "]";
        }
    }

    /** A consumer of a group of this stream. */
    private final class Consumer implements KeelStreamConsumer<K, V> {
        private final K group;
        private final K name;

        Consumer(K group, K name) {
            this.group = group;
            this.name = name;
        }

        @Override
        public K name() {
            return name;
        }

        @Override
        public List<StreamEntry<K, V>> read(int count, Duration timeout) throws InterruptedException {
            XReadGroupArgs args = timeout.isPositive() ? XReadGroupArgs.count(count).withBlock(timeout) : XReadGroupArgs.count(count);
            return entriesOf(commands.xreadgroup(group, name, args, List.of(StreamOffset.undelivered(key))));
        }

        @Override
        public List<StreamEntry<K, V>> readPending(StreamId after, int count) {
            try {
                return entriesOf(commands.xreadgroup(group, name, XReadGroupArgs.count(count), List.of(StreamOffset.after(key, after))));
            } catch (InterruptedException e) {
                // A history read never waits; an executor that reports an interrupt anyway gets it back as a flag.
                Thread.currentThread().interrupt();
                throw new KeelInterruptedException();
            }
        }

        @Override
        public long ack(StreamId... ids) {
            return commands.xack(key, group, ids);
        }

        @Override
        public List<PendingEntry<K>> pending(StreamRange range, long count) {
            return commands.xpending(key, group, XPendingArgs.range(range, count), name);
        }

        @Override
        public List<StreamEntry<K, V>> claim(Duration minIdleTime, StreamId... ids) {
            return commands.xclaim(key, group, name, minIdleTime, ids);
        }

        @Override
        public AutoClaimed<StreamEntry<K, V>> autoClaim(Duration minIdleTime, StreamId start, long count) {
            return commands.xautoclaim(key, group, name, minIdleTime, start, count);
        }

        @Override
        public boolean create() {
            return commands.xgroupCreateconsumer(key, group, name);
        }

        @Override
        public long delete() {
            return commands.xgroupDelconsumer(key, group, name);
        }

        @Override
        public String toString() {
            return "KeelStreamConsumer[" + key + " " + group + " " + name + "]";
        }
    }
}
