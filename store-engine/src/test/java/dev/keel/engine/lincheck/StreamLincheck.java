package dev.keel.engine.lincheck;

import dev.keel.Commands;
import dev.keel.KeyValue;
import dev.keel.PendingSummary;
import dev.keel.StreamEntry;
import dev.keel.StreamGroupInfo;
import dev.keel.StreamId;
import dev.keel.StreamOffset;
import dev.keel.StreamRange;
import dev.keel.XClaimArgs;
import dev.keel.XGroupCreateArgs;
import dev.keel.XReadGroupArgs;
import dev.keel.engine.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * Lincheck: XADD, XREADGROUP, XACK and the XPENDING summary on one stream with one consumer
 * group are linearizable. The store's clock ({@link LincheckStores}) stands still, so XADD's IDs
 * are predictable: the clock's millisecond and a sequence 0, 1, 2...; the operations answer with
 * that sequence.
 */
final class StreamLincheck {
    private static final long NOW = new ManualClock().millis();
    private static final String STREAM = "stream";
    private static final String GROUP = "group";

    /** The store's stream commands, as Lincheck's operations, on a group that starts empty. */
    @Param(name = "consumer", gen = IntGen.class, conf = "0:1")
    @Param(name = "sequence", gen = IntGen.class, conf = "0:2")
    public static class Streams {
        final Commands<String, String> redis = LincheckStores.open().store().commands();

        public Streams() {
            redis.xgroupCreate(STREAM, GROUP, XGroupCreateArgs.latest().withMkstream());
        }

        static String consumer(int consumer) {
            return "c" + consumer;
        }

        /** Returns the new entry's sequence. */
        @Operation
        public long xadd() {
            return redis.xadd(STREAM, Map.of("f", "v")).seq();
        }

        /** Reads one entry never delivered to the group; returns its sequence, or -1 if there was none. */
        @Operation
        public long xreadgroup(@Param(name = "consumer") int consumer) throws InterruptedException {
            List<KeyValue<String, List<StreamEntry<String, String>>>> read = redis.xreadgroup(GROUP, consumer(consumer),
                    XReadGroupArgs.count(1), List.of(StreamOffset.undelivered(STREAM)));
            if (read == null || read.isEmpty() || read.getFirst().value().isEmpty()) {
                return -1;
            }
            return read.getFirst().value().getFirst().id().seq();
        }

        @Operation
        public long xack(@Param(name = "sequence") int sequence) {
            return redis.xack(STREAM, GROUP, new StreamId(NOW, sequence));
        }

        /** Returns the summary as "count lowest..highest {consumer=count}", sequences for IDs. */
        @Operation
        public String xpending() {
            PendingSummary<String> summary = redis.xpending(STREAM, GROUP);
            return summary.count() == 0 ? "0"
                    : summary.count() + " " + summary.lowest().seq() + ".." + summary.highest().seq() + " "
                            + new TreeMap<>(summary.consumers());
        }
    }

    /**
     * XREADGROUP as a client might build it from other commands: find the group's last delivered
     * ID (XINFO GROUPS), read the entry after it (XRANGE), then take it into the consumer's
     * pending entries and move the group past it (XCLAIM FORCE LASTID).
     */
    public static class XreadgroupAsXrangeThenXclaim extends Streams {
        @Override
        @Operation
        public long xreadgroup(@Param(name = "consumer") int consumer) {
            List<StreamGroupInfo<String>> groups = redis.xinfoGroups(STREAM);
            StreamId last = groups.getFirst().lastDeliveredId();
            List<StreamEntry<String, String>> next = redis.xrange(STREAM, StreamRange.greaterThan(last), 1);
            if (next.isEmpty()) {
                return -1;
            }
            StreamId id = next.getFirst().id();
            redis.xclaim(STREAM, GROUP, consumer(consumer), Duration.ZERO, XClaimArgs.force().withLastid(id), id);
            return id.seq();
        }
    }

    /** The sequential specification: a count of entries, the group's last delivered sequence and its pending entries. */
    public static class Model {
        private long entries;
        private long lastDelivered = -1;
        /** Pending sequence to its consumer. */
        private final TreeMap<Long, String> pending = new TreeMap<>();

        public long xadd() {
            return entries++;
        }

        public long xreadgroup(int consumer) {
            if (lastDelivered + 1 >= entries) {
                return -1;
            }
            lastDelivered++;
            pending.put(lastDelivered, Streams.consumer(consumer));
            return lastDelivered;
        }

        public long xack(int sequence) {
            return pending.remove((long) sequence) == null ? 0 : 1;
        }

        public String xpending() {
            if (pending.isEmpty()) {
                return "0";
            }
            Map<String, Long> consumers = new TreeMap<>();
            pending.values().forEach(consumer -> consumers.merge(consumer, 1L, Long::sum));
            return pending.size() + " " + pending.firstKey() + ".." + pending.lastKey() + " " + consumers;
        }
    }
}
