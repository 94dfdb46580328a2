package dev.keel.samples;

import dev.keel.Commands;
import dev.keel.KeelSortedSet;
import dev.keel.ScoredValue;
import dev.keel.Store;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A game leaderboard on a sorted set: a player is a member, its points the score (ZADD, ZINCRBY).
 * A player's place, a page of the standings and the players around one player are ranks counted
 * from the highest score (ZREVRANK, ZREVRANGE), each one command costing O(log n) plus what it
 * returns, however many players there are.
 *
 * <p>Run it alone with {@code bin/tour leaderboard}.
 *
 * <p><b>Thread safety:</b> safe for concurrent use; {@link #around} is two commands, so a score
 * changing between them can shift its window by a place.
 */
public final class Leaderboard {
    static final String KEY = "leaderboard";
    static final int PAGE_SIZE = 3;

    /** A player's place in the standings, 1 for the top, and its points. */
    record Standing(long place, String player, long points) {
        @Override
        public String toString() {
            return place + " " + player + " " + points;
        }
    }

    private Leaderboard() {
    }

    /** Runs the sample alone. */
    public static void main(String[] args) throws InterruptedException {
        Tour.runAlone(Leaderboard::run, System.out);
    }

    /** Scores ten players, lets one win a match, and prints places, pages and a neighbourhood. */
    public static void run(Store store, PrintStream out) {
        Commands<String, String> redis = store.commands();
        redis.zadd(KEY, Map.of("ada", 2400.0, "grace", 2250.0, "linus", 1900.0, "barbara", 1850.0, "ken", 1700.0,
                "dennis", 1650.0, "margaret", 1500.0, "edsger", 1320.0, "donald", 1200.0, "alan", 1100.0));
        KeelSortedSet<String> board = store.sortedSet(KEY);
        double points = board.incrementScore("linus", 400);
        out.printf("leaderboard: %d players; linus won 400 points and is now number %d with %.0f%n",
                board.size(), place(redis, "linus"), points);
        out.printf("leaderboard: top %d %s; page 3 %s; around ken %s%n",
                PAGE_SIZE, page(redis, 1), page(redis, 3), around(redis, "ken", 2));
    }

    /** Returns the player's place, 1 for the top, or null if it has no points. */
    static Long place(Commands<String, String> redis, String player) {
        Long rank = redis.zrevrank(KEY, player);
        return rank == null ? null : rank + 1;
    }

    /** Returns page {@code page} of the standings, 1 for the top, {@link #PAGE_SIZE} players, highest first. */
    static List<Standing> page(Commands<String, String> redis, int page) {
        long first = (long) (page - 1) * PAGE_SIZE;
        return standings(redis, first, first + PAGE_SIZE - 1);
    }

    /** Returns the player and up to {@code span} players above and below it; empty if it has no points. */
    static List<Standing> around(Commands<String, String> redis, String player, int span) {
        Long rank = redis.zrevrank(KEY, player);
        return rank == null ? List.of() : standings(redis, Math.max(0, rank - span), rank + span);
    }

    private static List<Standing> standings(Commands<String, String> redis, long fromRank, long toRank) {
        List<Standing> standings = new ArrayList<>();
        for (ScoredValue<String> row : redis.zrevrangeWithscores(KEY, fromRank, toRank)) {
            standings.add(new Standing(fromRank + standings.size() + 1, row.value(), (long) row.score()));
        }
        return standings;
    }
}
