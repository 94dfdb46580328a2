package dev.keel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The options of {@code XREAD}: {@code COUNT} (at most so many entries per stream) and
 * {@code BLOCK} (wait up to so long for an entry when there is none to answer; {@link
 * Duration#ZERO} waits forever). The streams are given as {@link StreamOffset}s.
 *
 * <p>{@code XReadArgs.count(10).withBlock(Duration.ofSeconds(5))} is
 * {@code XREAD COUNT 10 BLOCK 5000 STREAMS ...}. Redis takes {@code BLOCK} in whole
 * milliseconds: a positive timeout under a millisecond waits one, not forever.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
public final class XReadArgs {
    private static final XReadArgs NONE = new XReadArgs(null, null);

    private final Long count;
    private final Duration block;

    private XReadArgs(Long count, Duration block) {
        this.count = count;
        this.block = block;
    }

    /** No options: every entry after each position, without waiting. */
    public static XReadArgs none() {
        return NONE;
    }

    /** {@code COUNT count}: at most {@code count} entries per stream. */
    public static XReadArgs count(long count) {
        return NONE.withCount(count);
    }

    /** {@code BLOCK milliseconds}: wait up to {@code timeout} ({@link Duration#ZERO}: forever) for an entry. */
    public static XReadArgs block(Duration timeout) {
        return NONE.withBlock(timeout);
    }

    /** Returns these options with {@code COUNT count}. */
    public XReadArgs withCount(long count) {
        return new XReadArgs(count, block);
    }

    /**
     * Returns these options with {@code BLOCK milliseconds}.
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public XReadArgs withBlock(Duration timeout) {
        blockMillis(timeout);
        return new XReadArgs(count, timeout);
    }

    /** Returns whether these options wait ({@code BLOCK}). */
    public boolean blocks() {
        return block != null;
    }

    /** Returns the tokens in command-line order (before {@code STREAMS}): {@code COUNT}, {@code BLOCK}. */
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>(4);
        addCountAndBlock(tokens, count, block);
        return List.copyOf(tokens);
    }

    @Override
    public String toString() {
        return String.join(" ", tokens());
    }

    static void addCountAndBlock(List<String> tokens, Long count, Duration block) {
        if (count != null) {
            tokens.add("COUNT");
            tokens.add(Long.toString(count));
        }
        if (block != null) {
            tokens.add("BLOCK");
            tokens.add(Long.toString(blockMillis(block)));
        }
    }

    /** A timeout in Redis's whole milliseconds, rounded up so that a positive one never means forever. */
    static long blockMillis(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        try {
            long millis = timeout.toMillis();
            return timeout.equals(Duration.ofMillis(millis)) ? millis : Math.addExact(millis, 1);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
