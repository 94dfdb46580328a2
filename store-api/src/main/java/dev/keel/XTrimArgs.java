package dev.keel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to trim a stream, as {@code XTRIM} and {@code XADD} take it, named after Redis's keywords:
 * {@code MAXLEN} (keep at most so many entries) or {@code MINID} (drop the entries with a lower
 * ID), exactly ({@code =}) or approximately ({@code ~}: Redis may keep more, stopping where a
 * whole block of entries can go, which is cheaper), and with {@code ~} a {@code LIMIT} on how many
 * entries one call may remove.
 *
 * <p>{@code XTrimArgs.maxlen(1000).withApproximate()} is {@code MAXLEN ~ 1000}. Without
 * {@code withExact()} or {@code withApproximate()} no operator is sent, which Redis reads as
 * {@code =}. {@code LIMIT} without {@code ~} is sent as it is, and refused by the store with
 * Redis's own error, as Redis would.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
public final class XTrimArgs {
    private final String strategy;
    private final String threshold;
    private final String operator;
    private final Long limit;

    private XTrimArgs(String strategy, String threshold, String operator, Long limit) {
        this.strategy = strategy;
        this.threshold = threshold;
        this.operator = operator;
        this.limit = limit;
    }

    /** {@code MAXLEN maxLength}: keep the newest {@code maxLength} entries. */
    public static XTrimArgs maxlen(long maxLength) {
        return new XTrimArgs("MAXLEN", Long.toString(maxLength), null, null);
    }

    /** {@code MINID minId}: drop the entries with an ID lower than {@code minId}. */
    public static XTrimArgs minid(StreamId minId) {
        return new XTrimArgs("MINID", Objects.requireNonNull(minId, "minId").toString(), null, null);
    }

    /** Returns these options with {@code =}: trim exactly. */
    public XTrimArgs withExact() {
        return new XTrimArgs(strategy, threshold, "=", limit);
    }

    /** Returns these options with {@code ~}: trim whole blocks only, possibly keeping more entries. */
    public XTrimArgs withApproximate() {
        return new XTrimArgs(strategy, threshold, "~", limit);
    }

    /** Returns these options with {@code LIMIT count}: remove at most {@code count} entries (0: no limit); needs {@code ~}. */
    public XTrimArgs withLimit(long count) {
        return new XTrimArgs(strategy, threshold, operator, count);
    }

    /** Returns the tokens in command-line order: strategy, operator, threshold, {@code LIMIT count}. */
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>(5);
        tokens.add(strategy);
        if (operator != null) {
            tokens.add(operator);
        }
        tokens.add(threshold);
        if (limit != null) {
            tokens.add("LIMIT");
            tokens.add(Long.toString(limit));
        }
        return List.copyOf(tokens);
    }

    @Override
    public String toString() {
        return String.join(" ", tokens());
    }
}
