package dev.keel.conformance;

import dev.keel.Reply;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A sorted set as the tests expect it, in plain Java: members in Redis's order (by score, equal
 * scores by member bytes, unsigned), with the replies Redis gives for a slice of it.
 *
 * <p>Scores are kept to values whose text Redis 7.0 and 7.2 agree on (integers below 10^15,
 * halves and quarters, infinities), so {@link #scoreText(double)} is that text.
 *
 * <p><b>Thread safety:</b> not thread safe.
 */
final class ScoredMembers {

    /** One member with its score. */
    record Scored(String member, double score) {
    }

    /** Redis's order: by score, then by member bytes compared unsigned. */
    static final Comparator<Scored> ORDER = Comparator.comparingDouble(Scored::score)
            .thenComparing(Scored::member, ScoredMembers::compareBytes);

    private final Map<String, Double> scores = new HashMap<>();

    /** The members and scores of alternating {@code score, member} arguments, as ZADD takes them. */
    static ScoredMembers of(String... scoresAndMembers) {
        ScoredMembers set = new ScoredMembers();
        for (int i = 0; i < scoresAndMembers.length; i += 2) {
            set.put(scoresAndMembers[i + 1], parseScore(scoresAndMembers[i]));
        }
        return set;
    }

    /**
     * {@code size} members {@code m0, m1, ...}: member {@code mi} scores {@code (i * 37 mod 500) / 2},
     * so below 500 members every score differs and past it each score is shared by two members
     * ({@code mi} and {@code m(i+500)}), ordered by their bytes; names and scores sort differently.
     */
    static ScoredMembers numbered(int size) {
        ScoredMembers set = new ScoredMembers();
        for (int i = 0; i < size; i++) {
            set.put("m" + i, (i * 37 % 500) / 2.0);
        }
        return set;
    }

    /** Adds or updates one member. */
    ScoredMembers put(String member, double score) {
        scores.put(member, score);
        return this;
    }

    /** Removes one member. */
    void remove(String member) {
        scores.remove(member);
    }

    int size() {
        return scores.size();
    }

    Double score(String member) {
        return scores.get(member);
    }

    /** Every member in Redis's order. */
    List<Scored> sorted() {
        TreeSet<Scored> sorted = new TreeSet<>(ORDER);
        scores.forEach((member, score) -> sorted.add(new Scored(member, score)));
        return new ArrayList<>(sorted);
    }

    /** The members whose entry passes {@code filter}, in Redis's order. */
    List<Scored> filter(Predicate<Scored> filter) {
        return sorted().stream().filter(filter).toList();
    }

    /** The ZADD arguments {@code score member ...} that build this set. */
    String[] zaddArguments() {
        List<String> argv = new ArrayList<>();
        scores.forEach((member, score) -> {
            argv.add(scoreText(score));
            argv.add(member);
        });
        return argv.toArray(new String[0]);
    }

    /** The members of {@code entries} as an array reply, with their scores after each where {@code withScores}. */
    static Reply reply(List<Scored> entries, boolean withScores) {
        return ContractTest.array(flat(entries, withScores));
    }

    /** The members of {@code entries}, each followed by its score text where {@code withScores}. */
    static String[] flat(List<Scored> entries, boolean withScores) {
        List<String> items = new ArrayList<>();
        for (Scored entry : entries) {
            items.add(entry.member());
            if (withScores) {
                items.add(scoreText(entry.score()));
            }
        }
        return items.toArray(new String[0]);
    }

    /** A score as the tests write it: a decimal number, or {@code inf}, {@code +inf}, {@code -inf}. */
    static double parseScore(String text) {
        return switch (text) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** Redis's text of a score this class allows: an integer, a half or quarter, or an infinity. */
    static String scoreText(double score) {
        if (Double.isInfinite(score)) {
            return score > 0 ? "inf" : "-inf";
        }
        if (score == Math.rint(score) && Math.abs(score) < 1e15) {
            return Long.toString((long) score);
        }
        if (score * 4 != Math.rint(score * 4) || Math.abs(score) >= 1e6) {
            throw new IllegalArgumentException(score + " is not a score whose text Redis 7.0 and 7.2 agree on");
        }
        return BigDecimal.valueOf(score).toPlainString();
    }

    private static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
