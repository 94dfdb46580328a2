package dev.keel;

/**
 * One pending entry, as the extended {@code XPENDING} answers: delivered to a consumer of the
 * group and not yet acknowledged.
 *
 * @param id the entry's ID
 * @param consumer the consumer it was last delivered to
 * @param idleMillis milliseconds since it was last delivered
 * @param deliveryCount how many times it was delivered
 * @param <K> the consumer name type
 */
public record PendingEntry<K>(StreamId id, K consumer, long idleMillis, long deliveryCount) {
}
