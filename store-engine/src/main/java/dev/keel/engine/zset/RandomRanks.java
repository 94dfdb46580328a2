package dev.keel.engine.zset;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The random picks of ZRANDMEMBER, made by rank: a member at a random rank is one
 * {@link ZSet#visit} of O(log n), so no pick walks the set.
 *
 * <p><b>Thread safety:</b> stateless; used under the key's stripe lock.
 */
final class RandomRanks {

    private RandomRanks() {
    }

    /**
     * Visits {@code count} members of the non-empty {@code set} chosen at random: distinct ones for
     * a positive count (all of them, in order, if the count reaches the size), with repetitions for
     * a negative count.
     */
    static void visit(ZSet set, long count, ZSet.Visitor visitor) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long size = set.size();
        if (count < 0) {
            for (long i = 0; i < -count; i++) {
                set.visit(random.nextLong(size), 1, false, visitor);
            }
            return;
        }
        if (count >= size) {
            set.forEach(visitor);
            return;
        }
        List<Long> ranks = new ArrayList<>((int) count);
        if (count * 2 > size) {
            // Most of the set: drop random ranks from all of them.
            for (long rank = 0; rank < size; rank++) {
                ranks.add(rank);
            }
            while (ranks.size() > count) {
                int victim = random.nextInt(ranks.size());
                ranks.set(victim, ranks.get(ranks.size() - 1));
                ranks.remove(ranks.size() - 1);
            }
        } else {
            Set<Long> seen = new HashSet<>();
            while (ranks.size() < count) {
                long rank = random.nextLong(size);
                if (seen.add(rank)) {
                    ranks.add(rank);
                }
            }
        }
        for (long rank : ranks) {
            set.visit(rank, 1, false, visitor);
        }
    }
}
