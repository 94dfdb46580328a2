package dev.keel.engine.notify;

/**
 * Redis's {@code notify-keyspace-events} setting: which kinds of keyspace notifications are sent,
 * as a set of bits, read from and written as Redis writes it (Redis 7.0's letters).
 *
 * <pre>
 * Letters
 *   K  keyspace events, on __keyspace@0__:&lt;key&gt;, the event name as the message
 *   E  keyevent events, on __keyevent@0__:&lt;event&gt;, the key as the message
 *   g  generic commands (DEL, EXPIRE, RENAME, ...)   $  strings    l  lists     s  sets
 *   h  hashes    z  sorted sets    t  streams    x  expired keys    e  evicted keys
 *   d  module key types (Keel has none: accepted, never sent)
 *   m  key misses (accepted; Keel does not send them yet)
 *   n  new keys (not part of A)
 *   A  alias for g$lshzxetd
 *
 * At least K or E must be set, with a class, for any event to be sent.
 *
 * Written form (CONFIG GET)
 *   As Redis 7.0 writes it: A if every class of A is set, else the class letters in the order
 *   g$lshzxetdn; then K, E and m. As in Redis 7.0, n is written only when A is not: "KEAn" reads
 *   back as "AKE" (with n still set).
 * </pre>
 *
 * <p><b>Thread safety:</b> stateless, safe for concurrent use.
 */
public final class NotifyFlags {
    /** K: keyspace events, published to {@code __keyspace@0__:<key>}. */
    public static final int KEYSPACE = 1;
    /** E: keyevent events, published to {@code __keyevent@0__:<event>}. */
    public static final int KEYEVENT = 1 << 1;
    /** g: generic commands. */
    public static final int GENERIC = 1 << 2;
    /** $: string commands. */
    public static final int STRING = 1 << 3;
    /** l: list commands. */
    public static final int LIST = 1 << 4;
    /** s: set commands. */
    public static final int SET = 1 << 5;
    /** h: hash commands. */
    public static final int HASH = 1 << 6;
    /** z: sorted set commands. */
    public static final int ZSET = 1 << 7;
    /** x: keys removed because their time to live passed. */
    public static final int EXPIRED = 1 << 8;
    /** e: keys evicted to stay under the memory limit. */
    public static final int EVICTED = 1 << 9;
    /** t: stream commands. */
    public static final int STREAM = 1 << 10;
    /** m: key misses (accepted; not sent by Keel). */
    public static final int KEY_MISS = 1 << 11;
    /** d: module key types (Keel has none). */
    public static final int MODULE = 1 << 12;
    /** n: new keys; not part of A. */
    public static final int NEW = 1 << 13;
    /** A: every class but m and n. */
    public static final int ALL = GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;

    /** The class letters in the order Redis writes them, with their bits. */
    private static final String CLASS_LETTERS = "g$lshzxetdn";
    private static final int[] CLASS_BITS = {GENERIC, STRING, LIST, SET, HASH, ZSET, EXPIRED, EVICTED, STREAM, MODULE, NEW};

    private NotifyFlags() {
    }

    /**
     * Returns the bits of {@code letters}, or -1 if a character is none of Redis's letters
     * ({@code Ag$lshzxeKEtmdn}). The empty string is 0: notifications off.
     */
    public static int parse(String letters) {
        int flags = 0;
        for (int i = 0; i < letters.length(); i++) {
            int bit = bit(letters.charAt(i));
            if (bit < 0) {
                return -1;
            }
            flags |= bit;
        }
        return flags;
    }

    private static int bit(char letter) {
        return switch (letter) {
            case 'A' -> ALL;
            case 'K' -> KEYSPACE;
            case 'E' -> KEYEVENT;
            case 'm' -> KEY_MISS;
            default -> {
                int at = CLASS_LETTERS.indexOf(letter);
                yield at < 0 ? -1 : CLASS_BITS[at];
            }
        };
    }

    /** Returns {@code flags} written as Redis 7.0's CONFIG GET writes them (see the class comment). */
    public static String format(int flags) {
        StringBuilder text = new StringBuilder();
        if ((flags & ALL) == ALL) {
            text.append('A');
        } else {
            for (int i = 0; i < CLASS_BITS.length; i++) {
                if ((flags & CLASS_BITS[i]) != 0) {
                    text.append(CLASS_LETTERS.charAt(i));
                }
            }
        }
        if ((flags & KEYSPACE) != 0) {
            text.append('K');
        }
        if ((flags & KEYEVENT) != 0) {
            text.append('E');
        }
        if ((flags & KEY_MISS) != 0) {
            text.append('m');
        }
        return text.toString();
    }

    /** Returns whether {@code flags} can send anything: K or E, and a class. */
    public static boolean sendsAny(int flags) {
        return (flags & (KEYSPACE | KEYEVENT)) != 0 && (flags & ~(KEYSPACE | KEYEVENT)) != 0;
    }
}
