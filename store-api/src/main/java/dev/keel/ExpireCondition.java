package dev.keel;

/**
 * The condition options of {@code EXPIRE}, {@code PEXPIRE}, {@code EXPIREAT} and
 * {@code PEXPIREAT} (Redis 7.0), and of their hash-field forms {@code HEXPIRE},
 * {@code HPEXPIRE}, {@code HEXPIREAT} and {@code HPEXPIREAT} (Redis 7.4), where "the key" reads
 * "each field".
 */
public enum ExpireCondition {
    /** Set the expiry only when the key has none. */
    NX,
    /** Set the expiry only when the key has one. */
    XX,
    /** Set the expiry only when it is later than the current one (no expiry counts as infinite). */
    GT,
    /** Set the expiry only when it is earlier than the current one (no expiry counts as infinite). */
    LT
}
