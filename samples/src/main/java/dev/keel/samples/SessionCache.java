package dev.keel.samples;

import dev.keel.EvictionPolicy;
import dev.keel.Keel;
import dev.keel.KeelHash;
import dev.keel.MemoryStats;
import dev.keel.Store;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * A session cache in front of a database: each session is a hash with a 30-minute time to live,
 * in a store limited to 64 KiB that evicts the least recently used session to make room
 * ({@code maxmemory} with {@code allkeys-lru}, as a Redis cache is set up). A read that misses
 * loads the session from the database and caches it. Reads follow Zipf's law, as real traffic
 * does: a few users are very active and most rarely come back, so a cache with room for under a
 * quarter of the sessions serves two reads in three.
 *
 * <p>Run it alone with {@code bin/tour session-cache}.
 *
 * <p><b>Thread safety:</b> not thread safe: the sample's database counts its loads in a plain field.
 */
public final class SessionCache {
    static final long MEMORY_LIMIT = 64 << 10;
    static final int USERS = 2_000;
    static final int READS = 20_000;
    static final Duration TTL = Duration.ofMinutes(30);

    /** The slow store of record that the cache stands in front of; it counts its loads. */
    static final class Database {
        int loads;

        Map<String, String> load(int user) {
            loads++;
            return Map.of("user", "user-" + user, "cart", user % 7 + " items", "locale", "en-GB");
        }
    }

    /** What a run did: reads served by the cache, loads from the database, and the cache at the end. */
    record Outcome(int hits, int loads, long cached, MemoryStats memory) {
        double hitRate() {
            return (double) hits / (hits + loads);
        }
    }

    private SessionCache() {
    }

    /** Runs the sample alone. */
    public static void main(String[] args) {
        run(System.out);
    }

    /** Reads sessions through a cache of its own store, and prints the hit rate and the memory used. */
    static Outcome run(PrintStream out) {
        try (Store store = Keel.builder().maxmemory(MEMORY_LIMIT, EvictionPolicy.ALLKEYS_LRU).open()) {
            Database database = new Database();
            for (int user : zipf(USERS, READS, new Random(42))) {
                read(store, database, user);
            }
            Outcome outcome = new Outcome(READS - database.loads, database.loads, store.commands().dbsize(), store.memoryStats());
            out.printf("session cache: %d reads of %d users' sessions, %.1f%% from the cache, %d loaded from the database%n",
                    READS, USERS, 100 * outcome.hitRate(), outcome.loads());
            out.printf("session cache: %d sessions cached in %d bytes of a %d-byte limit (allkeys-lru), each with a ttl of %d s%n",
                    outcome.cached(), outcome.memory().usedBytes(), MEMORY_LIMIT, store.commands().ttl("session:0"));
            return outcome;
        }
    }

    /**
     * Returns the session of {@code user}: from the cache (HGETALL), or on a miss from the database,
     * caching it (HSET, which may evict the least recently used session). Either way its time to
     * live starts again (PEXPIRE), so a session ends 30 minutes after its last read.
     */
    static Map<String, String> read(Store store, Database database, int user) {
        String key = "session:" + user;
        KeelHash<String, String> cached = store.hash(key);
        Map<String, String> session = store.commands().hgetall(key);
        if (session.isEmpty()) {
            session = database.load(user);
            cached.putAll(session);
        }
        cached.expire(TTL);
        return session;
    }

    /** Draws {@code count} users of {@code users}, user {@code k} in proportion to 1 / (k + 1) (Zipf's law, exponent 1). */
    static int[] zipf(int users, int count, Random random) {
        double[] cumulative = new double[users];
        double sum = 0;
        for (int k = 0; k < users; k++) {
            sum += 1.0 / (k + 1);
            cumulative[k] = sum;
        }
        double total = sum;
        return random.doubles(count).mapToInt(u -> {
            int at = Arrays.binarySearch(cumulative, u * total);
            return at >= 0 ? at : -at - 1;
        }).toArray();
    }
}
