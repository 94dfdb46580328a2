package dev.keel;

import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code ZUNION}, {@code ZINTER}, {@code ZUNIONSTORE} and {@code ZINTERSTORE}:
 * {@code WEIGHTS}, one factor per input key that its scores are multiplied by, and
 * {@code AGGREGATE SUM|MIN|MAX}, how the scores of a member found in several keys combine.
 *
 * <p>{@code ZAggregateArgs.weights(2, 1).withMax()} is {@code ... WEIGHTS 2 1 AGGREGATE MAX}. A
 * later {@code with...} replaces the earlier choice of its slot. Weights are written by
 * {@link Scores#format(double)}; a count of weights that differs from the count of keys is sent
 * as it is and refused by the store with Redis's {@code ERR syntax error}.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
public final class ZAggregateArgs {
    private static final ZAggregateArgs NONE = new ZAggregateArgs(null, null);

    private final double[] weights;
    private final String aggregate;

    private ZAggregateArgs(double[] weights, String aggregate) {
        this.weights = weights;
        this.aggregate = aggregate;
    }

    /** No options: every weight 1, scores summed. */
    public static ZAggregateArgs none() {
        return NONE;
    }

    /** {@code WEIGHTS weight [weight ...]}: one per input key, in the keys' order. */
    public static ZAggregateArgs weights(double... weights) {
        return NONE.withWeights(weights);
    }

    /** {@code AGGREGATE SUM}: a member's score is the sum of its weighted scores (the default). */
    public static ZAggregateArgs sum() {
        return NONE.withSum();
    }

    /** {@code AGGREGATE MIN}: a member's score is the least of its weighted scores. */
    public static ZAggregateArgs min() {
        return NONE.withMin();
    }

    /** {@code AGGREGATE MAX}: a member's score is the greatest of its weighted scores. */
    public static ZAggregateArgs max() {
        return NONE.withMax();
    }

    /** Returns these options with {@code WEIGHTS weight [weight ...]}. */
    public ZAggregateArgs withWeights(double... newWeights) {
        return new ZAggregateArgs(newWeights.clone(), aggregate);
    }

    /** Returns these options with {@code AGGREGATE SUM}. */
    public ZAggregateArgs withSum() {
        return new ZAggregateArgs(weights, "SUM");
    }

    /** Returns these options with {@code AGGREGATE MIN}. */
    public ZAggregateArgs withMin() {
        return new ZAggregateArgs(weights, "MIN");
    }

    /** Returns these options with {@code AGGREGATE MAX}. */
    public ZAggregateArgs withMax() {
        return new ZAggregateArgs(weights, "MAX");
    }

    /** Returns the option tokens in command-line order (after the keys): {@code WEIGHTS}, then {@code AGGREGATE}. */
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>(3 + (weights == null ? 0 : weights.length));
        if (weights != null) {
            tokens.add("WEIGHTS");
            for (double weight : weights) {
                tokens.add(Scores.format(weight));
            }
        }
        if (aggregate != null) {
            tokens.add("AGGREGATE");
            tokens.add(aggregate);
        }
        return List.copyOf(tokens);
    }

    @Override
    public String toString() {
        return String.join(" ", tokens());
    }
}
