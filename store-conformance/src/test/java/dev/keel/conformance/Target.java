package dev.keel.conformance;

import dev.keel.Keel;
import dev.keel.Store;
import dev.keel.Thresholds;
import java.util.List;
import java.util.function.Supplier;

/**
 * One thing the contract suite runs against: the Keel engine in one configuration, or a real
 * Redis server.
 *
 * @param name how test reports name it
 * @param opener opens a fresh, empty store
 * @param redis whether this is the real server
 */
record Target(String name, Supplier<Store> opener, boolean redis) {

    /**
     * Every target: Keel with its default configuration, its most contended one (one stripe), with
     * every value in its scalable encoding, and real Redis.
     */
    static List<Target> all() {
        return List.of(
                new Target("keel", Keel::inMemory, false),
                new Target("keel-1-stripe", () -> Keel.builder().stripes(1).open(), false),
                new Target("keel-scalable", () -> Keel.builder().thresholds(Thresholds.scalableAlways()).open(), false),
                new Target("redis-server", Target::openRedis, true));
    }

    private static Store openRedis() {
        Store store = Keel.redis(RedisServer.shared().uri());
        store.commands().flushall();
        return store;
    }

    /** Opens a fresh, empty store. */
    Store open() {
        return opener.get();
    }

    @Override
    public String toString() {
        return name;
    }
}
