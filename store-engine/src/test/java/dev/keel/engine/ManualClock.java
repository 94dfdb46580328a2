package dev.keel.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand. <b>Thread safety:</b> safe for concurrent use. */
public final class ManualClock implements InstantSource {
    private final AtomicLong millis;

    /** Starts at {@code startMillis} epoch milliseconds. */
    public ManualClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    /** Starts at a fixed, realistic instant. */
    public ManualClock() {
        this(1_780_000_000_000L);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    /** Moves the clock forward. */
    public void advance(Duration duration) {
        millis.addAndGet(duration.toMillis());
    }

    /** Moves the clock forward by {@code ms} milliseconds. */
    public void advanceMillis(long ms) {
        millis.addAndGet(ms);
    }
}
