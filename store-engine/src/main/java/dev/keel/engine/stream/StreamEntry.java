package dev.keel.engine.stream;

/**
 * One entry read from a stream.
 *
 * @param id its ID
 * @param fieldsAndValues field, value, field, value, ... in the order they were added
 */
public record StreamEntry(EntryId id, byte[][] fieldsAndValues) {
}
