package dev.keel.engine.keyspace;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The 32-bit access clock of a key's entry (EntryDescriptor.CLOCK_OFFSET), read by eviction.
 *
 * <pre>
 * Recency (LRU policies and no policy)
 *   the Unix second of the last access, truncated to 32 bits.
 *
 * Frequency (LFU policies), as Redis's LFU
 *   31                               8 7          0
 *   +---------------------------------+------------+
 *   | minute of the last decrement    | counter    |
 *   | (24 bits, wraps every 31 years) | (0 to 255) |
 *   +---------------------------------+------------+
 *   A new key starts at INITIAL (5), so it is not evicted before it had a chance to be used. An
 *   access first takes one off the counter for each whole minute since the last decrement (decay
 *   time 1), then adds one with probability 1 / ((counter - INITIAL) * LOG_FACTOR + 1): about
 *   a hundred accesses reach 10, a million reach 255 (log factor 10).
 * </pre>
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use.
 */
public final class AccessClock {
    /** The counter of a new key. */
    public static final int INITIAL = 5;
    /** How slowly the counter grows (Redis's {@code lfu-log-factor}). */
    public static final int LOG_FACTOR = 10;
    private static final int MINUTE_MASK = 0xFF_FFFF;

    private AccessClock() {
    }

    /** Returns the recency clock of an access at {@code now} (epoch ms). */
    static int recency(long now) {
        return (int) (now / 1000);
    }

    /** Returns the seconds from the recency clock {@code clock} to {@code now}. */
    static long idleSeconds(int clock, long now) {
        long last = clock & 0xFFFF_FFFFL;
        return Math.max(0, (now / 1000 & 0xFFFF_FFFFL) - last);
    }

    /** Returns the frequency clock of a key created at {@code now}. */
    static int newFrequency(long now) {
        return minute(now) << 8 | INITIAL;
    }

    /** Returns the counter of {@code clock} less one for each minute from its last decrement to {@code now}. */
    static int decayed(int clock, long now) {
        int elapsed = (minute(now) - (clock >>> 8)) & MINUTE_MASK;
        int counter = clock & 0xFF;
        return elapsed >= counter ? 0 : counter - elapsed;
    }

    /** Returns the frequency clock after an access at {@code now}. */
    static int accessed(int clock, long now) {
        int counter = decayed(clock, now);
        if (counter < 255) {
            int base = Math.max(0, counter - INITIAL);
            if (ThreadLocalRandom.current().nextDouble() < 1.0 / (base * LOG_FACTOR + 1)) {
                counter++;
            }
        }
        return minute(now) << 8 | counter;
    }

    private static int minute(long now) {
        return (int) (now / 60_000) & MINUTE_MASK;
    }
}
