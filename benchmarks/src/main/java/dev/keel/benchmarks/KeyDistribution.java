package dev.keel.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Which key a benchmark touches next: uniformly random over the keyspace, or Zipf-distributed
 * (a few hot keys, a long tail), as caches see in production.
 *
 * <pre>
 * Zipf
 *   P(rank r) is proportional to 1 / r^s for r = 1..n, with s = 0.99 as in YCSB. Sampling draws
 *   u in [0, 1) and binary-searches the precomputed cumulative distribution. Ranks are mapped to
 *   keys through a fixed permutation, so the hot keys are spread over the keyspace (and every
 *   thread agrees on which keys are hot) instead of being session:0, session:1, ...
 * </pre>
 *
 * Sampling happens before measurement: the benchmarks precompute arrays of keys and only walk
 * them while timed.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
final class KeyDistribution {
    /** The Zipf exponent YCSB uses. */
    static final double ZIPF_EXPONENT = 0.99;
    /** The accepted names, as the benchmark's {@code distribution} parameter. */
    static final String UNIFORM = "uniform";
    /** Zipf with {@link #ZIPF_EXPONENT}. */
    static final String ZIPF = "zipf";

    private final int keys;
    private final double[] cumulative;
    private final int[] rankToKey;

    private KeyDistribution(int keys, double[] cumulative, int[] rankToKey) {
        this.keys = keys;
        this.cumulative = cumulative;
        this.rankToKey = rankToKey;
    }

    /**
     * Returns the distribution named {@code name} over key numbers 0 to {@code keys - 1}.
     *
     * @throws IllegalArgumentException if the name is unknown or {@code keys} is not positive
     */
    static KeyDistribution of(String name, int keys) {
        if (keys <= 0) {
            throw new IllegalArgumentException("keys must be positive: " + keys);
        }
        return switch (name) {
            case UNIFORM -> new KeyDistribution(keys, null, null);
            case ZIPF -> zipf(keys, ZIPF_EXPONENT);
            default -> throw new IllegalArgumentException("unknown distribution '" + name + "'");
        };
    }

    private static KeyDistribution zipf(int keys, double exponent) {
        double[] cumulative = new double[keys];
        double sum = 0;
        for (int rank = 1; rank <= keys; rank++) {
            sum += 1.0 / Math.pow(rank, exponent);
            cumulative[rank - 1] = sum;
        }
        for (int i = 0; i < keys; i++) {
            cumulative[i] /= sum;
        }
        cumulative[keys - 1] = 1.0;
        int[] rankToKey = new int[keys];
        for (int i = 0; i < keys; i++) {
            rankToKey[i] = i;
        }
        SplittableRandom shuffle = new SplittableRandom(42);
        for (int i = keys - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int swap = rankToKey[i];
            rankToKey[i] = rankToKey[j];
            rankToKey[j] = swap;
        }
        return new KeyDistribution(keys, cumulative, rankToKey);
    }

    /** Returns the number of keys the distribution covers. */
    int keys() {
        return keys;
    }

    /** Returns the next key number, from 0 to {@link #keys()} - 1. */
    int next(RandomGenerator random) {
        if (cumulative == null) {
            return random.nextInt(keys);
        }
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        int rank = index >= 0 ? index : -index - 1;
        return rankToKey[Math.min(rank, keys - 1)];
    }

    /** Returns {@code length} key numbers drawn from this distribution. */
    int[] sample(int length, RandomGenerator random) {
        int[] sample = new int[length];
        for (int i = 0; i < length; i++) {
            sample[i] = next(random);
        }
        return sample;
    }
}
