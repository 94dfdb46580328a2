package dev.keel.benchmarks;

import dev.keel.StreamEntry;
import dev.keel.StreamId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The on-heap baseline for streams: per key, a {@code ConcurrentSkipListMap<Long, Map<String,
 * String>>} of the entries keyed by a generated monotonic ID, and per consumer group a
 * last-delivered cursor beside a {@code ConcurrentHashMap} of the pending entries; the streams in
 * a {@code ConcurrentHashMap} of the keys.
 *
 * <pre>
 * IDs
 *   An ID is one long, milliseconds << 22 | sequence, shown as the StreamId (ms, sequence): XADD
 *   takes max(last + 1, now << 22), Redis's "*" (the clock's millisecond, or the next sequence of
 *   the last one). Only IDs the peer gave out, and 0-0, are accepted back.
 * Concurrency
 *   XADD takes the stream's append lock to choose the ID and put the entry, so entries appear in
 *   the map in ID order: a reader that sees an entry sees every lower one. That is what lets a
 *   group's cursor move past an ID without skipping one a slower writer has yet to put.
 *   XREADGROUP moves the group's cursor by compare-and-set from the ID it read to the next entry's
 *   ID, so two consumers never both take one entry, then records the delivery in the pending map
 *   (merge: a re-delivery after XGROUP SETID counts up). XACK removes it. XRANGE reads without a
 *   lock. XTRIM takes the append lock to keep the length in step with the map.
 * Trimming
 *   XADD MAXLEN ~ n trims under the append lock, as the XADD that overflows: once the stream
 *   holds more than n + 100 entries, it polls the oldest down to n (Redis drops whole radix tree
 *   nodes of up to 100 entries, keeping at least n).
 * Copies
 *   XADD stores a copy of the fields in a LinkedHashMap (a caller may reuse its map; entries keep
 *   their fields' order, as Redis's do); reads hand out StreamEntry records wrapping the stored
 *   map read-only.
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class SkipListStreamPeer implements StreamPeer {
    private static final int SEQUENCE_BITS = 22;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;
    /** How far MAXLEN ~ lets the stream grow past its cap before trimming: Redis's 100 entries a node. */
    private static final long APPROXIMATE_SLACK = 100;

    private final ConcurrentHashMap<String, Log> streams = new ConcurrentHashMap<>();

    /** What the pending map holds for an entry delivered and not yet acknowledged. */
    record Delivery(String consumer, long deliveredMillis, int deliveries) {
    }

    /** One consumer group: the last ID delivered and the pending entries. */
    private static final class Group {
        final AtomicLong lastDelivered;
        final ConcurrentHashMap<Long, Delivery> pending = new ConcurrentHashMap<>();

        Group(long start) {
            lastDelivered = new AtomicLong(start);
        }
    }

    /** One stream: the entries in ID order and the groups reading it. */
    private static final class Log {
        final ConcurrentSkipListMap<Long, Map<String, String>> entries = new ConcurrentSkipListMap<>();
        final ConcurrentHashMap<String, Group> groups = new ConcurrentHashMap<>();
        final ReentrantLock appendLock = new ReentrantLock();
        final AtomicLong length = new AtomicLong();
        /** The last ID given out; guarded by appendLock. */
        long lastId;

        /**
         * Adds the entry and returns its ID; then trims the stream to {@code maxLength} if it is
         * more than {@code slack} over it ({@code Long.MAX_VALUE}: never).
         */
        long append(Map<String, String> fields, long maxLength, long slack) {
            Map<String, String> copy = LinkedHashMap.newLinkedHashMap(fields.size());
            copy.putAll(fields);
            appendLock.lock();
            try {
                long id = Math.max(lastId + 1, System.currentTimeMillis() << SEQUENCE_BITS);
                entries.put(id, copy);
                lastId = id;
                if (length.incrementAndGet() > maxLength + slack) {
                    trimLocked(maxLength);
                }
                return id;
            } finally {
                appendLock.unlock();
            }
        }

        long trim(long maxLength) {
            appendLock.lock();
            try {
                return trimLocked(maxLength);
            } finally {
                appendLock.unlock();
            }
        }

        private long trimLocked(long maxLength) {
            long removed = 0;
            while (length.get() > maxLength && entries.pollFirstEntry() != null) {
                length.decrementAndGet();
                removed++;
            }
            return removed;
        }

        List<StreamEntry<String, String>> read(Group group, String consumer, int count) {
            List<StreamEntry<String, String>> read = new ArrayList<>(Math.min(count, 16));
            while (read.size() < count) {
                long after = group.lastDelivered.get();
                Map.Entry<Long, Map<String, String>> next = entries.higherEntry(after);
                if (next == null) {
                    break;
                }
                long id = next.getKey();
                if (!group.lastDelivered.compareAndSet(after, id)) {
                    continue;
                }
                long now = System.currentTimeMillis();
                group.pending.merge(id, new Delivery(consumer, now, 1),
                        (old, fresh) -> new Delivery(consumer, now, old.deliveries() + 1));
                read.add(new StreamEntry<>(streamId(id), next.getValue()));
            }
            return read;
        }
    }

    private static StreamId streamId(long id) {
        return new StreamId(id >>> SEQUENCE_BITS, id & SEQUENCE_MASK);
    }

    private static long id(StreamId id) {
        if (id.ms() < 0 || id.ms() >= 1L << (63 - SEQUENCE_BITS) || id.seq() < 0 || id.seq() > SEQUENCE_MASK) {
            throw new IllegalArgumentException("not an ID this peer gave out: " + id);
        }
        return id.ms() << SEQUENCE_BITS | id.seq();
    }

    private Log existing(String key) {
        Log log = streams.get(key);
        if (log == null) {
            throw new IllegalStateException("no stream '" + key + "'");
        }
        return log;
    }

    private Group group(String key, String group) {
        Group found = existing(key).groups.get(group);
        if (found == null) {
            throw new IllegalStateException("NOGROUP no group '" + group + "' on stream '" + key + "'");
        }
        return found;
    }

    private Log log(String key) {
        Log log = streams.get(key);
        return log != null ? log : streams.computeIfAbsent(key, k -> new Log());
    }

    @Override
    public StreamId xadd(String key, Map<String, String> fields) {
        return streamId(log(key).append(fields, Long.MAX_VALUE, 0));
    }

    @Override
    public StreamId xaddCapped(String key, long maxLength, Map<String, String> fields) {
        return streamId(log(key).append(fields, maxLength, APPROXIMATE_SLACK));
    }

    @Override
    public List<StreamEntry<String, String>> xrange(String key, StreamId start, int count) {
        Log log = streams.get(key);
        if (log == null) {
            return List.of();
        }
        List<StreamEntry<String, String>> page = new ArrayList<>(Math.min(count, 128));
        for (Map.Entry<Long, Map<String, String>> entry : log.entries.tailMap(id(start), true).entrySet()) {
            if (page.size() == count) {
                break;
            }
            page.add(new StreamEntry<>(streamId(entry.getKey()), entry.getValue()));
        }
        return page;
    }

    @Override
    public void xgroupCreate(String key, String group, StreamId start) {
        if (existing(key).groups.putIfAbsent(group, new Group(id(start))) != null) {
            throw new IllegalStateException("BUSYGROUP Consumer Group name already exists");
        }
    }

    @Override
    public void xgroupSetid(String key, String group, StreamId start) {
        group(key, group).lastDelivered.set(id(start));
    }

    @Override
    public List<StreamEntry<String, String>> xreadgroup(String key, String group, String consumer, int count) {
        return existing(key).read(group(key, group), consumer, count);
    }

    @Override
    public long xack(String key, String group, StreamId id) {
        Log log = streams.get(key);
        Group found = log == null ? null : log.groups.get(group);
        return found != null && found.pending.remove(id(id)) != null ? 1 : 0;
    }

    @Override
    public long xpendingCount(String key, String group) {
        return group(key, group).pending.size();
    }

    @Override
    public long xlen(String key) {
        Log log = streams.get(key);
        return log == null ? 0 : log.length.get();
    }

    @Override
    public long xtrim(String key, long maxLength) {
        Log log = streams.get(key);
        return log == null ? 0 : log.trim(maxLength);
    }

    @Override
    public void close() {
        streams.clear();
    }
}
