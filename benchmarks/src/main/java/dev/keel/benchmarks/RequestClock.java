package dev.keel.benchmarks;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time of traffic played back at a fixed rate: it starts at a fixed instant and advances by
 * 1 / rate seconds with each request ({@link #tick}), however fast the requests really run. Given
 * to Keel ({@code Keel.builder().clock(...)}), it makes what reads the clock (the LRU clock, in
 * whole seconds as Redis's; the LFU counter's decay, one a minute; expiry) see the request rate
 * chosen, not the benchmark's.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class RequestClock implements InstantSource {
    /** 2025-01-01T00:00:00Z. */
    private static final long START_MILLIS = 1_735_689_600_000L;

    private final double requestsPerMilli;
    private final AtomicLong requests = new AtomicLong();

    /**
     * A clock advancing {@code 1 / requestsPerSecond} seconds a request.
     *
     * @throws IllegalArgumentException if the rate is not positive
     */
    RequestClock(double requestsPerSecond) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("the rate must be positive: " + requestsPerSecond);
        }
        this.requestsPerMilli = requestsPerSecond / 1000;
    }

    /** Counts one request. */
    void tick() {
        requests.getAndIncrement();
    }

    /** Returns the seconds of traffic played so far. */
    double elapsedSeconds() {
        return requests.get() / requestsPerMilli / 1000;
    }

    @Override
    public long millis() {
        return START_MILLIS + (long) (requests.get() / requestsPerMilli);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
