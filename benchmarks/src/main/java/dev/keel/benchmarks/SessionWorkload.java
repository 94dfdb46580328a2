package dev.keel.benchmarks;

import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The session-cache workload of {@link EvictionBenchmark}: which session each request reads, and
 * the "database" a miss loads it from.
 *
 * <pre>
 * Sessions   n possible sessions, key session:&lt;id&gt; for id 0 to n - 1.
 * Requests   ranks drawn from Zipf(n, s) ({@link ZipfSampler}) with a fixed seed, rank r read as
 *            session id (r - 1) * 7919 mod n (7919 is prime and not a factor of n, so this is a
 *            bijection): the hot sessions are spread over the ids, not session:0, session:1, ...
 * A session  a hash of five fields, as the session-cache sample keeps it (HSET, HGETALL), built
 *            from the id alone, so every load of a session gives the same fields:
 *              user     user-&lt;id&gt;                                  6-12 bytes
 *              created  a 13-digit epoch millisecond in 2025          13
 *              csrf     64 hex digits (a 256-bit token)              64
 *              ip       10.a.b.c                                     8-14
 *              agent    a browser's User-Agent, with a version       74-145
 *            on average 218 bytes of values and 22 of field names: 240 (194-269), beside a key of
 *            9-14 bytes.
 * </pre>
 *
 * <p>The loaded strings are new on every load, as a database driver's would be (a cache on the
 * heap holds its own copies); the field names are constants, shared.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
final class SessionWorkload {
    /** The key prefix of a session. */
    static final String KEY_PREFIX = "session:";
    /** The session hash's field names, in the order {@link #load} puts them. */
    static final String[] FIELDS = {"user", "created", "csrf", "ip", "agent"};
    /** The bijection's multiplier: prime, and not a factor of any count of sessions but its multiples. */
    private static final long SCATTER = 7919;
    private static final long EPOCH_2025_MILLIS = 1_735_689_600_000L;
    private static final long YEAR_MILLIS = 365L * 24 * 3600 * 1000;
    private static final HexFormat HEX = HexFormat.of();
    /** User-Agent templates: the version, from the id, goes between the two parts. */
    private static final String[][] AGENTS = {
        {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/", " Safari/537.36"},
        {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/", " Safari/605.1.15"},
        {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Version/",
            " Safari/604.1"},
        {"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/", ""},
        {"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/", " Mobile Safari/537.36"},
    };

    private final int sessions;

    /**
     * The workload over {@code sessions} possible sessions.
     *
     * @throws IllegalArgumentException if {@code sessions} is not positive or a multiple of 7919
     */
    SessionWorkload(int sessions) {
        if (sessions <= 0 || sessions % SCATTER == 0) {
            throw new IllegalArgumentException("sessions must be positive and not a multiple of " + SCATTER + ": " + sessions);
        }
        this.sessions = sessions;
    }

    /** Returns the number of possible sessions. */
    int sessions() {
        return sessions;
    }

    /** Returns the key of session {@code id}. */
    static String key(int id) {
        return KEY_PREFIX + id;
    }

    /** Returns the session id that Zipf rank {@code rank} (1 to {@link #sessions()}) reads. */
    int idOfRank(int rank) {
        return (int) ((rank - 1) * SCATTER % sessions);
    }

    /**
     * Returns {@code count} session ids drawn from Zipf with exponent {@code exponent}, from a
     * generator seeded with {@code seed}: the same ids for the same arguments.
     */
    int[] requests(double exponent, int count, long seed) {
        ZipfSampler zipf = new ZipfSampler(sessions, exponent);
        SplittableRandom random = new SplittableRandom(seed);
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = idOfRank(zipf.next(random));
        }
        return ids;
    }

    /** The fake database: returns session {@code id}'s fields, the same on every call, in new strings. */
    static Map<String, String> load(int id) {
        SplittableRandom random = new SplittableRandom(id * 0x9E3779B97F4A7C15L);
        long created = EPOCH_2025_MILLIS + random.nextLong(YEAR_MILLIS);
        String csrf = HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong())
                + HEX.toHexDigits(random.nextLong());
        String ip = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
        String[] agent = AGENTS[random.nextInt(AGENTS.length)];
        String version = (100 + random.nextInt(40)) + ".0." + random.nextInt(7000) + "." + random.nextInt(200);
        return Map.of(FIELDS[0], "user-" + id, FIELDS[1], Long.toString(created), FIELDS[2], csrf, FIELDS[3], ip,
                FIELDS[4], agent[0] + version + agent[1]);
    }
}
