package dev.keel.engine.notify;

import java.util.Arrays;

/**
 * The events of one command, in the order Redis sends them: each an {@link Event} and the key it
 * is about.
 *
 * <p><b>Thread safety:</b> not thread safe; filled by one command, then read by its publisher.
 */
final class EventList {
    private Event[] events = new Event[4];
    private byte[][] keys = new byte[4][];
    private int size;

    /** Adds {@code event} about {@code key}, which must not change afterwards. */
    void add(Event event, byte[] key) {
        if (size == events.length) {
            events = Arrays.copyOf(events, size * 2);
            keys = Arrays.copyOf(keys, size * 2);
        }
        events[size] = event;
        keys[size] = key;
        size++;
    }

    /** Adds {@code event} about {@code key} just before the first event about that key, or last if there is none. */
    void addBeforeFirstOf(Event event, byte[] key) {
        int at = 0;
        while (at < size && !Arrays.equals(keys[at], key)) {
            at++;
        }
        add(event, key);
        System.arraycopy(events, at, events, at + 1, size - 1 - at);
        System.arraycopy(keys, at, keys, at + 1, size - 1 - at);
        events[at] = event;
        keys[at] = key;
    }

    /** Keeps only the events whose class is in {@code flags}. */
    void retainClasses(int flags) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if ((events[i].type() & flags) != 0) {
                events[kept] = events[i];
                keys[kept] = keys[i];
                kept++;
            }
        }
        Arrays.fill(events, kept, size, null);
        Arrays.fill(keys, kept, size, null);
        size = kept;
    }

    int size() {
        return size;
    }

    Event event(int i) {
        return events[i];
    }

    byte[] key(int i) {
        return keys[i];
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            text.append(i == 0 ? "" : ", ").append(events[i].eventName()).append(' ')
                    .append(new String(keys[i], java.nio.charset.StandardCharsets.UTF_8));
        }
        return text.append(']').toString();
    }
}
