package dev.keel.conformance;

import com.google.common.collect.testing.SetTestSuiteBuilder;
import com.google.common.collect.testing.TestStringSetGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import dev.keel.Keel;
import dev.keel.KeelSet;
import dev.keel.Store;
import dev.keel.Thresholds;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Guava testlib's Set conformance suite on the {@link KeelSet} view, against Keel with default
 * thresholds (small sets packed), Keel with every set a hash table
 * ({@link Thresholds#scalableAlways()}), and a real redis-server. Every set the suite creates is
 * a fresh key, filled with one SADD.
 *
 * <p>Declared features: the view adds, removes and removes through its iterator (GENERAL_PURPOSE;
 * iterator remove is an SREM) and answers null queries with false (ALLOWS_NULL_QUERIES). It holds
 * no null (Redis has no nulls); its order is the server's (KNOWN_ORDER is absent); its iterators
 * walk a snapshot, so they are not fail-fast; it is not serializable.
 */
class KeelSetGuavaSuiteTest {
    private static final AtomicLong KEYS = new AtomicLong();
    /** Tests left out, each with the reason it cannot hold by design. None so far. */
    private static final Map<String, String> SUPPRESSED = Map.of();

    private static Store defaults;
    private static Store scalable;
    private static Store redis;

    @BeforeAll
    static void openStores() {
        defaults = Keel.inMemory();
        scalable = Keel.builder().thresholds(Thresholds.scalableAlways()).open();
        redis = Keel.redis(RedisServer.shared().uri());
    }

    @AfterAll
    static void closeStores() {
        defaults.close();
        scalable.close();
        redis.close();
    }

    @TestFactory
    Stream<DynamicNode> setSuite() {
        return Stream.of(
                suite("default thresholds", () -> defaults),
                suite("hash tables", () -> scalable),
                suite("redis-server", () -> redis));
    }

    private static DynamicNode suite(String name, Supplier<Store> store) {
        junit.framework.Test suite = SetTestSuiteBuilder
                .using(new TestStringSetGenerator() {
                    @Override
                    protected Set<String> create(String[] elements) {
                        String key = "guava:set:" + KEYS.incrementAndGet();
                        if (elements.length > 0) {
                            store.get().commands().sadd(key, elements);
                        }
                        return store.get().set(key);
                    }
                })
                .named("KeelSet " + name)
                .withFeatures(
                        CollectionFeature.GENERAL_PURPOSE,
                        CollectionFeature.ALLOWS_NULL_QUERIES,
                        CollectionSize.ANY)
                .createTestSuite();
        return GuavaSuites.dynamic(suite, GuavaSuites.names(SUPPRESSED));
    }
}
