package dev.keel.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.Store;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderboardTest {

    @Test
    void run_linusWins_movesToSecondAndPagesFollow() {
        try (Store store = Keel.inMemory()) {
            Printed printed = new Printed();
            Leaderboard.run(store, printed.out);
            String out = printed.text();
            Commands<String, String> redis = store.commands();
            assertEquals(2300.0, redis.zscore(Leaderboard.KEY, "linus"));
            assertEquals(2L, Leaderboard.place(redis, "linus"));
            assertTrue(out.contains("10 players; linus won 400 points and is now number 2 with 2300"), out);
            assertTrue(out.contains("top 3 [1 ada 2400, 2 linus 2300, 3 grace 2250]"), out);
            assertTrue(out.contains("page 3 [7 margaret 1500, 8 edsger 1320, 9 donald 1200]"), out);
            assertTrue(out.contains("around ken [3 grace 2250, 4 barbara 1850, 5 ken 1700, 6 dennis 1650, 7 margaret 1500]"), out);
        }
    }

    @Test
    void page_pastTheEnd_isShortThenEmpty() {
        try (Store store = Keel.inMemory()) {
            Leaderboard.run(store, new Printed().out);
            Commands<String, String> redis = store.commands();
            assertEquals(List.of(new Leaderboard.Standing(10, "alan", 1100)), Leaderboard.page(redis, 4));
            assertEquals(List.of(), Leaderboard.page(redis, 5));
        }
    }

    @Test
    void around_topPlayerOrUnknown_clipsOrIsEmpty() {
        try (Store store = Keel.inMemory()) {
            Leaderboard.run(store, new Printed().out);
            Commands<String, String> redis = store.commands();
            assertEquals("[1 ada 2400, 2 linus 2300, 3 grace 2250]", Leaderboard.around(redis, "ada", 2).toString());
            assertEquals(List.of(), Leaderboard.around(redis, "nobody", 2));
            assertNull(Leaderboard.place(redis, "nobody"));
        }
    }
}
