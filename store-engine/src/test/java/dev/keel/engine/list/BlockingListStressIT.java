package dev.keel.engine.list;

import dev.keel.Keel;
import dev.keel.Store;
import dev.keel.Thresholds;
import dev.keel.engine.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The long run of {@link BlockingListStress}: more producers, items and consumers, under every
 * encoding regime and several stripe counts (one stripe makes every key contend for one lock).
 */
class BlockingListStressIT {

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        AbstractListTest.thresholds().forEach(thresholds -> {
            for (int stripes : new int[] {1, 4, 64}) {
                runs.add(Arguments.arguments(thresholds.get()[0], stripes));
            }
        });
        return runs.stream();
    }

    @ParameterizedTest(name = "{0}, {1} stripes")
    @MethodSource("runs")
    void producersAndBlockedConsumers_deliverEveryItemExactlyOnce(Thresholds thresholds, int stripes) throws Exception {
        try (Store store = Keel.builder().thresholds(thresholds).stripes(stripes).clock(new ManualClock()).activeExpiry(false).open()) {
            BlockingListStress.run(store, new BlockingListStress.Settings(4, 25_000, 3, 5, true));
        }
    }
}
