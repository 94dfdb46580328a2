package dev.keel;

/**
 * One consumer group, as {@code XINFO GROUPS key} answers.
 *
 * @param name the group's name
 * @param consumers how many consumers it has
 * @param pending how many entries were delivered to it and not yet acknowledged
 * @param lastDeliveredId the ID of the last entry delivered to its consumers
 * @param entriesRead how many entries of the stream the group has read (Redis 7.0), or
 *     {@code null} where Redis does not know
 * @param lag how many entries of the stream are still to be delivered to the group (Redis 7.0),
 *     or {@code null} where Redis cannot tell (after deletions inside the unread part)
 * @param <K> the name type
 */
public record StreamGroupInfo<K>(K name, long consumers, long pending, StreamId lastDeliveredId, Long entriesRead, Long lag) {
}
