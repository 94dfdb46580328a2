package dev.keel;

/**
 * A member's rank in its sorted set with its score, as {@code ZRANK key member WITHSCORE} and
 * {@code ZREVRANK key member WITHSCORE} answer (Redis 7.2).
 *
 * @param rank the 0-based rank, counted from the lowest score (ZRANK) or the highest (ZREVRANK)
 * @param score the member's score
 */
public record RankWithScore(long rank, double score) {
}
