package dev.keel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code XREADGROUP}, after {@code GROUP group consumer}: {@code COUNT} (at most
 * so many entries per stream), {@code BLOCK} (wait up to so long for an undelivered entry;
 * {@link Duration#ZERO} waits forever) and {@code NOACK} (deliver without adding the entries to
 * the pending list, as if acknowledged at once). The streams are given as {@link StreamOffset}s.
 *
 * <p>{@code XReadGroupArgs.count(10).withBlock(Duration.ofSeconds(5)).withNoack()} is
 * {@code XREADGROUP GROUP g c COUNT 10 BLOCK 5000 NOACK STREAMS ...}. A read of the consumer's
 * own history (an ID instead of {@code >}) never waits. Redis takes {@code BLOCK} in whole
 * milliseconds: a positive timeout under a millisecond waits one, not forever.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
public final class XReadGroupArgs {
    private static final XReadGroupArgs NONE = new XReadGroupArgs(null, null, false);

    private final Long count;
    private final Duration block;
    private final boolean noack;

    private XReadGroupArgs(Long count, Duration block, boolean noack) {
        this.count = count;
        this.block = block;
        this.noack = noack;
    }

    /** No options: every entry after each position, without waiting. */
    public static XReadGroupArgs none() {
        return NONE;
    }

    /** {@code COUNT count}: at most {@code count} entries per stream. */
    public static XReadGroupArgs count(long count) {
        return NONE.withCount(count);
    }

    /** {@code BLOCK milliseconds}: wait up to {@code timeout} ({@link Duration#ZERO}: forever) for an entry. */
    public static XReadGroupArgs block(Duration timeout) {
        return NONE.withBlock(timeout);
    }

    /** {@code NOACK}: the entries delivered are not added to the pending list. */
    public static XReadGroupArgs noack() {
        return NONE.withNoack();
    }

    /** Returns these options with {@code COUNT count}. */
    public XReadGroupArgs withCount(long count) {
        return new XReadGroupArgs(count, block, noack);
    }

    /**
     * Returns these options with {@code BLOCK milliseconds}.
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public XReadGroupArgs withBlock(Duration timeout) {
        XReadArgs.blockMillis(timeout);
        return new XReadGroupArgs(count, timeout, noack);
    }

    /** Returns these options with {@code NOACK}. */
    public XReadGroupArgs withNoack() {
        return new XReadGroupArgs(count, block, true);
    }

    /** Returns whether these options wait ({@code BLOCK}). */
    public boolean blocks() {
        return block != null;
    }

    /** Returns the tokens in command-line order (before {@code STREAMS}): {@code COUNT}, {@code BLOCK}, {@code NOACK}. */
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>(5);
        XReadArgs.addCountAndBlock(tokens, count, block);
        if (noack) {
            tokens.add("NOACK");
        }
        return List.copyOf(tokens);
    }

    @Override
    public String toString() {
        return String.join(" ", tokens());
    }
}
