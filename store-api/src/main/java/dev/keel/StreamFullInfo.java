package dev.keel;

import java.util.List;

/**
 * A stream in detail, as {@code XINFO STREAM key FULL [COUNT count]} answers: its counters, its
 * entries and its groups with their pending entries and consumers. {@code COUNT} (10 unless said,
 * 0 for all) bounds the entries and each pending list reported.
 *
 * @param length how many entries the stream holds
 * @param radixTreeKeys as in {@link StreamInfo}
 * @param radixTreeNodes as in {@link StreamInfo}
 * @param lastGeneratedId the greatest ID ever added
 * @param maxDeletedEntryId the greatest ID ever deleted ({@code 0-0} if none)
 * @param entriesAdded how many entries were ever added
 * @param recordedFirstEntryId the first entry's ID ({@code 0-0} when empty)
 * @param entries the first entries, lowest ID first
 * @param groups the consumer groups
 * @param <K> the field and name type
 * @param <V> the value type
 */
public record StreamFullInfo<K, V>(
        long length,
        long radixTreeKeys,
        long radixTreeNodes,
        StreamId lastGeneratedId,
        StreamId maxDeletedEntryId,
        long entriesAdded,
        StreamId recordedFirstEntryId,
        List<StreamEntry<K, V>> entries,
        List<Group<K>> groups) {

    public StreamFullInfo {
        entries = List.copyOf(entries);
        groups = List.copyOf(groups);
    }

    /**
     * One consumer group in detail.
     *
     * @param name the group's name
     * @param lastDeliveredId the ID of the last entry delivered to its consumers
     * @param entriesRead how many entries it has read, or {@code null} where Redis does not know
     * @param lag how many entries are still to be delivered to it, or {@code null} where Redis
     *     cannot tell
     * @param pelCount how many entries are pending in the group
     * @param pending the first pending entries, lowest ID first
     * @param consumers its consumers
     * @param <K> the name type
     */
    public record Group<K>(
            K name, StreamId lastDeliveredId, Long entriesRead, Long lag, long pelCount,
            List<GroupPending<K>> pending, List<Consumer<K>> consumers) {

        public Group {
            pending = List.copyOf(pending);
            consumers = List.copyOf(consumers);
        }
    }

    /**
     * A pending entry of a group.
     *
     * @param id the entry's ID
     * @param consumer the consumer it was last delivered to
     * @param deliveryTimeMillis when it was last delivered, unix milliseconds
     * @param deliveryCount how many times it was delivered
     * @param <K> the name type
     */
    public record GroupPending<K>(StreamId id, K consumer, long deliveryTimeMillis, long deliveryCount) {
    }

    /**
     * A consumer of a group in detail.
     *
     * @param name the consumer's name
     * @param seenTimeMillis when it last attempted an interaction, unix milliseconds (before Redis
     *     7.2: its last successful one)
     * @param activeTimeMillis when it last read or claimed entries, unix milliseconds (-1 if
     *     never), Redis 7.2; {@code null} from an older server
     * @param pelCount how many entries it holds pending
     * @param pending its first pending entries, lowest ID first
     * @param <K> the name type
     */
    public record Consumer<K>(K name, long seenTimeMillis, Long activeTimeMillis, long pelCount, List<ConsumerPending> pending) {

        public Consumer {
            pending = List.copyOf(pending);
        }
    }

    /**
     * A pending entry of a consumer.
     *
     * @param id the entry's ID
     * @param deliveryTimeMillis when it was last delivered, unix milliseconds
     * @param deliveryCount how many times it was delivered
     */
    public record ConsumerPending(StreamId id, long deliveryTimeMillis, long deliveryCount) {
    }
}
