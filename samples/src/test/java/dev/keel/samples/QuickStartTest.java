package dev.keel.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.SetArgs;
import dev.keel.Store;
import org.junit.jupiter.api.Test;

/** The README's quick start, compiled and run, so that it stays true. */
class QuickStartTest {

    @Test
    void readmeQuickStart_runsAsDocumented() {
        try (Store store = Keel.inMemory()) {
            Commands<String, String> redis = store.commands();
            redis.set("session:42", "ada", SetArgs.ex(1800));
            String user = redis.get("session:42");
            long hits = redis.incr("hits");
            long ttl = redis.ttl("session:42");
            Reply raw = store.execute("SET", "k", "v", "NX");
            assertEquals("ada", user);
            assertEquals(1, hits);
            assertEquals(1800, ttl);
            assertEquals(Reply.OK, raw);
        }
    }
}
