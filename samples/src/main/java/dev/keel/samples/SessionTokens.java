package dev.keel.samples;

import dev.keel.Commands;
import dev.keel.SetArgs;
import dev.keel.Store;
import java.io.PrintStream;
import java.time.Duration;
import java.util.UUID;

/**
 * Session tokens with a time to live: login stores a token for 30 minutes, each request slides
 * the expiry, logout deletes it.
 */
public final class SessionTokens {
    private SessionTokens() {
    }

    /** Logs in a few users, uses and ends their sessions, and prints what happened. */
    public static void run(Store store, PrintStream out) {
        Commands<String, String> redis = store.commands();
        String[] users = {"ada", "grace", "linus"};
        String[] tokens = new String[users.length];
        for (int i = 0; i < users.length; i++) {
            tokens[i] = UUID.randomUUID().toString();
            redis.set("session:" + tokens[i], users[i], SetArgs.ex(Duration.ofMinutes(30)));
        }
        String user = redis.get("session:" + tokens[1]);
        redis.expire("session:" + tokens[1], Duration.ofMinutes(30));
        out.printf("sessions: %d logged in; token of %s resolves to %s, ttl %d s%n",
                users.length, users[1], user, redis.ttl("session:" + tokens[1]));
        redis.del("session:" + tokens[0]);
        out.printf("sessions: after logout of %s, its token resolves to %s; %d sessions left%n",
                users[0], redis.get("session:" + tokens[0]), redis.keys("session:*").size());
    }
}
