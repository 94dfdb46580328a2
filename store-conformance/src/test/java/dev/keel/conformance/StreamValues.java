package dev.keel.conformance;

import dev.keel.StreamEntry;
import dev.keel.StreamId;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shorthands for the stream tests' IDs, fields and entries. */
final class StreamValues {
    /** {@code 0-0}. */
    static final StreamId ZERO = new StreamId(0, 0);

    private StreamValues() {
    }

    /** The ID {@code text}, such as {@code 1-1}. */
    static StreamId id(String text) {
        return StreamId.parse(text);
    }

    /** Fields and values in the order given. */
    static Map<String, String> fields(String... fieldsAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            fields.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return fields;
    }

    /** An entry with these fields and values, in order. */
    static StreamEntry<String, String> entry(StreamId id, String... fieldsAndValues) {
        return new StreamEntry<>(id, fields(fieldsAndValues));
    }

    /** An entry with these fields and values, in order. */
    static StreamEntry<String, String> entry(String id, String... fieldsAndValues) {
        return entry(id(id), fieldsAndValues);
    }
}
