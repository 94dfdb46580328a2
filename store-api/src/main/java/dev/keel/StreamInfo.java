package dev.keel;

/**
 * A stream's state, as {@code XINFO STREAM key} answers (Redis 7.0's fields). For the entries
 * and the groups in detail, see {@link StreamFullInfo}.
 *
 * @param length how many entries the stream holds (XLEN)
 * @param radixTreeKeys the number of keys in Redis's radix tree of entry blocks; Keel answers
 *     the number of its entry blocks
 * @param radixTreeNodes the number of nodes in that tree; Keel answers its own index's count
 * @param lastGeneratedId the greatest ID ever added, even if deleted since
 * @param maxDeletedEntryId the greatest ID ever deleted ({@code 0-0} if none)
 * @param entriesAdded how many entries were ever added
 * @param recordedFirstEntryId the first entry's ID ({@code 0-0} when empty)
 * @param groups how many consumer groups the stream has
 * @param firstEntry the first entry, or {@code null} if the stream is empty
 * @param lastEntry the last entry, or {@code null} if the stream is empty
 * @param <K> the field type
 * @param <V> the value type
 */
public record StreamInfo<K, V>(
        long length,
        long radixTreeKeys,
        long radixTreeNodes,
        StreamId lastGeneratedId,
        StreamId maxDeletedEntryId,
        long entriesAdded,
        StreamId recordedFirstEntryId,
        long groups,
        StreamEntry<K, V> firstEntry,
        StreamEntry<K, V> lastEntry) {
}
