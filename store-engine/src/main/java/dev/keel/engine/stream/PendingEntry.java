package dev.keel.engine.stream;

/**
 * One entry of a group's pending entries list: delivered, not yet acknowledged.
 *
 * @param id the entry's ID
 * @param consumer the name of the consumer that owns it
 * @param deliveryTime when it was last delivered, in epoch milliseconds
 * @param deliveryCount how many times it was delivered
 */
public record PendingEntry(EntryId id, byte[] consumer, long deliveryTime, long deliveryCount) {
}
