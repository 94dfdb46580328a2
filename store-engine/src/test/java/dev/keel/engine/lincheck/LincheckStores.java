package dev.keel.engine.lincheck;

import dev.keel.Keel;
import dev.keel.Store;
import dev.keel.engine.CommandSink;
import dev.keel.engine.ManualClock;
import dev.keel.engine.OffHeapStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stores that Lincheck's test instances run against, each on a {@link ManualClock} of its own
 * that stands still unless a test moves it.
 *
 * <p>Lincheck makes a new test instance for every invocation of a scenario and never says when it
 * is done with one. Under model checking each instance gets a store of its own, which closes the
 * one before it: the checker restores the Java state that a run changed, which would leave a
 * shared store's Java side out of step with its off-heap side. A stress run restores nothing, so
 * its instances share one store ({@link #reuse}), emptied by FLUSHALL for each.
 *
 * <p><b>Thread safety:</b> safe for concurrent use; Lincheck makes its instances one at a time.
 */
final class LincheckStores {
    /**
     * A store for one test instance.
     *
     * @param store the store
     * @param clock its clock
     * @param keys one key per stripe, in stripe order: a command on two of them takes two locks
     */
    record Opened(Store store, ManualClock clock, List<String> keys) {
    }

    /** The stripes of the stores of the run about to start, or under way. */
    private static int stripes = 1;
    private static boolean reuse;
    private static Opened last;
    /** Keys written at a time while looking for one per stripe: with two stripes, one batch in 128 misses one. */
    private static final int CANDIDATES_PER_BATCH = 8;

    private LincheckStores() {
    }

    /** Makes the instances of the run about to start each open a store of {@code stripeCount} stripes of their own. */
    static synchronized void fresh(int stripeCount) {
        closeAll();
        stripes = stripeCount;
    }

    /** Makes the instances of the run about to start share one store of {@code stripeCount} stripes, emptied for each. */
    static synchronized void reuse(int stripeCount) {
        closeAll();
        stripes = stripeCount;
        reuse = true;
    }

    /**
     * Returns an empty store for a new test instance, of the stripes the run asked for: the
     * shared one emptied, or one opened now, which closes the one handed out before.
     */
    static synchronized Opened open() {
        if (reuse && last != null) {
            last.store().commands().flushall();
            return last;
        }
        closeLast();
        last = openNew(stripes);
        return last;
    }

    /** Closes the store handed out last, and ends the sharing of one. */
    static synchronized void closeAll() {
        closeLast();
        reuse = false;
    }

    /**
     * Closes on a thread of its own: once Lincheck has seen an invocation fail, it abandons that
     * invocation's threads where they stand, possibly inside a command holding a stripe lock, and
     * close() would wait for that lock forever.
     */
    private static void closeLast() {
        if (last != null) {
            Thread.ofPlatform().daemon().name("lincheck-store-close").start(last.store()::close);
            last = null;
        }
    }

    private static Opened openNew(int stripeCount) {
        ManualClock clock = new ManualClock();
        Store store = Keel.builder().stripes(stripeCount).clock(clock).registerMBean(false).open();
        return new Opened(store, clock, keyPerStripe(store));
    }

    /**
     * Returns a key name for each stripe of {@code store}, in stripe order, found by writing
     * candidates a few at a time and asking each stripe which it holds. The store's key hash is
     * seeded per store, so the names differ from store to store; the stripes they sit on do not.
     * Leaves the store empty.
     */
    private static List<String> keyPerStripe(Store store) {
        OffHeapStore engine = (OffHeapStore) store;
        int stripeCount = engine.stripeCount();
        if (stripeCount == 1) {
            return List.of("key");
        }
        String[] picked = new String[stripeCount];
        int found = 0;
        for (int batch = 0; found < stripeCount; batch++) {
            Map<String, String> candidates = new LinkedHashMap<>();
            for (int i = 0; i < CANDIDATES_PER_BATCH; i++) {
                candidates.put("key" + (batch * CANDIDATES_PER_BATCH + i), "");
            }
            store.commands().mset(candidates);
            for (int stripe = 0; stripe < stripeCount; stripe++) {
                if (picked[stripe] == null) {
                    List<String> onStripe = new ArrayList<>();
                    CommandSink sink = argv -> onStripe.add(new String(argv[1], StandardCharsets.UTF_8));
                    engine.rewriteStripe(stripe, Long.MAX_VALUE, sink);
                    picked[stripe] = candidates.keySet().stream().filter(onStripe::contains).findFirst().orElse(null);
                    found += picked[stripe] == null ? 0 : 1;
                }
            }
            store.commands().del(candidates.keySet().toArray(String[]::new));
        }
        return List.of(picked);
    }
}
