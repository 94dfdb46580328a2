package dev.keel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZipfSamplerTest {
    private static final int DRAWS = 400_000;

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.8, 0.99, 1.0, 1.2, 2.0})
    void next_tenRanks_matchesTheExactProbabilities(double exponent) {
        ZipfSampler zipf = new ZipfSampler(10, exponent);
        int[] counts = new int[11];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < DRAWS; i++) {
            counts[zipf.next(random)]++;
        }
        assertEquals(0, counts[0], "rank 0 drawn");
        for (int k = 1; k <= 10; k++) {
            double p = zipf.probability(k);
            double sd = Math.sqrt(DRAWS * p * (1 - p));
            assertTrue(Math.abs(counts[k] - DRAWS * p) < 5 * sd,
                    "s = " + exponent + ", rank " + k + ": drawn " + counts[k] + " times, expected " + DRAWS * p + " ± " + sd);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.8, 0.99, 1.2})
    void next_millionRanks_staysInRangeAndFavoursRankOne(double exponent) {
        ZipfSampler zipf = new ZipfSampler(1_000_000, exponent);
        SplittableRandom random = new SplittableRandom(5);
        int ones = 0;
        for (int i = 0; i < DRAWS; i++) {
            int rank = zipf.next(random);
            assertTrue(rank >= 1 && rank <= 1_000_000, "rank " + rank);
            ones += rank == 1 ? 1 : 0;
        }
        double p = zipf.probability(1);
        assertTrue(Math.abs(ones - DRAWS * p) < 5 * Math.sqrt(DRAWS * p), "rank 1 drawn " + ones + " times, expected " + DRAWS * p);
    }

    @Test
    void next_oneRank_alwaysOne() {
        ZipfSampler zipf = new ZipfSampler(1, 0.99);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            assertEquals(1, zipf.next(random));
        }
    }

    @Test
    void probabilityUpTo_allRanks_isOneAndGrows() {
        ZipfSampler zipf = new ZipfSampler(1000, 0.99);
        assertEquals(1.0, zipf.probabilityUpTo(1000), 1e-12);
        assertEquals(1.0, zipf.probabilityUpTo(5000), 1e-12);
        assertEquals(zipf.probability(1), zipf.probabilityUpTo(1), 1e-15);
        assertTrue(zipf.probabilityUpTo(10) < zipf.probabilityUpTo(11));
    }

    @Test
    void new_invalidArguments_throws() {
        assertThrows(IllegalArgumentException.class, () -> new ZipfSampler(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ZipfSampler(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new ZipfSampler(10, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ZipfSampler(10, Double.POSITIVE_INFINITY));
    }
}
