package dev.keel.benchmarks;

import dev.keel.ScoredValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The on-heap baseline for sorted sets: per key, a {@code ConcurrentSkipListMap<ScoredKey, Boolean>}
 * ordered by (score, member), as Redis orders a sorted set, beside a
 * {@code ConcurrentHashMap<String, Double>} of member to score, the JDK's closest equivalent of
 * Redis's skiplist-plus-dict; the sets in a {@code ConcurrentHashMap} of the keys.
 *
 * <pre>
 * Concurrency
 *   Every change of a member (ZADD, ZINCRBY, ZPOPMIN) happens inside compute/computeIfPresent of
 *   the member's entry in the hash map, which holds that entry's bin lock: the skip list entry is
 *   removed and put back under it, so two threads re-scoring one member cannot leave two entries
 *   for it, and the invariant "the skip list holds exactly (score(m), m) for each member m" holds
 *   whenever no change of m is in flight. ZPOPMIN reads the lowest entry, then removes it inside
 *   computeIfPresent only if the member still has that score, and retries otherwise.
 *   Readers take no lock: ZRANK and ZRANGEBYSCORE see each member at its old or new score while a
 *   change of it is in flight (ZRANK is not atomic with a concurrent re-score of its member).
 * Cost
 *   ZRANK is headMap(key).size(): the skip list keeps no counts, so it walks every lower entry,
 *   O(rank), about n/2 entries for a random member. Redis and Keel answer it in O(log n).
 * Order
 *   Members with equal scores are ordered by String.compareTo, Redis's byte order for ASCII
 *   members such as member:N. An empty set stays in the map of keys (Redis would delete the key).
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class SkipListZSetPeer implements ZSetPeer {
    private final ConcurrentHashMap<String, Ordered> sets = new ConcurrentHashMap<>();

    /** A member at a score, ordered by score, then member; a null member sorts before every member of its score. */
    record ScoredKey(double score, String member) implements Comparable<ScoredKey> {
        @Override
        public int compareTo(ScoredKey other) {
            int byScore = Double.compare(score, other.score);
            if (byScore != 0) {
                return byScore;
            }
            if (member == null || other.member == null) {
                return member == null ? (other.member == null ? 0 : -1) : 1;
            }
            return member.compareTo(other.member);
        }
    }

    /** One sorted set: the order and the scores. */
    private static final class Ordered {
        final ConcurrentSkipListMap<ScoredKey, Boolean> order = new ConcurrentSkipListMap<>();
        final ConcurrentHashMap<String, Double> scores = new ConcurrentHashMap<>();

        /** Sets {@code member}'s score, adding it if new; returns its former score, or null if it is new. */
        Double put(String member, double score) {
            Double[] former = new Double[1];
            scores.compute(member, (m, old) -> {
                former[0] = old;
                move(m, old, score);
                return score;
            });
            return former[0];
        }

        /** Adds {@code increment} to {@code member}'s score (0 if new) and returns the new score. */
        double increment(String member, double increment) {
            return scores.compute(member, (m, old) -> {
                double score = (old == null ? 0 : old) + increment;
                if (Double.isNaN(score)) {
                    throw new IllegalArgumentException("resulting score is not a number (NaN)");
                }
                move(m, old, score);
                return score;
            });
        }

        /** Moves {@code member} from {@code old} (null: not there) to {@code score}; called under the member's lock. */
        private void move(String member, Double old, double score) {
            if (old != null) {
                if (Double.compare(old, score) == 0) {
                    return;
                }
                order.remove(new ScoredKey(old, member));
            }
            order.put(new ScoredKey(score, member), Boolean.TRUE);
        }

        Long rank(String member) {
            Double score = scores.get(member);
            return score == null ? null : (long) order.headMap(new ScoredKey(score, member)).size();
        }

        List<String> rangeByScore(double min, double max, int offset, int count) {
            List<String> page = new ArrayList<>(Math.min(count, 16));
            int skip = offset;
            for (ScoredKey key : order.tailMap(new ScoredKey(min, null)).keySet()) {
                if (key.score > max || page.size() == count) {
                    break;
                }
                if (skip > 0) {
                    skip--;
                } else {
                    page.add(key.member);
                }
            }
            return page;
        }

        ScoredValue<String> popMin() {
            while (true) {
                Map.Entry<ScoredKey, Boolean> first = order.firstEntry();
                if (first == null) {
                    return null;
                }
                ScoredKey lowest = first.getKey();
                boolean[] popped = {false};
                scores.computeIfPresent(lowest.member, (m, score) -> {
                    if (Double.compare(score, lowest.score) != 0 || order.remove(lowest) == null) {
                        return score;
                    }
                    popped[0] = true;
                    return null;
                });
                if (popped[0]) {
                    return new ScoredValue<>(lowest.member, lowest.score);
                }
            }
        }
    }

    private Ordered set(String key) {
        Ordered set = sets.get(key);
        return set != null ? set : sets.computeIfAbsent(key, k -> new Ordered());
    }

    @Override
    public long zadd(String key, double score, String member) {
        return set(key).put(member, score) == null ? 1 : 0;
    }

    @Override
    public double zincrby(String key, double increment, String member) {
        return set(key).increment(member, increment);
    }

    @Override
    public Long zrank(String key, String member) {
        Ordered set = sets.get(key);
        return set == null ? null : set.rank(member);
    }

    @Override
    public List<String> zrangeByScoreLimit(String key, double min, double max, int offset, int count) {
        Ordered set = sets.get(key);
        return set == null ? List.of() : set.rangeByScore(min, max, offset, count);
    }

    @Override
    public ScoredValue<String> zpopmin(String key) {
        Ordered set = sets.get(key);
        return set == null ? null : set.popMin();
    }

    @Override
    public long zcard(String key) {
        Ordered set = sets.get(key);
        return set == null ? 0 : set.scores.size();
    }

    @Override
    public void close() {
        sets.clear();
    }
}
