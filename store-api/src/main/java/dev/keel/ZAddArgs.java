package dev.keel;

import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code ZADD}, named after Redis's keywords: a condition on the member's
 * existence, {@code NX} (only add new members) or {@code XX} (only update existing ones), a
 * comparison with its current score, {@code GT} (only update to a greater score) or {@code LT}
 * (to a lower one), and {@code CH} (count changed members, not only added ones). {@code INCR} is
 * not an option here but its own method, {@link Commands#zaddIncr}, since it changes the reply.
 *
 * <p>{@code ZAddArgs.gt().withCh()} is {@code ZADD key GT CH score member}. There is one slot
 * for the condition and one for the comparison: a later {@code with...} replaces the earlier
 * choice of its slot. {@code NX} with {@code GT} or {@code LT} is sent as it is, and refused by
 * the store with Redis's own error, as Redis would.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
public final class ZAddArgs {
    private static final ZAddArgs NONE = new ZAddArgs(null, null, false);

    private final String condition;
    private final String comparison;
    private final boolean ch;

    private ZAddArgs(String condition, String comparison, boolean ch) {
        this.condition = condition;
        this.comparison = comparison;
        this.ch = ch;
    }

    /** No options: add new members, update the scores of existing ones, count the added. */
    public static ZAddArgs none() {
        return NONE;
    }

    /** {@code NX}: only add new members, never update existing ones. */
    public static ZAddArgs nx() {
        return NONE.withNx();
    }

    /** {@code XX}: only update existing members, never add new ones. */
    public static ZAddArgs xx() {
        return NONE.withXx();
    }

    /** {@code GT}: update an existing member only to a greater score; new members are still added. */
    public static ZAddArgs gt() {
        return NONE.withGt();
    }

    /** {@code LT}: update an existing member only to a lower score; new members are still added. */
    public static ZAddArgs lt() {
        return NONE.withLt();
    }

    /** {@code CH}: answer how many members were added or had their score changed. */
    public static ZAddArgs ch() {
        return NONE.withCh();
    }

    /** Returns these options with {@code NX} as the condition. */
    public ZAddArgs withNx() {
        return new ZAddArgs("NX", comparison, ch);
    }

    /** Returns these options with {@code XX} as the condition. */
    public ZAddArgs withXx() {
        return new ZAddArgs("XX", comparison, ch);
    }

    /** Returns these options with {@code GT} as the comparison. */
    public ZAddArgs withGt() {
        return new ZAddArgs(condition, "GT", ch);
    }

    /** Returns these options with {@code LT} as the comparison. */
    public ZAddArgs withLt() {
        return new ZAddArgs(condition, "LT", ch);
    }

    /** Returns these options with {@code CH}. */
    public ZAddArgs withCh() {
        return new ZAddArgs(condition, comparison, true);
    }

    /** Returns the option tokens in command-line order (after the key): condition, comparison, {@code CH}. */
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>(3);
        if (condition != null) {
            tokens.add(condition);
        }
        if (comparison != null) {
            tokens.add(comparison);
        }
        if (ch) {
            tokens.add("CH");
        }
        return List.copyOf(tokens);
    }

    @Override
    public String toString() {
        return String.join(" ", tokens());
    }
}
