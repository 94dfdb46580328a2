package dev.keel.benchmarks;

import java.util.random.RandomGenerator;

/**
 * Draws ranks 1 to n with P(k) proportional to 1 / k^s, for any exponent s &gt; 0, in constant
 * time and memory per draw: no table of n probabilities, so {@link EvictionBenchmark} can try
 * several exponents over a million sessions cheaply. ({@link KeyDistribution} keeps a cumulative
 * table for its one exponent, 0.99.)
 *
 * <pre>
 * Design: rejection-inversion (Hörmann and Derflinger [1])
 *   h(x) = x^-s is decreasing, so the probability of k is at most the area under h from k - 1/2
 *   to k + 1/2. Inverting the integral H of h draws x with density h on [1/2, n + 1/2] (the
 *   first unit, [1/2, 3/2], replaced by its exact weight h(1) = 1); the rank k = round(x) is
 *   accepted if x falls in the part of k's unit that h(k) covers, else drawn again. Over 98% of
 *   draws are accepted (measured for s from 0.3 to 4 and n from 10 to 10^6), most of them
 *   without computing H at all (the squeeze k - x &lt;= squeeze).
 *   H(x) = (x^(1-s) - 1) / (1 - s), and log x at s = 1; written with expm1 and log1p so that s
 *   near 1 loses no precision.
 *
 * References
 *   [1] W. Hörmann, G. Derflinger, "Rejection-inversion to generate variates from monotone
 *       discrete distributions", ACM TOMACS 6(3), 1996.
 * </pre>
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use (each caller brings its own random
 * generator).
 */
final class ZipfSampler {
    private final int n;
    private final double exponent;
    /** H(3/2) - h(1): where inversion starts, so that rank 1 gets exactly h(1). */
    private final double lowerIntegral;
    /** H(n + 1/2). */
    private final double upperIntegral;
    /** Draws with k - x at most this are accepted without evaluating H. */
    private final double squeeze;

    /**
     * A sampler of ranks 1 to {@code n} with exponent {@code exponent}.
     *
     * @throws IllegalArgumentException if {@code n} or {@code exponent} is not positive
     */
    ZipfSampler(int n, double exponent) {
        if (n <= 0 || !(exponent > 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("need n > 0 and a finite exponent > 0: n " + n + ", exponent " + exponent);
        }
        this.n = n;
        this.exponent = exponent;
        this.lowerIntegral = integral(1.5) - 1;
        this.upperIntegral = integral(n + 0.5);
        this.squeeze = 2 - inverseIntegral(integral(2.5) - weight(2));
    }

    /** Returns the number of ranks. */
    int n() {
        return n;
    }

    /** Returns the exponent s. */
    double exponent() {
        return exponent;
    }

    /** Returns the next rank, from 1 to {@link #n()}. */
    int next(RandomGenerator random) {
        while (true) {
            double u = upperIntegral + random.nextDouble() * (lowerIntegral - upperIntegral);
            double x = inverseIntegral(u);
            int k = (int) Math.min(Math.max(Math.round(x), 1), n);
            if (k - x <= squeeze || u >= integral(k + 0.5) - weight(k)) {
                return k;
            }
        }
    }

    /** Returns the probability of rank {@code k}, exactly (summing all n weights: O(n)); for tests and reference figures. */
    double probability(int k) {
        return weight(k) / weightUpTo(n);
    }

    /** Returns the probability that a draw is one of ranks 1 to {@code k} (O(n)). */
    double probabilityUpTo(int k) {
        return weightUpTo(Math.min(k, n)) / weightUpTo(n);
    }

    private double weightUpTo(int k) {
        double sum = 0;
        // Smallest terms first, for precision.
        for (int r = k; r >= 1; r--) {
            sum += weight(r);
        }
        return sum;
    }

    /** h(x) = x^-s. */
    private double weight(double x) {
        return Math.exp(-exponent * Math.log(x));
    }

    /** H(x), the integral of h from 1 to x. */
    private double integral(double x) {
        double log = Math.log(x);
        return expm1OverX((1 - exponent) * log) * log;
    }

    /** The inverse of H. */
    private double inverseIntegral(double y) {
        double t = Math.max(y * (1 - exponent), -1);
        return Math.exp(log1pOverX(t) * y);
    }

    /** (e^x - 1) / x, 1 at x = 0. */
    private static double expm1OverX(double x) {
        return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x / 2 * (1 + x / 3);
    }

    /** log(1 + x) / x, 1 at x = 0. */
    private static double log1pOverX(double x) {
        return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x / 3);
    }
}
