package dev.keel;

import java.util.Collections;
import java.util.Map;

/**
 * A consumer group's pending entries in summary, as {@code XPENDING key group} answers: how many
 * entries were delivered and not yet acknowledged, the lowest and highest of their IDs, and how
 * many each consumer holds.
 *
 * @param count how many entries are pending
 * @param lowest the lowest pending ID, or {@code null} if none is pending
 * @param highest the highest pending ID, or {@code null} if none is pending
 * @param consumers each consumer holding pending entries with how many it holds, in Redis's order
 *     (a {@link java.util.LinkedHashMap}, not to be modified); empty if none is pending
 * @param <K> the consumer name type
 */
public record PendingSummary<K>(long count, StreamId lowest, StreamId highest, Map<K, Long> consumers) {

    public PendingSummary {
        consumers = Collections.unmodifiableMap(consumers);
    }
}
