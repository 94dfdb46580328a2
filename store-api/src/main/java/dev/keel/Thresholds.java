package dev.keel;

/**
 * When the engine switches a value from its small packed encoding to its scalable one, and back.
 * Tests force the scalable encodings with {@link #scalableAlways()}.
 *
 * @param listMaxPackedBytes the most bytes one packed block of list entries takes, its header
 *        included (Redis's {@code list-max-listpack-size -2}: 8 KiB); past it the list becomes a
 *        linked sequence of packed nodes of at most this size, and it turns back into one block
 *        only when its entries fit in half of one (hysteresis); 0 makes every list use linked
 *        nodes of one element each
 */
public record Thresholds(int listMaxPackedBytes) {

    public Thresholds {
        if (listMaxPackedBytes < 0) {
            throw new IllegalArgumentException("listMaxPackedBytes must be >= 0, was " + listMaxPackedBytes);
        }
    }

    /** Redis's defaults. */
    public static Thresholds defaults() {
        return new Thresholds(8 * 1024);
    }

    /** Thresholds at 0: every value uses its scalable encoding, whatever its size. */
    public static Thresholds scalableAlways() {
        return new Thresholds(0);
    }
}
