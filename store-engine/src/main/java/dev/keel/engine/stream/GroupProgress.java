package dev.keel.engine.stream;

/**
 * How far a consumer group has read a stream: its entries-read counter, kept as entries are
 * delivered, and the lag XINFO reports, as Redis 7.0 computes them
 * (https://redis.io/docs/latest/commands/xinfo-groups/).
 *
 * <pre>
 * Counters
 *   A stream counts the entries ever added; a group counts the entries it has read, or -1 when
 *   that is unknown (a group created or moved by ID without ENTRIESREAD). The counter of an ID
 *   is the number of entries added up to it. It can be known without reading when nothing was
 *   deleted between the stream's first entry and the ID (every entry before the first was
 *   trimmed, and trimming does not move the largest deleted ID), or when the ID is the last one:
 *   that is the estimate.
 *
 * Lag
 *   The entries added after the group's last delivered ID: entries added minus entries read when
 *   the counter is valid and no deletion lies at or after the last delivered ID, else from the
 *   estimate of that ID, else unknown (nil).
 * </pre>
 *
 * <p><b>Thread safety:</b> stateless; its methods run under the key's stripe lock.
 */
final class GroupProgress {
    /** The entries-read counter of a group that does not know it. */
    static final long UNKNOWN = -1;

    private GroupProgress() {
    }

    /** Returns whether the stream may have deleted entries from {@code start} on. */
    static boolean deletedFrom(Stream stream, EntryId start) {
        EntryId maxDeleted = stream.maxDeletedId();
        if (stream.length() == 0 || maxDeleted.equals(EntryId.MIN)) {
            return false;
        }
        if (stream.recordedFirstId().compareTo(maxDeleted) > 0) {
            return false;
        }
        return start.compareTo(maxDeleted) <= 0;
    }

    /** Returns the counter of {@code id}, the number of entries added up to it, or {@link #UNKNOWN}. */
    static long estimate(Stream stream, EntryId id) {
        long added = stream.entriesAdded();
        if (added == 0) {
            return 0;
        }
        int toLast = id.compareTo(stream.lastId());
        if (stream.length() == 0 && toLast <= 0 || toLast == 0) {
            return added;
        }
        if (toLast > 0) {
            return UNKNOWN;
        }
        EntryId first = stream.recordedFirstId();
        EntryId maxDeleted = stream.maxDeletedId();
        if (maxDeleted.equals(EntryId.MIN) || maxDeleted.compareTo(first) < 0) {
            int toFirst = id.compareTo(first);
            if (toFirst < 0) {
                return added - stream.length();
            }
            if (toFirst == 0) {
                return added - stream.length() + 1;
            }
        }
        return UNKNOWN;
    }

    /** Moves {@code group} past the entry {@code id} it delivers now, counting it. */
    static void delivered(Stream stream, StreamGroup group, EntryId id) {
        if (id.compareTo(group.lastDelivered()) <= 0) {
            return;
        }
        long read = group.entriesRead();
        if (read != UNKNOWN && !deletedFrom(stream, id)) {
            group.setEntriesRead(read + 1);
        } else if (stream.entriesAdded() != 0) {
            group.setEntriesRead(estimate(stream, id));
        }
        group.setLastDelivered(id);
    }

    /** Returns the group's lag, or {@link Long#MIN_VALUE} if it cannot be known. */
    static long lag(Stream stream, StreamGroup group) {
        long added = stream.entriesAdded();
        if (added == 0) {
            return 0;
        }
        long read = group.entriesRead();
        if (read != UNKNOWN && !deletedFrom(stream, group.lastDelivered())) {
            return added - read;
        }
        long estimated = estimate(stream, group.lastDelivered());
        return estimated == UNKNOWN ? Long.MIN_VALUE : added - estimated;
    }
}
