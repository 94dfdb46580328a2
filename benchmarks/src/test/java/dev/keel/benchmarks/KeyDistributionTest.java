package dev.keel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyDistributionTest {
    private static final int KEYS = 10_000;
    private static final int DRAWS = 200_000;

    private static int[] counts(String name) {
        int[] counts = new int[KEYS];
        for (int key : KeyDistribution.of(name, KEYS).sample(DRAWS, new SplittableRandom(1))) {
            counts[key]++;
        }
        return counts;
    }

    @Test
    void uniform_sampled_coversEveryKeyEvenly() {
        int[] counts = counts(KeyDistribution.UNIFORM);
        int max = Arrays.stream(counts).max().orElseThrow();
        assertTrue(Arrays.stream(counts).allMatch(c -> c > 0), "every key drawn");
        assertTrue(max < 3 * DRAWS / KEYS, "no hot key, max " + max);
    }

    @Test
    void zipf_sampled_favoursFewHotKeys() {
        int[] counts = counts(KeyDistribution.ZIPF);
        int[] sorted = counts.clone();
        Arrays.sort(sorted);
        long top10 = 0;
        for (int i = 1; i <= 10; i++) {
            top10 += sorted[KEYS - i];
        }
        // With s = 0.99 over 10,000 keys the 10 hottest take about 29% of the draws.
        assertTrue(top10 > DRAWS / 5 && top10 < DRAWS * 2 / 5, "top 10 keys drew " + top10);
        assertTrue(Arrays.stream(counts).allMatch(c -> c >= 0));
    }

    @Test
    void zipf_twoInstances_agreeOnHotKeys() {
        KeyDistribution a = KeyDistribution.of(KeyDistribution.ZIPF, KEYS);
        KeyDistribution b = KeyDistribution.of(KeyDistribution.ZIPF, KEYS);
        assertArrayEquals(a.sample(1000, new SplittableRandom(7)), b.sample(1000, new SplittableRandom(7)));
    }

    @Test
    void zipf_hottestKey_isNotKeyZero() {
        int[] counts = counts(KeyDistribution.ZIPF);
        int hottest = 0;
        for (int i = 1; i < KEYS; i++) {
            if (counts[i] > counts[hottest]) {
                hottest = i;
            }
        }
        assertTrue(hottest != 0, "ranks are spread over the keyspace");
    }

    @Test
    void of_unknownName_throws() {
        assertThrows(IllegalArgumentException.class, () -> KeyDistribution.of("gauss", KEYS));
        assertThrows(IllegalArgumentException.class, () -> KeyDistribution.of(KeyDistribution.ZIPF, 0));
    }
}
